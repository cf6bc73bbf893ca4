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
import aistudioproxy.models.ModelUnion;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.page.ImageLimits;
import aistudioproxy.page.PageController;
import aistudioproxy.page.PageSettings;
import aistudioproxy.page.SelectorFileException;
import aistudioproxy.page.Selectors;
import aistudioproxy.page.SharedBrowser;
import aistudioproxy.page.PageTier;
import aistudioproxy.accounts.Account;
import aistudioproxy.accounts.AccountPool;
import aistudioproxy.http.AccountReport;
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
    private final List<AccountStack> stacks = new ArrayList<>();
    private AccountPool pool;
    private Selectors selectors;
    private StreamProxyProcess proxyProcess;
    /** STREAM_PORT as in effect: 0 when tier 1 is off (configured so, or its port was taken). */
    private int streamPort;
    private ModelUnion models;
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
        java.util.Set<String> excluded = ModelRegistry.readExclusions(config.excludedModelsFile());
        List<ModelRegistry> accountModels = new ArrayList<>();
        URI url = config.aistudioUrl();
        if (config.simulator()) {
            simulator = Simulator.start(SimOptions.serving(config.simulatorPort(), SimUi.parse(config.simulatorUi()), config.simulatorAbEvery())
                    .withQuotas(config.simulatorQuotas()).withLogins(config.simulatorLogins()));
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
        // The simulator's accounts have no login files unless given some (to sign one out, say).
        List<Path> logins = config.simulator() && config.authProfiles().isEmpty()
                ? java.util.Collections.nCopies(config.simulatorAccounts(), (Path) null) : AuthProfiles.accounts(config);
        pool = new AccountPool(config.queueMax(), config.quotaCooldown(), clock);
        String cdp = config.browserCdpEndpoint();
        if (logins.size() > 1 && config.accountIsolation().equals("context") && config.browserWsEndpoint().isEmpty() && cdp.isEmpty()) {
            try {
                SharedBrowser shared = SharedBrowser.launch(browser, config.headless(), config.dataDir());
                closeables.add(shared);
                cdp = shared.cdpEndpoint();
            } catch (aistudioproxy.page.PageException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        QueueSettings queueSettings = new QueueSettings(config.queueMax(), config.queueTimeout(), config.firstTokenTimeout(),
                config.generationTimeout(), config.smartDelay(), Duration.ofSeconds(10));
        for (int i = 0; i < logins.size(); i++) {
            // Each browser goes through the stream proxy under its own label, so each account's tier 1
            // takes only its own browser's generations. The Helper serves the first account (its
            // SAPISID is the first login's).
            boolean first = i == 0;
            String label = "browser-" + (i + 1);
            ModelRegistry known = new ModelRegistry(excluded);
            accountModels.add(known);
            PageController p = new PageController(pageSettings(url, logins.get(i), proxyServer(label), cdp),
                    known, new ImageLimits(config.maxImageBytes(), config.imageFetchAllowPrivate()));
            closeables.add(p);
            List<Tier> tiers = new ArrayList<>();
            if (proxyProcess != null) {
                StreamProxyTier streamTier = new StreamProxyTier(proxyProcess, label, config.streamFirstEventTimeout(), config.streamStallTimeout());
                closeables.add(streamTier);
                streamTier.start();
                tiers.add(streamTier);
            }
            if (first && config.helperEndpoint() != null) tiers.add(helperTier());
            tiers.add(new PageTier(p));
            TierChain c = new TierChain(tiers, p::open, FunctionCallingMode.parse(config.functionCallingMode()), clock);
            String name = logins.get(i) == null && config.simulator() ? "sim-" + (i + 1) : AuthProfiles.accountName(logins.get(i), i);
            Account a = pool.add(name, (timings, failover) -> new RequestQueue(queueSettings, c, Ticker.SYSTEM, clock, timings, failover),
                    () -> new Account.PageState(p.ready(), p.signedOut(), p.notReadyReason()), model -> ModelUnion.serves(known, model));
            a.queue().start();
            stacks.add(new AccountStack(a, p, c));
        }
        models = new ModelUnion(accountModels);
        if (stacks.size() > 1) LOG.log(Level.INFO, "accounts count={0} names={1}", stacks.size(), pool.accounts().stream().map(Account::name).toList());
        List<LoginWatch.Watched> watched = new ArrayList<>();
        for (int i = 0; i < stacks.size(); i++) watched.add(new LoginWatch.Watched(stacks.get(i).page(), logins.get(i)));
        closeables.add(new LoginWatch(watched, Duration.ofSeconds(5), config.loginSaveInterval()));
        closeables.add(pool);
        api = new ApiServer(new ApiServer.Options(config.host(), config.port(), config.maxBodyBytes(), config.keepAliveInterval(), config.maxConnections(),
                config.writeStallTimeout(), new RequestLimits(config.maxMessages(), config.maxPromptChars(), config.maxImages()), config.modelAliases()),
                apiKeys, pool, models, this, logTail, clock);
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
            for (AccountStack st : stacks) Thread.ofVirtual().name("page-start-" + st.account().name()).start(st.page()::start);
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
        return new HelperTier(hs, tls, SapisidLookup.inOrder(config.helperSapisid(), AuthProfiles.first(config), this::browserCookie));
    }

    /** The browser's cookie for the Helper: none while the page cannot be asked. */
    private String browserCookie(String name) {
        try {
            return page().cookie(name);
        } catch (aistudioproxy.page.PageException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private PageSettings pageSettings(URI url, Path login, URI proxy, String cdpEndpoint) {
        return new PageSettings(url, browser, config.browserWsEndpoint(), cdpEndpoint,
                config.headless(), login, proxy, config.simulator(),
                config.pageOperationTimeout(), config.defaultMaxOutputTokens(), config.defaultTemperature(), config.defaultTopP(),
                config.defaultStopSequences(), config.clearChatAfterRequest(), config.pseudoStreamChunkChars(), config.promptAsFileChars(),
                selectors, config.dataDir().resolve("snapshots"));
    }

    /**
     * The browser's HTTP proxy: the stream proxy when tier 1 is on (it then chains to the
     * upstream proxy itself), else the upstream proxy, else none.
     */
    private URI proxyServer(String browser) {
        if (proxyProcess != null) return proxyProcess.browserProxy(browser);
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

    /** The first account's page (the only one with a single login). */
    public PageController page() {
        return stacks.getFirst().page();
    }

    /** The first account's queue. */
    public RequestQueue queue() {
        return stacks.getFirst().account().queue();
    }

    /** The first account's tiers. */
    public TierChain chain() {
        return stacks.getFirst().chain();
    }

    /** Each account's page, in account order. */
    public List<PageController> pages() {
        return stacks.stream().map(AccountStack::page).toList();
    }

    /** Each account's tiers, in account order. */
    public List<TierChain> chains() {
        return stacks.stream().map(AccountStack::chain).toList();
    }

    public AccountPool pool() {
        return pool;
    }

    /** Some account can answer. */
    public boolean ready() {
        return stacks.stream().anyMatch(st -> st.page().ready());
    }

    /** Every account can answer. */
    public boolean allReady() {
        return stacks.stream().allMatch(st -> st.page().ready());
    }

    /** Every account is as ready as it will get: its page ready, or signed out (only a new login helps). */
    public boolean settled() {
        return stacks.stream().allMatch(st -> st.page().ready() || st.page().signedOut());
    }

    @Override
    public StatusReport status() {
        Path profile = AuthProfiles.first(config);
        AccountStack shown = stacks.stream().filter(st -> st.page().ready()).findFirst().orElse(stacks.getFirst());
        return new StatusReport(Version.current(), Duration.ofNanos(System.nanoTime() - startedNanos), shown.page().status(), shown.chain().status(),
                pool.snapshot(), config.summary(), simulator == null ? null : simulator.pageUrl().toString(), models.fromPage(),
                config.simulator() ? "none (simulator)" : profile == null ? "none" : profile.getFileName().toString());
    }

    @Override
    public List<AccountReport> accounts() {
        java.time.Instant now = java.time.Instant.now();
        List<AccountReport> out = new ArrayList<>();
        for (AccountStack st : stacks) out.add(st.report(now));
        return out;
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
