package aistudioproxy.apis;

import aistudioproxy.json.JsonValue;
import aistudioproxy.testing.ApiStack;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import aistudioproxy.testing.SseEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static aistudioproxy.testing.JsonPath.at;
import static aistudioproxy.testing.JsonPath.parse;
import static aistudioproxy.testing.JsonPath.size;
import static aistudioproxy.testing.JsonPath.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anthropic's Messages API over raw HTTP against the whole product (simulator, real browser):
 * each case whole and streamed, the stream read event by event against Anthropic's sequence.
 */
class AnthropicMessagesTest {
    static SimStack stack;
    static final Map<String, String> HEADERS = Map.of("x-api-key", ApiStack.KEY, "anthropic-version", "2023-06-01");

    @BeforeAll
    static void start() throws Exception {
        stack = ApiStack.get();
    }

    static HttpResponse<String> post(String body) throws Exception {
        return Http.post(stack.base() + "/v1/messages", body, HEADERS);
    }

    /** A body: {@code fields} are extra members ("" for none), {@code messages} the JSON array. */
    static String body(String model, boolean stream, String fields, String messages) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":4096,\"stream\":" + stream + (fields.isEmpty() ? "" : "," + fields)
                + ",\"messages\":" + messages + "}";
    }

    static String user(String text) {
        return "[{\"role\":\"user\",\"content\":\"" + text.replace("\"", "\\\"") + "\"}]";
    }

    /** What came back, read the same way from a whole message and from a stream. */
    record Reply(String text, String thinking, List<JsonValue.Obj> toolUses, String stopReason, String stopSequence, String model, JsonValue.Obj usage) {}

    static Reply whole(String body) throws Exception {
        HttpResponse<String> r = post(body);
        assertEquals(200, r.statusCode(), r.body());
        JsonValue m = parse(r.body());
        assertEquals("message", str(m, "type"));
        assertEquals("assistant", str(m, "role"));
        assertTrue(str(m, "id").startsWith("msg_"), r.body());
        StringBuilder text = new StringBuilder(), thinking = new StringBuilder();
        List<JsonValue.Obj> tools = new ArrayList<>();
        for (JsonValue b : ((JsonValue.Arr) at(m, "content")).items()) {
            switch (str(b, "type")) {
                case "text" -> text.append(str(b, "text"));
                case "thinking" -> {
                    thinking.append(str(b, "thinking"));
                    assertFalse(str(b, "signature").isEmpty());
                }
                case "tool_use" -> tools.add((JsonValue.Obj) b);
                default -> throw new AssertionError("unexpected block " + b.write());
            }
        }
        return new Reply(text.toString(), thinking.toString(), tools, str(m, "stop_reason"), str(m, "stop_sequence"), str(m, "model"),
                (JsonValue.Obj) at(m, "usage"));
    }

    /**
     * The stream, checked event by event: message_start, ping, then blocks each opened, fed and
     * closed at consecutive indexes with deltas of their own kind, then message_delta and
     * message_stop last. Every event's name is its data's type.
     */
    static Reply streamed(String body) throws Exception {
        HttpResponse<String> r = post(body);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        SseEvents s = SseEvents.parse(r.body());
        List<SseEvents.Event> ev = s.events;
        for (SseEvents.Event e : ev) assertEquals(e.name(), e.type(), e.rawData());
        assertEquals("message_start", ev.get(0).name());
        assertEquals("ping", ev.get(1).name());
        JsonValue start = at(ev.get(0).data(), "message");
        assertEquals(0, size(start, "content"));
        assertNull(str(start, "stop_reason"));
        assertEquals("message_stop", ev.getLast().name());
        SseEvents.Event delta = ev.get(ev.size() - 2);
        assertEquals("message_delta", delta.name());
        StringBuilder text = new StringBuilder(), thinking = new StringBuilder();
        List<JsonValue.Obj> tools = new ArrayList<>();
        int index = -1;
        String open = null;
        StringBuilder json = null;
        JsonValue.Obj tool = null;
        for (SseEvents.Event e : ev.subList(2, ev.size() - 2)) {
            switch (e.name()) {
                case "ping" -> assertNull(open, "a ping inside a block is allowed by Anthropic but never sent here");
                case "content_block_start" -> {
                    assertNull(open, "a block opened inside another");
                    index++;
                    assertEquals(index, ((JsonValue.Num) at(e.data(), "index")).asDouble());
                    open = str(e.data(), "content_block.type");
                    if (open.equals("tool_use")) {
                        tool = (JsonValue.Obj) at(e.data(), "content_block");
                        assertEquals(0, ((JsonValue.Obj) at(tool, "input")).members().size());
                        json = new StringBuilder();
                    }
                }
                case "content_block_delta" -> {
                    assertEquals(index, ((JsonValue.Num) at(e.data(), "index")).asDouble());
                    String type = str(e.data(), "delta.type");
                    switch (open) {
                        case "text" -> {
                            assertEquals("text_delta", type);
                            text.append(str(e.data(), "delta.text"));
                        }
                        case "thinking" -> {
                            if (type.equals("signature_delta")) assertFalse(str(e.data(), "delta.signature").isEmpty());
                            else {
                                assertEquals("thinking_delta", type);
                                thinking.append(str(e.data(), "delta.thinking"));
                            }
                        }
                        case "tool_use" -> {
                            assertEquals("input_json_delta", type);
                            json.append(str(e.data(), "delta.partial_json"));
                        }
                        default -> throw new AssertionError("delta in block " + open);
                    }
                }
                case "content_block_stop" -> {
                    assertEquals(index, ((JsonValue.Num) at(e.data(), "index")).asDouble());
                    if ("tool_use".equals(open)) {
                        tools.add(JsonValue.Obj.builder().put("type", "tool_use").put("id", str(tool, "id")).put("name", str(tool, "name"))
                                .put("input", parse(json.toString())).build());
                    }
                    open = null;
                }
                default -> throw new AssertionError("unexpected event " + e.name());
            }
        }
        assertNull(open, "a block was never closed");
        assertTrue(index >= 0, "no content block at all");
        return new Reply(text.toString(), thinking.toString(), tools, str(delta.data(), "delta.stop_reason"),
                str(delta.data(), "delta.stop_sequence"), str(start, "model"), (JsonValue.Obj) at(delta.data(), "usage"));
    }

    static Reply ask(boolean stream, String body) throws Exception {
        return stream ? streamed(body) : whole(body);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void plainTextUnderAnAliasReportsTheModelAsked(boolean stream) throws Exception {
        Reply r = ask(stream, body("claude-sonnet-4-5", stream, "", user("Hello there")));
        assertTrue(r.text().startsWith("Simulated gemini-2.5-pro answer: "), r.text());
        assertEquals("claude-sonnet-4-5", r.model());
        assertEquals("end_turn", r.stopReason());
        assertNull(r.stopSequence());
        assertEquals("", r.thinking(), "thinking was not enabled: no thinking blocks");
        assertTrue(((JsonValue.Num) at(r.usage(), "output_tokens")).asDouble() > 0);
        if (!stream) assertEquals(r.text(), whole(body("claude-sonnet-4-5", false, "", user("Hello there"))).text(), "deterministic");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void systemAsStringOrBlocksReachesTheSystemInstruction(boolean stream) throws Exception {
        String asBlocks = "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\"},{\"type\":\"text\",\"text\":\"Be kind.\",\"cache_control\":{\"type\":\"ephemeral\"}}]";
        Reply r = ask(stream, body("gemini-2.5-flash", stream, asBlocks, user("[[sim:echo-settings]] hi")));
        assertTrue(r.text().contains("system=\"Be brief.\\n\\nBe kind.\""), r.text());
        Reply s = ask(stream, body("gemini-2.5-flash", stream, "\"system\":\"Only facts.\"", user("[[sim:echo-settings]] hi")));
        assertTrue(s.text().contains("system=\"Only facts.\""), s.text());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBase64ImageIsAttached(boolean stream) throws Exception {
        String png = java.util.Base64.getEncoder().encodeToString(Images.PNG);
        String messages = "[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\""
                + png + "\"}},{\"type\":\"text\",\"text\":\"[[sim:echo-settings]] what is this\"}]}]";
        Reply r = ask(stream, body("gemini-2.5-flash", stream, "", messages));
        assertTrue(r.text().contains("images=image/png\n"), r.text());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void thinkingEnabledSetsTheBudgetAndComesBackAsThinkingBlocks(boolean stream) throws Exception {
        String thinking = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}";
        Reply r = ask(stream, body("gemini-2.5-pro", stream, thinking, user("[[sim:echo-settings]] think")));
        assertTrue(r.thinking().startsWith("Considering the request"), r.thinking());
        assertTrue(r.text().contains("thinking=on budget=2048"), r.text());
        Reply off = ask(stream, body("gemini-2.5-flash", stream, "\"thinking\":{\"type\":\"disabled\"}", user("[[sim:echo-settings]] quick")));
        assertTrue(off.text().contains("thinking=off"), off.text());
        assertEquals("", off.thinking());
    }

    static final String TOOLS = "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Weather for a city\",\"input_schema\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}],\"thinking\":{\"type\":\"disabled\"}";

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aToolCallAndItsResultOverTwoRequests(boolean stream) throws Exception {
        String ask = "[{\"role\":\"user\",\"content\":\"What is the weather? Use get_weather {\\\"city\\\":\\\"Paris\\\"}\"}]";
        Reply first = ask(stream, body("gemini-2.5-flash", stream, TOOLS, ask));
        assertEquals("tool_use", first.stopReason());
        assertEquals(1, first.toolUses().size(), first.toString());
        JsonValue.Obj use = first.toolUses().getFirst();
        assertEquals("get_weather", str(use, "name"));
        assertEquals("Paris", str(use, "input.city"));
        String id = str(use, "id");
        String history = "[{\"role\":\"user\",\"content\":\"What is the weather? Use get_weather {\\\"city\\\":\\\"Paris\\\"}\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id + "\",\"content\":[{\"type\":\"text\",\"text\":\"sunny, 21 C\"}]}]}]";
        Reply second = ask(stream, body("gemini-2.5-flash", stream, TOOLS, history));
        assertEquals("end_turn", second.stopReason());
        assertTrue(second.toolUses().isEmpty());
        assertEquals("Based on get_weather, " + id + ": sunny, 21 C", second.text());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void stopSequencesCutTheTextAndTheOnesThisServerCutAtAreNamed(boolean stream) throws Exception {
        String say = user("[[sim:say Hello world again]]");
        Reply byPage = ask(stream, body("gemini-2.5-flash", stream, "\"stop_sequences\":[\"world\"]", say));
        assertEquals("Hello ", byPage.text());
        assertEquals("end_turn", byPage.stopReason(), "AI Studio cut it and does not say so");
        Reply byServer = ask(stream, body("gemini-2.5-flash", stream, "\"stop_sequences\":[\"A1\",\"A2\",\"A3\",\"A4\",\"A5\",\"world\"]", say));
        assertEquals("Hello ", byServer.text());
        assertEquals("stop_sequence", byServer.stopReason());
        assertEquals("world", byServer.stopSequence());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void maxTokensReachedIsMaxTokens(boolean stream) throws Exception {
        String b = "{\"model\":\"gemini-2.5-flash\",\"max_tokens\":5,\"stream\":" + stream
                + ",\"thinking\":{\"type\":\"disabled\"},\"messages\":" + user("[[sim:long=60]] go on") + "}";
        Reply r = ask(stream, b);
        assertEquals("max_tokens", r.stopReason());
        assertEquals(5, r.text().strip().split(" ").length, r.text());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void badRequestsAreAnthropicErrors(boolean stream) throws Exception {
        HttpResponse<String> noMax = post("{\"model\":\"claude-x\",\"stream\":" + stream + ",\"messages\":" + user("hi") + "}");
        assertError(noMax, 400, "invalid_request_error", "max_tokens");
        HttpResponse<String> badRole = post(body("claude-x", stream, "", "[{\"role\":\"system\",\"content\":\"x\"}]"));
        assertError(badRole, 400, "invalid_request_error", "role");
        HttpResponse<String> unknown = post(body("llama-3-70b", stream, "", user("hi")));
        assertError(unknown, 404, "not_found_error", "llama-3-70b");
        HttpResponse<String> notJson = post("{\"model\":");
        assertError(notJson, 400, "invalid_request_error", "JSON");
    }

    @Test
    void aMissingKeyIsAnAuthenticationError() throws Exception {
        HttpResponse<String> r = Http.post(stack.base() + "/v1/messages", body("claude-x", false, "", user("hi")), Map.of("anthropic-version", "2023-06-01"));
        assertError(r, 401, "authentication_error", "API key");
        HttpResponse<String> wrong = Http.post(stack.base() + "/v1/messages", body("claude-x", false, "", user("hi")),
                Map.of("x-api-key", "nope", "anthropic-version", "2023-06-01"));
        assertError(wrong, 401, "authentication_error", "API key");
    }

    @Test
    void countTokensAndTheModelList() throws Exception {
        HttpResponse<String> count = Http.post(stack.base() + "/v1/messages/count_tokens",
                "{\"model\":\"claude-x\",\"messages\":" + user("x".repeat(400)) + "}", HEADERS);
        assertEquals(200, count.statusCode(), count.body());
        assertTrue(((JsonValue.Num) at(parse(count.body()), "input_tokens")).asDouble() >= 100, count.body());
        HttpResponse<String> models = Http.get(stack.base() + "/v1/models", HEADERS);
        assertEquals(200, models.statusCode());
        JsonValue list = parse(models.body());
        assertEquals("model", str(list, "data[0].type"));
        assertFalse(str(list, "data[0].display_name").isEmpty());
        assertEquals(JsonValue.Bool.of(false), at(list, "has_more"));
    }

    static void assertError(HttpResponse<String> r, int status, String type, String mentions) {
        assertEquals(status, r.statusCode(), r.body());
        JsonValue e = parse(r.body());
        assertEquals("error", str(e, "type"), r.body());
        assertEquals(type, str(e, "error.type"), r.body());
        assertTrue(str(e, "error.message").contains(mentions), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }
}
