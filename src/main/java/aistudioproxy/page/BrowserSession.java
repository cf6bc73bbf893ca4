package aistudioproxy.page;

import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.models.ListModelsParser;
import aistudioproxy.models.ModelRegistry;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The browser, its context (with the login's storage state) and the AI Studio page, kept alive
 * and re-created when they die. Loading the page also captures the page's own ListModels
 * response for {@link ModelRegistry}. Owner thread only.
 */
final class BrowserSession implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BrowserSession.class.getName());

    /** The page's own ListModels RPC (URL path fragment), whose answer fills the model registry. */
    static final String RPC_LIST_MODELS = "MakerSuiteService/ListModels";
    /** Where Google sends a browser that is not signed in. */
    static final String LOGIN_HOST = "accounts.google.com";
    /** How a page that is not signed in is reported: its not-ready reason starts so. */
    static final String NOT_LOGGED_IN = "Not logged in to AI Studio";

    private final PageSettings settings;
    private final ModelRegistry models;
    private Playwright playwright;
    /** The processes Playwright started for this session (its driver; the browser runs under it), for a forced end. */
    private final List<ProcessHandle> spawned = new CopyOnWriteArrayList<>();
    /** Set when {@link #killProcesses} ran: the next {@link #page()} starts Playwright afresh. */
    private volatile boolean killed;
    private Browser browser;
    private BrowserContext context;
    private Page page;
    private int generation;
    /**
     * The login file's bytes as this context read them, or as it last wrote them (null: no file):
     * a file that no longer holds them was changed by someone else (a newer login) and is not
     * written over.
     */
    private byte[] loginRead;

    BrowserSession(PageSettings settings, ModelRegistry models) {
        this.settings = settings;
        this.models = models;
    }

    /** The live page, re-created (and the browser relaunched) if it is gone. */
    Page page() throws PageException {
        if (killed) {
            // The driver and browser were killed (a frozen page): start over with a new Playwright.
            killed = false;
            close();
        }
        if (playwright == null) {
            Set<Long> before = childPids();
            playwright = BrowserLauncher.createPlaywright();
            ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).forEach(spawned::add);
        }
        if (browser == null || !browser.isConnected()) {
            closeQuietly();
            LOG.log(Level.INFO, "browser_starting {0}", BrowserLauncher.connected(settings) ? "connecting" : settings.browser().describe());
            browser = BrowserLauncher.open(playwright, settings);
            context = null;
        }
        if (context == null) {
            Browser.NewContextOptions o = new Browser.NewContextOptions().setIgnoreHTTPSErrors(true).setViewportSize(1280, 900);
            loginRead = LoginFile.read(settings.storageState());
            if (loginRead != null) o.setStorageStatePath(settings.storageState());
            if (BrowserLauncher.connected(settings) && BrowserLauncher.proxy(settings) != null) o.setProxy(BrowserLauncher.proxy(settings));
            context = browser.newContext(o);
            context.setDefaultTimeout(settings.operationTimeout().toMillis());
            page = null;
        }
        if (page == null || page.isClosed()) {
            page = context.newPage();
            generation++;
            load();
        } else if (page.url().contains(LOGIN_HOST)) {
            // Left on the sign-in page by an earlier attempt: try AI Studio again (fails fast while still not logged in).
            load();
        }
        return page;
    }

    /**
     * The page a submission ran on, without re-creating anything: if it has gone, the run it
     * carried is lost, which is a {@code PAGE_BROKEN} failure for that job.
     */
    Page existingPage(int expectedGeneration) throws PageException {
        if (page == null || page.isClosed() || generation != expectedGeneration || browser == null || !browser.isConnected()) {
            throw new PageException(PageException.Kind.PAGE_BROKEN, "the browser page closed during the generation");
        }
        return page;
    }

    /** Counts page re-creations, so callers can tell their cached page state is stale. */
    int pageGeneration() {
        return generation;
    }

    private void load() throws PageException {
        LOG.log(Level.INFO, "page_loading url={0} (waiting for its model list, at most {1} ms)", settings.url(), settings.operationTimeout().toMillis());
        try {
            // Whichever comes first: the page's own ListModels call, or the sign-in page of a missing login.
            Response first = page.waitForResponse(r -> r.url().contains(RPC_LIST_MODELS) || r.url().contains(LOGIN_HOST),
                    new Page.WaitForResponseOptions().setTimeout(settings.operationTimeout().toMillis()),
                    () -> page.navigate(settings.url().toString()));
            if (first.url().contains(RPC_LIST_MODELS) && first.ok()) models.update(ListModelsParser.parse(first.text()));
            LOG.log(Level.INFO, "page_ready url={0} models={1}", page.url(), models.models().size());
        } catch (PlaywrightException | JsonSyntaxException e) {
            if (!page.url().contains(LOGIN_HOST)) {
                LOG.log(Level.WARNING, "page_models_unavailable url={0} why={1}", page.url(), PageException.describe(e));
            }
        }
        if (page.url().contains(LOGIN_HOST)) {
            throw new PageException(PageException.Kind.NOT_READY,
                    NOT_LOGGED_IN + ": the page redirected to accounts.google.com. Run with --login to save a login profile.");
        }
    }

    /** The page as it is now (may be null or closed), for snapshots. */
    Page currentPage() {
        return page;
    }

    BrowserContext context() {
        return context;
    }

    /** Closes the context (and its page): the next {@link #page()} opens a new one, with the login file as it is now. */
    void discardContext() {
        discardPage();
        if (context != null) {
            try {
                context.close();
            } catch (PlaywrightException ignored) {
                // already gone
            }
        }
        context = null;
    }

    /** Closes the page only (the next {@link #page()} opens a fresh one). */
    void discardPage() {
        if (page != null && !page.isClosed()) {
            try {
                page.close();
            } catch (PlaywrightException ignored) {
                // already gone
            }
        }
        page = null;
    }

    private void closeQuietly() {
        try {
            if (browser != null) browser.close();
        } catch (PlaywrightException ignored) {
            // the browser is already gone
        }
        browser = null;
        context = null;
        page = null;
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Kills the processes this session started (the Playwright driver and the browser under it),
     * from any thread: for a page whose thread is stuck in a call that will never return (a
     * frozen page), so that call fails and the thread comes free. Returns how many were killed.
     */
    int killProcesses() {
        killed = true;
        int n = 0;
        for (ProcessHandle p : spawned) {
            for (ProcessHandle d : p.descendants().toList()) n += d.destroyForcibly() ? 1 : 0;
            n += p.destroyForcibly() ? 1 : 0;
        }
        spawned.clear();
        return n;
    }

    /**
     * Writes the context's cookies back to the login's file (whole, then moved into place), so
     * cookies Google refreshed while the browser ran outlive it; true when written. Nothing
     * without a login file (the simulator has none), from the sign-in page, or over a file that
     * changed since this context read it; a failure is logged and the old file stays.
     */
    boolean saveLogin() {
        Path file = settings.storageState();
        if (file == null || context == null || killed) return false;
        // A page left at the sign-in page has nothing worth keeping; the file may be a new login already.
        if (page != null && !page.isClosed() && page.url().contains(LOGIN_HOST)) return false;
        try {
            byte[] state = context.storageState().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // Looked at after the state is taken, right before the write: a login written meanwhile wins.
            if (!java.util.Arrays.equals(LoginFile.read(file), loginRead)) {
                LOG.log(Level.INFO, "login_not_saved file={0} why=changed since this browser read it (a newer login); left as it is", file);
                return false;
            }
            LoginFile.write(file, state);
            loginRead = state;
            LOG.log(Level.INFO, "login_saved file={0}", file);
            return true;
        } catch (PlaywrightException | java.io.IOException e) {
            LOG.log(Level.WARNING, "login_not_saved file={0} why={1}", file, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        saveLogin();
        closeQuietly();
        if (playwright != null) {
            try {
                playwright.close();
            } catch (PlaywrightException ignored) {
                // driver already gone
            }
            playwright = null;
        }
    }
}
