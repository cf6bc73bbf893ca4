package aistudioproxy.app;

import aistudioproxy.config.Config;
import aistudioproxy.helper.HelperSettings;
import aistudioproxy.helper.HelperTier;
import aistudioproxy.helper.SapisidLookup;
import aistudioproxy.http.ApiKeys;
import aistudioproxy.http.ApiServer;
import aistudioproxy.http.KeyFile;
import aistudioproxy.http.ServiceStatus;
import aistudioproxy.http.StatusReport;
import aistudioproxy.models.ModelRegistry;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.page.ImageLimits;
import aistudioproxy.page.PageController;
import aistudioproxy.page.PageSettings;
import aistudioproxy.page.SelectorFileException;
import aistudioproxy.page.Selectors;
import aistudioproxy.page.PageTier;
import aistudioproxy.queue.QueueSettings;
import aistudioproxy.queue.RequestQueue;
import aistudioproxy.queue.Ticker;
import aistudioproxy.simulator.SimOptions;
import aistudioproxy.simulator.SimUi;
import aistudioproxy.simulator.Simulator;
import aistudioproxy.streamtier.StreamProxyProcess;
import aistudioproxy.streamtier.StreamProxyTier;
import aistudioproxy.tier.Tier;
import aistudioproxy.tls.ClientContexts;
import aistudioproxy.tier.TierChain;
import aistudioproxy.tools.FunctionCallingMode;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The assembled server: simulator (optional), browser page, tiers, queue and HTTP API, started in
 * that order and closed in reverse. The browser opens in the background, so the API listens
 * within a second and reports "starting" on /health until the page is ready.
 */
public final class Application implements AutoCloseable, ServiceStatus {
    private static final System.Logger LOG = System.getLogger(Application.class.getName());

    private final Config config;
    private final long startedNanos = System.nanoTime();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Simulator simulator;
    private PageController page;
    private Selectors selectors;
    private StreamProxyProcess proxyProcess;
    /** STREAM_PORT as in effect: 0 when tier 1 is off (configured so, or its port was taken). */
    private int streamPort;
    private ModelRegistry models;
    private TierChain chain;
    private RequestQueue queue;
    private ApiServer api;
    private aistudioproxy.page.BrowserChoice browser;

    private Application(Config config) {
        this.config = config;
    }

