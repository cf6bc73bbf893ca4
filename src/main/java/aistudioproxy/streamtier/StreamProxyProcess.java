package aistudioproxy.streamtier;

import aistudioproxy.streamproxy.ProxyAccess;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Starts the stream proxy as a second JVM from our own classpath and keeps it running: when it
 * dies it is started again at once, then with growing delays (up to 15 s) if it keeps dying.
 * The two processes are independent: a proxy crash never takes the server down, and the proxy
 * exits by itself when the server is gone (its stdin closes).
 */
public final class StreamProxyProcess implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamProxyProcess.class.getName());
    private static final long MAX_BACKOFF_MS = 15_000;

    private final int port;
    private final List<String> intercept;
    private final URI upstream;
    private final Path dataDir;
    private final boolean trustLoopback;
    private final String logLevel;
    private final List<Integer> tunnelPorts;
    private final int maxConnections;
    /** Made at construction, handed to the proxy in its environment, required by its event channel. */
    private final String eventsToken = newToken();
    /** Made at construction, handed to the proxy in its environment and to the browser in its proxy settings. */
    private final String credential = "aistudio-proxy:" + newToken();
    private volatile Process process;
    private volatile boolean closed;
    private volatile int restarts;
    private Thread supervisor;

    public StreamProxyProcess(int port, List<String> intercept, URI upstream, Path dataDir, boolean trustLoopback, String logLevel,
                              List<Integer> tunnelPorts, int maxConnections) {
        this.port = port;
        this.tunnelPorts = List.copyOf(tunnelPorts);
        this.maxConnections = maxConnections;
        this.intercept = List.copyOf(intercept);
        this.upstream = upstream;
        this.dataDir = dataDir;
        this.trustLoopback = trustLoopback;
        this.logLevel = logLevel;
    }

    public void start() {
        supervisor = Thread.ofPlatform().daemon(true).name("stream-proxy-supervisor").start(this::supervise);
    }

    private void supervise() {
        long backoff = 0;
        while (!closed) {
            long started = System.nanoTime();
            try {
                process = launch();
                int code = process.waitFor();
                if (closed) return;
                restarts++;
                LOG.log(Level.WARNING, "stream_proxy_died exit={0} restarts={1}", code, restarts);
            } catch (IOException e) {
                LOG.log(Level.ERROR, "stream_proxy_launch_failed why={0}", e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
            // Ran for a while: restart at once. Died quickly again: back off.
            backoff = System.nanoTime() - started > Duration.ofSeconds(30).toNanos() ? 0 : Math.min(MAX_BACKOFF_MS, backoff == 0 ? 500 : backoff * 2);
            if (restarts == 1) backoff = 0;
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Process launch() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(ProxyJvm.options(Runtime.version().feature()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "aistudioproxy.streamproxy.StreamProxyMain",
                "--port", Integer.toString(port), "--intercept", String.join(",", intercept),
                "--data-dir", dataDir.toString(), "--log-level", logLevel, "--max-connections", Integer.toString(maxConnections), "--exit-with-parent"));
        if (!tunnelPorts.isEmpty()) cmd.addAll(List.of("--tunnel-ports", String.join(",", tunnelPorts.stream().map(String::valueOf).toList())));
        if (upstream != null) cmd.addAll(List.of("--upstream-proxy", upstream.toString()));
        if (trustLoopback) cmd.add("--trust-loopback-upstreams");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // One malloc arena: the proxy has few threads, and each extra arena is resident memory.
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        pb.environment().put(ProxyAccess.EVENTS_TOKEN_ENV, eventsToken);
        pb.environment().put(ProxyAccess.CREDENTIAL_ENV, credential);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        LOG.log(Level.INFO, "stream_proxy_started pid={0,number,#} port={1,number,#}", p.pid(), port);
        return p;
    }

    /** The token the proxy's event channel requires. */
    public String eventsToken() {
        return eventsToken;
    }

    /** The first (or only) browser's proxy address. */
    public URI browserProxy() {
        return browserProxy("browser-1");
    }

    /**
     * The proxy address one browser is given: the credential's password with {@code browser} (its
     * label, letters, digits, - and _) as the user name, which the browser launcher turns into the
     * browser's proxy username and password; the proxy tags that browser's generations with it.
     */
    public URI browserProxy(String browser) {
        int colon = credential.indexOf(':');
        return URI.create("http://" + browser + ":" + credential.substring(colon + 1) + "@127.0.0.1:" + port);
    }

    private static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** True when the process runs and its port accepts connections. */
    public boolean healthy() {
        Process p = process;
        if (p == null || !p.isAlive()) return false;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the proxy accepts connections; false if it did not within {@code timeout}. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (healthy()) return true;
            Thread.sleep(25);
        }
        return false;
    }

    public int port() {
        return port;
    }

    public int restarts() {
        return restarts;
    }

    /** The running process, for tests and the fault suite (e.g. to kill it). */
    public ProcessHandle handle() {
        Process p = process;
        return p == null ? null : p.toHandle();
    }

    @Override
    public void close() {
        closed = true;
        Process p = process;
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (supervisor != null) supervisor.interrupt();
    }
}
