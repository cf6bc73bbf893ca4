package aistudioproxy.streamproxy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Stream proxy settings. {@code upstreamProxy} (may be null): all outbound traffic goes through
 * it. {@code trustLoopbackUpstreams}: accept any certificate from origins on loopback (the
 * simulator's is self-made); certificates of every other origin are verified as usual.
 * {@code tunnelPorts}: ports it connects to besides 443, 80 and the intercepted hosts' own (a
 * browser's proxy has no business elsewhere: the rest is refused, 403). {@code eventsToken}
 * (may be null): what {@code /_events} requires in {@code X-Events-Token}, since the events carry
 * every answer; the main server makes one per start and hands it over in the environment.
 */
public record ProxyOptions(String bindHost, int port, List<String> interceptHosts, URI upstreamProxy, Path dataDir,
                           boolean trustLoopbackUpstreams, List<Integer> tunnelPorts, String eventsToken) {
    public ProxyOptions {
        interceptHosts = List.copyOf(interceptHosts);
        tunnelPorts = List.copyOf(tunnelPorts);
    }

    public ProxyOptions(String bindHost, int port, List<String> interceptHosts, URI upstreamProxy, Path dataDir,
                        boolean trustLoopbackUpstreams, List<Integer> tunnelPorts) {
        this(bindHost, port, interceptHosts, upstreamProxy, dataDir, trustLoopbackUpstreams, tunnelPorts, null);
    }

    public ProxyOptions(String bindHost, int port, List<String> interceptHosts, URI upstreamProxy, Path dataDir, boolean trustLoopbackUpstreams) {
        this(bindHost, port, interceptHosts, upstreamProxy, dataDir, trustLoopbackUpstreams, List.of());
    }
}
