package aistudioproxy.streamproxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tier 1's proxy (SPEC §5): the browser's HTTP proxy. Tunnels CONNECTs untouched except for
 * intercepted hosts, whose traffic it decrypts to read GenerateContent responses and jserror
 * reports; publishes what it reads on {@code /_events}. One platform thread per connection: the
 * browser keeps a handful open, and plain threads spare the lean proxy process the virtual-thread
 * scheduler's classes and carrier threads.
 */
public final class StreamProxy implements AutoCloseable {
    /**
     * Stack of a connection thread: room for a TLS handshake, a quarter of the platform default,
     * so a full house of connections reserves little memory.
     */
    static final long CONNECTION_STACK = 256 * 1024;
    private final ProxyOptions options;
    private final HostPatterns intercept;
    private final CaStore certificates;
    private final Upstream upstream;
    private final EventHub hub = new EventHub();
    private final Activity activity = new Activity(System::nanoTime);
    private final ServerSocket server;
    private final AtomicInteger open = new AtomicInteger();
    private Thread acceptor;
    private long lastBusyLog;
    private volatile ConnectionDeadlines deadlines = ConnectionDeadlines.DEFAULT;

    public StreamProxy(ProxyOptions options) throws IOException, GeneralSecurityException {
        this.options = options;
        this.intercept = new HostPatterns(options.interceptHosts());
        this.certificates = new CaStore(options.dataDir());
        this.upstream = new Upstream(options.upstreamProxy(), options.trustLoopbackUpstreams());
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(options.bindHost()), options.port()), 512);
    }

    public void start() {
        acceptor = Thread.ofPlatform().name("proxy-accept").daemon(true).start(this::acceptLoop);
        ProxyLog.log(ProxyLog.Level.INFO, "StreamProxy", "stream_proxy_listening port=" + port() + " intercept=" + options.interceptHosts()
                + " upstream=" + (options.upstreamProxy() == null ? "direct" : options.upstreamProxy().getHost()) + " ca=" + certificates.caFile());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                if (open.incrementAndGet() > options.maxConnections()) {
                    open.decrementAndGet();
                    refuseBusy(s);
                    continue;
                }
                ProxyConnection connection = new ProxyConnection(s, this);
                Thread.ofPlatform().name("proxy-conn").daemon(true).stackSize(CONNECTION_STACK).start(() -> {
                    try {
                        connection.run();
                    } finally {
                        open.decrementAndGet();
                    }
                });
            } catch (IOException e) {
                if (!server.isClosed()) ProxyLog.log(ProxyLog.Level.WARNING, "StreamProxy", "proxy_accept_failed why=" + e.getMessage());
            }
        }
    }

    /**
     * A connection beyond the cap: a 503 written on the acceptor thread (it fits in the socket's
     * send buffer, so the write does not wait for the peer), then closed. What the peer sent
     * already is read off first: closing a socket with unread input resets it, which could
     * destroy the 503 before the peer reads it.
     */
    private void refuseBusy(Socket s) {
        long now = System.nanoTime();
        if (now - lastBusyLog > 1_000_000_000L) {
            lastBusyLog = now;
            ProxyLog.log(ProxyLog.Level.WARNING, "StreamProxy", "proxy_busy open=" + options.maxConnections() + " refused with 503 (STREAM_MAX_CONNECTIONS)");
        }
        try (s) {
            ProxyConnection.respond(s.getOutputStream(), 503, "the stream proxy holds " + options.maxConnections() + " connections already");
            s.shutdownOutput();
            s.getInputStream().skipNBytes(Math.min(s.getInputStream().available(), HttpHead.MAX_HEAD));
        } catch (IOException ignored) {
            // the peer is gone already
        } catch (RuntimeException e) {
            ProxyLog.log(ProxyLog.Level.DEBUG, "StreamProxy", "proxy_busy_reply_failed why=" + e);
        }
    }

    /** Connections open now (for tests and the busy log). */
    int openConnections() {
        return open.get();
    }

    public int port() {
        return server.getLocalPort();
    }

    ConnectionDeadlines deadlines() {
        return deadlines;
    }

    /** Shorter deadlines for tests. */
    void deadlines(ConnectionDeadlines d) {
        deadlines = d;
    }

    boolean intercepts(String host, int port) {
        return intercept.matches(host, port);
    }

    ProxyAccess access() {
        return options.access();
    }

    /** Whether the proxy connects to {@code host:port} for a client: 443, 80, an intercepted host, or a configured port. */
    boolean mayConnect(String host, int port) {
        return port == 443 || port == 80 || intercepts(host, port) || options.tunnelPorts().contains(port);
    }

    CaStore certificates() {
        return certificates;
    }

    Upstream upstream() {
        return upstream;
    }

    EventHub hub() {
        return hub;
    }

    Activity activity() {
        return activity;
    }

    /** The CA certificate that signs intercepted hosts' certificates (to trust it in tests or a browser). */
    public java.security.cert.X509Certificate caCertificate() {
        return certificates.caCertificate();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
