package aistudioproxy.e2e;

import aistudioproxy.simulator.SimState;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Chromium drives the simulator page through the production selectors, on the layout the
 * suite runs against ({@code -Dsimulator.ui}): every request parameter is proven to have reached
 * the RPC by the simulator's echo of what it received.
 */
class PageTierTest {
    static SimStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new SimStack();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String echo(String model, String params, String prompt) throws Exception {
        var r = Http.post(stack.chat(), "{\"model\":\"" + model + "\"," + params
                + "\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:echo-settings]] " + prompt + "\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static void assertContains(String body, String part) {
        assertTrue(body.contains(part), "expected " + part + " in " + body);
    }

    /** Model switch (from the page's default), temperature, top P, output length, stop sequences, budget, system, image. */
    @Test
    void everyParameterReachesTheModel() throws Exception {
        String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0});
        String body = """
                {"model":"gemini-2.5-flash","temperature":0.35,"top_p":0.8,"max_tokens":321,"stop":["ZZQ","QQZ"],
                 "reasoning_effort":"low",
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[
                   {"type":"text","text":"[[sim:echo-settings]] Hello simulator"},
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,PNG"}}]}]}""".replace("PNG", png);
        var r = Http.post(stack.chat(), body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("page", r.headers().firstValue("X-Response-Tier").orElseThrow());
        String b = r.body();
        assertTrue(b.contains("model=gemini-2.5-flash\\n"), b);
        assertTrue(b.contains("temperature=0.35\\n"), b);
        assertTrue(b.contains("top_p=0.80\\n"), b);
        assertTrue(b.contains("max_tokens=321\\n"), b);
        assertTrue(b.contains("stop=[\\\"ZZQ\\\",\\\"QQZ\\\"]\\n"), b);
        assertTrue(b.contains("thinking=on budget=1024 level=-\\n"), b);
        assertTrue(b.contains("system=\\\"Be brief.\\\"\\n"), b);
        assertTrue(b.contains("images=image/png\\n"), b);
        assertTrue(b.contains("prompt=\\\"Hello simulator\\\""), b);
        assertTrue(b.contains("\"reasoning_content\":\"Considering"), b);

        // The next request changes each setting again, and takes the ones it does not send back to
        // the defaults: stop chips read and removed, thinking off, the system instruction cleared.
        String next = echo("gemini-2.5-flash", "\"temperature\":1.5,\"top_p\":0.5,\"max_tokens\":99,\"stop\":[\"QQZ\",\"NEW\"],\"reasoning_effort\":\"none\",", "again");
        assertTrue(next.contains("temperature=1.50\\ntop_p=0.50\\nmax_tokens=99\\nstop=[\\\"QQZ\\\",\\\"NEW\\\"]\\nthinking=off budget=-1 level=-\\nsystem=\\\"\\\"\\nimages=\\n"), next);
        assertFalse(next.contains("reasoning_content"), next);
        assertEquals(0, stack.app.simulator().state().savedChats(), "temporary chat stays on: no run was saved to Drive");
    }

    /** Gemini 3 has a "Thinking Level" select instead of switches: reasoning_effort picks the nearest level it offers. */
    @Test
    void thinkingLevelOfGemini3() throws Exception {
        assertContains(echo("gemini-3-flash-preview", "\"reasoning_effort\":\"medium\",", "x"), "thinking=on budget=-1 level=medium\\n");
        assertContains(echo("gemini-3-flash-preview", "\"reasoning_effort\":\"minimal\",", "x"), "level=minimal\\n");
        // Pro offers Low and High only.
        assertContains(echo("gemini-3-pro-preview", "\"reasoning_effort\":\"medium\",", "x"), "level=high\\n");
        assertContains(echo("gemini-3-pro-preview", "\"reasoning_effort\":\"low\",", "x"), "level=low\\n");
        // No reasoning_effort: the level the page shows is left alone.
        assertContains(echo("gemini-3-pro-preview", "", "x"), "level=low\\n");
    }

    /** Models without a thinking switch (2.5 Pro always thinks, 2.0 Flash never, Gemini 3 has levels) still answer. */
    @Test
    void modelsWithoutAThinkingSwitchAnswer() throws Exception {
        String pro = echo("gemini-2.5-pro", "\"reasoning_effort\":\"none\",", "x");
        assertTrue(pro.contains("thinking=on budget=-1 level=-\\n"), "2.5 Pro cannot stop thinking: " + pro);
        String proBudget = echo("gemini-2.5-pro", "\"reasoning_effort\":\"high\",", "x");
        assertTrue(proBudget.contains("thinking=on budget=24576 level=-\\n"), proBudget);
        String old = echo("gemini-2.0-flash", "\"reasoning_effort\":\"high\",", "x");
        assertTrue(old.contains("model=gemini-2.0-flash\\n") && old.contains("thinking=off budget=-1 level=-\\n"), old);
        assertFalse(old.contains("reasoning_content"), old);
        assertContains(echo("gemini-3-pro-preview", "\"reasoning_effort\":\"none\",", "x"), "level=low\\n");
    }

    @Test
    void chatsAreNotSavedToDrive() throws Exception {
        SimState state = stack.app.simulator().state();
        echo("gemini-2.5-flash", "", "one");
        echo("gemini-2.5-flash", "", "two");
        assertEquals(0, state.savedChats(), "every run went in a temporary chat");
    }
}
