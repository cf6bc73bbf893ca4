package aistudioproxy.faults;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile clients and inputs against the whole product (issue 14), each followed by the fault
 * suite's invariants: lock free, queue empty, the next request served, one browser, one proxy,
 * no leaked threads.
 */
class HostileInputsTest {
    @RegisterExtension
    static final FaultStack faults = new FaultStack("target/hostile-data", Map.of(Setting.PAGE_OPERATION_TIMEOUT_MS, "3000",
            Setting.WRITE_STALL_TIMEOUT_MS, "1500", Setting.MAX_BODY_BYTES, Integer.toString(16 << 20),
            // longer than the page watchdog's bound of a frozen page's step
            Setting.FIRST_TOKEN_TIMEOUT_MS, "30000", Setting.GENERATION_TIMEOUT_MS, "30000"));

    private static String base() {
        return faults.stack.base();
    }

    /** 100,000 short messages (4 MB): a 400 naming the limit at once; nothing reaches the page. */
    @Test
    void aHundredThousandMessagesAreRefused() throws Exception {
        StringBuilder b = new StringBuilder("{\"model\":\"gemini-2.5-flash\",\"messages\":[");
        for (int i = 0; i < 100_000; i++) b.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"message ").append(i).append("\"}");
        int prompts = faults.stack.app.simulator().state().prompts().size();
        long t0 = System.nanoTime();
        var r = Http.post(faults.stack.chat(), b.append("]}").toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("MAX_MESSAGES"), r.body());
        assertTrue(ms < 5000, "refused in " + ms + " ms");
        assertEquals(prompts, faults.stack.app.simulator().state().prompts().size(), "nothing reached the page");
    }

    /**
     * A page whose JavaScript freezes: a 504 naming the step, /health 503 meanwhile, a new page,
     * the next request served. Forced onto the page tier: tier 1 would still deliver the answer
     * from the wire (the network goes on while the page's script is stuck), and re-create the
     * page only in the cleanup after it.
     */
    @Test
    void aFrozenPageFailsItsRequestAndIsRecreated() throws Exception {
        long t0 = System.nanoTime();
        var r = Http.post(faults.stack.chat(), Http.chatBody("[[sim:freeze]] [[sim:long=500]] [[sim:pace=50]]", false), Map.of("X-Tier", "page"));
        long failedMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(504, r.statusCode(), r.body());
        assertTrue(r.body().contains("page step 'read answer'") && r.body().contains("PAGE_OPERATION_TIMEOUT_MS"), r.body());
        var health = Http.get(base() + "/health");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("stopped answering"), health.body());
        long t1 = System.nanoTime();
        var next = faults.ask("[[sim:say back again]]", false);
        long nextMs = (System.nanoTime() - t1) / 1_000_000;
        assertEquals(200, next.statusCode(), next.body());
        assertEquals("back again", Http.contentOf(next.body()));
        assertTrue(nextMs < 3000 + 10_000, "served " + nextMs + " ms after the 504");
        assertEquals(200, Http.get(base() + "/health").statusCode());
        System.out.println("frozen_page_recovery failed_after_ms=" + failedMs + " next_served_after_ms=" + nextMs);
    }

    /** 500 connections trickling their heads hold nothing up: a normal request among them is served at once. */
    @Test
    void slowHeadsDoNotHoldUpOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                Socket s = new Socket("127.0.0.1", faults.stack.app.port());
                s.getOutputStream().write("GET /v1/models HTTP/1.1\r\nHost: t\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
                slow.add(s);
            }
            long t0 = System.nanoTime();
            var models = Http.get(base() + "/v1/models");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, models.statusCode());
            assertTrue(ms < 1000, "a normal request among 500 slow ones took " + ms + " ms");
            var chat = faults.ask("[[sim:say among the slow]]", false);
            assertEquals("among the slow", Http.contentOf(chat.body()));
        } finally {
            for (Socket s : slow) s.close();
        }
    }

    /** A streaming client that stops reading is dropped after WRITE_STALL_TIMEOUT_MS: the lock is released. */
    @Test
    void aClientThatStopsReadingIsDropped() throws Exception {
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", faults.stack.app.port()));
            String body = "{\"model\":\"gemini-2.5-flash\",\"stream\":true,\"reasoning_effort\":\"none\","
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:giant=2000000]]\"}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            assertEquals("HTTP/1.1 200", new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1));
            FaultStack.waitFor(() -> faults.stack.app.queue().isLocked(), "generating", 10);
            long t0 = System.nanoTime();
            // not another byte read from here on
            FaultStack.waitFor(() -> !faults.stack.app.queue().isLocked(), "the stalled client dropped and the lock released", 20);
            System.out.println("stalled_client_dropped_after_ms=" + (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** An image URL on loopback is refused before anything is fetched or typed (400 naming the setting). */
    @Test
    void anImageOnLoopbackIsRefused() throws Exception {
        int prompts = faults.stack.app.simulator().state().prompts().size();
        String url = "http://127.0.0.1:" + faults.stack.app.port() + "/v1/models";
        var r = Http.post(faults.stack.chat(), "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"what is this\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url + "\"}}]}]}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("IMAGE_FETCH_ALLOW_PRIVATE"), r.body());
        assertEquals(prompts, faults.stack.app.simulator().state().prompts().size(), "nothing was submitted");
    }

    /** A cancelled running job is gone from the queue view within a second, and its client gets the cancellation. */
    @Test
    void aCancelledRunningJobLeavesTheListWithinASecond() throws Exception {
        try (Socket s = faults.open("[[sim:long=300]] [[sim:pace=30]]", true)) {
            FaultStack.waitFor(() -> faults.stack.app.queue().snapshot().running() != null, "running", 10);
            String id = faults.stack.app.queue().snapshot().running().id();
            assertTrue(Http.get(base() + "/v1/queue").body().contains("\"id\":\"" + id + "\""));
            assertEquals(200, Http.post(base() + "/v1/cancel/" + id, "").statusCode());
            long t0 = System.nanoTime();
            FaultStack.waitFor(() -> {
                try {
                    String view = Http.get(base() + "/v1/queue").body();
                    return !view.contains("\"id\":\"" + id + "\"");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "the cancelled job left the list", 5);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 1000, "left the list after " + ms + " ms");
            s.setSoTimeout(10_000);
            String answer = Http.readUntil(s.getInputStream(), "data: [DONE]\n\n");
            assertTrue(answer.contains("request_cancelled"), answer);
        }
    }

    /**
     * The stream proxy serves only our browser and survives a flood: 1,000 CONNECTs at once with
     * its credential, then 1,000 without. Each gets an answer (200 within its connection cap, 503
     * beyond; 407 without the credential); the proxy process is the same one afterwards.
     */
    @Test
    void theStreamProxyRefusesStrangersAndSurvivesAFlood() throws Exception {
        var process = faults.stack.app.streamProxy();
        long pid = process.handle().pid();
        int restarts = process.restarts();
        String target = faults.stack.app.simulator().hosts().getFirst();
        String credential = Base64.getEncoder().encodeToString(
                URI.create(process.browserProxy().toString()).getRawUserInfo().getBytes(StandardCharsets.UTF_8));
        Map<String, Integer> withCredential = flood(process.port(), target, "Proxy-Authorization: Basic " + credential + "\r\n", pid);
        assertEquals(1000, withCredential.values().stream().mapToInt(Integer::intValue).sum(), "every CONNECT answered: " + withCredential);
        assertTrue(withCredential.getOrDefault("HTTP/1.1 200", 0) >= 200, "most of the cap served: " + withCredential);
        assertTrue(withCredential.getOrDefault("HTTP/1.1 200", 0) <= 256, "never more than the cap: " + withCredential);
        assertEquals(1000, withCredential.getOrDefault("HTTP/1.1 200", 0) + withCredential.getOrDefault("HTTP/1.1 503", 0), withCredential.toString());
        Map<String, Integer> without = flood(process.port(), target, "", pid);
        assertEquals(1000, without.getOrDefault("HTTP/1.1 407", 0) + without.getOrDefault("HTTP/1.1 503", 0), "refused: " + without);
        assertTrue(without.getOrDefault("HTTP/1.1 407", 0) > 0, without.toString());
        try (Socket s = new Socket("127.0.0.1", process.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET http://127.0.0.1:" + faults.stack.app.port() + "/health HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("HTTP/1.1 407") && reply.contains("Proxy-Authenticate: Basic"), reply);
        }
        assertEquals(pid, process.handle().pid(), "the same proxy process");
        assertEquals(restarts, process.restarts());
        var tier1 = Http.post(faults.stack.chat(), Http.chatBody("[[sim:say through the proxy]]", false));
        assertEquals("stream-proxy", tier1.headers().firstValue("X-Response-Tier").orElse(""), tier1.body());
    }

    /** 1,000 concurrent CONNECTs, each held open until all are answered; the count of each status line. */
    private static Map<String, Integer> flood(int port, String target, String extraHeader, long pid) throws Exception {
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        CountDownLatch answered = new CountDownLatch(1000);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong peakRss = new AtomicLong();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 1000; i++) {
                clients.add(CompletableFuture.runAsync(() -> {
                    String status;
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 20_000);
                        s.setSoTimeout(20_000);
                        s.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n" + extraHeader + "\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        InputStream in = s.getInputStream();
                        status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
                        answered.countDown();
                        release.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        status = e.getClass().getSimpleName() + ": " + e.getMessage();
                        answered.countDown();
                    }
                    statuses.merge(status, 1, Integer::sum);
                }, threads));
            }
            assertTrue(answered.await(60, TimeUnit.SECONDS), "all answered");
            peakRss.set(rssKb(pid));
            release.countDown();
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        assertFalse(statuses.isEmpty());
        System.out.println("proxy_flood " + statuses + " proxy_rss_kb_while_held=" + peakRss.get());
        return statuses;
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }
}
