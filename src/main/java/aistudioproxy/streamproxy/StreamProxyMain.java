package aistudioproxy.streamproxy;

import aistudioproxy.config.Setting;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar aistudio-proxy.jar stream-proxy [--port N] [--intercept HOSTS] [--upstream-proxy URL]
 * [--data-dir DIR] [--bind HOST] [--log-level LEVEL] [--trust-loopback-upstreams] [--tunnel-ports PORTS] [--max-connections N]
 * [--exit-with-parent]}: the stream proxy as its own process. Its credential and event token come in the environment
 * ({@link ProxyAccess#CREDENTIAL_ENV}, {@link ProxyAccess#EVENTS_TOKEN_ENV}). {@code --exit-with-parent} (used by the main server's supervisor)
 * ends it when its standard input closes, i.e. when the process that started it is gone.
 */
public final class StreamProxyMain {
    /** Quiet time after the last exchange before the process compacts its heap (see {@link IdleCollector}). */
    static final Duration IDLE_COLLECTION_AFTER = Duration.ofSeconds(2);

    private StreamProxyMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        int port = Integer.parseInt(Setting.STREAM_PORT.defaultValue());
        List<String> intercept = List.of(Setting.STREAM_INTERCEPT_HOSTS.defaultValue().split(","));
        URI upstream = null;
        Path dataDir = Path.of(Setting.DATA_DIR.defaultValue());
        String bind = "127.0.0.1";
        boolean trustLoopback = false, exitWithParent = false;
        List<Integer> tunnelPorts = List.of();
        int maxConnections = ProxyOptions.DEFAULT_MAX_CONNECTIONS;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "stream-proxy" -> { }
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--intercept" -> intercept = List.of(args[++i].split(","));
                    case "--upstream-proxy" -> upstream = args[i + 1].isEmpty() ? null : URI.create(args[i + 1]);
                    case "--data-dir" -> dataDir = Path.of(args[++i]);
                    case "--bind" -> bind = args[++i];
                    case "--log-level" -> ProxyLog.setLevel(args[++i]);
                    case "--trust-loopback-upstreams" -> trustLoopback = true;
                    case "--tunnel-ports" -> tunnelPorts = Arrays.stream(args[++i].split(",")).map(String::strip)
                            .filter(x -> !x.isEmpty()).map(Integer::valueOf).toList();
                    case "--max-connections" -> maxConnections = Integer.parseInt(args[++i]);
                    case "--exit-with-parent" -> exitWithParent = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                if (args[i].equals("--upstream-proxy")) i++;
            }
        } catch (RuntimeException e) {
            System.err.println("stream-proxy: " + e.getMessage());
            System.err.println("usage: stream-proxy [--port N] [--intercept HOST,HOST] [--upstream-proxy http://user:pass@host:port] [--data-dir DIR] [--log-level LEVEL] [--tunnel-ports PORT,PORT] [--max-connections N]");
            return 2;
        }
        StreamProxy proxy;
        try {
            // The main server's supervisor hands over the secrets this way (not on the command line, which others can read).
            ProxyAccess access = new ProxyAccess(System.getenv(ProxyAccess.CREDENTIAL_ENV), System.getenv(ProxyAccess.EVENTS_TOKEN_ENV));
            proxy = new StreamProxy(new ProxyOptions(bind, port, intercept, upstream, dataDir, trustLoopback, tunnelPorts, access, maxConnections));
        } catch (Exception e) {
            System.err.println("stream-proxy: cannot start: " + e.getMessage());
            return 1;
        }
        try (proxy; IdleCollector collector = new IdleCollector(proxy.activity(), IDLE_COLLECTION_AFTER, System::gc)) {
            proxy.start();
            collector.start();
            System.out.println("stream-proxy listening on " + bind + ":" + proxy.port());
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
            // The main thread waits for the end itself (no watcher thread: each one is resident memory).
            if (exitWithParent) {
                try {
                    while (System.in.read() >= 0) {
                        // the parent never writes; EOF means it is gone
                    }
                } catch (java.io.IOException ignored) {
                    // same as EOF
                }
            } else {
                new CountDownLatch(1).await();
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
