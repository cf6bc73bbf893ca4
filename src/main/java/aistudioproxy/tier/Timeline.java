package aistudioproxy.tier;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When one job passed each step on its way to its first token ({@link System#nanoTime}), marked
 * by whoever passes it (the queue, the page run, tier 1, the job's runner); the first mark of a
 * step counts. {@link #breakdown} says where the time went.
 */
public final class Timeline {
    /** The steps in the order a job passes them; each is named by the time spent reaching it. */
    public enum Step {
        /** The request was queued. */
        ENQUEUED("enqueued"),
        /** The worker took the job: waiting behind others. */
        TAKEN("queue"),
        /** The smart delay is over. */
        DELAYED("delay"),
        /** The page run began (the chain's hand-off to the page). */
        RUN_STARTED("handoff"),
        /** New chat, model, settings, images done. */
        PREPARED("prepare"),
        /** The prompt is in the page's input. */
        FILLED("fill"),
        /** Run clicked and the page shows the run started. */
        CLICKED("click"),
        /** Tier 1 saw the page's GenerateContent request start (the browser's request, the proxy's hand-off). */
        REQUEST_SEEN("request"),
        /** Tier 1 got the answer's first part (the model's first token, the proxy's hand-off). */
        FIRST_PART("model"),
        /** The first delta went to the client's answer. */
        FIRST_DELTA("delivery");

        private final String wire;

        Step(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private final AtomicLongArray at = new AtomicLongArray(Step.values().length);

    /** Marks {@code step} at {@code nanos} unless it was marked already. */
    public void mark(Step step, long nanos) {
        at.compareAndSet(step.ordinal(), 0, nanos == 0 ? 1 : nanos);
    }

    public void mark(Step step) {
        mark(step, System.nanoTime());
    }

    /** When {@code step} was marked, 0 if it was not. */
    public long at(Step step) {
        return at.get(step.ordinal());
    }

    /**
     * Milliseconds spent reaching each marked step from the marked one before it, in step order,
     * by the steps' names ({@code queue}, {@code delay}, … {@code delivery}); unmarked steps are left
     * out (a page-tier answer has no {@code request} or {@code model}: its {@code delivery} is the
     * whole generation). Empty before the job was queued.
     */
    public Map<String, Double> breakdown() {
        Map<String, Double> out = new LinkedHashMap<>();
        long previous = 0;
        for (Step s : Step.values()) {
            long t = at(s);
            if (t == 0) continue;
            if (previous != 0) out.put(s.wire(), Math.max(0, t - previous) / 1e6);
            previous = t;
        }
        return out;
    }
}
