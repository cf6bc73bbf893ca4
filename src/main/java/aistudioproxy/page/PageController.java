package aistudioproxy.page;

import aistudioproxy.models.ModelRegistry;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.tier.CancelSignal;
import aistudioproxy.tier.PromptRun;
import aistudioproxy.tier.RunHooks;
import aistudioproxy.tier.RunTimings;
import aistudioproxy.tools.ToolPlan;
import com.microsoft.playwright.Page;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The page as the tiers use it: prepare and submit a generation (once, however many tiers ask),
 * wait for the page to show the whole answer, stop, clean up. Every Playwright call runs on the
 * {@link PageOwner} thread; methods here are called from job runner threads, one job at a time
 * (the queue's processing lock).
 */
public final class PageController implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PageController.class.getName());
    /** Longest the owner thread is held by one wait; bounds how long a Stop waits to get through. */
    static final int WAIT_SLICE_MS = 250;
    /** How long a stopped run is given to show it stopped before the new chat. */
    static final int STOP_SETTLE_MS = 1000;
    /** How long closing waits for the page thread before it kills the browser. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(4);
    /** What a page task may take beyond its operations' timeouts before the page counts as stuck. */
    static final Duration STEP_GRACE = Duration.ofSeconds(2);
    /** How long a stuck page thread is given to answer a trivial probe before the browser is killed. */
    static final Duration PROBE_WAIT = Duration.ofSeconds(2);
    /** Page operations a submission may take in all (new chat, model switch, settings, images, run), for its limit. */
    static final int SUBMIT_STEPS = 6;

    private final PageSettings settings;
    private final PageOwner owner = new PageOwner();
    private final BrowserSession session;
    private final RunPreparation preparation;
    private final ImageLoader images;
    private final FailureSnapshots snapshots;
    /** Optional controls found absent, each logged once. */
    private final java.util.Set<SelectorKey> absentLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean ready;
    /** A recovery of a stuck page is under way (one at a time). */
    private final AtomicBoolean recovering = new AtomicBoolean();
    private volatile String notReadyReason = "starting the browser and loading the AI Studio page";

    /** A run the page started: on which page instance, how many model turns were there before, its timings. */
    record Submission(String requestId, int pageGeneration, int modelTurnsBefore, RunTimings timings) {}

    /** When the page tier last had a complete answer in hand (System.nanoTime), for measurements. */
    private volatile long lastAnswerReadNanos;
    private volatile RunTimings lastTimings;

    public PageController(PageSettings settings, ModelRegistry models, ImageLimits imageLimits) {
        this.settings = settings;
        this.session = new BrowserSession(settings, models);
        this.preparation = new RunPreparation(settings, session);
        this.images = new ImageLoader(imageLimits);
        this.snapshots = new FailureSnapshots(settings.snapshotDir());
    }

    private PageDriver driver(Page p) {
        return new PageDriver(p, settings.selectors(), absentLogged, settings.operationTimeout().toMillis());
    }

    /**
     * The login file changed (a new {@code --login} for this profile): a signed-out page opens
     * again in a new context with it, in the background, as {@link #start()} does.
     */
    public void reloadLogin() {
        owner.post(() -> {
            session.discardContext();
            if (openAndWarmUp()) LOG.log(Level.INFO, "page_signed_in_again profile={0}", settings.storageState());
        });
    }

    /** Opens browser and page in the background; {@link #ready()} turns true when done. */
    public void start() {
        owner.post(this::openAndWarmUp);
    }

    /** On the owner thread: opens the page, warms it up and marks it ready; false (logged) when it cannot. */
    private boolean openAndWarmUp() {
        try {
            warmUp(driver(open()));
            markReady();
            return true;
        } catch (PageException e) {
            LOG.log(Level.WARNING, "page_not_ready why={0}", e.getMessage());
            return false;
        }
    }

    /**
     * Writes a signed-in page's cookies back to its login file now, as closing does (see
     * {@code BrowserSession.saveLogin}); false when nothing was written.
     */
    public boolean saveLogin() throws PageException, InterruptedException {
        if (!ready() || signedOut()) return false;
        return guarded("save login", 1, session::saveLogin);
    }

    /**
     * Right after the page opened, before any request (a request that comes meanwhile waits on the
     * owner thread): what every run needs once per page load (the reader library in the page,
     * temporary chat on, the settings section open) and one pass through a run's preparation
     * code, so the first request does not pay for them. A failure here is left to the first
     * request's own preparation, which does the same steps.
     */
    private void warmUp(PageDriver d) {
        long t0 = System.nanoTime();
        try {
            PageProbe p = d.probe();
            if (!p.temporaryChat()) d.keepTemporaryChat();
            if (p.advancedClosed()) d.openAdvancedSettings();
            ChatRequest sample = ChatRequest.simple(p.model() == null ? "gemini-2.5-pro" : p.model(), "warm up", true);
            RunSettings.of(sample, settings);
            PromptFormatter.format(sample, ToolPlan.NONE, List.of()).withTextAsFile();
            LOG.log(Level.DEBUG, "page_warmed_up ms={0}", (System.nanoTime() - t0) / 1_000_000);
        } catch (PageException | RuntimeException e) {
            LOG.log(Level.DEBUG, "page_warm_up_skipped why={0}", e.getMessage());
        }
    }

    /** The page, opened if need be, with what is in the way of clicks cleared (the start's and a recovery's way in). */
    private Page open() throws PageException {
        Page p = openPage();
        try {
            driver(p).dismissOverlays();
        } catch (RuntimeException e) {
            PageException pe = PageException.from(e);
            markBroken(pe);
            throw pe;
        }
        return p;
    }

    /** The page, opened (browser and navigation) if there is none. */
    private Page openPage() throws PageException {
        try {
            return session.page();
        } catch (PageException e) {
            markBroken(e);
            throw e;
        } catch (RuntimeException e) {
            PageException pe = PageException.from(e);
            markBroken(pe);
            throw pe;
        }
    }

    /** The page takes requests from now on (health says so). */
    private void markReady() {
        ready = true;
        notReadyReason = null;
    }

    private void markBroken(PageException e) {
        ready = false;
        notReadyReason = e.getMessage();
        if (e.kind() == PageException.Kind.PAGE_BROKEN) session.discardPage();
    }

    /** The owner thread, for tests that need to hold it at a chosen moment. */
    PageOwner owner() {
        return owner;
    }

    /** The timings of the most recent run the page started, kept after its job ended (for measurements). */
    public RunTimings lastTimings() {
        return lastTimings;
    }

    /** Opens a job's run; the page is touched only when a tier starts it. */
    public PromptRun open(String requestId, ChatRequest request, ToolPlan plan, CancelSignal cancel, RunHooks hooks) {
        return new PageRun(this, requestId, request, plan, cancel, hooks);
    }

    /** The model the page was last switched to (null before the first request). */
    public String currentModel() {
        return preparation.currentModel();
    }

    public long lastAnswerReadNanos() {
        return lastAnswerReadNanos;
    }

    public boolean ready() {
        return ready;
    }

    /** The page's state for status views. */
    public PageStatus status() {
        String browser = !settings.wsEndpoint().isEmpty() ? "connected: " + settings.wsEndpoint()
                : !settings.cdpEndpoint().isEmpty() ? "connected over CDP: " + settings.cdpEndpoint() : settings.browser().describe();
        return new PageStatus(ready, ready ? null : notReadyReason, preparation.currentModel(), browser);
    }

    public String notReadyReason() {
        return notReadyReason;
    }

    /** Not ready because the login is missing or expired: only a new login (profile) fixes that. */
    public boolean signedOut() {
        String why = notReadyReason;
        return !ready && why != null && why.startsWith(BrowserSession.NOT_LOGGED_IN);
    }

    public PageSettings settings() {
        return settings;
    }

    /**
     * Prepares the page for the run (overlays, new chat, temporary chat, model, settings, images),
     * fills the prompt and clicks Run; the run's hooks go right before the click.
     */
    Submission submit(PageRun run) throws PageException, InterruptedException {
        List<PagePrompt.Attachment> files = images.load(run.request().messages());
        RunSettings want = RunSettings.of(run.request(), settings);
        if (run.cancel().isCancelled()) throw new InterruptedException("cancelled");
        run.touched();
        Submission submitted = guarded(run.requestId(), "prepare and run", SUBMIT_STEPS, () -> {
            long t0 = System.nanoTime();
            PageDriver d = driver(openPage());
            markReady();
            PageProbe p = preparation.prepare(d, want, run);
            PagePrompt formatted = PromptFormatter.format(run.request(), run.plan(), files);
            PagePrompt prompt = d.applySettings(want, formatted.systemInstruction(), p.settings()) ? formatted : formatted.withSystemInstructionInText();
            if (prompt.text().length() > settings.promptAsFileChars()) {
                LOG.log(Level.INFO, "prompt_as_file request={0} chars={1} why=longer than PROMPT_AS_FILE_CHARS={2}", run.requestId(),
                        prompt.text().length(), settings.promptAsFileChars());
                prompt = prompt.withTextAsFile();
            }
            // From here on the prompt goes in (files, then the box): the timeline's "fill" step.
            long t1 = System.nanoTime();
            PromptEntry entry = d.prompt();
            entry.attach(prompt.attachments());
            run.hooks().beforeClick();
            PromptEntry.Filled box = entry.fill(prompt.text());
            if (box == null) {
                LOG.log(Level.INFO, "prompt_as_file request={0} chars={1} why=the prompt box did not take it (Run stayed disabled)",
                        run.requestId(), prompt.text().length());
                prompt = prompt.withTextAsFile();
                entry.attach(List.of(prompt.attachments().getLast()));
                // The instruction is shorter than any text the box may refuse: it is taken or fails.
                box = entry.fill(prompt.text());
            }
            long filled = System.nanoTime();
            entry.run(prompt.text(), box);
            long t2 = System.nanoTime();
            return new Submission(run.requestId(), session.pageGeneration(), p.modelTurns(), new RunTimings(t0, t1, filled, t2));
        });
        lastTimings = submitted.timings();
        return submitted;
    }

    /** Waits until the page shows the finished answer of the submission; cancellation ends the wait. */
    PageAnswer awaitAnswer(Submission s, CancelSignal cancel) throws PageException, InterruptedException {
        while (true) {
            if (cancel.isCancelled()) throw new InterruptedException("cancelled");
            PageAnswer a = guarded(s.requestId(), "read answer", 1, () -> driver(session.existingPage(s.pageGeneration())).awaitCompletion(s.modelTurnsBefore(), WAIT_SLICE_MS));
            if (a != null) {
                lastAnswerReadNanos = System.nanoTime();
                return a;
            }
        }
    }

    /**
     * Ends a job's run: stops a generation still going (within a second, waiting for the page to
     * show it stopped), then starts a new chat if configured, with temporary chat on again. Never throws.
     */
    void finish(PageRun run) {
        Submission s = run.submission();
        try {
            guarded("stop and new chat", 2, () -> {
                // Without a submission (the submitting caller was interrupted) the run, if any, is on the current page.
                PageDriver d = driver(session.existingPage(s != null ? s.pageGeneration() : session.pageGeneration()));
                // With a new chat, temporary chat (which it turns off) goes on again now, not on the next request's time.
                boolean stopped = settings.clearChatAfterRequest() ? d.clearChat(STOP_SETTLE_MS) : d.stopAndSettle(STOP_SETTLE_MS);
                if (stopped) LOG.log(Level.INFO, "generation_stopped request={0}", run.requestId());
                return null;
            });
        } catch (PageException e) {
            if (e.kind() == PageException.Kind.PAGE_BROKEN) return;
            LOG.log(Level.WARNING, "page_cleanup_failed request={0} why={1}", run.requestId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * As {@link #guarded(PageOwner.Task)} for a request's page step: a failure (other than a broken
     * page) saves a snapshot of the page and logs which selector key failed.
     */
    private <T> T guarded(String requestId, String step, int operations, PageOwner.Task<T> task) throws PageException, InterruptedException {
        return guarded(step, operations, () -> {
            try {
                return task.run();
            } catch (PageException | RuntimeException e) {
                PageException pe = e instanceof PageException p ? p : PageException.from(e);
                if (pe.kind() != PageException.Kind.PAGE_BROKEN) {
                    LOG.log(Level.WARNING, "page_step_failed request={0} key={1} why={2}", requestId,
                            pe.key() == null ? "-" : pe.key().id(), pe.getMessage());
                    snapshots.save(session.currentPage(), requestId, pe.key(), pe.getMessage());
                }
                throw pe;
            }
        });
    }

    /**
     * Runs a task of {@code operations} page operations on the owner thread; a broken page is
     * discarded so the next job gets a fresh one. The task may hold the thread for
     * {@code operations} times PAGE_OPERATION_TIMEOUT_MS (Playwright's own timeouts bound each
     * operation) plus {@link #STEP_GRACE}; past that the page is taken for stuck: the caller gets a
     * {@code STUCK} failure at once and the page is checked and re-created off the caller's thread.
     */
    private <T> T guarded(String step, int operations, PageOwner.Task<T> task) throws PageException, InterruptedException {
        Duration limit = settings.operationTimeout().multipliedBy(operations).plus(STEP_GRACE);
        try {
            return owner.call(() -> guardedBody(task), limit);
        } catch (PageException e) {
            if (e.kind() == PageException.Kind.STUCK) {
                pageStuck(step);
                throw new PageException(PageException.Kind.STUCK, "page step '" + step + "': " + e.getMessage());
            }
            throw e;
        }
    }

    /**
     * The page thread did not come back: health says so at once; a probe gets {@link #PROBE_WAIT}
     * to show the thread free again, else the browser and driver are killed (which ends the stuck
     * call); then the page is opened afresh. One recovery at a time, on its own thread.
     */
    private void pageStuck(String step) {
        ready = false;
        notReadyReason = "the page stopped answering during '" + step + "'; re-creating it";
        if (!recovering.compareAndSet(false, true)) return;
        LOG.log(Level.WARNING, "page_stuck step={0}", step);
        Thread.ofVirtual().name("page-recovery").start(() -> {
            try {
                try {
                    owner.call(() -> 1, PROBE_WAIT);
                    LOG.log(Level.INFO, "page_thread_free_again step={0}", step);
                } catch (PageException stillStuck) {
                    LOG.log(Level.WARNING, "page_killed step={0} processes={1}", step, session.killProcesses());
                }
                owner.call(() -> {
                    open();
                    markReady();
                    return null;
                }, settings.operationTimeout().multipliedBy(3).plus(STEP_GRACE));
                LOG.log(Level.INFO, "page_recreated");
            } catch (PageException e) {
                LOG.log(Level.WARNING, "page_recovery_failed why={0}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                recovering.set(false);
            }
        });
    }

    private <T> T guardedBody(PageOwner.Task<T> task) throws Exception {
        try {
            return task.run();
        } catch (PageException e) {
            if (e.kind() == PageException.Kind.PAGE_BROKEN) markBroken(e);
            throw e;
        } catch (RuntimeException e) {
            PageException pe = PageException.from(e);
            if (pe.kind() == PageException.Kind.PAGE_BROKEN) markBroken(pe);
            throw pe;
        }
    }

    /** A cookie of the browser context (e.g. the login's SAPISID), or null; opens the page if needed. */
    public String cookie(String name) throws PageException, InterruptedException {
        return guarded("read cookie", 2, () -> {
            session.page();
            return session.context().cookies().stream().filter(c -> c.name.equals(name)).map(c -> c.value).findFirst().orElse(null);
        });
    }

    /** Test hook: runs a Playwright action on the owner thread. */
    <T> T onPage(java.util.function.Function<Page, T> action) throws PageException, InterruptedException {
        return owner.call(() -> action.apply(session.page()));
    }

    /**
     * Closes the browser, within {@link #CLOSE_WAIT} whatever the page is doing: a page thread
     * stuck in a frozen page has its browser and driver killed instead.
     */
    @Override
    public void close() {
        try {
            owner.call(() -> {
                session.close();
                return null;
            }, CLOSE_WAIT);
        } catch (PageException e) {
            int killed = session.killProcesses();
            LOG.log(Level.WARNING, "page_close_forced why={0} processes_killed={1}", e.getMessage(), killed);
        } catch (InterruptedException e) {
            session.killProcesses();
            Thread.currentThread().interrupt();
        }
        owner.close();
    }
}
