package aistudioproxy.tier;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.ChatRequest;

/**
 * The page's run of one job's prompt, shared by the job's tiers: tiers 1 and 2 read the answer
 * off the wire but need the page to have clicked Run; the page tier reads it off the page. The
 * job opens the run before its first tier and closes it after its last; closing stops a run
 * still going and leaves a fresh chat, whichever tier (if any) started it.
 */
public interface PromptRun extends AutoCloseable {
    /**
     * Prepares the page (new chat, model, settings, images), fills the prompt and clicks Run, on
     * the first call; later calls of the same job return the same timings at once.
     */
    RunTimings start() throws TierException, InterruptedException;

    /** The timings of a run that {@link #start} began, if it did. */
    default java.util.Optional<RunTimings> timings() {
        return java.util.Optional.empty();
    }

    /**
     * The function plan the run gave the model: the one it was opened with, or its emulated form
     * when the page's own controls could not be driven (known once {@link #start} has returned).
     */
    aistudioproxy.tools.ToolPlan plan();

    /** Stops a run still going and starts a new chat (if configured). Never throws. */
    @Override
    void close();

    /** Opens the run of a job; cheap (the page is touched only by {@link #start}). */
    @FunctionalInterface
    interface Opener {
        /** {@code plan}: what the prompt says about functions (the same plan the chain parses answers by). */
        PromptRun open(String requestId, ChatRequest request, aistudioproxy.tools.ToolPlan plan, CancelSignal cancel, RunHooks hooks);

        /** For chains without a page (tests, benches): starting is an error, closing does nothing. */
        Opener NONE = (id, request, plan, cancel, hooks) -> new PromptRun() {
            @Override
            public aistudioproxy.tools.ToolPlan plan() {
                return plan;
            }

            @Override
            public RunTimings start() throws TierException {
                throw new TierException(ApiError.unavailable("No page is configured."));
            }

            @Override
            public void close() {}
        };
    }
}
