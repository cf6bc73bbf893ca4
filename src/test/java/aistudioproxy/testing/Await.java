package aistudioproxy.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a state the code under test exposes no event for (a queue length), checking every 10 ms for up to 10 s (or as given). */
public final class Await {
    private Await() {}

    public static void until(BooleanSupplier cond, String what) throws InterruptedException {
        until(cond, what, java.time.Duration.ofSeconds(10));
    }

    public static void until(BooleanSupplier cond, String what, java.time.Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
