package aistudioproxy.queue;

import aistudioproxy.tier.TierName;

import java.util.List;

/**
 * What /v1/queue shows: the running job (or null), the waiting ones, oldest first, and the job
 * (or null) whose answer has been sent but whose page cleanup (Stop, new chat) still holds the
 * lock. Every job listed as running or waiting can be cancelled.
 */
public record QueueSnapshot(Running running, List<Waiting> waiting, String cleaningUp) {
    public QueueSnapshot {
        waiting = List.copyOf(waiting);
    }

    public record Running(String id, long ageMillis, TierName tier, boolean stream) {}

    public record Waiting(String id, long waitedMillis, boolean stream) {}
}
