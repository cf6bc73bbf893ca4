package aistudioproxy.e2e;

import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Chromium drives the simulator page through the production selectors. */
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

    @Test
    void everyParameterReachesTheModel() throws Exception {
        String body = """
                {"model":"gemini-2.5-flash","temperature":0.35,"top_p":0.8,"max_tokens":321,"stop":["ZZQ","QQZ"],
                 "reasoning_effort":"low",
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"[[sim:echo-settings]] Hello simulator"}]}""";
        var r = Http.post(stack.chat(), body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("page", r.headers().firstValue("X-Response-Tier").orElseThrow());
        String b = r.body();
        assertTrue(b.contains("model=gemini-2.5-flash\\n"), b);
        assertTrue(b.contains("temperature=0.35\\n"), b);
        assertTrue(b.contains("top_p=0.80\\n"), b);
        assertTrue(b.contains("max_tokens=321\\n"), b);
        assertTrue(b.contains("stop=[\\\"ZZQ\\\",\\\"QQZ\\\"]\\n"), b);
        assertTrue(b.contains("thinking=on budget=1024\\n"), b);
        assertTrue(b.contains("system=\\\"Be brief.\\\"\\n"), b);
        assertTrue(b.contains("prompt=\\\"Hello simulator\\\""), b);
        assertTrue(b.contains("\"reasoning_content\":\"Considering"), b);
    }
}
