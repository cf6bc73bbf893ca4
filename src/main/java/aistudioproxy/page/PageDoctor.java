package aistudioproxy.page;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonValue;
import aistudioproxy.models.ModelRegistry;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Route;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code doctor}: how the driver sees a page. For each selector key, which alternative matched
 * and how many elements; the page state; the last answer and thinking as the driver reads them.
 * A saved page ({@code --page FILE.html}, e.g. a failure snapshot) is loaded with every network
 * request refused; otherwise the configured page is opened as the server would open it.
 */
public final class PageDoctor {
    private static final System.Logger LOG = System.getLogger(PageDoctor.class.getName());
    /** The address a saved page is served under (never reached: the route answers it). */
    static final String SAVED_PAGE_URL = "https://saved-page.invalid/prompts/snapshot";

    private PageDoctor() {}

    /** The report, e.g. {@code {"selectors":{…},"state":{…},"answer":{"text","thinking",…},"missingRequired":[…]}}. */
    public record Report(Map<String, Object> selectors, Map<String, Object> state, Map<String, Object> answer, List<String> missingRequired) {
        public JsonValue toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("selectors", selectors);
            m.put("state", state);
            m.put("answer", answer);
            m.put("missingRequired", missingRequired);
            return Json.fromPlain(m);
        }
    }

    /** Reads a saved page offline: the file's HTML is the only thing the browser gets. */
    public static Report inspectSavedPage(PageSettings settings, Path html) throws PageException, IOException {
        return inspectSavedPages(settings, List.of(html)).getFirst();
    }

    /**
     * Several saved pages in one browser, each in a context of its own (nothing of one page can
     * reach the next), in order: a browser start per page is most of the time a page takes. A page
     * whose reading fails in Playwright (the browser died, its start failed) gets one more try in
     * a browser started anew, so one bad start costs a restart, not the whole batch.
     */
    public static List<Report> inspectSavedPages(PageSettings settings, List<Path> htmls) throws PageException, IOException {
        List<byte[]> bodies = new ArrayList<>();
        for (Path html : htmls) bodies.add(Files.readAllBytes(html));
        try (Playwright pw = BrowserLauncher.createPlaywright()) {
            Browser browser = null;
            try {
                List<Report> out = new ArrayList<>();
                for (int i = 0; i < bodies.size(); i++) {
                    for (int attempt = 1; ; attempt++) {
                        try {
                            if (browser == null) browser = BrowserLauncher.open(pw, settings);
                            out.add(inspectIn(browser, bodies.get(i), settings.selectors()));
                            break;
                        } catch (PageException | PlaywrightException e) {
                            closeQuietly(browser);
                            browser = null;
                            if (attempt == 2) throw new PageException(PageException.Kind.NOT_READY,
                                    "cannot read " + htmls.get(i).getFileName() + ": " + e.getMessage(), e);
                            LOG.log(Level.WARNING, "doctor_page_retry page={0} why={1}", htmls.get(i).getFileName(), e.getMessage());
                        }
                    }
                }
                return out;
            } finally {
                closeQuietly(browser);
            }
        }
    }

    private static Report inspectIn(Browser browser, byte[] body, Selectors selectors) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        try {
            context.route("**/*", route -> serveOnly(route, body));
            Page page = context.newPage();
            page.navigate(SAVED_PAGE_URL);
            return inspect(page, selectors);
        } finally {
            try {
                context.close();
            } catch (PlaywrightException ignored) {
                // a resource request still being routed as the context closes fails harmlessly
            }
        }
    }

    /** Closing the browser ends its context too; a resource request still being routed then fails harmlessly. */
    private static void closeQuietly(Browser browser) {
        if (browser == null) return;
        try {
            browser.close();
        } catch (PlaywrightException ignored) {
            // already gone
        }
    }

    /**
     * Serves the saved HTML and refuses everything else. A request can still be in flight when its
     * context closes; answering it then fails, and that is no failure of the reading.
     */
    private static void serveOnly(Route route, byte[] body) {
        try {
            if (route.request().url().equals(SAVED_PAGE_URL)) {
                route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html; charset=utf-8").setBodyBytes(body));
            } else {
                route.abort();
            }
        } catch (PlaywrightException closing) {
            // the context or page is gone
        }
    }

    /** Opens the configured page (with the auth profile) as the server does, and reads it. */
    public static Report inspectLivePage(PageSettings settings) throws PageException {
        try (BrowserSession session = new BrowserSession(settings, new ModelRegistry(Set.of()))) {
            Page page = session.page();
            new PageDriver(page, settings.selectors(), new java.util.HashSet<>(), settings.operationTimeout().toMillis()).dismissOverlays();
            return inspect(page, settings.selectors());
        }
    }

    @SuppressWarnings("unchecked")
    static Report inspect(Page page, Selectors selectors) {
        Map<String, Object> r = PageScripts.runForMap(page, selectors, PageScripts.DOCTOR,
                Map.of("revealMs", PageDriver.REVEAL_MS, "editMs", PageDriver.EDIT_MS));
        Map<String, Object> found = (Map<String, Object>) r.get("selectors");
        List<String> missing = new ArrayList<>();
        for (SelectorKey k : SelectorKey.values()) {
            Map<String, Object> m = (Map<String, Object>) found.get(k.id());
            if (k.required() && (m == null || m.get("matched") == null)) missing.add(k.id());
        }
        return new Report(found, (Map<String, Object>) r.get("state"), (Map<String, Object>) r.get("answer"), missing);
    }
}
