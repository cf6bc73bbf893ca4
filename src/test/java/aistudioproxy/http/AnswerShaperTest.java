package aistudioproxy.http;

import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.Message;
import aistudioproxy.chat.OutputFormat;
import aistudioproxy.chat.Role;
import aistudioproxy.chat.Thinking;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.chat.ToolChoice;
import aistudioproxy.tier.Delta;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answer path's stop-sequence cut and finish decisions, delta by delta. */
class AnswerShaperTest {
    /** A request whose {@code extra} stop sequences come after the five the page takes. */
    static ChatRequest request(List<String> extra, Integer maxTokens) {
        List<String> stop = new ArrayList<>(List.of("P1", "P2", "P3", "P4", "P5"));
        stop.addAll(extra);
        return new ChatRequest("m", List.of(Message.text(Role.USER, "hi")), true, null, null, maxTokens, stop,
                Thinking.AUTO, List.of(), ToolChoice.AUTO, OutputFormat.TEXT, null);
    }

    /** What is rendered, delta by delta, as text: held-back text shows up late, never twice. */
    static List<String> feed(AnswerShaper s, String... pieces) {
        List<String> out = new ArrayList<>();
        for (String p : pieces) {
            StringBuilder now = new StringBuilder();
            for (Delta d : s.accept(new Delta.Text(p))) now.append(((Delta.Text) d).text());
            out.add(now.toString());
        }
        return out;
    }

    @Test
    void withoutExtraStopSequencesEveryDeltaPassesAtOnce() {
        AnswerShaper s = new AnswerShaper(request(List.of(), null));
        assertEquals(List.of("Hel", "lo P", "1 P5"), feed(s, "Hel", "lo P", "1 P5"), "the page's five are the page's to apply");
        assertEquals(FinishReason.STOP, s.finish(FinishReason.STOP));
    }

    @Test
    void aSequenceSplitAcrossDeltasIsCutAndNothingOfItWasSent() {
        AnswerShaper s = new AnswerShaper(request(List.of("END!"), null));
        assertEquals(List.of("abc ", "", "", ""), feed(s, "abc E", "N", "D", "! more"));
        assertTrue(s.cut());
        assertEquals("END!", s.stopSequence());
        assertEquals(FinishReason.STOP_SEQUENCE, s.finish(FinishReason.STOP));
        assertTrue(s.accept(new Delta.Text("later")).isEmpty(), "nothing after the cut");
        assertEquals("abc ", s.answer(FinishReason.STOP).text());
    }

    @Test
    void aFalseStartIsReleasedWhenTheTextGoesElsewhere() {
        AnswerShaper s = new AnswerShaper(request(List.of("END!"), null));
        assertEquals(List.of("abc ", "ENx y"), feed(s, "abc EN", "x y"));
        assertFalse(s.cut());
        assertTrue(s.flush().isEmpty());
    }

    @Test
    void heldTextIsFlushedAtTheEnd() {
        AnswerShaper s = new AnswerShaper(request(List.of("STOP"), null));
        assertEquals(List.of("tail "), feed(s, "tail ST"));
        List<Delta> rest = s.flush();
        assertEquals(List.of(new Delta.Text("ST")), rest);
        assertEquals("tail ST", s.answer(FinishReason.STOP).text());
    }

    @Test
    void theEarliestOfSeveralSequencesWins() {
        AnswerShaper s = new AnswerShaper(request(List.of("zz", "b"), null));
        feed(s, "a b zz");
        assertEquals("b", s.stopSequence());
        assertEquals("a ", s.answer(FinishReason.STOP).text());
    }

    @Test
    void callsFlushHeldTextFirstAndMakeTheFinishToolCalls() {
        AnswerShaper s = new AnswerShaper(request(List.of("XY"), null));
        feed(s, "see X");
        List<Delta> out = s.accept(new Delta.Call(new ToolCall("call_1", "f", "{}")));
        assertEquals(2, out.size());
        assertEquals(new Delta.Text("X"), out.get(0));
        assertEquals(FinishReason.TOOL_CALLS, s.finish(FinishReason.STOP));
    }

    @Test
    void reasoningIsNeverCut() {
        AnswerShaper s = new AnswerShaper(request(List.of("think"), null));
        assertEquals(1, s.accept(new Delta.Reasoning("I think so")).size());
        assertFalse(s.cut());
    }

    @Test
    void aStopNearTheRequestedLimitIsLength() {
        AnswerShaper near = new AnswerShaper(request(List.of(), 10));
        feed(near, "x".repeat(30));
        assertEquals(FinishReason.LENGTH, near.finish(FinishReason.STOP), "30 characters is about 8 tokens of 10");
        AnswerShaper short_ = new AnswerShaper(request(List.of(), 100));
        feed(short_, "x".repeat(30));
        assertEquals(FinishReason.STOP, short_.finish(FinishReason.STOP));
        assertNull(short_.stopSequence());
        AnswerShaper none = new AnswerShaper(request(List.of(), null));
        feed(none, "x".repeat(3000));
        assertEquals(FinishReason.STOP, none.finish(FinishReason.STOP));
    }
}
