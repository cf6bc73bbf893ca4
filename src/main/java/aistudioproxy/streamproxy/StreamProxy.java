package aistudioproxy.streamproxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Tier 1's proxy (SPEC §5): the browser's HTTP proxy. Tunnels CONNECTs untouched except for
 * intercepted hosts, whose traffic it decrypts to read GenerateContent responses and jserror
 * reports; publishes what it reads on {@code /_events}. One platform thread per connection: the
 * browser keeps a handful open, and plain threads spare the lean proxy process the virtual-thread
 * scheduler's classes and carrier threads.
 */
public final class StreamProxy implements AutoCloseable {
    private final ProxyOptions options;
    private final HostPatterns intercept;
    private final CaStore certificates;
    private final Upstream upstream;
    private final EventHub hub = new EventHub();
    private final Activity activity = new Activity(System::nanoTime);
    private final ServerSocket server;
    private Thread acceptor;

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
                Thread.ofPlatform().name("proxy-conn").daemon(true).start(new ProxyConnection(s, this));
            } catch (IOException e) {
                if (!server.isClosed()) ProxyLog.log(ProxyLog.Level.WARNING, "StreamProxy", "proxy_accept_failed why=" + e.getMessage());
            }
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    boolean intercepts(String host, int port) {
        return intercept.matches(host, port);
    }

    /** Whether a request for the event channel carries its token (any request does when none is set). */
    boolean eventsAllowed(String presented) {
        String token = options.eventsToken();
        if (token == null || token.isEmpty()) return true;
        return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
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
