package aistudioproxy.streamproxy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Stream proxy settings. {@code upstreamProxy} (may be null): all outbound traffic goes through
 * it. {@code trustLoopbackUpstreams}: accept any certificate from origins on loopback (the
 * simulator's is self-made); certificates of every other origin are verified as usual.
 */
public record ProxyOptions(String bindHost, int port, List<String> interceptHosts, URI upstreamProxy, Path dataDir,
                           boolean trustLoopbackUpstreams) {
    public ProxyOptions {
        interceptHosts = List.copyOf(interceptHosts);
    }
}
