package aistudioproxy.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The validated configuration. Built by {@link ConfigLoader}; immutable.
 * Secrets ({@code apiKeys}, {@code helperSapisid}) never appear in {@link #summary()}.
 */
public record Config(
        String host,
        int port,
        int streamPort,
        List<String> streamInterceptHosts,
        List<Integer> streamTunnelPorts,
        int streamMaxConnections,
        Duration streamFirstEventTimeout,
        Duration streamStallTimeout,
        URI upstreamProxy,
        URI helperEndpoint,
        String helperSapisid,
        Duration helperConnectTimeout,
        Duration helperFirstByteTimeout,
        Duration helperIdleTimeout,
        String browserExecutablePath,
        String browserSource,
        String browserWsEndpoint,
        String browserCdpEndpoint,
        boolean headless,
        Path authProfile,
        URI aistudioUrl,
        List<String> apiKeys,
        Path keyFile,
        int queueMax,
        Duration queueTimeout,
        Duration firstTokenTimeout,
        Duration generationTimeout,
        Duration pageOperationTimeout,
        Duration keepAliveInterval,
        boolean smartDelay,
        long maxBodyBytes,
        int maxMessages,
        long maxPromptChars,
        int maxImages,
        Duration writeStallTimeout,
        int maxConnections,
        long maxImageBytes,
        boolean imageFetchAllowPrivate,
        boolean clearChatAfterRequest,
        String functionCallingMode,
        int pseudoStreamChunkChars,
        int promptAsFileChars,
        double defaultTemperature,
        double defaultTopP,
        int defaultMaxOutputTokens,
        List<String> defaultStopSequences,
        aistudioproxy.models.ModelAliases modelAliases,
        Path excludedModelsFile,
        boolean simulator,
        int simulatorPort,
        String simulatorUi,
        int simulatorAbEvery,
        List<Path> authProfiles,
        Path authProfilesDir,
        String accountIsolation,
        Duration quotaCooldown,
        /** Zero: logins are written back only when their browser closes. */
        Duration loginSaveInterval,
        int simulatorAccounts,
        List<Integer> simulatorQuotas,
        List<String> simulatorLogins,
        String logLevel,
        Path dataDir) {

    public Config {
        streamInterceptHosts = List.copyOf(streamInterceptHosts);
        streamTunnelPorts = List.copyOf(streamTunnelPorts);
        apiKeys = List.copyOf(apiKeys);
        defaultStopSequences = List.copyOf(defaultStopSequences);
    }

    /** The value of GUI_DEFAULT_HELPER_ENDPOINT that means "the simulator's Helper endpoint". */
    public static final java.net.URI SIMULATOR_HELPER = java.net.URI.create("simulator:helper");

    /** Defaults only (no environment, no .env): for tests. */
    public static Config defaults() {
        try {
            return ConfigLoader.load(java.util.Map.of(), java.util.Map.of(), java.util.Map.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("built-in defaults are invalid", e);
        }
    }

    /** The non-secret summary shown by /api/info and the startup log. */
    public String summary() {
        return "host=" + host + " port=" + port + " stream_port=" + streamPort
                + " helper=" + (helperEndpoint == null ? "off" : helperEndpoint.getScheme() + "://" + helperEndpoint.getHost()
                        + (helperEndpoint.getPort() > 0 ? ":" + helperEndpoint.getPort() : ""))
                + " browser=" + (browserWsEndpoint.isEmpty() ? browserCdpEndpoint.isEmpty() ? "launch" : "cdp" : "ws")
                + " headless=" + headless + " simulator=" + simulator + " queue_max=" + queueMax
                + " smart_delay=" + smartDelay;
    }
}
