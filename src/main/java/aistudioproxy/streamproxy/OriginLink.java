package aistudioproxy.streamproxy;

import java.io.IOException;
import java.net.Socket;
import java.util.function.LongSupplier;

/**
 * An intercepted connection's TLS link to the origin, kept alive across the browser's requests.
 * Origins close idle keep-alive connections on their own schedule (the JDK's server after 30 s),
 * and a request written onto such a link meets a closed socket. So a link idle for longer than
 * {@link #MAX_IDLE_NANOS} is replaced before the next request, and {@link #reopen()} lets the
 * caller send a request again, once, when a reused link closed without answering.
 * Owned by one connection thread.
 */
final class OriginLink implements AutoCloseable {
    /** Just under the 30 s idle timeout common to servers (the JDK's among them); a new TLS link costs one handshake. */
    static final long MAX_IDLE_NANOS = 25_000_000_000L;

    private final Upstream upstream;
    private final String host;
    private final int port;
    private final LongSupplier clock;
    private Socket socket;
    private boolean answered;
    private long idleSince;

    OriginLink(Upstream upstream, String host, int port, LongSupplier clock) {
        this.upstream = upstream;
        this.host = host;
        this.port = port;
        this.clock = clock;
    }

    /** The socket for the next request: the kept-alive one unless it idled too long, else a new one. */
    Socket forRequest() throws IOException {
        if (socket != null && answered && clock.getAsLong() - idleSince > MAX_IDLE_NANOS) close();
        if (socket == null) {
            socket = upstream.open(host, port, true);
            answered = false;
        }
        return socket;
    }

    /** True when the current socket has answered an earlier request (so it may have been closed by the origin meanwhile). */
    boolean reused() {
        return answered;
    }

    /** A new socket in place of one that closed without answering. */
    Socket reopen() throws IOException {
        close();
        return forRequest();
    }

    /** The current request was answered; the link now idles until the next one. */
    void answered() {
        answered = true;
        idleSince = clock.getAsLong();
    }

    @Override
    public void close() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a link we no longer use
        }
        socket = null;
        answered = false;
    }
}
