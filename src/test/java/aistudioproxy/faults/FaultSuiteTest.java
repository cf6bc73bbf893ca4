package aistudioproxy.faults;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults against the whole product (real Chromium, real stream-proxy process, simulator). After
 * each: nothing answered twice, nothing lost without an error, the lock released, the next request
 * served, and no leaked threads or processes.
 */
class FaultSuiteTest {
    static SimStack stack;
    static int baselineThreads;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        stack = new SimStack(Map.of(Setting.STREAM_PORT, Integer.toString(port), Setting.DATA_DIR, "target/fault-data",
                Setting.STREAM_FIRST_EVENT_TIMEOUT_MS, "3000", Setting.FIRST_TOKEN_TIMEOUT_MS, "5000",
                Setting.GENERATION_TIMEOUT_MS, "8000", Setting.KEEPALIVE_INTERVAL_MS, "200"));
        long end = System.nanoTime() + 20_000_000_000L;
        while (!stack.app.chain().tiers().getFirst().healthy() && System.nanoTime() < end) Thread.sleep(50);
        assertEquals(200, ask("[[sim:say warm]]", false).statusCode());
        baselineThreads = Thread.getAllStackTraces().size();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static HttpResponse<String> ask(String prompt, boolean stream) throws Exception {
        return Http.post(stack.chat(), "{\"model\":\"gemini-2.5-flash\",\"stream\":" + stream + ",\"reasoning_effort\":\"none\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}");
    }

    static Socket open(String prompt, boolean stream) throws Exception {
        return Http.rawPost(stack.app.port(), "/v1/chat/completions", "{\"model\":\"gemini-2.5-flash\",\"stream\":" + stream
                + ",\"reasoning_effort\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}");
    }

