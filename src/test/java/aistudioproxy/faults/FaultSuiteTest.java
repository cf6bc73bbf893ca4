package aistudioproxy.faults;

import aistudioproxy.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.Socket;
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
    @RegisterExtension
    static final FaultStack faults = new FaultStack("target/fault-data", Map.of());

    @Test
    void rpcFaultsEndInClearErrors() throws Exception {
        Map<String, Integer> expected = Map.of("[[sim:http429]]", 429, "[[sim:quota]]", 429, "[[sim:http500]]", 502,
                "[[sim:malformed]]", 502, "[[sim:drop]] [[sim:long=50]]", 502, "[[sim:hang]]", 504);
        for (var e : expected.entrySet()) {
            for (boolean stream : new boolean[] {false, true}) {
                var r = faults.ask(e.getKey(), stream);
                FaultStack.answeredOnce(r.body(), stream);
                if (stream) assertTrue(r.body().contains("\"error\""), e.getKey() + " " + r.body());
                else assertEquals((int) e.getValue(), r.statusCode(), e.getKey() + " " + r.body());
            }
        }
    }

    @Test
    void hangMidStreamIsCutByTheGenerationTimeout() throws Exception {
        var r = faults.ask("[[sim:hang-mid]] [[sim:long=20]]", true);
        FaultStack.answeredOnce(r.body(), true);
        assertTrue(r.body().contains("\"content\""), "the first tokens were streamed");
        assertTrue(r.body().contains("\"error\""), r.body());
    }

    @Test
    void killedStreamProxyMidStream() throws Exception {
        var running = CompletableFuture.supplyAsync(() -> {
            try {
                return faults.ask("[[sim:long=200]] [[sim:pace=30]]", true);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(1500);
        faults.stack.app.streamProxy().handle().destroyForcibly();
        var r = running.get(60, TimeUnit.SECONDS);
        FaultStack.answeredOnce(r.body(), true);
    }

    @Test
    void killedBrowserFailsTheJobAndIsRelaunched() throws Exception {
        var running = CompletableFuture.supplyAsync(() -> {
            try {
                return faults.ask("[[sim:long=300]] [[sim:pace=30]]", false);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(1500);
        FaultStack.browsers().getFirst().destroyForcibly();
        var r = running.get(60, TimeUnit.SECONDS);
        FaultStack.answeredOnce(r.body(), false);
        assertTrue(r.statusCode() == 502 || r.statusCode() == 200, r.statusCode() + " " + r.body());
    }

    @Test
    void clientDisconnectAtEveryStage() throws Exception {
        var state = faults.stack.app.simulator().state();
        // queued: behind a running request
        int beforeBlocker = state.prompts().size();
        var blocker = CompletableFuture.supplyAsync(() -> {
            try {
                return faults.ask("[[sim:long=100]] [[sim:pace=30]]", false);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        FaultStack.waitFor(() -> state.prompts().size() > beforeBlocker, "blocker generating", 10);
        int promptsBefore = state.prompts().size();
        Socket queued = faults.open("[[sim:say never runs]]", true);
        FaultStack.waitFor(() -> faults.stack.app.queue().waitingCount() == 1, "queued", 10);
        queued.close();
        FaultStack.waitFor(() -> faults.stack.app.queue().waitingCount() == 0, "dropped from the queue", 10);
        assertEquals(200, blocker.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(promptsBefore, state.prompts().size(), "the queued request never reached the page");
        // page preparation: hang up right after sending
        faults.open("[[sim:long=30]] prep", false).close();
        FaultStack.waitFor(() -> !faults.stack.app.queue().isLocked(), "prep-stage job ended", 20);
        // waiting for the first token
        Socket first = faults.open("[[sim:slow-first=3000]] [[sim:say late]]", true);
        FaultStack.waitFor(() -> faults.stack.app.queue().isLocked(), "first-token job running", 10);
        Thread.sleep(500);
        first.close();
        FaultStack.waitFor(() -> !faults.stack.app.queue().isLocked(), "first-token job ended", 20);
        // mid-stream
        int abandoned = state.abandonedGenerations();
        Socket mid = faults.open("[[sim:long=300]] [[sim:pace=30]]", true);
        InputStream in = mid.getInputStream();
        byte[] b = new byte[4096];
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("\"content\"")) seen.append(new String(b, 0, in.read(b), StandardCharsets.UTF_8));
        mid.close();
        FaultStack.waitFor(() -> !faults.stack.app.queue().isLocked(), "mid-stream job ended", 20);
        FaultStack.waitFor(() -> state.abandonedGenerations() > abandoned, "the generation was stopped on the page", 20);
    }

    @Test
    void concurrentMixedClientsWithRandomDisconnects() throws Exception {
        int clients = 50;
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
                try (Socket s = faults.open(prompt, stream)) {
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
