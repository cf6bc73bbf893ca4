package aistudioproxy.page;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.tier.CancelSignal;
import aistudioproxy.tier.PromptRun;
import aistudioproxy.tier.RunHooks;
import aistudioproxy.tier.RunTimings;
import aistudioproxy.tier.TierException;
import aistudioproxy.tools.ToolPlan;

import java.util.Optional;

/**
 * One job's run on the page: started at most once (by whichever tier asks first), closed by the
 * job. A start that failed fails again at once for the job's later tiers: the page is the same.
 * Closing stops a run still going even when the tier that started it was interrupted while the
 * page thread still had its submission (the click on Run may come after the interrupt).
 */
final class PageRun implements PromptRun {
    private final PageController page;
    private final String requestId;
    private final ChatRequest request;
    private volatile ToolPlan plan;
    private final CancelSignal cancel;
    private final RunHooks hooks;
    /** Set before the submission is handed to the page thread: from then on Run may be clicked. */
    private volatile boolean touched;
    private volatile PageController.Submission submission;
    private volatile TierException failed;
    private volatile boolean closed;

    PageRun(PageController page, String requestId, ChatRequest request, ToolPlan plan, CancelSignal cancel, RunHooks hooks) {
        this.plan = plan;
        this.page = page;
        this.requestId = requestId;
        this.request = request;
        this.cancel = cancel;
        this.hooks = hooks;
    }

    @Override
    public RunTimings start() throws TierException, InterruptedException {
        PageController.Submission s = submission;
        if (s != null) return s.timings();
        if (failed != null) throw failed;
        if (closed) throw new TierException(ApiError.internal("The page run of this request was already closed."));
        try {
            hooks.beforePage();
            s = page.submit(this);
        } catch (TierException e) {
            failed = e;
            throw e;
        } catch (PageException e) {
            failed = new TierException(PageTier.errorOf(e), e);
            throw failed;
        }
        submission = s;
        return s.timings();
    }

    @Override
    public Optional<RunTimings> timings() {
        PageController.Submission s = submission;
        return s == null ? Optional.empty() : Optional.of(s.timings());
    }

    /** The started run (null before {@link #start} succeeded). */
    PageController.Submission submission() {
        return submission;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (touched) page.finish(this);
    }

    String requestId() {
        return requestId;
    }

    @Override
    public ToolPlan plan() {
        return plan;
    }

    /** The page's controls could not be driven: the run gives the model the functions through the protocol. */
    void fellBackToEmulated() {
        plan = plan.asEmulated();
    }

    ChatRequest request() {
        return request;
    }

    CancelSignal cancel() {
        return cancel;
    }

    RunHooks hooks() {
        return hooks;
    }

    void touched() {
        touched = true;
    }
}
