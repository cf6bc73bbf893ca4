package aistudioproxy.streamtier;

import aistudioproxy.config.Setting;
import aistudioproxy.json.Json;
import aistudioproxy.json.JsonValue;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tier 1 end to end: real Chromium through the real proxy process, against the simulator. */
class StreamProxyTierTest {
    static SimStack stack;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        stack = new SimStack(Map.of(Setting.STREAM_PORT, Integer.toString(port), Setting.DATA_DIR, "target/test-data",
                Setting.STREAM_FIRST_EVENT_TIMEOUT_MS, "4000", Setting.STREAM_STALL_TIMEOUT_MS, "1500"));
        long end = System.nanoTime() + 20_000_000_000L;
        while (!stack.app.chain().tiers().getFirst().healthy() && System.nanoTime() < end) Thread.sleep(50);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** Streams a request; returns [ms to first content chunk, ms to [DONE]] and the body. */
    record Timed(long firstMs, long totalMs, String body) {}

    static Timed timed(String prompt, String tier) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.chat())).POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"gemini-2.5-flash\",\"stream\":true,\"reasoning_effort\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}"));
        if (tier != null) b.header("X-Tier", tier);
        long t0 = System.nanoTime();
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder body = new StringBuilder();
        long first = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                body.append(line).append('\n');
                if (first < 0 && line.contains("\"delta\":{\"content\"")) first = (System.nanoTime() - t0) / 1_000_000;
                if (line.equals("data: [DONE]")) break;
            }
        }
        return new Timed(first, (System.nanoTime() - t0) / 1_000_000, body.toString());
    }

    @Test
    void aStallMidAnswerIsCarriedOnByThePageWithoutRepeating() throws Exception {
        // Three tokens, then the model pauses for longer than tier 1's stall bound (1.5 s here), then goes on:
        // tier 1 gives up after its first tokens, and the page tier reads the whole answer and sends the rest.
        Timed t = timed("[[sim:say one two three four five six seven eight]] [[sim:pause-mid=3500]]", null);
        StringBuilder content = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"delta\":\\{\"content\":\"([^\"]*)\"").matcher(t.body());
        List<String> deltas = new java.util.ArrayList<>();
        while (m.find()) deltas.add(m.group(1));
        assertEquals("one two three four five six seven eight", String.join("", deltas), t.body());
        assertEquals(List.of("one ", "two ", "three "), deltas.subList(0, 3), "tier 1's tokens, then the page's rest: " + deltas);
        int proxy = t.body().indexOf(": x-response-tier: stream-proxy"), page = t.body().indexOf(": x-response-tier: page");
        assertTrue(proxy >= 0 && page > proxy, t.body());
        assertTrue(t.body().contains("\"finish_reason\":\"stop\""), t.body());
        assertTrue(t.firstMs() < 1500, "the first tokens came through tier 1 before the pause: " + t.firstMs() + " ms");
    }

    @Test
    void theStepsToTheFirstTokenAreAccountedFor() throws Exception {
        var r = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say timed]]\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        String id = r.headers().firstValue("X-Request-Id").orElseThrow();
        var timings = Http.get(stack.base() + "/api/timings");
        assertEquals(200, timings.statusCode());
        JsonValue.Obj job = null;
        for (var j : ((JsonValue.Arr) ((JsonValue.Obj) Json.parse(timings.body())).get("jobs").orElseThrow()).items()) {
            if (((JsonValue.Obj) j).string("id").orElse("").equals(id)) job = (JsonValue.Obj) j;
        }
        assertTrue(job != null, id + " in " + timings.body());
        assertEquals("stream-proxy", job.string("tier").orElseThrow());
        var steps = (JsonValue.Obj) job.get("steps").orElseThrow();
        assertEquals(List.of("queue", "delay", "handoff", "prepare", "fill", "click", "request", "model", "delivery"), List.copyOf(steps.members().keySet()), timings.body());
    }

    @Test
    void answersComeFromTheStreamProxy() throws Exception {
        var r = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say through the proxy]]\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("stream-proxy", r.headers().firstValue("X-Response-Tier").orElseThrow());
        assertEquals("through the proxy", Http.contentOf(r.body()));
        assertTrue(r.body().contains("\"reasoning_content\":\"Considering"), r.body());
        var call = Http.post(stack.chat(), Http.toolsBody(Http.userTurn("get_time {\"tz\":\"UTC\",\"a\":[1,2]}"), false, ""));
        assertEquals("stream-proxy", call.headers().firstValue("X-Response-Tier").orElseThrow());
        assertTrue(call.body().contains("\"function\":{\"name\":\"get_time\",\"arguments\":\"{\\\"tz\\\":\\\"UTC\\\",\\\"a\\\":[1,2]}\"}"), call.body());
        assertTrue(call.body().contains("\"finish_reason\":\"tool_calls\""), call.body());
    }

    @Test
    void firstTokenArrivesWhileTheSimulatorIsStillGenerating() throws Exception {
        // 80 words at 40 ms (3.2 s of generation), no thinking ahead of them: the page tier can only
        // answer at the end, tier 1 from the first word (with a loaded CI host's margins).
        Timed proxy = timed("[[sim:long=80]] [[sim:pace=40]] [[sim:no-think]] go", null);
        assertTrue(proxy.body().contains(": x-response-tier: stream-proxy"), proxy.body());
        assertEquals(80, Http.contentOf(proxy.body()).trim().split(" ").length);
        Timed page = timed("[[sim:long=80]] [[sim:pace=40]] [[sim:no-think]] go", "page");
        assertTrue(proxy.firstMs() < proxy.totalMs() / 2, "true streaming: first " + proxy.firstMs() + " ms of " + proxy.totalMs());
        assertTrue(proxy.firstMs() * 2 < page.firstMs(), "tier 1 TTFT " + proxy.firstMs() + " ms vs page tier " + page.firstMs() + " ms");
    }

    @Test
    void faultsOfTheRpcEndCleanly() throws Exception {
        var quota = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:quota]]\"}]}");
        assertEquals(429, quota.statusCode(), quota.body());
        var broken = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:http500]]\"}]}");
        assertEquals(502, broken.statusCode(), broken.body());
        var after = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say fine]]\"}]}");
        assertEquals("stream-proxy", after.headers().firstValue("X-Response-Tier").orElseThrow());
    }

    @Test
    void killedProxyEndsTheRequestCleanlyAndComesBack() throws Exception {
        StreamProxyProcess process = stack.app.streamProxy();
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return timed("[[sim:long=200]] [[sim:pace=30]] long", null);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(1500);
        process.handle().destroyForcibly();
        Timed cut = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(cut.body().endsWith("data: [DONE]\n"), "the stream ended properly: " + cut.body());
        assertTrue(cut.body().contains("\"error\"") || Http.contentOf(cut.body()).trim().split(" ").length == 200, cut.body());
        var next = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say next]]\"}]}");
        assertEquals(200, next.statusCode(), next.body());
        assertEquals("next", Http.contentOf(next.body()));
        long end = System.nanoTime() + 30_000_000_000L;
        String tier = "";
        while (System.nanoTime() < end && !tier.equals("stream-proxy")) {
            Thread.sleep(500);
            tier = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say back]]\"}]}")
                    .headers().firstValue("X-Response-Tier").orElse("");
        }
        assertEquals("stream-proxy", tier, "the proxy is back and used again within 30 s");
        assertTrue(process.restarts() >= 1);
    }
}
