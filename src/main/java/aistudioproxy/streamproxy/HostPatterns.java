package aistudioproxy.streamproxy;

import java.util.List;
import java.util.Locale;

/**
 * Which CONNECT targets are intercepted. A pattern is a host ({@code example.com}, any port),
 * a host with port ({@code 127.0.0.1:8443}), or a wildcard ({@code *.google.com}).
 */
record HostPatterns(List<String> patterns) {
    HostPatterns {
        patterns = patterns.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
    }

    boolean matches(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            String hostPart = p, portPart = null;
            int colon = p.lastIndexOf(':');
            if (colon > 0 && p.indexOf(':') == colon) {
                hostPart = p.substring(0, colon);
                portPart = p.substring(colon + 1);
            }
            if (portPart != null && !portPart.equals(Integer.toString(port))) continue;
            if (hostPart.startsWith("*.") ? h.endsWith(hostPart.substring(1)) : h.equals(hostPart)) return true;
        }
        return false;
    }
}
