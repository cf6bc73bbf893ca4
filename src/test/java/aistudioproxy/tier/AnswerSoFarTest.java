package aistudioproxy.tier;

import aistudioproxy.chat.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second tier carrying on an answer: only what is new goes out, and a contradiction stops it. */
class AnswerSoFarTest {
    final List<Delta> client = new ArrayList<>();
    final AnswerSoFar sent = new AnswerSoFar(client::add);

    @Test
    void theNextTierAddsOnlyWhatGoesBeyondInPiecesOfAnyCut() {
        AnswerSoFar.Replay first = sent.replay(() -> {});
        first.accept(new Delta.Reasoning("Thinking about it"));
        first.accept(new Delta.Text("Hel"));
        first.accept(new Delta.Text("lo wo"));
        assertTrue(sent.started());
        client.clear();
        AtomicInteger owners = new AtomicInteger();
        AnswerSoFar.Replay next = sent.replay(owners::incrementAndGet);
        next.accept(new Delta.Reasoning("Thinking"));
        next.accept(new Delta.Reasoning(" about it, done"));
        next.accept(new Delta.Text("Hello"));
        assertEquals(1, owners.get(), "the owner changes before the first new delta, once");
        next.accept(new Delta.Text(" world!"));
        next.finish();
        assertNull(next.diverged());
        assertEquals(List.of(new Delta.Reasoning(", done"), new Delta.Text("rld!")), client);
    }

    @Test
    void aTierThatRepeatsOnlyWhatWasSentAddsNothingAndIsNoOwner() {
        sent.replay(() -> {}).accept(new Delta.Text("abc"));
        client.clear();
        AtomicInteger owners = new AtomicInteger();
        AnswerSoFar.Replay next = sent.replay(owners::incrementAndGet);
        next.accept(new Delta.Text("abc"));
        next.finish();
        assertNull(next.diverged());
        assertTrue(client.isEmpty());
        assertEquals(0, owners.get());
    }

    @Test
    void reasoningReadDifferentlyStopsOnlyTheReasoning() {
        AnswerSoFar.Replay first = sent.replay(() -> {});
        first.accept(new Delta.Reasoning("**Plan** first"));
        first.accept(new Delta.Text("Done.\n"));
        client.clear();
        AnswerSoFar.Replay page = sent.replay(() -> {});
        page.accept(new Delta.Reasoning("Plan first, then more"));
        page.accept(new Delta.Text("Done."));
        page.accept(new Delta.Reasoning(" and more"));
        page.finish();
        assertNull(page.diverged(), "rendered reasoning and trimmed text are the same answer");
        assertTrue(client.isEmpty(), client.toString());
    }

    @Test
    void otherTextShorterTextOrOtherCallsContradict() {
        sent.replay(() -> {}).accept(new Delta.Text("The answer is 4"));
        AnswerSoFar.Replay other = sent.replay(() -> {});
        other.accept(new Delta.Text("The answer was 4"));
        other.accept(new Delta.Text(" and more"));
        assertEquals("text differs at character 11", other.diverged());

        AnswerSoFar.Replay shorter = sent.replay(() -> {});
        shorter.accept(new Delta.Text("The answer"));
        assertNull(shorter.diverged(), "not yet: more may come");
        shorter.finish();
        assertEquals("its text ends at character 10 of the 15 sent", shorter.diverged());

        client.clear();
        AnswerSoFar calls = new AnswerSoFar(client::add);
        AnswerSoFar.Replay first = calls.replay(() -> {});
        first.accept(new Delta.Call(new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}")));
        AnswerSoFar.Replay again = calls.replay(() -> {});
        again.accept(new Delta.Call(new ToolCall("call_b", "get_weather", "{\"city\":\"Paris\"}")));
        again.accept(new Delta.Call(new ToolCall("call_c", "get_time", "{}")));
        assertNull(again.diverged(), "the same call under another id is the same call");
        assertEquals(List.of("call_a", "call_c"), client.stream().map(d -> ((Delta.Call) d).call().id()).toList());
        AnswerSoFar.Replay wrong = calls.replay(() -> {});
        wrong.accept(new Delta.Call(new ToolCall("call_d", "get_weather", "{ \"city\": \"Paris\" }")));
        assertNull(wrong.diverged(), "spacing aside, the same arguments");
        wrong.accept(new Delta.Call(new ToolCall("call_e", "get_time", "{\"zone\":\"UTC\"}")));
        assertFalse(wrong.diverged() == null);
        wrong.accept(new Delta.Text("anything"));
        assertEquals(2, client.size(), "nothing passes once contradicted");
    }
}
