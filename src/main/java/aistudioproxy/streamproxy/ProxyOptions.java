package aistudioproxy.streamproxy;

import aistudioproxy.config.Setting;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Stream proxy settings. {@code upstreamProxy} (may be null): all outbound traffic goes through
 * it. {@code trustLoopbackUpstreams}: accept any certificate from origins on loopback (the
 * simulator's is self-made); certificates of every other origin are verified as usual.
 * {@code tunnelPorts}: ports it connects to besides 443, 80 and the intercepted hosts' own (a
 * browser's proxy has no business elsewhere: the rest is refused, 403). {@code access}: the
 * credential and event token it requires. {@code maxConnections}: client connections held at
 * once; one beyond gets a 503 and is closed, which bounds the threads and buffers a flood costs.
 */
public record ProxyOptions(String bindHost, int port, List<String> interceptHosts, URI upstreamProxy, Path dataDir,
                           boolean trustLoopbackUpstreams, List<Integer> tunnelPorts, ProxyAccess access, int maxConnections) {
    /** The default of {@code maxConnections}: far above a browser's own (Chromium opens at most 32 per proxy). */
    public static final int DEFAULT_MAX_CONNECTIONS = Integer.parseInt(Setting.STREAM_MAX_CONNECTIONS.defaultValue());

    public ProxyOptions {
        interceptHosts = List.copyOf(interceptHosts);
        tunnelPorts = List.copyOf(tunnelPorts);
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be positive");
    }

    public ProxyOptions(String bindHost, int port, List<String> interceptHosts, URI upstreamProxy, Path dataDir,
                        boolean trustLoopbackUpstreams, List<Integer> tunnelPorts) {
        this(bindHost, port, interceptHosts, upstreamProxy, dataDir, trustLoopbackUpstreams, tunnelPorts, ProxyAccess.OPEN, DEFAULT_MAX_CONNECTIONS);
    }

    public ProxyOptions(String bindHost, int port, List<String> interceptHosts, URI upstreamProxy, Path dataDir, boolean trustLoopbackUpstreams) {
        this(bindHost, port, interceptHosts, upstreamProxy, dataDir, trustLoopbackUpstreams, List.of());
    }
}
