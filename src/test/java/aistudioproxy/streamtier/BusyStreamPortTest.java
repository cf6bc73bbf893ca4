package aistudioproxy.streamtier;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STREAM_PORT already taken: tier 1 is turned off with an error in the log; the page still serves. */
class BusyStreamPortTest {
    @Test
    void busyPortDisablesTierOneInsteadOfBreakingTheBrowser() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SimStack stack = new SimStack(Map.of(Setting.STREAM_PORT, Integer.toString(squatter.getLocalPort())))) {
            var r = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say served anyway]]\"}]}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("page", r.headers().firstValue("X-Response-Tier").orElseThrow());
            assertTrue(Http.get(stack.base() + "/health").body().contains("\"stream-proxy\":{\"enabled\":false"));
        }
    }
}
