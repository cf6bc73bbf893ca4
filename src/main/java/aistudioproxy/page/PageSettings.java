package aistudioproxy.page;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to get a browser and page. {@code browser}: what to launch when not connecting to
 * {@code wsEndpoint} or {@code cdpEndpoint}. {@code proxy} (may be null) is the HTTP proxy the browser
 * uses (the stream proxy, or the upstream proxy, {@code http://user:pass@host:port});
 * {@code proxyLoopback} routes loopback through
 * it too (simulator mode). {@code storageState} may be null (no login, e.g. the simulator).
 * {@code promptAsFileChars}: from what prompt length on the prompt goes in as an attached text file;
 * {@code selectors}: the chains every page step uses; {@code snapshotDir}: where failed steps
 * save the page (null: nowhere).
 */
public record PageSettings(
        URI url,
        BrowserChoice browser,
        String wsEndpoint,
        String cdpEndpoint,
        boolean headless,
        Path storageState,
        URI proxy,
        boolean proxyLoopback,
        Duration operationTimeout,
        int defaultMaxOutputTokens,
        double defaultTemperature,
        double defaultTopP,
        List<String> defaultStopSequences,
        boolean clearChatAfterRequest,
        int pseudoStreamChunkChars,
        int promptAsFileChars,
        Selectors selectors,
        Path snapshotDir) {

    public PageSettings {
        defaultStopSequences = List.copyOf(defaultStopSequences);
    }
}
