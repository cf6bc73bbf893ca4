package aistudioproxy.queue;

import java.time.Duration;

/** Monotonic time and sleeping, injectable so time-dependent rules are tested without waiting. */
public interface Ticker {
    long nanoTime();

    void sleep(Duration d) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d);
        }
    };
}
