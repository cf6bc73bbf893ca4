package aistudioproxy.streamproxy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy compacts its heap once per quiet period, never while an exchange runs, never when nothing happened. */
class IdleCollectorTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final Activity activity = new Activity(now::get);
    final AtomicInteger collections = new AtomicInteger();
    final IdleCollector collector = new IdleCollector(activity, Duration.ofSeconds(2), collections::incrementAndGet);

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void nothingHappenedNothingCollected() {
        advance(Duration.ofMinutes(5));
        assertFalse(collector.poll());
        assertEquals(0, collections.get());
    }

    @Test
    void collectsOnceAfterTheQuietPeriodThatFollowsAnExchange() {
        activity.begin();
        advance(Duration.ofSeconds(1));
        activity.end();
        advance(Duration.ofMillis(1999));
        assertFalse(collector.poll(), "not quiet long enough yet");
        advance(Duration.ofMillis(1));
        assertTrue(collector.poll());
        advance(Duration.ofMinutes(1));
        assertFalse(collector.poll(), "one collection per quiet period");
        assertEquals(1, collections.get());
    }

    @Test
    void neverCollectsWhileAnExchangeIsInFlight() {
        activity.begin();
        activity.begin();
        activity.end();
        advance(Duration.ofMinutes(10)); // a long streaming answer on the other connection
        assertFalse(collector.poll());
        activity.end();
        advance(Duration.ofSeconds(2));
        assertTrue(collector.poll());
        assertEquals(1, collections.get());
    }

    @Test
    void newActivityAfterACollectionEarnsAnotherOne() {
        activity.begin();
        activity.end();
        advance(Duration.ofSeconds(3));
        assertTrue(collector.poll());
        activity.begin();
        activity.end();
        advance(Duration.ofSeconds(1));
        assertFalse(collector.poll(), "the quiet period restarts at the last exchange's end");
        advance(Duration.ofSeconds(1));
        assertTrue(collector.poll());
        assertEquals(2, collections.get());
    }
}
