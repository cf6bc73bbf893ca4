package aistudioproxy.helper;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import aistudioproxy.tier.TierName;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tier 1 and tier 2 both broken: the page answers, once, with exactly the model's text. */
class AllTiersFallbackTest {
    /** Characters of answer text in a response: the sum over its content fields (regex-free: the answer is 1.1 MB). */
    static int answerLength(String body) {
        int total = 0;
        for (int at = body.indexOf("\"content\":\""); at >= 0; at = body.indexOf("\"content\":\"", at + 1)) {
            int start = at + 11, end = body.indexOf('"', start);
            String text = body.substring(start, end);
            if (!text.chars().allMatch(c -> c == 'g')) throw new AssertionError("unexpected answer text");
            total += text.length();
        }
        return total;
    }

    @Test
    void brokenStreamProxyAndBrokenHelperFallToThePage() throws Exception {
        HttpServer helper = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        helper.createContext("/", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        helper.start();
        int streamPort;
        try (ServerSocket s = new ServerSocket(0)) {
            streamPort = s.getLocalPort();
        }
        try (SimStack stack = new SimStack(Map.of(Setting.STREAM_PORT, Integer.toString(streamPort), Setting.DATA_DIR, "target/fallback-data",
                Setting.GUI_DEFAULT_HELPER_ENDPOINT, "http://127.0.0.1:" + helper.getAddress().getPort() + "/getStreamResponse"))) {
            long end = System.nanoTime() + 20_000_000_000L;
            while (!stack.app.chain().tiers().getFirst().healthy() && System.nanoTime() < end) Thread.sleep(50);
            for (boolean stream : new boolean[] {false, true}) {
                // One part larger than the proxy accepts: tier 1 reports an error before its first delta.
                var r = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-flash\",\"stream\":" + stream + ",\"reasoning_effort\":\"none\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:giant=1100000]]\"}]}");
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(stream ? r.body().contains(": x-response-tier: page") : r.headers().firstValue("X-Response-Tier").orElseThrow().equals("page"), r.body());
                assertEquals(1_100_000, answerLength(r.body()), "the whole answer, once");
            }
            assertEquals(2, stack.app.chain().stats(TierName.STREAM_PROXY).snapshot().fallbacks());
            assertEquals(2, stack.app.chain().stats(TierName.HELPER).snapshot().fallbacks());
            assertEquals(2, stack.app.chain().stats(TierName.PAGE).snapshot().answers());
            var info = Http.get(stack.base() + "/api/info");
            assertTrue(info.body().contains("\"stream-proxy\":{\"answers\":0,\"fallbacks\":2,\"failures\":0}"), info.body());
            assertTrue(info.body().contains("\"helper\":{\"answers\":0,\"fallbacks\":2,\"failures\":0}"), info.body());
        } finally {
            helper.stop(0);
        }
    }
}
