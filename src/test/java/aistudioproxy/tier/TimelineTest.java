package aistudioproxy.tier;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A job's steps: each named by the time spent reaching it from the step marked before it. */
class TimelineTest {
    static final long MS = 1_000_000;

    @Test
    void eachMarkedStepGetsTheTimeFromThePreviousOne() {
        Timeline t = new Timeline();
        t.mark(Timeline.Step.ENQUEUED, 1000 * MS);
        t.mark(Timeline.Step.TAKEN, 1001 * MS);
        t.mark(Timeline.Step.DELAYED, 1001 * MS);
        t.mark(Timeline.Step.RUN_STARTED, 1003 * MS);
        t.mark(Timeline.Step.PREPARED, 1023 * MS);
        t.mark(Timeline.Step.FILLED, 1063 * MS);
        t.mark(Timeline.Step.CLICKED, 1098 * MS);
        t.mark(Timeline.Step.REQUEST_SEEN, 1110 * MS);
        t.mark(Timeline.Step.FIRST_PART, 1150 * MS);
        t.mark(Timeline.Step.FIRST_DELTA, 1151 * MS);
        t.mark(Timeline.Step.FIRST_DELTA, 1999 * MS); // later deltas do not move the first
        Map<String, Double> b = t.breakdown();
        assertEquals(List.of("queue", "delay", "handoff", "prepare", "fill", "click", "request", "model", "delivery"), List.copyOf(b.keySet()));
        assertEquals(List.of(1.0, 0.0, 2.0, 20.0, 40.0, 35.0, 12.0, 40.0, 1.0), List.copyOf(b.values()));
    }

    @Test
    void unmarkedStepsAreLeftOut() {
        Timeline t = new Timeline();
        t.mark(Timeline.Step.ENQUEUED, 5 * MS);
        t.mark(Timeline.Step.TAKEN, 6 * MS);
        t.mark(Timeline.Step.CLICKED, 10 * MS);
        t.mark(Timeline.Step.FIRST_DELTA, 900 * MS); // a page-tier answer: no request, no first part
        assertEquals(Map.of("queue", 1.0, "click", 4.0, "delivery", 890.0), t.breakdown());
        assertEquals(Map.of(), new Timeline().breakdown());
    }
}
