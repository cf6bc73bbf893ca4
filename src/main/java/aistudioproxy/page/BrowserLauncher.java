package aistudioproxy.page;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.Proxy;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gets a browser: connects to {@code BROWSER_WS_ENDPOINT} (a Playwright server, e.g. Camoufox, a
 * Firefox; Chromium is tried second) or {@code BROWSER_CDP_ENDPOINT} (Chrome), else launches
 * the Chromium {@link BrowserSearch} chose at start. Owner thread only.
 */
final class BrowserLauncher {
    private static final System.Logger LOG = System.getLogger(BrowserLauncher.class.getName());

    /**
     * Flags for a server-side browser: no sandbox (often run as root in containers), no GPU, and no
     * background traffic to Google services (update checks, sync, QUIC) that a closed network
     * refuses by the dozen.
     */
    static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");

    private BrowserLauncher() {}

    static Playwright createPlaywright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser open(Playwright playwright, PageSettings s) throws PageException {
        try {
            if (!s.wsEndpoint().isEmpty()) return connectWs(playwright, s.wsEndpoint());
            if (!s.cdpEndpoint().isEmpty()) return playwright.chromium().connectOverCDP(s.cdpEndpoint());
            return launch(playwright, s);
        } catch (PlaywrightException e) {
            throw new PageException(PageException.Kind.NOT_READY, "cannot start or reach the browser: " + PageException.describe(e), e);
        }
    }

    private static Browser connectWs(Playwright playwright, String endpoint) {
        try {
            return playwright.firefox().connect(endpoint);
        } catch (PlaywrightException firefoxFailed) {
            LOG.log(Level.INFO, "browser_connect_retry as=chromium why={0}", PageException.describe(firefoxFailed));
            return playwright.chromium().connect(endpoint);
        }
    }

    private static Browser launch(Playwright playwright, PageSettings s) throws PageException {
        List<String> args = new ArrayList<>(CHROMIUM_ARGS);
        BrowserType.LaunchOptions o = new BrowserType.LaunchOptions().setHeadless(s.headless()).setTimeout(60_000);
        Proxy proxy = proxy(s);
        if (proxy != null) o.setProxy(proxy);
        o.setArgs(args);
        switch (s.browser()) {
            case BrowserChoice.Executable e -> o.setExecutablePath(e.path());
            case BrowserChoice.Managed m -> { } // Playwright finds its own
            case BrowserChoice.Missing m -> throw new PageException(PageException.Kind.NOT_READY, m.fix());
        }
        LOG.log(Level.INFO, "browser_launch executable={0} headless={1} proxy={2}", s.browser().describe(), s.headless(), s.proxy() == null ? "none" : s.proxy().getHost() + ":" + s.proxy().getPort());
        return playwright.chromium().launch(o);
    }

    /**
     * The browser's proxy, user info of {@code s.proxy()} as its credential (the stream proxy's
     * own, or the upstream proxy's); null for none. A launched browser gets it at launch, a
     * connected one on the context we open in it.
     */
    static Proxy proxy(PageSettings s) {
        if (s.proxy() == null) return null;
        URI p = s.proxy();
        Proxy proxy = new Proxy(p.getScheme() + "://" + p.getHost() + ":" + (p.getPort() > 0 ? p.getPort() : 80));
        if (p.getRawUserInfo() != null) {
            String[] up = p.getRawUserInfo().split(":", 2);
            proxy.setUsername(URLDecoder.decode(up[0], StandardCharsets.UTF_8));
            if (up.length > 1) proxy.setPassword(URLDecoder.decode(up[1], StandardCharsets.UTF_8));
        }
        // Chromium bypasses proxies for loopback unless told otherwise ("<-loopback>" removes
        // that implicit rule); the simulator lives on loopback.
        if (s.proxyLoopback()) proxy.setBypass("<-loopback>");
        return proxy;
    }

    /** Whether the browser is one we connect to rather than launch. */
    static boolean connected(PageSettings s) {
        return !s.wsEndpoint().isEmpty() || !s.cdpEndpoint().isEmpty();
    }

}
