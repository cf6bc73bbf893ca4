package aistudioproxy.tools;

import aistudioproxy.json.JsonValue;
import aistudioproxy.chat.ToolChoice;
import aistudioproxy.chat.ToolSpec;
import aistudioproxy.tier.Delta;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulated protocol's parser on answers cut anywhere: the same text and calls whatever the split. */
class CallExtractorTest {
    private static final ToolPlan PLAN = new ToolPlan(List.of(new ToolSpec("get_weather", "", JsonValue.Obj.builder().build()),
            new ToolSpec("get_time", "", JsonValue.Obj.builder().build())), new ToolChoice.Auto());

    /** Text (runs merged) and calls as "CALL name args", in order. */
    private static List<String> run(List<String> pieces) {
        List<String> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        CallExtractor x = new CallExtractor(PLAN, d -> {
            switch (d) {
                case Delta.Text t -> text.append(t.text());
                case Delta.Call c -> {
                    if (!text.isEmpty()) out.add(text.toString());
                    text.setLength(0);
                    assertTrue(c.call().id().matches("call_[0-9a-f]{24}"), c.call().id());
                    out.add("CALL " + c.call().name() + " " + c.call().argumentsJson());
                }
                case Delta.Reasoning r -> out.add("THINK " + r.text());
            }
        });
        for (String p : pieces) x.accept(new Delta.Text(p));
        x.finish();
        if (!text.isEmpty()) out.add(text.toString());
        return out;
    }

    /** The answer whole, then cut at every point into two pieces, then one character at a time. */
    private static void sameEverywhere(String answer, List<String> expected) {
        assertEquals(expected, run(List.of(answer)), "whole");
        for (int i = 1; i < answer.length(); i++) assertEquals(expected, run(List.of(answer.substring(0, i), answer.substring(i))), "cut at " + i);
        assertEquals(expected, run(answer.chars().mapToObj(c -> String.valueOf((char) c)).toList()), "one at a time");
    }

    @Test
    void textThenOneCall() {
        sameEverywhere("Let me look.\n```tool_call\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": 3}}\n```",
                List.of("Let me look.\n", "CALL get_weather {\"city\":\"Paris\",\"days\":3}"));
    }

    @Test
    void twoCallsNestedArgumentsAndArgumentsAsAString() {
        sameEverywhere("```tool_call\n{\"name\":\"get_weather\",\"arguments\":{\"where\":{\"city\":\"Oslo\",\"tags\":[\"a\",{\"b\":null}]}}}\n```\n\n"
                        + "```tool_call\n{\"name\":\"get_time\",\"arguments\":\"{\\\"tz\\\":\\\"UTC\\\"}\"}\n```\n",
                List.of("CALL get_weather {\"where\":{\"city\":\"Oslo\",\"tags\":[\"a\",{\"b\":null}]}}", "CALL get_time {\"tz\":\"UTC\"}"));
    }

    @Test
    void textAfterACallIsKeptWithTheBlankBeforeIt() {
        sameEverywhere("```tool_call\n{\"name\":\"get_time\",\"arguments\":{}}\n```\n\nThat is all.",
                List.of("CALL get_time {}", "\nThat is all."));
    }

    @Test
    void whatIsNotACallStaysText() {
        String code = "Here:\n```python\nprint('```tool_call')\n```\nDone.";
        sameEverywhere(code, List.of(code));
        String undeclared = "```tool_call\n{\"name\":\"rm_rf\",\"arguments\":{}}\n```\n";
        sameEverywhere(undeclared, List.of(undeclared));
        String malformed = "```tool_call\n{\"name\":\"get_time\",\"arguments\":{\n```\nafter";
        sameEverywhere(malformed, List.of(malformed));
        String notObject = "```tool_call\n{\"name\":\"get_time\",\"arguments\":[1]}\n```";
        sameEverywhere(notObject, List.of(notObject));
        String unclosed = "start\n```tool_call\n{\"name\":\"get_time\",\"arguments\":{}}";
        sameEverywhere(unclosed, List.of(unclosed));
        String inline = "say ```tool_call inline";
        sameEverywhere(inline, List.of(inline));
    }

    @Test
    void thinkingPassesThroughAndHeldTextIsNotLost() {
        List<String> out = new ArrayList<>();
        CallExtractor x = new CallExtractor(PLAN, d -> out.add(d.toString()));
        x.accept(new Delta.Reasoning("hmm"));
        x.accept(new Delta.Text("``"));
        assertEquals(1, out.size(), "a possible fence is held: " + out);
        x.finish();
        assertEquals(List.of("Reasoning[text=hmm]", "Text[text=``]"), out);
    }
}
