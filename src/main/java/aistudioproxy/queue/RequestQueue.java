package aistudioproxy.queue;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.tier.TierChain;
import aistudioproxy.tier.TierName;
import aistudioproxy.tier.Timeline;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The global FIFO queue in front of the browser (SPEC §8). One worker thread takes jobs in
 * order and runs each under {@link #processingLock} through {@link JobExecution}; waiting costs
 * a blocked client virtual thread and a small {@link Job}, so thousands can wait cheaply.
 *
 * <p>Thread ownership: {@code pending} and {@code jobs} are concurrent structures touched by
 * handler threads (submit, cancel) and the worker; {@link SmartDelay} and the running job's
 * execution belong to the worker thread alone.
 */
public final class RequestQueue implements JobQueue, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RequestQueue.class.getName());

    private final QueueSettings settings;
    private final TierChain chain;
    private final Ticker ticker;
    private final Clock clock;
    /** Unbounded: {@code maxQueued} is checked on submit, so a job handed over by another account always fits. */
    private final LinkedBlockingDeque<Job> pending = new LinkedBlockingDeque<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ReentrantLock processingLock = new ReentrantLock();
    private final SmartDelay smartDelay;
    private final RecentTimings timings;
    private final Failover failover;
    private final ScheduledExecutorService timers;
    private final Map<String, ScheduledFuture<?>> queueTimers = new ConcurrentHashMap<>();
    private volatile Job running;
    private volatile boolean closed;
    private Thread worker;

    public RequestQueue(QueueSettings settings, TierChain chain, Ticker ticker, Clock clock) {
        this(settings, chain, ticker, clock, new RecentTimings(), Failover.NONE);
    }

    /** One account's queue among several: their timings kept together, failures handed on by {@code failover}. */
    public RequestQueue(QueueSettings settings, TierChain chain, Ticker ticker, Clock clock, RecentTimings timings, Failover failover) {
        this.settings = settings;
        this.chain = chain;
        this.ticker = ticker;
        this.clock = clock;
        this.timings = timings;
        this.failover = failover;
        this.smartDelay = new SmartDelay(ticker, settings.smartDelay());
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "queue-timers");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        worker = Thread.ofPlatform().name("queue-worker").daemon(true).start(this::workLoop);
    }

    @Override
    public Job submit(String id, ChatRequest request, TierName forcedTier) throws QueueFullException {
        if (closed) throw new QueueFullException(0);
        Job job = new Job(id, request, forcedTier, clock.instant(), ticker.nanoTime());
        synchronized (pending) {
            if (pending.size() >= settings.maxQueued()) throw new QueueFullException(settings.maxQueued());
            jobs.put(id, job);
            pending.offer(job);
        }
        long timeoutMs = settings.queueTimeout().toMillis();
        queueTimers.put(id, timers.schedule(() -> dropIfWaiting(job,
                ApiError.timeout("Queue wait timeout: the request waited " + timeoutMs + " ms (QUEUE_TIMEOUT_MS) without reaching the browser.")),
                timeoutMs, TimeUnit.MILLISECONDS));
        LOG.log(Level.DEBUG, "job_queued request={0} waiting={1}", id, pending.size());
        return job;
    }

    /**
     * Takes a job another account's queue gave up on (see {@link Failover}): it goes first, since
     * it has waited its turn once already. False when this queue is closed.
     */
    public boolean resubmit(Job job) {
        if (closed || !job.markRequeued()) return false;
        jobs.put(job.id(), job);
        pending.offerFirst(job);
        LOG.log(Level.INFO, "job_handed_over request={0}", job.id());
        return true;
    }

    /** True when this queue holds the job, waiting or running. */
    public boolean holds(String id) {
        return jobs.containsKey(id);
    }

    /**
     * Cancels a waiting or running job. Waiting: removed before it touches the browser.
     * Running: its tiers are told to stop; the worker cleans up and moves on.
     * Returns false when no such job is waiting or running.
     */
    @Override
    public boolean cancel(String id, ApiError why) {
        Job job = jobs.get(id);
        if (job == null) return false;
        if (job.state() == Job.State.FINISHED) return true; // answered already, its cleanup under way: nothing left to stop
        if (dropIfWaiting(job, why)) return true;
        if (job.state() == Job.State.RUNNING) {
            boolean fired = job.cancelSignal().cancel(why);
            if (fired) LOG.log(Level.INFO, "job_cancel_running request={0} why={1}", id, why.message());
            return true;
        }
        return false;
    }

    private boolean dropIfWaiting(Job job, ApiError why) {
        if (!job.markDroppedWhileQueued()) return false;
        pending.remove(job);
        forget(job);
        job.cancelSignal().cancel(why);
        job.emit(new JobEvent.Failed(why));
        LOG.log(Level.INFO, "job_dropped_while_queued request={0} why={1}", job.id(), why.message());
        return true;
    }

    private void forget(Job job) {
        jobs.remove(job.id());
        ScheduledFuture<?> t = queueTimers.remove(job.id());
        if (t != null) t.cancel(false);
    }

    @Override
    public int waitingCount() {
        return pending.size();
    }

    public boolean isLocked() {
        return processingLock.isLocked();
    }

    @Override
    public QueueSnapshot snapshot() {
        long now = ticker.nanoTime();
        Job r = running;
        boolean ended = r != null && r.state() == Job.State.FINISHED;
        QueueSnapshot.Running run = r == null || ended ? null
                : new QueueSnapshot.Running(r.id(), (now - r.startedNanos()) / 1_000_000, r.tier(), r.request().stream());
        List<QueueSnapshot.Waiting> waiting = new ArrayList<>();
        for (Job j : pending) waiting.add(new QueueSnapshot.Waiting(j.id(), (now - j.enqueuedNanos()) / 1_000_000, j.request().stream()));
        return new QueueSnapshot(run, waiting, ended ? r.id() : null);
    }

    @Override
    public RecentTimings timings() {
        return timings;
    }

    private void workLoop() {
        while (!closed) {
            Job job;
            try {
                job = pending.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!job.markRunning(ticker.nanoTime())) continue;
            ScheduledFuture<?> t = queueTimers.remove(job.id());
            if (t != null) t.cancel(false);
            processingLock.lock();
            running = job;
            try {
                smartDelay.beforeJob(job.id(), job.request().stream());
                job.timeline().mark(Timeline.Step.DELAYED);
                new JobExecution(job, chain, settings, timings, failover).run();
            } catch (InterruptedException e) {
                job.cancelSignal().cancel(ApiError.unavailable("The server is shutting down."));
                job.emit(new JobEvent.Failed(job.cancelSignal().reason()));
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "job_crashed request=" + job.id(), e);
                job.emit(new JobEvent.Failed(ApiError.internal("Internal error while processing the request.")));
            } finally {
                running = null;
                forget(job);
                smartDelay.afterJob(job.request().stream());
                processingLock.unlock();
            }
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (worker != null) worker.interrupt();
        for (Job j : List.copyOf(jobs.values())) cancel(j.id(), ApiError.unavailable("The server is shutting down."));
        timers.shutdownNow();
    }
}
