package aistudioproxy.apis;

import aistudioproxy.queue.QueueSettings;
import aistudioproxy.testing.Chunked;
import aistudioproxy.testing.Await;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.ScriptedTier;
import aistudioproxy.testing.SseEvents;
import aistudioproxy.testing.TestServer;
import aistudioproxy.tier.TierName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static aistudioproxy.testing.JsonPath.parse;
import static aistudioproxy.testing.JsonPath.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue as every API sees it, on in-test tiers: a full queue in each API's words (Anthropic's
 * 529 overloaded_error), each API's keep-alive while a request waits, and a cancel by the
 * answer's own id reaching a streaming client as that API's error event.
 */
class QueueAcrossApisTest {
    static final String ANTHROPIC = "{\"model\":\"gemini-2.5-pro\",\"max_tokens\":100,\"stream\":STREAM,\"messages\":[{\"role\":\"user\",\"content\":\"PROMPT\"}]}";
    static final String GEMINI = "{\"contents\":[{\"parts\":[{\"text\":\"PROMPT\"}]}]}";

    static HttpResponse<String> anthropic(TestServer server, String prompt) {
        try {
            return Http.post(server.base() + "/v1/messages", ANTHROPIC.replace("STREAM", "false").replace("PROMPT", prompt));
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void aFullQueueIsOverloadedForAnthropicAndUnavailableForGemini() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        QueueSettings s = new QueueSettings(1, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), false, Duration.ofSeconds(2));
        try (TestServer server = new TestServer(List.of(tier), s, List.of(), Duration.ofSeconds(5))) {
            var running = CompletableFuture.supplyAsync(() -> anthropic(server, "slow 600"));
            tier.entered.await(10, TimeUnit.SECONDS);
            var waiting = CompletableFuture.supplyAsync(() -> anthropic(server, "echo a"));
            Await.until(() -> server.queue.waitingCount() == 1, "one waiting");
            HttpResponse<String> full = anthropic(server, "echo b");
            assertEquals(529, full.statusCode(), full.body());
            assertEquals("overloaded_error", str(parse(full.body()), "error.type"));
            HttpResponse<String> google = Http.post(server.base() + "/v1beta/models/gemini-2.5-pro:generateContent", GEMINI.replace("PROMPT", "echo c"));
            assertEquals(503, google.statusCode(), google.body());
            assertEquals("UNAVAILABLE", str(parse(google.body()), "error.status"));
            assertEquals(200, running.get(5, TimeUnit.SECONDS).statusCode());
            HttpResponse<String> served = waiting.get(5, TimeUnit.SECONDS);
            assertEquals(200, served.statusCode());
            assertEquals("a", str(parse(served.body()), "content[0].text"));
        }
    }

    /** A waiting Anthropic stream gets pings; cancelled by its msg_ id, it ends with an error event and nothing after. */
    @Test
    void aWaitingAnthropicStreamIsPingedAndACancelEndsItWithAnErrorEvent() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = new TestServer(List.of(tier), TestServer.settings(), List.of(), Duration.ofMillis(100));
             Socket socket = Http.rawPost(server.port(), "/v1/messages", ANTHROPIC.replace("STREAM", "true").replace("PROMPT", "hang"))) {
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
            while (seen.toString(StandardCharsets.ISO_8859_1).split("event: ping", -1).length < 3) {
                int c = in.read();
                if (c < 0) throw new AssertionError("stream ended: " + seen);
                seen.write(c);
            }
            String head = seen.toString(StandardCharsets.ISO_8859_1);
            String id = head.lines().filter(l -> l.toLowerCase().startsWith("x-request-id:")).findFirst().orElseThrow().substring(13).strip();
            assertTrue(id.startsWith("msg_"), head);
            HttpResponse<String> cancel = Http.post(server.base() + "/v1/cancel/" + id, "");
            assertEquals(200, cancel.statusCode(), cancel.body());
            seen.write(Http.readUntil(in, "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String body = Chunked.parse(seen.toString(StandardCharsets.UTF_8)).body();
            assertTrue(body.startsWith("event: message_start\n"), body);
            assertTrue(body.endsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"The request was cancelled through /v1/cancel.\"}}\n\n"), body);
            assertEquals("error", SseEvents.parse(body).events.getLast().name());
        }
    }
}
