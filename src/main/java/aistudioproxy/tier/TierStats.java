package aistudioproxy.tier;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Per-tier counters and last events, for /health and /api/info. Thread-safe. */
public final class TierStats {
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<Instant> lastUsed = new AtomicReference<>();

    void answered(Instant at) {
        answers.incrementAndGet();
        lastUsed.set(at);
    }

    /** The tier failed before its first delta and the job moved on. */
    void fellBack(String why) {
        fallbacks.incrementAndGet();
        lastError.set(why);
    }

    /** The tier failed after sending deltas: the job failed. */
    void failed(String why) {
        failures.incrementAndGet();
        lastError.set(why);
    }

    public record Snapshot(long answers, long fallbacks, long failures, String lastError, Instant lastUsed) {}

    public Snapshot snapshot() {
        return new Snapshot(answers.get(), fallbacks.get(), failures.get(), lastError.get(), lastUsed.get());
    }
}
