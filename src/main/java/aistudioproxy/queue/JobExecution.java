package aistudioproxy.queue;

import aistudioproxy.chat.ApiError;
import aistudioproxy.tier.Generation;
import aistudioproxy.tier.PromptRun;
import aistudioproxy.tier.TierChain;
import aistudioproxy.tier.TierException;
import aistudioproxy.tier.Timeline;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Runs one job through the tier chain on its own virtual "runner" thread while the worker thread
 * watches the clock: no first delta by {@code firstTokenTimeout}, or no end by
 * {@code totalTimeout}, cancels the job. A cancelled runner gets {@code abortGrace} to wind down;
 * then the worker stops waiting for it. Either way the job gets exactly one terminal event and
 * the page's run of the prompt is closed (a run still going stopped) and every tier's cleanup runs
 * before this returns.
 */
final class JobExecution {
    private static final System.Logger LOG = System.getLogger(JobExecution.class.getName());

    private final Job job;
    private final TierChain chain;
    private final QueueSettings settings;
    private final RecentTimings timings;
    private final Failover failover;
    private volatile JobEvent outcome;

    JobExecution(Job job, TierChain chain, QueueSettings settings, RecentTimings timings, Failover failover) {
        this.job = job;
        this.failover = failover;
        this.timings = timings;
        this.chain = chain;
        this.settings = settings;
    }

    void run() throws InterruptedException {
        if (job.cancelSignal().isCancelled()) {
            job.emit(new JobEvent.Failed(job.cancelSignal().reason()));
            return;
        }
        PromptRun run = chain.openRun(job.id(), job.request(), job.cancelSignal());
        Generation gen = job.generation(run);
        Thread runner = Thread.ofVirtual().name("job-" + job.id()).unstarted(() -> produce(gen));
        gen.cancel().onCancel(runner::interrupt);
        long start = System.nanoTime();
        runner.start();
        try {
            watch(runner, start);
        } finally {
            JobEvent end = outcome;
            if (gen.cancel().isCancelled() && !(end instanceof JobEvent.Completed)) end = new JobEvent.Failed(gen.cancel().reason());
            if (end == null) end = new JobEvent.Failed(ApiError.internal("The request ended without an answer."));
            // Recorded before the end is told: whoever saw the answer finish finds its timings.
            run.timings().ifPresent(t -> t.markOn(gen.timeline()));
            timings.add(new RecentTimings.JobTiming(job.id(), job.tier(), gen.timeline().breakdown()));
            boolean handedOn = end instanceof JobEvent.Failed f && !job.produced() && !gen.cancel().isCancelled()
                    && failover.retryElsewhere(job, f.error());
            if (!handedOn) job.emit(end);
            run.close();
            chain.cleanup(gen);
            LOG.log(Level.INFO, "job_finished request={0} tier={1} outcome={2} ms={3}", job.id(),
                    job.tier() == null ? "-" : job.tier().wire(), describe(end) + (handedOn ? ":handed_over" : ""), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void produce(Generation gen) {
        try {
            var result = chain.run(gen, job.forcedTier(),
                    delta -> {
                        gen.timeline().mark(Timeline.Step.FIRST_DELTA);
                        job.emit(new JobEvent.Output(delta));
                    },
                    tier -> job.emit(new JobEvent.Owner(tier)));
            outcome = new JobEvent.Completed(result.tier(), result.result().finish());
        } catch (TierException e) {
            outcome = new JobEvent.Failed(e.error());
        } catch (InterruptedException e) {
            ApiError why = gen.cancel().reason();
            outcome = new JobEvent.Failed(why != null ? why : ApiError.internal("The request was interrupted."));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "tier_crashed request=" + job.id(), e);
            outcome = new JobEvent.Failed(ApiError.internal("Internal error while generating the answer."));
        }
    }

    private void watch(Thread runner, long start) throws InterruptedException {
        long firstTokenDeadline = start + settings.firstTokenTimeout().toNanos();
        long totalDeadline = start + settings.totalTimeout().toNanos();
        long abortedAt = 0;
        while (runner.isAlive()) {
            long now = System.nanoTime();
            var cancel = job.cancelSignal();
            if (!cancel.isCancelled()) {
                if (!job.produced() && now >= firstTokenDeadline) {
                    cancel.cancel(ApiError.timeout("First token timeout: no answer started within "
                            + settings.firstTokenTimeout().toMillis() + " ms (FIRST_TOKEN_TIMEOUT_MS)."));
                } else if (now >= totalDeadline) {
                    cancel.cancel(ApiError.timeout("Generation timeout: the answer took longer than "
                            + settings.totalTimeout().toMillis() + " ms (GENERATION_TIMEOUT_MS)."));
                }
            }
            long next;
            if (cancel.isCancelled()) {
                if (abortedAt == 0) abortedAt = now;
                long graceEnd = abortedAt + settings.abortGrace().toNanos();
                if (now >= graceEnd) {
                    LOG.log(Level.ERROR, "job_runner_stuck request={0}: moving on without it", job.id());
                    return;
                }
                next = graceEnd;
            } else {
                next = job.produced() ? totalDeadline : Math.min(firstTokenDeadline, totalDeadline);
            }
            // Wake at the next deadline, and at least every 100 ms to notice the first delta.
            long waitNanos = Math.max(1_000_000, Math.min(next - now, 100_000_000));
            runner.join(Duration.ofNanos(waitNanos));
        }
    }

    private static String describe(JobEvent e) {
        return switch (e) {
            case JobEvent.Completed c -> "completed:" + c.finish().name().toLowerCase(java.util.Locale.ROOT);
            case JobEvent.Failed f -> "failed:" + f.error().status() + ":" + f.error().code();
            default -> e.toString();
        };
    }
}
