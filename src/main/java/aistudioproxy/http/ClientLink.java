package aistudioproxy.http;

import com.sun.net.httpserver.HttpExchange;

/** Whether the client of an exchange is still connected, as far as can be told without writing. */
final class ClientLink {
    private final ClientProbe probe;
    private final int localPort;
    private final int remotePort;
    private final long openedNanos = System.nanoTime();

    ClientLink(ClientProbe probe, HttpExchange exchange) {
        this.probe = probe;
        this.localPort = exchange.getLocalAddress().getPort();
        this.remotePort = exchange.getRemoteAddress().getPort();
    }

    boolean gone() {
        return probe.closedByClient(localPort, remotePort, openedNanos);
    }
}
