package aistudioproxy.http;

import aistudioproxy.testing.Chunked;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.ScriptedTier;
import aistudioproxy.testing.TestServer;
import aistudioproxy.tier.TierName;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact bytes a streaming client receives, read from a raw socket. */
class StreamWireTest {

    @Test
    void streamingAnswerIsFramedAsOpenAiChunksEndingWithDone() throws Exception {
        try (TestServer server = TestServer.withTiers(new ScriptedTier(TierName.PAGE));
             Socket s = Http.rawPost(server.port(), "/v1/chat/completions",
                     "{\"model\":\"gemini-2.5-pro\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                             + "\"messages\":[{\"role\":\"user\",\"content\":\"echo Hello there\"}]}")) {
            Chunked r = Chunked.parse(Http.readUntil(s.getInputStream(), "data: [DONE]\n\n"));
            assertTrue(r.head().startsWith("HTTP/1.1 200"), r.head());
            assertTrue(r.head().contains("Content-Type: text/event-stream; charset=utf-8"), r.head());
            assertTrue(r.head().contains("Cache-Control: no-cache"), r.head());
            assertTrue(r.head().contains("X-Accel-Buffering: no"), r.head());
            Matcher id = Pattern.compile("X-Request-Id: (chatcmpl-[0-9a-f]{24})").matcher(r.head());
            assertTrue(id.find(), r.head());

            String body = r.body();
            String prefix = "{\"id\":\"" + id.group(1) + "\",\"object\":\"chat.completion.chunk\",\"created\":";
            List<String> events = List.of(body.split("\n\n"));
            assertEquals(": x-response-tier: page", events.get(0));
            assertEquals("data: " + prefix, events.get(1).substring(0, 6 + prefix.length()));
            assertTrue(events.get(1).endsWith(",\"model\":\"gemini-2.5-pro\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}"), events.get(1));
            assertTrue(events.get(2).endsWith("\"delta\":{\"content\":\"Hello \"},\"logprobs\":null,\"finish_reason\":null}]}"), events.get(2));
            assertTrue(events.get(3).endsWith("\"delta\":{\"content\":\"there\"},\"logprobs\":null,\"finish_reason\":null}]}"), events.get(3));
            assertTrue(events.get(4).endsWith("\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}"), events.get(4));
            assertTrue(events.get(5).endsWith("\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8,\"completion_tokens_details\":{\"reasoning_tokens\":0}}}"), events.get(5));
            assertEquals("data: [DONE]", events.get(6));
            assertEquals(7, events.size());
            for (String e : events.subList(1, 6)) assertTrue(e.startsWith("data: {") && !e.contains("\n"), e);
        }
    }

    @Test
    void keepAliveCommentsFlowWhileWaitingInQueue() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = new TestServer(List.of(tier), TestServer.settings(), List.of(), java.time.Duration.ofMillis(100));
             Socket first = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("slow 700", true))) {
            tier.entered.await();
            Socket second = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("echo second", true));
            Chunked r = Chunked.parse(Http.readUntil(second.getInputStream(), "data: [DONE]\n\n"));
            assertTrue(r.head().startsWith("HTTP/1.1 200"));
            int keepAlives = r.body().split(": keep-alive\n\n", -1).length - 1;
            assertTrue(keepAlives >= 2, "expected keep-alives while queued, body: " + r.body());
            assertTrue(r.body().indexOf(": keep-alive") < r.body().indexOf("data: {"), "keep-alives come before the answer");
            assertTrue(r.body().contains("\"content\":\"second\""));
            Http.readUntil(first.getInputStream(), "data: [DONE]\n\n");
            second.close();
        }
    }

    @Test
    void errorAfterHeadersIsAnErrorEventThenDone() throws Exception {
        try (TestServer server = TestServer.withTiers(new ScriptedTier(TierName.PAGE));
             Socket s = Http.rawPost(server.port(), "/v1/chat/completions", Http.chatBody("fail", true))) {
            Chunked r = Chunked.parse(Http.readUntil(s.getInputStream(), "data: [DONE]\n\n"));
            assertTrue(r.head().startsWith("HTTP/1.1 200"));
            assertEquals("data: {\"error\":{\"message\":\"page failed\",\"type\":\"upstream_error\",\"param\":null,\"code\":\"upstream_error\"}}\n\n"
                    + "data: [DONE]\n\n", r.body());
        }
    }

    @Test
    void reasoningAndToolCallsStreamInTheirOwnDeltaFields() throws Exception {
        try (TestServer server = TestServer.withTiers(new ScriptedTier(TierName.PAGE))) {
            var think = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("think", true));
            assertTrue(think.body().contains("\"delta\":{\"reasoning_content\":\"pondering\"}"), think.body());
            var call = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("call", true));
            assertTrue(call.body().contains("\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}"), call.body());
            assertTrue(call.body().contains("\"finish_reason\":\"tool_calls\""), call.body());
        }
    }
}