    static void waitFor(java.util.function.BooleanSupplier c, String what, long seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out: " + what);
            Thread.sleep(20);
        }
    }

    /** Browser root processes under this JVM: Chromium processes whose parent is not Chromium (renderers, GPU, zygotes are). */
    static List<ProcessHandle> browsers() {
        return ProcessHandle.current().descendants().filter(p -> isChromium(p) && !p.parent().map(FaultSuiteTest::isChromium).orElse(false)).toList();
    }

    static boolean isChromium(ProcessHandle p) {
        return p.info().command().orElse("").contains("chromium");
    }

    /** Processes under this JVM whose command line mentions {@code marker}, excluding helpers of the same program. */
    static long processes(String marker, String exclude) {
        return ProcessHandle.current().descendants().filter(p -> {
            String cmd = p.info().commandLine().orElse("");
            return cmd.contains(marker) && (exclude == null || !cmd.contains(exclude));
        }).count();
    }

    /** The invariants every fault must leave intact. */
    @AfterEach
    void everythingRecovered() throws Exception {
        waitFor(() -> !stack.app.queue().isLocked() && stack.app.queue().waitingCount() == 0, "lock released and queue empty", 30);
        var next = ask("[[sim:say still serving]]", false);
        assertEquals(200, next.statusCode(), next.body());
        assertTrue(next.body().contains("still serving"));
        waitFor(() -> processes("StreamProxyMain", null) == 1, "exactly one stream-proxy process", 30);
        waitFor(() -> browsers().size() == 1, "exactly one browser process", 30);
        waitFor(() -> Thread.getAllStackTraces().size() <= baselineThreads + 6,
                "no leaked platform threads (baseline " + baselineThreads + ", now " + Thread.getAllStackTraces().size() + ")", 30);
    }

    /** Exactly one terminal: one JSON answer, or one stream ending in one [DONE]. */
    static void answeredOnce(String body, boolean stream) {
        if (stream) {
            assertEquals(1, body.split("data: \\[DONE]", -1).length - 1, "one [DONE]: " + body);
            assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        } else {
            assertTrue(body.startsWith("{") && body.endsWith("}") && (body.contains("\"choices\"") ^ body.contains("\"error\"")), body);
        }
    }

    @Test
    void rpcFaultsEndInClearErrors() throws Exception {
        Map<String, Integer> expected = Map.of("[[sim:http429]]", 429, "[[sim:quota]]", 429, "[[sim:http500]]", 502,
                "[[sim:malformed]]", 502, "[[sim:drop]] [[sim:long=50]]", 502, "[[sim:hang]]", 504);
        for (var e : expected.entrySet()) {
            for (boolean stream : new boolean[] {false, true}) {
                var r = ask(e.getKey(), stream);
                answeredOnce(r.body(), stream);
                if (stream) assertTrue(r.body().contains("\"error\""), e.getKey() + " " + r.body());
                else assertEquals((int) e.getValue(), r.statusCode(), e.getKey() + " " + r.body());
            }
        }
    }

    @Test
    void hangMidStreamIsCutByTheGenerationTimeout() throws Exception {
        var r = ask("[[sim:hang-mid]] [[sim:long=20]]", true);
        answeredOnce(r.body(), true);
        assertTrue(r.body().contains("\"content\""), "the first tokens were streamed");
        assertTrue(r.body().contains("\"error\""), r.body());
    }

    @Test
    void killedStreamProxyMidStream() throws Exception {
        var running = CompletableFuture.supplyAsync(() -> {
            try {
                return ask("[[sim:long=200]] [[sim:pace=30]]", true);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(1500);
        stack.app.streamProxy().handle().destroyForcibly();
        var r = running.get(60, TimeUnit.SECONDS);
        answeredOnce(r.body(), true);
    }

    @Test
    void killedBrowserFailsTheJobAndIsRelaunched() throws Exception {
        var running = CompletableFuture.supplyAsync(() -> {
            try {
                return ask("[[sim:long=300]] [[sim:pace=30]]", false);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(1500);
        browsers().getFirst().destroyForcibly();
        var r = running.get(60, TimeUnit.SECONDS);
        answeredOnce(r.body(), false);
        assertTrue(r.statusCode() == 502 || r.statusCode() == 200, r.statusCode() + " " + r.body());
    }

    @Test
    void clientDisconnectAtEveryStage() throws Exception {
        var state = stack.app.simulator().state();
        // queued: behind a running request
        int beforeBlocker = state.prompts().size();
        var blocker = CompletableFuture.supplyAsync(() -> {
            try {
                return ask("[[sim:long=100]] [[sim:pace=30]]", false);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        waitFor(() -> state.prompts().size() > beforeBlocker, "blocker generating", 10);
        int promptsBefore = state.prompts().size();
        Socket queued = open("[[sim:say never runs]]", true);
        waitFor(() -> stack.app.queue().waitingCount() == 1, "queued", 10);
        queued.close();
        waitFor(() -> stack.app.queue().waitingCount() == 0, "dropped from the queue", 10);
        assertEquals(200, blocker.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(promptsBefore, state.prompts().size(), "the queued request never reached the page");
        // page preparation: hang up right after sending
        open("[[sim:long=30]] prep", false).close();
        waitFor(() -> !stack.app.queue().isLocked(), "prep-stage job ended", 20);
        // waiting for the first token
        Socket first = open("[[sim:slow-first=3000]] [[sim:say late]]", true);
        waitFor(() -> stack.app.queue().isLocked(), "first-token job running", 10);
        Thread.sleep(500);
        first.close();
        waitFor(() -> !stack.app.queue().isLocked(), "first-token job ended", 20);
        // mid-stream
        int abandoned = state.abandonedGenerations();
        Socket mid = open("[[sim:long=300]] [[sim:pace=30]]", true);
        InputStream in = mid.getInputStream();
        byte[] b = new byte[4096];
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("\"content\"")) seen.append(new String(b, 0, in.read(b), StandardCharsets.UTF_8));
        mid.close();
        waitFor(() -> !stack.app.queue().isLocked(), "mid-stream job ended", 20);
        waitFor(() -> state.abandonedGenerations() > abandoned, "the generation was stopped on the page", 20);
    }

    @Test
    void concurrentMixedClientsWithRandomDisconnects() throws Exception {
        // 50 clients; the legacy-layout run (same queue and tiers, another page) takes 20 to keep the suite's time.
        int clients = Integer.getInteger("fault.clients", 50);
        Random random = new Random(42);
        List<CompletableFuture<String>> results = new ArrayList<>();
        List<Boolean> leaves = new ArrayList<>();
        List<Boolean> streams = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            boolean stream = random.nextBoolean();
            boolean leave = random.nextInt(4) == 0;
            long leaveAfter = random.nextInt(3000);
            String prompt = "[[sim:say client " + i + " done]]";
            streams.add(stream);
            leaves.add(leave);
            results.add(CompletableFuture.supplyAsync(() -> {
                try (Socket s = open(prompt, stream)) {
                    s.setSoTimeout(120_000);
                    if (leave) {
                        Thread.sleep(leaveAfter);
                        return null;
                    }
                    return Http.readUntil(s.getInputStream(), stream ? "data: [DONE]\n\n" : "}}");
                } catch (Exception e) {
                    return "EXCEPTION " + e;
                }
            }));
        }
        // Every client ends before any is judged, so a failure here cannot leave clients running into the next test.
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        for (int i = 0; i < clients; i++) {
            String raw = results.get(i).get();
            if (leaves.get(i)) continue;
            assertTrue(raw != null && raw.startsWith("HTTP/1.1 200"), "client " + i + " got an answer: " + raw);
            assertTrue(Http.contentOf(raw).contains("client " + i + " done"), "client " + i + " got its own answer: " + raw);
            if (streams.get(i)) assertEquals(1, raw.split("data: \\[DONE]", -1).length - 1, "client " + i + " answered once");
        }
    }
}
