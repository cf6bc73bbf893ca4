package aistudioproxy.http;

import aistudioproxy.testing.Http;
import aistudioproxy.testing.ScriptedTier;
import aistudioproxy.testing.TestServer;
import aistudioproxy.tier.TierName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every malformed input gets a 4xx with an OpenAI error body, never a 500 or a stack trace. */
class BadInputTest {
    static TestServer server;
    static ScriptedTier tier = new ScriptedTier(TierName.PAGE);

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(List.of(tier), TestServer.settings(), List.of(), java.time.Duration.ofSeconds(5), 64 * 1024);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String M = "\"model\":\"gemini-2.5-pro\"";
    private static final String U = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("not json", 400, null),
                Arguments.of("", 400, null),
                Arguments.of("{", 400, null),
                Arguments.of("[1,2]", 400, null),
                Arguments.of("\"text\"", 400, null),
                Arguments.of("null", 400, null),
                Arguments.of("{" + U + "}", 400, "model"),
                Arguments.of("{\"model\":5," + U + "}", 400, "model"),
                Arguments.of("{\"model\":\"\"," + U + "}", 400, "model"),
                Arguments.of("{" + M + "}", 400, "messages"),
                Arguments.of("{" + M + ",\"messages\":[]}", 400, "messages"),
                Arguments.of("{" + M + ",\"messages\":{}}", 400, "messages"),
                Arguments.of("{" + M + ",\"messages\":[\"hi\"]}", 400, "messages[0]"),
                Arguments.of("{" + M + ",\"messages\":[{\"content\":\"hi\"}]}", 400, "messages[0].role"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", 400, "messages[0].role"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":7,\"content\":\"hi\"}]}", 400, "messages[0].role"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":\"user\"}]}", 400, "messages[0].content"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":\"user\",\"content\":42}]}", 400, "messages[0].content"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":\"system\",\"content\":\"only system\"}]}", 400, "messages"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}]}", 400, "messages[0].content[0].type"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}", 400, "messages[0].content[0].type"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}", 400, "messages[0].content[0].text"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"ftp://x\"}}]}]}", 400, "messages[0].content[0].image_url.url"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:text/plain,hi\"}}]}]}", 400, "messages[0].content[0].image_url.url"),
                Arguments.of("{" + M + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}", 400, "messages[0].content[0].image_url"),
                Arguments.of("{" + M + "," + U + ",\"stream\":\"yes\"}", 400, "stream"),
                Arguments.of("{" + M + "," + U + ",\"temperature\":3}", 400, "temperature"),
                Arguments.of("{" + M + "," + U + ",\"temperature\":-0.1}", 400, "temperature"),
                Arguments.of("{" + M + "," + U + ",\"temperature\":\"hot\"}", 400, "temperature"),
                Arguments.of("{" + M + "," + U + ",\"top_p\":1.5}", 400, "top_p"),
                Arguments.of("{" + M + "," + U + ",\"max_tokens\":0}", 400, "max_tokens"),
                Arguments.of("{" + M + "," + U + ",\"max_tokens\":1.5}", 400, "max_tokens"),
                Arguments.of("{" + M + "," + U + ",\"max_completion_tokens\":-5}", 400, "max_completion_tokens"),
                Arguments.of("{" + M + "," + U + ",\"n\":2}", 400, "n"),
                Arguments.of("{" + M + "," + U + ",\"stop\":5}", 400, "stop"),
                Arguments.of("{" + M + "," + U + ",\"stop\":[\"a\",1]}", 400, "stop[1]"),
                Arguments.of("{" + M + "," + U + ",\"stop\":[" + "\"s\",".repeat(16) + "\"t\"]}", 400, "stop"),
                Arguments.of("{" + M + "," + U + ",\"stop\":[\"\"]}", 400, "stop"),
                Arguments.of("{" + M + "," + U + ",\"reasoning_effort\":\"extreme\"}", 400, "reasoning_effort"),
                Arguments.of("{" + M + "," + U + ",\"tools\":{}}", 400, "tools"),
                Arguments.of("{" + M + "," + U + ",\"tools\":[{\"type\":\"function\"}]}", 400, "tools[0].function"),
                Arguments.of("{" + M + "," + U + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"bad name!\"}}]}", 400, "tools[0].function.name"),
                Arguments.of("{" + M + "," + U + ",\"tools\":[{\"type\":\"retrieval\"}]}", 400, "tools[0].type"),
                Arguments.of("{" + M + "," + U + ",\"tool_choice\":\"sometimes\"}", 400, "tool_choice"),
                Arguments.of("{" + M + "," + U + ",\"tool_choice\":{\"type\":\"function\"}}", 400, "tool_choice.function"),
                Arguments.of("{" + M + "," + U + ",\"response_format\":{\"type\":\"xml\"}}", 400, "response_format.type"),
                Arguments.of("{" + M + "," + U + ",\"response_format\":\"json\"}", 400, "response_format"),
                Arguments.of("{" + M + "," + U + ",\"stream_options\":{\"include_usage\":\"yes\"}}", 400, "include_usage"),
                Arguments.of("{" + M + "," + U + ",\"seed\":1.5}", 400, "seed"),
                Arguments.of("{\"model\":\"gpt-4o\"," + U + "}", 404, "model"),
                Arguments.of("[".repeat(100) + "]".repeat(100), 400, null),
                Arguments.of("{\"a\":" + "{\"a\":".repeat(80) + "1" + "}".repeat(81), 400, null));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("badBodies")
    void malformedChatRequestsAreRefusedWithOpenAiErrors(String body, int status, String param) throws Exception {
        var r = Http.post(server.base() + "/v1/chat/completions", body);
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"error\":{\"message\":\""), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        if (param != null) assertTrue(r.body().contains("\"param\":\"" + param + "\""), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
    }

    @Test
    void invalidUtf8Is400() throws Exception {
        byte[] body = ("{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"\u0000\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        body[body.length - 6] = (byte) 0xC3;
        body[body.length - 5] = (byte) 0x28;
        String raw = rawExchange(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(), body);
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
        assertTrue(raw.contains("not valid UTF-8"), raw);
    }

    @Test
    void bodyOverTheLimitIs413WithoutReadingIt() throws Exception {
        String raw = rawExchange(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n").getBytes(), new byte[0]);
        assertTrue(raw.startsWith("HTTP/1.1 413"), raw);
        assertTrue(raw.contains("\"code\":\"request_too_large\""), raw);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        var big = "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(70_000) + "\"}]}";
        var r = Http.post(server.base() + "/v1/chat/completions", big);
        assertEquals(413, r.statusCode());
    }

    @Test
    void unknownRoutesAndMethodsGetJsonErrors() throws Exception {
        var r = Http.get(server.base() + "/v1/nothing");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("\"code\":\"not_found\""));
        var m = Http.get(server.base() + "/v1/chat/completions");
        assertEquals(405, m.statusCode());
        assertTrue(m.body().contains("\"code\":\"method_not_allowed\""));
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        var r = Http.post(server.base() + "/v1/chat/completions",
                "{" + M + "," + U + ",\"frequency_penalty\":0.5,\"user\":\"u1\",\"logit_bias\":{},\"whatever\":[1,{}]}");
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void serverStaysHealthyAfterTheBattery() throws Exception {
        for (Arguments a : badBodies().toList()) Http.post(server.base() + "/v1/chat/completions", (String) a.get()[0]);
        assertEquals(200, Http.get(server.base() + "/health").statusCode());
        assertEquals(200, Http.post(server.base() + "/v1/chat/completions", "{" + M + "," + U + "}").statusCode());
    }

    private static String rawExchange(byte[] head, byte[] body) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            return Http.readUntil(s.getInputStream(), "}}");
        }
    }
}
