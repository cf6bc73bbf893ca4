package aistudioproxy.page;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page tier on the simulator's legacy layout (the 2025 builds of the real saved pages):
 * thoughts are a turn of their own, Run and Stop are one button whose label stays "Run", code
 * blocks carry hidden copy text, turns out of view are placeholders, and the A/B view replaces the
 * answer turn now and then. Answers are read as a person reads them, once.
 */
class LegacyLayoutTest {
    private static SimStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new SimStack(Map.of(Setting.SIMULATOR_UI, "legacy", Setting.CLEAR_CHAT_AFTER_REQUEST, "false"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A field of the first choice's message, or null. */
    private static String field(String body, String name) throws Exception {
        var root = (aistudioproxy.json.JsonValue.Obj) aistudioproxy.json.Json.parse(body);
        var choice = (aistudioproxy.json.JsonValue.Obj) ((aistudioproxy.json.JsonValue.Arr) root.get("choices").orElseThrow()).get(0);
        return ((aistudioproxy.json.JsonValue.Obj) choice.get("message").orElseThrow()).string(name).orElse(null);
    }

    @Test
    void thoughtsTurnAndAnswerAreReadApartAndOnce() throws Exception {
        var r = Http.post(stack.chat(), Http.chatBody("[[sim:say The answer, said once.]]", false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("The answer, said once.", field(r.body(), "content"));
        String thinking = field(r.body(), "reasoning_content");
        assertTrue(thinking != null && !thinking.isBlank() && !thinking.contains("The answer, said once."), r.body());
        Object shape = stack.app.page().onPage(p -> p.evaluate("""
                () => ({ thoughtTurns: [...document.querySelectorAll('ms-chat-turn')].filter(t => t.querySelector('.thought-container')
                           && !t.querySelector('ms-prompt-chunk.text-chunk')).length,
                         runLabel: document.querySelector('run-button button').getAttribute('aria-label'),
                         current: document.querySelectorAll('ms-run-button, ms-prompt-box, [data-test-id="model-name"]').length })"""));
        assertEquals(Map.of("thoughtTurns", 1, "runLabel", "Run", "current", 0), shape);
    }

    @Test
    void codeBlocksComeBackAsTheirMarkdownWithoutCopyMarkers() throws Exception {
        String md = "Here it is:\n\n```python\nprint(1)\n```\n\nDone.";
        var r = Http.post(stack.chat(), Http.chatBody("[[sim:say " + md + "]]", false).replace("\n", "\\n"));
        assertEquals(200, r.statusCode(), r.body());
        String content = field(r.body(), "content");
        assertEquals("Here it is:\n\n```python\nprint(1)\n```\n\nDone.", content);
        assertFalse(content.contains("IGNORE_WHEN_COPYING") || content.contains("caution"), content);
    }

    @Test
    void comparisonViewGivesOneCandidateAndIsSkipped() throws Exception {
        var r = Http.post(stack.chat(), Http.chatBody("[[sim:ab]] [[sim:say Left is the one taken.]]", false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("Left is the one taken.", field(r.body(), "content"));
        Object left = stack.app.page().onPage(p -> p.evaluate("() => document.querySelectorAll('[data-test-side]').length"));
        assertEquals(0, left, "the vote was skipped");
        var next = Http.post(stack.chat(), Http.chatBody("[[sim:say next]]", false));
        assertEquals("next", field(next.body(), "content"));
    }

    @Test
    void thinkingOfALongAnswerIsReadThoughItsTurnWasScrolledAway() throws Exception {
        var r = Http.post(stack.chat(), Http.chatBody("[[sim:long=1500]] [[sim:pace=1]]", false));
        assertEquals(200, r.statusCode(), r.body());
        String thinking = field(r.body(), "reasoning_content");
        assertTrue(thinking != null && !thinking.isBlank(), r.body().substring(0, Math.min(300, r.body().length())));
        assertEquals(1500, field(r.body(), "content").split("\\s+").length);
        Object placeholders = stack.app.page().onPage(p -> p.evaluate("""
                async () => { const s = document.querySelector('ms-autoscroll-container'); s.scrollTop = s.scrollHeight;
                  await new Promise(r => setTimeout(r, 300));
                  return document.querySelectorAll('.turn-content > div[style*="height"]').length; }"""));
        assertTrue(((Number) placeholders).intValue() > 0, "turns out of view are placeholders: " + placeholders);
    }
}
