package aistudioproxy.httpserver;

import com.sun.net.httpserver.Filter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One client connection: reads a request, runs its context's filters and handler, waits for the
 * exchange to close, and repeats while the connection can be kept alive. Buffers are small and
 * held only while needed (see {@link ConnectionInput}), so a waiting client costs little heap.
 */
final class ServerConnection implements Runnable {
    private static final int OUT_BUFFER = 2048;

    private final Socket socket;
    private final LeanHttpServer server;
    /** When the write now blocked began (System.nanoTime), or 0: a client that stops reading shows here. */
    private volatile long writingSince;

    ServerConnection(Socket socket, LeanHttpServer server) {
        this.socket = socket;
        this.server = server;
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            ConnectionInput in = new ConnectionInput(socket);
            OutputStream raw = new StallWatchedOutput(socket.getOutputStream());
            while (!server.stopping()) {
                socket.setSoTimeout(server.idleTimeoutMillis());
                OutputStream out = null;
                RequestHead head;
                LeanExchange exchange;
                LeanContext context;
                try {
                    if (!in.awaitData()) return; // the client closed between requests
                    // Once a head has begun it must be complete within the deadline, however slowly it trickles.
                    in.armDeadline(System.nanoTime() + server.headDeadlineMillis() * 1_000_000L);
                    head = RequestHead.read(in);
                    if (head == null) return;
                    in.disarmDeadline(server.readTimeoutMillis());
                    out = new BufferedOutputStream(raw, OUT_BUFFER); // per exchange: a connection idle between requests holds none
                    context = server.contextFor(head.uri().getPath());
                    exchange = new LeanExchange(head, context, this, in, out);
                } catch (ConnectionInput.DeadlineException e) {
                    server.refused("head_deadline", remoteAddress());
                    reject(raw, 408, "The request head did not arrive within " + server.headDeadlineMillis() + " ms.");
                    return;
                } catch (SocketTimeoutException e) {
                    return; // an idle keep-alive connection
                } catch (MalformedRequestException e) {
                    server.refused("malformed_head status=" + e.status() + " why=" + e.getMessage(), remoteAddress());
                    reject(out != null ? out : raw, e.status(), e.getMessage());
                    return;
                }
                if (context == null) {
                    reject(out, 404, "No handler for " + head.uri().getPath() + ".");
                    return;
                }
                try {
                    new Filter.Chain(context.getFilters(), context.getHandler()).doFilter(exchange);
                } catch (IOException | RuntimeException | Error e) {
                    server.handlerFailed(e);
                    exchange.close();
                    return;
                }
                if (!exchange.awaitClose()) return;
            }
        } catch (IOException e) {
            // the client went away or broke the protocol; the connection ends here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.ended(this);
        }
    }

    /** How long the write now in progress has been blocked, in nanoseconds (0: none). */
    long writeBlockedNanos(long now) {
        long since = writingSince;
        return since == 0 ? 0 : now - since;
    }

    /** The socket's output, stamping each write so a stalled one can be seen from outside. */
    private final class StallWatchedOutput extends OutputStream {
        private final OutputStream out;

        StallWatchedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            writingSince = System.nanoTime();
            try {
                out.write(b);
            } finally {
                writingSince = 0;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writingSince = System.nanoTime();
            try {
                out.write(b, off, len);
            } finally {
                writingSince = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** Answers a request the server could not take, then the connection closes. */
    private void reject(OutputStream out, int status, String message) throws IOException {
        server.writeRejection(out, status, message, "");
    }
}
