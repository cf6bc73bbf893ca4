package aistudioproxy.e2e;

import aistudioproxy.config.Setting;
import aistudioproxy.json.JsonWriter;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prompts of any length reach the model whole, on the simulator page, whose prompt box refuses
 * more than 500,000 characters (Run stays disabled) as the live one gives up on very long text.
 * Up to PROMPT_AS_FILE_CHARS the prompt goes through the box; above it, or when the box refuses
 * it, as the attached file conversation.txt with a short instruction. The model's answer comes
 * from a directive at the very end of the prompt, so it is only right when the whole text arrived.
 */
class LongPromptTest {
    static SimStack byDefault;
    /** PROMPT_AS_FILE_CHARS far above the box's limit: only the box's refusal sends a file. */
    static SimStack boxFirst;

    @BeforeAll
    static void start() throws Exception {
        byDefault = new SimStack();
        boxFirst = new SimStack(Map.of(Setting.PROMPT_AS_FILE_CHARS, "5000000"));
    }

    @AfterAll
    static void stop() {
        if (byDefault != null) byDefault.close();
        if (boxFirst != null) boxFirst.close();
    }

    /** About {@code chars} characters of varied lines, then the directive whose answer proves the end arrived. */
    static String longPrompt(int chars, String marker) {
        StringBuilder b = new StringBuilder(chars + 100);
        for (int i = 0; b.length() < chars; i++) b.append("Line ").append(i).append(": the quick brown fox jumps over the lazy dog ").append(i * 7919 % 10007).append(".\n");
        return b.append("[[sim:no-think]] [[sim:say ").append(marker).append("]]").toString();
    }

    private static String received(SimStack stack) {
        List<String> prompts = stack.app.simulator().state().prompts();
        return prompts.getLast();
    }

    private static void answered(SimStack stack, String prompt, String marker, boolean stream) throws Exception {
        var r = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":" + JsonWriter.quote(prompt) + "}]}");
        assertEquals(200, r.statusCode(), r.body().length() > 2000 ? r.body().substring(0, 2000) : r.body());
        assertEquals(marker, Http.contentOf(r.body()));
    }

    @Test
    void aHundredKilobytesGoThroughThePromptBox() throws Exception {
        String prompt = longPrompt(100_000, "END-100K");
        answered(byDefault, prompt, "END-100K", true);
        assertEquals(prompt, received(byDefault), "the box took the whole text, unchanged");
    }

    /** The model got the short instruction typed and the whole prompt from conversation.txt, and nothing else. */
    private static void answeredFromTheFile(SimStack stack, int chars, String marker, boolean stream) throws Exception {
        String prompt = longPrompt(chars, marker);
        answered(stack, prompt, marker, stream);
        String got = received(stack);
        assertTrue(got.startsWith("The whole conversation is in the attached file conversation.txt."), got.substring(0, 200));
        assertTrue(got.endsWith("\n\n" + prompt), "the file holds the whole conversation");
        assertTrue(got.length() < prompt.length() + 300, "the prompt box holds the instruction only");
    }

    @Test
    void aMegabyteGoesInAsAnAttachedTextFile() throws Exception {
        answeredFromTheFile(byDefault, 1 << 20, "END-1M", false);
    }

    @Test
    void aPromptTheBoxRefusesGoesInAsAFileAfterAll() throws Exception {
        answeredFromTheFile(boxFirst, 600_000, "END-600K", true);
    }

    @Test
    void belowItsLimitTheBoxTakesEvenALongPrompt() throws Exception {
        String prompt = longPrompt(400_000, "END-400K");
        answered(boxFirst, prompt, "END-400K", false);
        assertEquals(prompt, received(boxFirst));
    }
}
