package aistudioproxy.queue;

import aistudioproxy.chat.ChatRequest;
import aistudioproxy.tier.CancelSignal;
import aistudioproxy.tier.Generation;
import aistudioproxy.tier.PromptRun;
import aistudioproxy.tier.TierName;
import aistudioproxy.tier.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client request in the queue.
 *
 * <pre>
 *   QUEUED ──worker takes it──▶ RUNNING ──runner ends──▶ FINISHED
 *      └──────cancel / client gone / queue timeout──────▶ FINISHED
 * </pre>
 * State changes are compare-and-set, so a job is started at most once and gets exactly one
 * terminal event. Events are produced by the worker/runner and consumed by the client's
 * handler thread.
 */
public final class Job {
    public enum State { QUEUED, RUNNING, FINISHED }

    private final String id;
    private final ChatRequest request;
    private final TierName forcedTier;
    private final Instant enqueuedAt;
    private final long enqueuedNanos;
    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    private final CancelSignal cancel = new CancelSignal();
    private final LinkedBlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean terminalSent = new AtomicBoolean();
    private volatile TierName tier;
    private volatile long startedNanos;
    private volatile boolean produced;
    private final Timeline timeline = new Timeline();

    Job(String id, ChatRequest request, TierName forcedTier, Instant enqueuedAt, long enqueuedNanos) {
        this.id = id;
        this.request = request;
        this.forcedTier = forcedTier;
        this.enqueuedAt = enqueuedAt;
        this.enqueuedNanos = enqueuedNanos;
        timeline.mark(Timeline.Step.ENQUEUED);
    }

    /** Where this job's time went, step by step (read when it has ended). */
    public Timeline timeline() {
        return timeline;
    }

    public String id() {
        return id;
    }

    public ChatRequest request() {
        return request;
    }

    public TierName forcedTier() {
        return forcedTier;
    }

    public Instant enqueuedAt() {
        return enqueuedAt;
    }

    public State state() {
        return state.get();
    }

    /** The tier producing the answer, once one has sent a delta; null before. */
    public TierName tier() {
        return tier;
    }

    long enqueuedNanos() {
        return enqueuedNanos;
    }

    long startedNanos() {
        return startedNanos;
    }

    boolean produced() {
        return produced;
    }

    CancelSignal cancelSignal() {
        return cancel;
    }

    Generation generation(PromptRun run) {
        return new Generation(id, request, cancel, run, timeline);
    }

    boolean markRunning(long nowNanos) {
        if (!state.compareAndSet(State.QUEUED, State.RUNNING)) return false;
        startedNanos = nowNanos;
        timeline.mark(Timeline.Step.TAKEN);
        return true;
    }

    /** QUEUED → FINISHED; false if the worker already took the job. */
    boolean markDroppedWhileQueued() {
        return state.compareAndSet(State.QUEUED, State.FINISHED);
    }

    /**
     * RUNNING → QUEUED, for a job that failed before anything reached its client and is handed to
     * another account's queue; false once it produced a delta or ended.
     */
    boolean markRequeued() {
        return !produced && !terminalSent.get() && state.compareAndSet(State.RUNNING, State.QUEUED);
    }

    void emit(JobEvent event) {
        if (event.terminal()) {
            if (!terminalSent.compareAndSet(false, true)) return;
            state.set(State.FINISHED);
        } else if (terminalSent.get()) {
            return;
        }
        if (event instanceof JobEvent.Owner o) tier = o.tier();
        if (event instanceof JobEvent.Output) produced = true;
        events.add(event);
    }

    /** Next event for the client, or null if none arrives within {@code wait}. */
    public JobEvent poll(Duration wait) throws InterruptedException {
        return events.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }
}
