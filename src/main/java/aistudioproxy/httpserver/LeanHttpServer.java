package aistudioproxy.httpserver;

import aistudioproxy.json.JsonValue;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * An HTTP/1.1 server behind the {@link HttpServer} API, for many mostly idle connections: one
 * task per connection on the given executor (virtual threads), 4 KB of buffers per connection
 * where the JDK's server keeps about 32 KB. Keep-alive, chunked bodies both ways,
 * {@code Expect: 100-continue}, HTTP/1.0 clients; bounded request heads; idle connections
 * closed after {@link #idleTimeoutMillis()}. No TLS, no authenticators.
 */
public final class LeanHttpServer extends HttpServer {
    private static final int IDLE_TIMEOUT_MS = 30_000;
    /** Longest wait for one read of a request body (a body that stops coming is a 408); default 30 s. */
    private volatile int readTimeoutMillis = 30_000;
    private volatile int headDeadlineMillis = 10_000;
    private volatile int maxConnections = Integer.MAX_VALUE;
    private volatile int writeStallMillis = 30_000;
    private Thread stallWatch;
    private volatile BiConsumer<String, InetSocketAddress> refusals = (why, from) -> {};

    private final Map<String, LeanContext> contexts = new ConcurrentHashMap<>();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket serverSocket;
    private volatile Executor executor;
    private volatile boolean stopping;
    private Thread acceptor;
    private volatile BiFunction<Integer, String, String> rejectionBody = (status, message) -> JsonValue.Obj.builder()
            .put("error", JsonValue.Obj.builder().put("message", message).put("code", status).build()).build().write();
    private volatile Consumer<Throwable> handlerFailures = t -> {};

    private LeanHttpServer() {}

    /** A server bound to {@code address} (port 0 picks a free port), not yet started. */
    public static LeanHttpServer create(InetSocketAddress address, int backlog) throws IOException {
        LeanHttpServer s = new LeanHttpServer();
        s.bind(address, backlog);
        return s;
    }

    /** The JSON body sent with a request refused before any handler saw it (malformed head, bad framing). */
    public void setRejectionBody(BiFunction<Integer, String, String> jsonBody) {
        this.rejectionBody = jsonBody;
    }

    /** Once a request head has begun, all of it must arrive within this (slow heads are a 408); default 10 s. */
    public void setHeadDeadlineMillis(int millis) {
        this.headDeadlineMillis = millis;
    }

    /** Longest wait for one read of a request body once its head is in. */
    public void setReadTimeoutMillis(int millis) {
        this.readTimeoutMillis = millis;
    }

    /**
     * Longest a write to a client may stay blocked (the client stopped reading) before its
     * connection is closed, which its handler sees as the client gone; default 30 s.
     */
    public void setWriteStallMillis(int millis) {
        this.writeStallMillis = millis;
    }

    /** Connections open at once beyond which a new one gets a 503 and is closed. */
    public void setMaxConnections(int max) {
        this.maxConnections = max;
    }

    /** Told about every request refused before a handler saw it (malformed, too slow, over the connection cap). */
    public void setRefusals(BiConsumer<String, InetSocketAddress> sink) {
        this.refusals = sink;
    }

    /** Told about a handler that threw (its connection is closed; the client got a 500 if nothing was sent yet). */
    public void setHandlerFailures(Consumer<Throwable> sink) {
        this.handlerFailures = sink;
    }

    @Override
    public void bind(InetSocketAddress address, int backlog) throws IOException {
        if (serverSocket != null) throw new IllegalStateException("already bound");
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(address, backlog);
        serverSocket = s;
    }

    @Override
    public void start() {
        if (serverSocket == null) throw new IllegalStateException("not bound");
        if (acceptor != null) throw new IllegalStateException("already started");
        if (executor == null) executor = Thread.ofVirtual().name("http-connection")::start;
        acceptor = Thread.ofPlatform().name("http-accept").daemon(true).start(this::acceptLoop);
        stallWatch = Thread.ofPlatform().name("http-stall-watch").daemon(true).start(this::watchStalls);
    }

    private void acceptLoop() {
        while (!stopping) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                if (stopping) return;
                // A failed accept (out of file descriptors, say) does not end the server; pausing
                // keeps a lasting failure from spinning a core.
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            if (connections.size() >= maxConnections) {
                refuseOverCap(s);
                continue;
            }
            ServerConnection c = new ServerConnection(s, this);
            connections.add(c);
            try {
                executor.execute(c);
            } catch (RejectedExecutionException e) {
                connections.remove(c);
                c.close();
            }
        }
    }

    /** Closes connections whose write has been blocked longer than the stall limit; checks a few times per limit. */
    private void watchStalls() {
        while (!stopping) {
            try {
                Thread.sleep(Math.max(50, Math.min(1000, writeStallMillis / 4)));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime(), limit = writeStallMillis * 1_000_000L;
            for (ServerConnection c : connections) {
                if (c.writeBlockedNanos(now) > limit) {
                    refused("write_stall ms=" + writeStallMillis, c.remoteAddress());
                    c.close();
                }
            }
        }
    }

    /** A 503 for a connection beyond the cap, written off the accept thread (a slow client cannot hold it up). */
    private void refuseOverCap(Socket s) {
        refused("connection_cap max=" + maxConnections, (InetSocketAddress) s.getRemoteSocketAddress());
        Thread.ofVirtual().name("http-refuse").start(() -> {
            try (s) {
                s.setSoTimeout(1000);
                writeRejection(s.getOutputStream(), 503, "Too many connections; try again shortly.", "Retry-After: 1\r\n");
            } catch (IOException ignored) {
                // the client is gone already
            }
        });
    }

    @Override
    public void setExecutor(Executor executor) {
        if (acceptor != null) throw new IllegalStateException("already started");
        this.executor = executor;
    }

    @Override
    public Executor getExecutor() {
        return executor;
    }

    /** Stops accepting, gives open exchanges up to {@code delay} seconds, then closes every connection. */
    @Override
    public void stop(int delay) {
        stopping = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        long end = System.nanoTime() + delay * 1_000_000_000L;
        while (!connections.isEmpty() && System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (ServerConnection c : connections) c.close();
        if (stallWatch != null) stallWatch.interrupt();
        if (acceptor != null) {
            try {
                acceptor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public HttpContext createContext(String path, HttpHandler handler) {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("context path must start with /");
        LeanContext c = new LeanContext(path, handler, this);
        if (contexts.putIfAbsent(path, c) != null) throw new IllegalArgumentException("context " + path + " already exists");
        return c;
    }

    @Override
    public HttpContext createContext(String path) {
        return createContext(path, null);
    }

    @Override
    public void removeContext(String path) {
        if (contexts.remove(path) == null) throw new IllegalArgumentException("no context " + path);
    }

    @Override
    public void removeContext(HttpContext context) {
        removeContext(context.getPath());
    }

    @Override
    public InetSocketAddress getAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** The context with the longest path that prefixes {@code path}, or null. */
    LeanContext contextFor(String path) {
        if (path == null) path = "/";
        LeanContext best = null;
        for (LeanContext c : contexts.values()) {
            if (path.startsWith(c.getPath()) && c.getHandler() != null && (best == null || c.getPath().length() > best.getPath().length())) best = c;
        }
        return best;
    }

    boolean stopping() {
        return stopping;
    }

    int idleTimeoutMillis() {
        return IDLE_TIMEOUT_MS;
    }

    int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    int headDeadlineMillis() {
        return headDeadlineMillis;
    }

    void refused(String why, InetSocketAddress from) {
        refusals.accept(why, from);
    }

    /**
     * Answers a request refused before any handler saw it: status, the JSON rejection body,
     * {@code extraHeaders} (each ending in CRLF), and the connection closes after it.
     */
    void writeRejection(OutputStream out, int status, String message, String extraHeaders) throws IOException {
        byte[] body = rejectionBody.apply(status, message).getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + Reasons.of(status) + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
                + body.length + "\r\n" + extraHeaders + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    void handlerFailed(Throwable t) {
        handlerFailures.accept(t);
    }

    void ended(ServerConnection c) {
        connections.remove(c);
    }
}
