package aistudioproxy.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmartDelayTest {
    /** A clock that only moves when told to, and records sleeps instead of sleeping. */
    static final class FakeTicker implements Ticker {
        long now = 1_000_000_000L;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            sleeps.add(d);
            now += d.toNanos();
        }

        void advance(long millis) {
            now += millis * 1_000_000;
        }
    }

    @Test
    void backToBackStreamingJobsWaitTheRestOfOneSecondButAtLeastHalf() throws Exception {
        FakeTicker t = new FakeTicker();
        SmartDelay d = new SmartDelay(t, true);
        d.beforeJob("a", true);
        d.afterJob(true);
        t.advance(100);
        d.beforeJob("b", true);
        assertEquals(List.of(Duration.ofMillis(900)), t.sleeps, "1.0 s - 100 ms elapsed");
        d.afterJob(true);
        t.advance(700);
        assertEquals(Duration.ofMillis(500), d.owed(true), "never less than 0.5 s");
        t.advance(300);
        assertEquals(Duration.ZERO, d.owed(true), "1 s or more since the last job: no delay");
    }

    @Test
    void noDelayUnlessBothJobsStream() {
        FakeTicker t = new FakeTicker();
        SmartDelay d = new SmartDelay(t, true);
        assertEquals(Duration.ZERO, d.owed(true), "no previous job");
        d.afterJob(false);
        assertEquals(Duration.ZERO, d.owed(true), "previous did not stream");
        d.afterJob(true);
        assertEquals(Duration.ZERO, d.owed(false), "current does not stream");
        assertEquals(Duration.ofSeconds(1), d.owed(true));
    }

    @Test
    void switchedOffMeansNoDelay() {
        FakeTicker t = new FakeTicker();
        SmartDelay d = new SmartDelay(t, false);
        d.afterJob(true);
        assertEquals(Duration.ZERO, d.owed(true));
    }
}
