package aistudioproxy.streamtier;

import aistudioproxy.json.JsonValue;
import aistudioproxy.streamproxy.ProxyEvent;
import aistudioproxy.streamproxy.ProxyEventCodec;
import aistudioproxy.tier.Delta;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tier 1's state machine on lists of events at given times (ms), without a proxy or a browser. */
class GenerationWatchTest {
    private static final long MS = 1_000_000;

    /** A timed event; a null event is time passing. */
    record At(long ms, ProxyEvent event) {}

    /** Feeds the events in order; returns the outcome steps as text (emits, then the end). */
    private static List<String> run(List<At> events) {
        GenerationWatch w = new GenerationWatch(Duration.ofMillis(3000), Duration.ofMillis(30_000), Duration.ofMillis(1000), 0);
        List<String> out = new ArrayList<>();
        for (At a : events) {
            switch (w.on(a.event(), a.ms() * MS)) {
                case GenerationWatch.Step.Emit e -> out.add(switch (e.delta()) {
                    case Delta.Text t -> "text:" + t.text();
                    case Delta.Reasoning r -> "think:" + r.text();
                    case Delta.Call c -> "call:" + c.call().name() + c.call().argumentsJson();
                });
                case GenerationWatch.Step.Finish f -> {
                    out.add("finish:" + f.result().finish().name().toLowerCase(java.util.Locale.ROOT));
                    return out;
                }
                case GenerationWatch.Step.Fail f -> {
                    out.add("fail:" + f.error().status() + ":" + f.error().message());
                    return out;
                }
                case GenerationWatch.Step.Continue c -> { }
            }
        }
        return out;
    }

    private static At at(long ms, ProxyEvent e) {
        return new At(ms, e);
    }

    @Test
    void ourGenerationIsTheFirstToStartAndOthersAreIgnored() {
        assertEquals(List.of("think:hm", "text:Hi", "finish:stop"), run(List.of(
                at(10, new ProxyEvent.Start(1, 7, "")), at(20, new ProxyEvent.Reasoning(2, 7, "hm")), at(30, new ProxyEvent.Start(3, 8, "")),
                at(31, new ProxyEvent.Text(4, 8, "not ours")), at(40, new ProxyEvent.Text(5, 7, "Hi")), at(50, new ProxyEvent.Done(6, 8)),
                at(60, new ProxyEvent.Done(7, 7)))));
    }

    @Test
    void callsEndWithToolCalls() {
        JsonValue.Obj args = JsonValue.Obj.builder().put("a", 1).build();
        assertEquals(List.of("call:f{\"a\":1}", "finish:tool_calls"), run(List.of(
                at(1, new ProxyEvent.Start(1, 1, "")), at(2, new ProxyEvent.ToolCall(2, 1, "f", args)), at(3, new ProxyEvent.Done(3, 1)))));
    }

    @Test
    void noStartWithinTheFirstEventTimeoutFallsBack() {
        List<String> out = run(List.of(at(1000, null), at(2999, new ProxyEvent.Text(1, 5, "stale")), at(3000, null)));
        assertEquals(1, out.size());
        assertTrue(out.getFirst().startsWith("fail:504:no GenerateContent response seen within 3000 ms"), out.toString());
    }

    @Test
    void silenceAfterTheStartIsAStall() {
        List<String> out = run(List.of(at(1, new ProxyEvent.Start(1, 1, "")), at(2, new ProxyEvent.Text(2, 1, "a")), at(30_001, null), at(30_003, null)));
        assertEquals("text:a", out.getFirst());
        assertTrue(out.getLast().startsWith("fail:502:the GenerateContent stream stalled"), out.toString());
    }

    @Test
    void errorsAndALostChannelFail() {
        assertTrue(run(List.of(at(1, new ProxyEvent.Start(1, 1, "")), at(2, new ProxyEvent.Error(2, 1, 429, "x")))).getFirst().startsWith("fail:429:"));
        assertTrue(run(List.of(at(1, new ProxyEvent.Start(1, 1, "")), at(2, new ProxyEvent.Error(2, 1, 0, "cut")))).getFirst()
                .startsWith("fail:502:AI Studio's response failed: cut"));
        assertTrue(run(List.of(at(1, new ProxyEvent.Lost("gone")))).getFirst().startsWith("fail:502:gone"));
    }

    /** A quota report decides after the grace, unless the generation ends first; one about another generation is not ours. */
    @Test
    void quotaReportsRaceTheGenerationsOwnEnd() {
        assertTrue(run(List.of(at(1, new ProxyEvent.Start(1, 1, "")), at(2, new ProxyEvent.Quota(2, 1, "You exceeded your current quota")),
                at(500, null), at(1002, null))).getLast().startsWith("fail:429:AI Studio quota exceeded: You exceeded"));
        assertEquals(List.of("text:ok", "finish:stop"), run(List.of(at(1, new ProxyEvent.Start(1, 1, "")),
                at(2, new ProxyEvent.Quota(2, 1, "Failed to generate content")), at(3, new ProxyEvent.Text(3, 1, "ok")), at(4, new ProxyEvent.Done(4, 1)))));
        assertEquals(List.of("text:ok", "finish:stop"), run(List.of(at(1, new ProxyEvent.Start(1, 2, "")),
                at(2, new ProxyEvent.Quota(2, 1, "quota")), at(1500, new ProxyEvent.Text(3, 2, "ok")), at(1501, new ProxyEvent.Done(4, 2)))));
        assertTrue(run(List.of(at(1, new ProxyEvent.Start(1, 1, "")), at(2, new ProxyEvent.Quota(2, 1, "RESOURCE_EXHAUSTED")),
                at(3, new ProxyEvent.Error(3, 1, 0, "cut")))).getLast().startsWith("fail:429:AI Studio quota exceeded: RESOURCE_EXHAUSTED"));
    }

    @Test
    void theWaitNeverOutlastsTheNextDeadline() {
        GenerationWatch w = new GenerationWatch(Duration.ofMillis(3000), Duration.ofMillis(30_000), Duration.ofMillis(1000), 0);
        assertEquals(100, w.waitMillis(0));
        assertEquals(40, w.waitMillis(2960 * MS));
        w.on(new ProxyEvent.Start(1, 1, ""), 10 * MS);
        w.on(new ProxyEvent.Quota(2, 1, "quota"), 20 * MS);
        assertEquals(30, w.waitMillis(990 * MS));
    }

    /** Every event crosses the channel unchanged; a kind from a newer proxy decodes to null. */
    @Test
    void theCodecRoundTripsEveryKind() throws Exception {
        JsonValue.Obj args = JsonValue.Obj.builder().put("q", "x").put("n", new JsonValue.Arr(List.of(JsonValue.Num.of(1), JsonValue.Num.of(2)))).build();
        for (ProxyEvent e : List.of(new ProxyEvent.Start(1, 2, ""), new ProxyEvent.Text(2, 2, "a \"b\" ü"), new ProxyEvent.Reasoning(3, 2, "r"),
                new ProxyEvent.ToolCall(4, 2, "f", args), new ProxyEvent.Done(5, 2), new ProxyEvent.Error(6, 2, 500, "HTTP 500"),
                new ProxyEvent.Error(7, 2, 0, "cut"), new ProxyEvent.Quota(8, 0, "quota"))) {
            assertEquals(e, ProxyEventCodec.decode(ProxyEventCodec.encode(e)), ProxyEventCodec.encode(e));
        }
        assertNull(ProxyEventCodec.decode("{\"seq\":1,\"gen\":1,\"kind\":\"grounding\"}"));
    }
}
