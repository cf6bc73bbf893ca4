package aistudioproxy.queue;

import aistudioproxy.tier.TierName;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The step breakdowns of the last {@link #KEEP} jobs that ended (see {@link aistudioproxy.tier.Timeline}),
 * newest last: where a request's time to its first token went, for {@code GET /api/timings} and the bench.
 */
public final class RecentTimings {
    static final int KEEP = 200;

    /** One job's breakdown; {@code tier} is null when no tier answered. */
    public record JobTiming(String id, TierName tier, Map<String, Double> steps) {
        public JobTiming {
            steps = Map.copyOf(steps);
        }
    }

    private final ArrayDeque<JobTiming> jobs = new ArrayDeque<>();

    synchronized void add(JobTiming t) {
        if (jobs.size() == KEEP) jobs.removeFirst();
        jobs.addLast(t);
    }

    public synchronized List<JobTiming> snapshot() {
        return List.copyOf(jobs);
    }
}
