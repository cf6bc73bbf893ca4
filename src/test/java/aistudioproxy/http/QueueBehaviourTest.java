package aistudioproxy.http;

import aistudioproxy.queue.QueueSettings;
import aistudioproxy.testing.Await;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.ScriptedTier;
import aistudioproxy.testing.TestServer;
import aistudioproxy.tier.TierName;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue seen through HTTP: order, disconnects, cancel, timeouts, capacity. */
class QueueBehaviourTest {

    @Test
    void concurrentClientsAreServedInArrivalOrder() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = TestServer.withTiers(tier)) {
            Socket blocker = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("slow 300", false));
            Await.until(() -> tier.started.size() == 1, "blocker running");
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return Http.post(server.base() + "/v1/chat/completions", Http.chatBody("echo n" + n, n % 2 == 0));
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }));
                int expected = i + 1;
                Await.until(() -> server.queue.waitingCount() == expected, "request " + n + " queued");
                ids.add(server.queue.snapshot().waiting().getLast().id());
            }
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> r = answers.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertTrue(r.body().contains("n" + i), r.body());
                assertEquals(ids.get(i), r.headers().firstValue("X-Request-Id").orElseThrow());
            }
            assertEquals(ids, tier.started.subList(1, 9), "the tier saw the requests in arrival order");
            blocker.close();
        }
    }

    @Test
    void disconnectedStreamingClientLeavesQueueBeforeBrowser() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = new TestServer(List.of(tier), TestServer.settings(), List.of(), Duration.ofMillis(50))) {
            Socket blocker = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("slow 1500", true));
            Await.until(() -> tier.started.size() == 1, "blocker running");
            Socket leaver = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("echo never", true));
            Await.until(() -> server.queue.waitingCount() == 1, "leaver queued");
            leaver.close();
            Await.until(() -> server.queue.waitingCount() == 0, "leaver removed from the queue");
            assertTrue(server.chain != null);
            Http.readUntil(blocker.getInputStream(), "data: [DONE]\n\n");
            var next = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("echo after", false));
            assertEquals(200, next.statusCode());
            assertEquals(2, tier.started.size(), "the leaver never reached the tier: " + tier.started);
        }
    }

    @Test
    void disconnectedNonStreamingClientLeavesQueueBeforeBrowser() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = TestServer.withTiers(tier)) {
            Socket blocker = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("slow 1500", false));
            Await.until(() -> tier.started.size() == 1, "blocker running");
            Socket leaver = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("echo never", false));
            Await.until(() -> server.queue.waitingCount() == 1, "leaver queued");
            leaver.close();
            Await.until(() -> server.queue.waitingCount() == 0, "leaver removed from the queue");
            Http.readUntil(blocker.getInputStream(), "\"finish_reason\"");
            Await.until(() -> !server.queue.isLocked(), "blocker done");
            assertEquals(1, tier.started.size(), "the leaver never reached the tier");
        }
    }

    /**
     * A streaming client that stops reading (but keeps its connection) is dropped after the write
     * stall timeout like one that left: its generation stopped, the lock released, the next job served.
     */
    @Test
    void aClientThatStopsReadingIsDroppedAndTheLockReleased() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = TestServer.withWriteStall(Duration.ofMillis(800), tier)) {
            Socket stalled = new Socket();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            byte[] body = Http.chatBody("drip", true).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            stalled.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            stalled.getOutputStream().write(body);
            try (stalled) {
                Await.until(() -> tier.started.size() == 1, "dripping");
                String id = tier.started.getFirst();
                long t0 = System.nanoTime();
                Await.until(() -> tier.sawCancel.contains(id), "the stalled client's generation stopped");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < 5000, "dropped after " + ms + " ms");
                Await.until(() -> !server.queue.isLocked(), "lock released");
                var next = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("echo after the stall", false));
                assertEquals(200, next.statusCode(), next.body());
            }
        }
    }

    @Test
    void clientLeavingMidGenerationStopsItAndNextJobStartsAtOnce() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = new TestServer(List.of(tier), TestServer.settings(), List.of(), Duration.ofMillis(50))) {
            Socket leaver = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("hang-after first words", true));
            Http.readUntil(leaver.getInputStream(), "first words");
            String leaverId = tier.started.getFirst();
            long t0 = System.nanoTime();
            var next = CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.post(server.base() + "/v1/chat/completions", Http.chatBody("echo next", false));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Await.until(() -> server.queue.waitingCount() == 1, "next queued");
            leaver.close();
            HttpResponse<String> r = next.get(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, r.statusCode());
            assertTrue(tier.sawCancel.contains(leaverId), "the running generation was told to stop");
            assertTrue(tier.cleanedUp.contains(leaverId), "cleanup ran for the abandoned job");
            assertTrue(ms < 3000, "next job started promptly, took " + ms + " ms");
        }
    }

    /** The queue view and cancellation agree: a job whose answer went out but whose cleanup holds the lock is not "processing". */
    @Test
    void aJobInCleanupIsNotListedAsProcessingAndCancellingItIsNoError() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        tier.cleanupGate = new java.util.concurrent.CountDownLatch(1);
        try (TestServer server = TestServer.withTiers(tier)) {
            var r = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("echo done", false));
            assertEquals(200, r.statusCode());
            String id = tier.started.getFirst();
            Await.until(() -> id.equals(server.queue.snapshot().cleaningUp()), "the job is in cleanup");
            var view = Http.get(server.base() + "/v1/queue");
            assertTrue(view.body().contains("\"processing\":null") && view.body().contains("\"cleaning_up\":\"" + id + "\""), view.body());
            var c = Http.post(server.base() + "/v1/cancel/" + id, "");
            assertEquals(200, c.statusCode(), c.body());
            tier.cleanupGate.countDown();
            Await.until(() -> server.queue.snapshot().cleaningUp() == null && !server.queue.isLocked(), "cleanup over");
            assertEquals(404, Http.post(server.base() + "/v1/cancel/" + id, "").statusCode(), "a job that is gone is a 404");
        }
    }

    @Test
    void cancelRemovesWaitingAndStopsRunningRequests() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = TestServer.withTiers(tier)) {
            var running = CompletableFuture.supplyAsync(() -> call(server, "hang"));
            Await.until(() -> tier.started.size() == 1, "running");
            var waiting = CompletableFuture.supplyAsync(() -> call(server, "echo w"));
            Await.until(() -> server.queue.waitingCount() == 1, "queued");
            String waitingId = server.queue.snapshot().waiting().getFirst().id();
            String runningId = server.queue.snapshot().running().id();

            var c1 = Http.post(server.base() + "/v1/cancel/" + waitingId, "");
            assertEquals(200, c1.statusCode(), c1.body());
            HttpResponse<String> w = waiting.get(5, TimeUnit.SECONDS);
            assertEquals(499, w.statusCode());
            assertTrue(w.body().contains("\"code\":\"request_cancelled\""), w.body());

            var c2 = Http.post(server.base() + "/v1/cancel/" + runningId, "");
            assertEquals(200, c2.statusCode());
            HttpResponse<String> r = running.get(5, TimeUnit.SECONDS);
            assertEquals(499, r.statusCode());
            // The answer goes out first; the job's cleanup follows it.
            Await.until(() -> tier.cleanedUp.contains(runningId), "cleanup of the cancelled job");
            assertEquals(1, tier.started.size(), "the cancelled waiting request never ran");

            var c3 = Http.post(server.base() + "/v1/cancel/chatcmpl-nope", "");
            assertEquals(404, c3.statusCode());
        }
    }

    private static HttpResponse<String> call(TestServer server, String prompt) {
        try {
            return Http.post(server.base() + "/v1/chat/completions", Http.chatBody(prompt, false));
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void eachTimeoutIsA504NamingWhatTimedOutAndReleasesTheLock() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        QueueSettings s = new QueueSettings(10, Duration.ofMillis(300), Duration.ofMillis(400), Duration.ofMillis(900), false, Duration.ofSeconds(2));
        try (TestServer server = new TestServer(List.of(tier), s, List.of(), Duration.ofSeconds(5))) {
            var first = CompletableFuture.supplyAsync(() -> call(server, "hang"));
            Await.until(() -> tier.started.size() == 1, "running");
            HttpResponse<String> queued = call(server, "echo late");
            assertEquals(504, queued.statusCode());
            assertTrue(queued.body().contains("Queue wait timeout"), queued.body());

            HttpResponse<String> firstToken = first.get(5, TimeUnit.SECONDS);
            assertEquals(504, firstToken.statusCode());
            assertTrue(firstToken.body().contains("First token timeout"), firstToken.body());

            HttpResponse<String> total = call(server, "hang-after some text");
            assertEquals(504, total.statusCode());
            assertTrue(total.body().contains("Generation timeout"), total.body());

            Await.until(() -> !server.queue.isLocked(), "lock released");
            assertEquals(200, call(server, "echo fine").statusCode());
        }
    }

    @Test
    void fullQueueAnswers503() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        QueueSettings s = new QueueSettings(2, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), false, Duration.ofSeconds(2));
        try (TestServer server = new TestServer(List.of(tier), s, List.of(), Duration.ofSeconds(5))) {
            var running = CompletableFuture.supplyAsync(() -> call(server, "slow 800"));
            Await.until(() -> tier.started.size() == 1, "running");
            var a = CompletableFuture.supplyAsync(() -> call(server, "echo a"));
            var b = CompletableFuture.supplyAsync(() -> call(server, "echo b"));
            Await.until(() -> server.queue.waitingCount() == 2, "two waiting");
            HttpResponse<String> full = call(server, "echo c");
            assertEquals(503, full.statusCode());
            assertTrue(full.body().contains("\"code\":\"queue_full\""), full.body());
            assertEquals(200, running.get(5, TimeUnit.SECONDS).statusCode());
            assertEquals(200, a.get(5, TimeUnit.SECONDS).statusCode());
            assertEquals(200, b.get(5, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void queueEndpointListsRunningAndWaitingById() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = TestServer.withTiers(tier)) {
            Socket running = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("hang-after x", true));
            String head = Http.readUntil(running.getInputStream(), "\r\n\r\n");
            String runningId = head.replaceAll("(?s).*X-Request-Id: (\\S+).*", "$1");
            Socket waiting = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("echo y", true));
            String whead = Http.readUntil(waiting.getInputStream(), "\r\n\r\n");
            String waitingId = whead.replaceAll("(?s).*X-Request-Id: (\\S+).*", "$1");
            Await.until(() -> server.queue.waitingCount() == 1, "queued");
            var q = Http.get(server.base() + "/v1/queue");
            assertTrue(q.body().contains("\"processing\":{\"id\":\"" + runningId + "\""), q.body());
            assertTrue(q.body().contains("\"tier\":\"page\""), q.body());
            assertTrue(q.body().contains("\"waiting\":[{\"id\":\"" + waitingId + "\""), q.body());
            assertTrue(q.body().startsWith("{\"queue_length\":1,"), q.body());
            running.close();
            waiting.close();
        }
    }

    @Test
    void aBrokenTierIsTakenOverButAnswersAreNeverMixed() throws Exception {
        // The proxy fails before any delta on most prompts; on these two it sends "partial" and then fails.
        ScriptedTier proxy = new ScriptedTier(TierName.STREAM_PROXY, p -> p.equals("echo partial answer") || p.equals("echo mixed") ? "fail-after" : "fail");
        // The page answers the prompt, except "mixed", where it contradicts what the proxy sent.
        ScriptedTier page = new ScriptedTier(TierName.PAGE, p -> p.equals("echo mixed") ? "echo other words" : null);
        try (TestServer server = TestServer.withTiers(proxy, page)) {
            HttpResponse<String> fellBack = call(server, "echo from page");
            assertEquals(200, fellBack.statusCode());
            assertEquals("page", fellBack.headers().firstValue("X-Response-Tier").orElseThrow());
            assertTrue(fellBack.body().contains("\"content\":\"from page\""), fellBack.body());

            HttpResponse<String> tookOver = call(server, "echo partial answer");
            assertEquals(200, tookOver.statusCode(), tookOver.body());
            assertEquals("page", tookOver.headers().firstValue("X-Response-Tier").orElseThrow(), "the tier that finished it");
            assertTrue(tookOver.body().contains("\"content\":\"partial answer\""), "sent once, carried on: " + tookOver.body());

            HttpResponse<String> streamed = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("echo partial answer", true));
            List<String> deltas = java.util.regex.Pattern.compile("\"delta\":\\{\"content\":\"([^\"]*)\"").matcher(streamed.body())
                    .results().map(m -> m.group(1)).toList();
            assertEquals(List.of("partial", " ", "answer"), deltas, streamed.body());

            HttpResponse<String> broke = call(server, "echo mixed");
            assertEquals(502, broke.statusCode(), "the page's answer is not the one the proxy began: " + broke.body());
            assertTrue(broke.body().contains("stream-proxy broke mid-answer"), "the first tier's error: " + broke.body());
            assertTrue(page.started.contains(broke.headers().firstValue("X-Request-Id").orElseThrow()));
            assertEquals(1, server.chain.stats(TierName.PAGE).snapshot().failures());
            assertEquals(4, server.chain.stats(TierName.STREAM_PROXY).snapshot().fallbacks());
        }
    }

    @Test
    void forcedTierHeaderSelectsOneTierOrFails() throws Exception {
        ScriptedTier helper = new ScriptedTier(TierName.HELPER);
        ScriptedTier page = new ScriptedTier(TierName.PAGE);
        try (TestServer server = TestServer.withTiers(helper, page)) {
            var r = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("echo x", false), java.util.Map.of("X-Tier", "page"));
            assertEquals("page", r.headers().firstValue("X-Response-Tier").orElseThrow());
            var missing = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("echo x", false), java.util.Map.of("X-Tier", "stream-proxy"));
            assertEquals(503, missing.statusCode(), missing.body());
            var bad = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("echo x", false), java.util.Map.of("X-Tier", "warp"));
            assertEquals(400, bad.statusCode());
        }
    }

    @Test
    void streamHeadersGoOutAsSoonAsTheRequestIsQueued() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = TestServer.withTiers(tier)) {
            var running = CompletableFuture.supplyAsync(() -> call(server, "slow 2000"));
            Await.until(() -> tier.started.size() == 1, "running");
            try (Socket waiting = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("echo z", true))) {
                long t0 = System.nanoTime();
                String head = Http.readUntil(waiting.getInputStream(), "\r\n\r\n");
                assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000, "headers before the running job ended");
                assertTrue(head.startsWith("HTTP/1.1 200") && head.contains("X-Request-Id: chatcmpl-"), head);
            }
            running.get(10, TimeUnit.SECONDS);
        }
    }
}
