package aistudioproxy.tier;

import aistudioproxy.testing.Http;
import aistudioproxy.testing.ScriptedTier;
import aistudioproxy.testing.TestServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With native function calling (the default mode, auto), a model that writes its call as a
 * protocol block in its text, as the folded conversation shows earlier calls, still makes a call.
 */
class CallsInTextTest {
    static final String ANSWER = "echo Checking.\\n```tool_call\\n{\\\"name\\\": \\\"get_time\\\", \\\"arguments\\\": {\\\"tz\\\": \\\"UTC\\\"}}\\n```";

    @Test
    void aBlockInANativeRunsTextIsACall() throws Exception {
        try (TestServer server = TestServer.withTiers(new ScriptedTier(TierName.PAGE))) {
            String body = Http.toolsBody("[{\"role\":\"user\",\"content\":\"" + ANSWER + "\"}]", false, "");
            var r = Http.post(server.base() + "/v1/chat/completions", body);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"function\":{\"name\":\"get_time\",\"arguments\":\"{\\\"tz\\\":\\\"UTC\\\"}\"}"), r.body());
            assertTrue(r.body().contains("\"content\":\"Checking.\\n\""), "the text before the block stays content: " + r.body());
            assertTrue(r.body().contains("\"finish_reason\":\"tool_calls\""), r.body());

            var streamed = Http.post(server.base() + "/v1/chat/completions", Http.toolsBody("[{\"role\":\"user\",\"content\":\"" + ANSWER + "\"}]", true, ""));
            assertTrue(streamed.body().contains("\"name\":\"get_time\""), streamed.body());
            assertTrue(streamed.body().contains("\"finish_reason\":\"tool_calls\""), streamed.body());
        }
    }
}