    public static Application start(Config config) throws IOException {
        Application app = new Application(config);
        try {
            app.doStart();
            return app;
        } catch (IOException | RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void doStart() throws IOException {
        Clock clock = Clock.systemUTC();
        try {
            selectors = Selectors.load(Selectors.userFile(config.dataDir()));
        } catch (SelectorFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (selectors.overrideFile() != null) LOG.log(Level.INFO, "selectors_overridden file={0}", selectors.overrideFile());
        List<String> keys = new ArrayList<>(config.apiKeys());
        keys.addAll(KeyFile.read(config.keyFile()));
        ApiKeys apiKeys = new ApiKeys(keys);
        List<String> secrets = new ArrayList<>(keys);
        secrets.add(config.helperSapisid());
        LogTail logTail = LogTail.install(secrets);
        closeables.add(logTail);
        models = new ModelRegistry(ModelRegistry.readExclusions(config.excludedModelsFile()));
        URI url = config.aistudioUrl();
        if (config.simulator()) {
            simulator = Simulator.start(SimOptions.serving(config.simulatorPort(), SimUi.parse(config.simulatorUi()), config.simulatorAbEvery()));
            closeables.add(simulator);
            url = simulator.pageUrl();
        }
        streamPort = config.streamPort();
        if (streamPort != 0 && !portFree(streamPort)) {
            // The browser would be pointed at a proxy that cannot run: better no tier 1 than no browser.
            LOG.log(Level.ERROR, "stream_proxy_port_busy port={0,number,#}: tier 1 disabled; free the port or set STREAM_PORT", streamPort);
            streamPort = 0;
        }
        if (streamPort != 0) {
            List<String> intercept = new ArrayList<>(config.streamInterceptHosts());
            if (simulator != null) intercept.addAll(simulator.hosts());
            proxyProcess = new StreamProxyProcess(streamPort, intercept, config.upstreamProxy(), config.dataDir(), simulator != null, config.logLevel(),
                    config.streamTunnelPorts(), config.streamMaxConnections());
            closeables.add(proxyProcess);
            proxyProcess.start();
        }
        browser = BrowserSetup.choose(config, config.headless());
        page = new PageController(pageSettings(url), models, new ImageLimits(config.maxImageBytes(), config.imageFetchAllowPrivate()));
        closeables.add(page);
        List<Tier> tiers = new ArrayList<>();
        if (proxyProcess != null) {
            StreamProxyTier streamTier = new StreamProxyTier(proxyProcess, config.streamFirstEventTimeout(), config.streamStallTimeout());
            closeables.add(streamTier);
            streamTier.start();
            tiers.add(streamTier);
        }
        if (config.helperEndpoint() != null) tiers.add(helperTier());
        tiers.add(new PageTier(page));
        chain = new TierChain(tiers, page::open, FunctionCallingMode.parse(config.functionCallingMode()), clock);
        queue = new RequestQueue(new QueueSettings(config.queueMax(), config.queueTimeout(), config.firstTokenTimeout(),
                config.generationTimeout(), config.smartDelay(), Duration.ofSeconds(10)), chain, Ticker.SYSTEM, clock);
        closeables.add(queue);
        queue.start();
        api = new ApiServer(new ApiServer.Options(config.host(), config.port(), config.maxBodyBytes(), config.keepAliveInterval(), config.maxConnections(),
                config.writeStallTimeout(), new RequestLimits(config.maxMessages(), config.maxPromptChars(), config.maxImages()), config.modelAliases()),
                apiKeys, queue, models, this, logTail, clock);
        closeables.add(api);
        api.start();
        LOG.log(Level.INFO, "listening url=http://{0}:{1,number,#} version={2} {3}", config.host(), api.port(), Version.current(), config.summary());
        LOG.log(apiKeys.required() ? Level.INFO : Level.WARNING, apiKeys.required()
                ? "api_keys_required count=" + apiKeys.count()
                : "api_keys_none: /v1 is open to anyone who can reach " + config.host() + ":" + api.port());
        Warmup.start(api.port());
        // The browser starts once the server listens: Playwright's start-up (~500 classes) would
        // otherwise compete with ours for the CPU, and /health can already say "starting".
        Thread.ofVirtual().name("page-start").start(() -> {
            // The browser's first page load goes through the stream proxy: let it come up first.
            try {
                if (proxyProcess != null && !proxyProcess.awaitReady(Duration.ofSeconds(15))) {
                    LOG.log(Level.WARNING, "stream_proxy_not_ready: starting the page anyway");
                }
            } catch (InterruptedException e) {
                return;
            }
            page.start();
        });
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Tier helperTier() throws IOException {
        boolean sim = config.helperEndpoint().equals(Config.SIMULATOR_HELPER);
        URI endpoint = sim ? simulator.helperUrl() : config.helperEndpoint();
        javax.net.ssl.SSLContext tls = null;
        if (sim) {
            try {
                tls = ClientContexts.trustingSimulator();
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot set up TLS for the simulator's Helper", e);
            }
        }
        HelperSettings hs = new HelperSettings(endpoint, config.helperConnectTimeout(), config.helperFirstByteTimeout(), config.helperIdleTimeout());
        return new HelperTier(hs, tls, SapisidLookup.inOrder(config.helperSapisid(), AuthProfiles.resolve(config.authProfile()), this::browserCookie));
    }

    /** The browser's cookie for the Helper: none while the page cannot be asked. */
    private String browserCookie(String name) {
        try {
            return page.cookie(name);
        } catch (aistudioproxy.page.PageException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private PageSettings pageSettings(URI url) {
        return new PageSettings(url, browser, config.browserWsEndpoint(), config.browserCdpEndpoint(),
                config.headless(), AuthProfiles.resolve(config.authProfile()), proxyServer(), config.simulator(),
                config.pageOperationTimeout(), config.defaultMaxOutputTokens(), config.defaultTemperature(), config.defaultTopP(),
                config.defaultStopSequences(), config.clearChatAfterRequest(), config.pseudoStreamChunkChars(), config.promptAsFileChars(),
                selectors, config.dataDir().resolve("snapshots"));
    }

    /**
     * The browser's HTTP proxy: the stream proxy when tier 1 is on (it then chains to the
     * upstream proxy itself), else the upstream proxy, else none.
     */
    private URI proxyServer() {
        if (proxyProcess != null) return proxyProcess.browserProxy();
        return config.upstreamProxy();
    }

    public StreamProxyProcess streamProxy() {
        return proxyProcess;
    }

    public int port() {
        return api.port();
    }

    public Simulator simulator() {
        return simulator;
    }

    public PageController page() {
        return page;
    }

    public RequestQueue queue() {
        return queue;
    }

    public TierChain chain() {
        return chain;
    }

    public boolean ready() {
        return page.ready();
    }

    @Override
    public StatusReport status() {
        Path profile = AuthProfiles.resolve(config.authProfile());
        return new StatusReport(Version.current(), Duration.ofNanos(System.nanoTime() - startedNanos), page.status(), chain.status(),
                queue.snapshot(), config.summary(), simulator == null ? null : simulator.pageUrl().toString(), models.fromPage(),
                config.simulator() ? "none (simulator)" : profile == null ? "none" : profile.getFileName().toString());
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "close_failed component=" + closeables.get(i).getClass().getSimpleName(), e);
            }
        }
        closeables.clear();
    }
}
