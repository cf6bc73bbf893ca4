package aistudioproxy.queue;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Spaces back-to-back streaming jobs as a person would (SPEC §8): when the previous job streamed,
 * this one streams, and less than 1 s passed since the previous ended, wait
 * {@code max(0.5 s, 1.0 s - elapsed)}. Used by the queue worker only (single thread).
 */
final class SmartDelay {
    private static final System.Logger LOG = System.getLogger(SmartDelay.class.getName());
    static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();
    static final long MIN_DELAY_NANOS = Duration.ofMillis(500).toNanos();

    private final Ticker ticker;
    private final boolean enabled;
    private boolean previousStreamed;
    private long previousEndNanos;
    private boolean hasPrevious;

    SmartDelay(Ticker ticker, boolean enabled) {
        this.ticker = ticker;
        this.enabled = enabled;
    }

    /** The delay owed before a job with the given streaming flag starts; zero when none. */
    Duration owed(boolean streaming) {
        if (!enabled || !hasPrevious || !previousStreamed || !streaming) return Duration.ZERO;
        long elapsed = ticker.nanoTime() - previousEndNanos;
        if (elapsed >= WINDOW_NANOS) return Duration.ZERO;
        return Duration.ofNanos(Math.max(MIN_DELAY_NANOS, WINDOW_NANOS - elapsed));
    }

    void beforeJob(String jobId, boolean streaming) throws InterruptedException {
        Duration d = owed(streaming);
        if (d.isZero()) return;
        LOG.log(Level.INFO, "smart_delay_applied request={0} delay_ms={1}", jobId, d.toMillis());
        ticker.sleep(d);
    }

    void afterJob(boolean streaming) {
        hasPrevious = true;
        previousStreamed = streaming;
        previousEndNanos = ticker.nanoTime();
    }
}
