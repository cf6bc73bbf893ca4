package aistudioproxy.streamproxy;

/**
 * How long a browser connection may keep the proxy waiting on it, in milliseconds, so no
 * connection holds one of the capped slots for nothing. {@code head}: for its first request head;
 * {@code handshake}: for the TLS handshake of an intercepted CONNECT; {@code idle}: between two
 * requests of a kept-alive connection (the browser opens a new one when it needs to; Chromium
 * itself drops proxy connections idle for some minutes). Tunnels and the event stream have none:
 * they are open as long as their peers want.
 */
record ConnectionDeadlines(int headMs, int handshakeMs, int idleMs) {
    static final ConnectionDeadlines DEFAULT = new ConnectionDeadlines(10_000, 10_000, 300_000);
}
