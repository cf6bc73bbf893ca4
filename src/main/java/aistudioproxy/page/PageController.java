package aistudioproxy.page;

import aistudioproxy.models.ModelRegistry;
import aistudioproxy.tier.CancelSignal;
import aistudioproxy.tier.Generation;
import com.microsoft.playwright.Page;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

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

    private final PageSettings settings;
    private final PageOwner owner = new PageOwner();
    private final BrowserSession session;
    private final ImageLoader images;
    private final FailureSnapshots snapshots;
    /** Optional controls found absent, each logged once. */
    private final java.util.Set<SelectorKey> absentLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean ready;
    private volatile String notReadyReason = "browser starting";
    private volatile Submission current;
    /**
     * The request whose submission was handed to the owner thread, set before it runs: a caller
     * interrupted while waiting for it (cancelled, timed out) leaves the task running on, so the
     * click on Run may still happen, and the cleanup must stop that run all the same.
     */
    private volatile String touchedBy;

    /**
     * A generation the page has been asked to run. {@code prepareNanos}: page preparation (new
     * chat, model, settings, images); {@code submitNanos}: filling the prompt and clicking Run.
     */
    public record Submission(String generationId, int pageGeneration, int modelTurnsBefore, long submittedNanos,
                             long prepareNanos, long submitNanos) {}

    /** When the page tier last had a complete answer in hand (System.nanoTime), for measurements. */
    private volatile long lastAnswerReadNanos;
    private volatile Submission lastSubmitted;
    private volatile String currentModel;

    /**
     * Waits until the browser's network path is usable (e.g. its HTTP proxy, the stream proxy, is
     * up after a restart), or throws. Called before every submission, off the owner thread.
     */
    @FunctionalInterface
    public interface NetworkGate {
        void await() throws PageException, InterruptedException;

        NetworkGate OPEN = () -> {};
    }

    private final NetworkGate network;

    public PageController(PageSettings settings, ModelRegistry models, long maxImageBytes, NetworkGate network) {
        this.settings = settings;
        this.network = network;
        this.session = new BrowserSession(settings, models);
        this.images = new ImageLoader(maxImageBytes);
        this.snapshots = new FailureSnapshots(settings.snapshotDir());
    }

    private PageDriver driver(Page p) {
        return new PageDriver(p, settings.selectors(), absentLogged, settings.operationTimeout().toMillis());
    }

    /** Opens browser and page in the background; {@link #ready()} turns true when done. */
    public void start() {
        owner.post(() -> {
            try {
                open();
            } catch (PageException e) {
                LOG.log(Level.WARNING, "page_not_ready why={0}", e.getMessage());
            }
        });
    }

    private Page open() throws PageException {
        try {
            Page p = session.page();
            driver(p).dismissOverlays();
            ready = true;
            notReadyReason = null;
            return p;
        } catch (PageException e) {
            markBroken(e);
            throw e;
        } catch (RuntimeException e) {
            PageException pe = PageException.from(e);
            markBroken(pe);
            throw pe;
        }
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

    /** The most recent submission, kept after its job ended (for measurements). */
    public Submission lastSubmission() {
        return lastSubmitted;
    }

    /** The model the page was last switched to (null before the first request). */
    public String currentModel() {
        return currentModel;
    }

    public long lastAnswerReadNanos() {
        return lastAnswerReadNanos;
    }

    public boolean ready() {
        return ready;
    }

    public String notReadyReason() {
        return notReadyReason;
    }

    public PageSettings settings() {
        return settings;
    }

    /**
     * Prepares the page for the generation (overlays, new chat, model, settings, images) and
     * clicks Run. Idempotent per generation: a later tier of the same job gets the same submission.
     */
    public Submission submit(Generation gen) throws PageException, InterruptedException {
        return submit(gen, () -> {});
    }

    /**
     * As {@link #submit(Generation)}; {@code beforeRun} runs on the owner thread after the page is
     * prepared and right before the prompt is filled and Run clicked, i.e. after every earlier
     * request the page made and before this generation's own (tier 1 drops stale events there).
     * It runs only if this call submits (not when the generation was already submitted).
     */
    public Submission submit(Generation gen, Runnable beforeRun) throws PageException, InterruptedException {
        Submission s = current;
        if (s != null && s.generationId().equals(gen.requestId())) return s;
        List<PagePrompt.Image> files = images.load(gen.request().messages());
        PagePrompt prompt = PromptFormatter.format(gen.request(), files);
        RunSettings run = RunSettings.of(gen.request(), settings);
        if (gen.cancel().isCancelled()) throw new InterruptedException("cancelled");
        network.await();
        touchedBy = gen.requestId();
        Submission submitted = guarded(gen.requestId(), () -> {
            long t0 = System.nanoTime();
            PageDriver d = driver(open()); // open() has dismissed the overlays
            d.newChat();
            d.switchModel(run.model(), settings.url());
            currentModel = run.model();
            d.openAdvancedSettings();
            Map<String, Object> have = d.state();
            @SuppressWarnings("unchecked")
            Map<String, Object> shown = (Map<String, Object>) have.get("settings");
            d.applySettings(run, prompt.systemInstruction(), shown);
            d.attach(prompt.images());
            int before = ((Number) have.get("modelTurns")).intValue();
            long t1 = System.nanoTime();
            beforeRun.run();
            d.submit(prompt.text());
            long t2 = System.nanoTime();
            return new Submission(gen.requestId(), session.pageGeneration(), before, t2, t1 - t0, t2 - t1);
        });
        current = submitted;
        lastSubmitted = submitted;
        return submitted;
    }

    /** Waits until the page shows the finished answer of the submission; cancellation ends the wait. */
    public PageAnswer awaitAnswer(Submission s, CancelSignal cancel) throws PageException, InterruptedException {
        while (true) {
            if (cancel.isCancelled()) throw new InterruptedException("cancelled");
            PageAnswer a = guarded(s.generationId(), () -> driver(session.existingPage(s.pageGeneration())).awaitCompletion(s.modelTurnsBefore(), WAIT_SLICE_MS));
            if (a != null) {
                lastAnswerReadNanos = System.nanoTime();
                return a;
            }
        }
    }

    /**
     * After every job: stop a generation still running, start a new chat if configured. Never throws.
     */
    public void cleanup(Generation gen) {
        if (!gen.requestId().equals(touchedBy)) return;
        Submission s = current;
        touchedBy = null;
        current = null;
        try {
            guarded(() -> {
                // Without a submission (the submitting caller was interrupted) the run, if any, is on the current page.
                Page p = session.existingPage(s != null && s.generationId().equals(gen.requestId()) ? s.pageGeneration() : session.pageGeneration());
                PageDriver d = driver(p);
                if (d.stop()) LOG.log(Level.INFO, "generation_stopped request={0}", gen.requestId());
                if (settings.clearChatAfterRequest()) d.newChat();
                return null;
            });
        } catch (PageException e) {
            if (e.kind() == PageException.Kind.PAGE_BROKEN) return;
            LOG.log(Level.WARNING, "page_cleanup_failed request={0} why={1}", gen.requestId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * As {@link #guarded(PageOwner.Task)} for a request's page step: a failure (other than a broken
     * page) saves a snapshot of the page and logs which selector key failed.
     */
    private <T> T guarded(String requestId, PageOwner.Task<T> task) throws PageException, InterruptedException {
        return guarded(() -> {
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

    /** Runs a task on the owner thread; a broken page is discarded so the next job gets a fresh one. */
    private <T> T guarded(PageOwner.Task<T> task) throws PageException, InterruptedException {
        return owner.call(() -> {
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
        });
    }

    /** A cookie of the browser context (e.g. the login's SAPISID), or null; opens the page if needed. */
    public String cookie(String name) throws PageException, InterruptedException {
        return guarded(() -> {
            session.page();
            return session.context().cookies().stream().filter(c -> c.name.equals(name)).map(c -> c.value).findFirst().orElse(null);
        });
    }

    /** Test hook: runs a Playwright action on the owner thread. */
    <T> T onPage(java.util.function.Function<Page, T> action) throws PageException, InterruptedException {
        return owner.call(() -> action.apply(session.page()));
    }

    @Override
    public void close() {
        try {
            owner.call(() -> {
                session.close();
                return null;
            });
        } catch (PageException | InterruptedException e) {
            LOG.log(Level.WARNING, "page_close_failed why={0}", e.getMessage());
        }
        owner.close();
    }
}
