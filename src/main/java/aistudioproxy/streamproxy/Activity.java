package aistudioproxy.streamproxy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts the proxy's exchanges (intercepted and plain-forwarded requests) as they begin and end,
 * so that {@link IdleCollector} can tell when the proxy has gone quiet. Tunnels and the event
 * channel are not counted: they stay open for minutes while doing little. Thread-safe.
 */
final class Activity {
    private final LongSupplier clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong begun = new AtomicLong();
    private volatile long lastEndNanos;

    Activity(LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.lastEndNanos = nanoClock.getAsLong();
    }

    void begin() {
        begun.incrementAndGet();
        inFlight.incrementAndGet();
    }

    void end() {
        lastEndNanos = clock.getAsLong();
        inFlight.decrementAndGet();
    }

    /** Exchanges begun since the start; grows with every {@link #begin()}. */
    long begun() {
        return begun.get();
    }

    boolean idle() {
        return inFlight.get() == 0;
    }

    /** Nanoseconds since the last exchange ended (or since the start). */
    long quietNanos() {
        return clock.getAsLong() - lastEndNanos;
    }
}
