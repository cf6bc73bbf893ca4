package aistudioproxy.queue;

import aistudioproxy.tier.TierName;

import java.util.List;

/** What /v1/queue shows: the running job (or null) and the waiting ones, oldest first. */
public record QueueSnapshot(Running running, List<Waiting> waiting) {
    public QueueSnapshot {
        waiting = List.copyOf(waiting);
    }

    public record Running(String id, long ageMillis, TierName tier, boolean stream) {}

    public record Waiting(String id, long waitedMillis, boolean stream) {}
}
