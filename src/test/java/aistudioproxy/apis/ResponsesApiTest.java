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
import static aistudioproxy.testing.JsonPath.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenAI's Responses API over raw HTTP against the whole product: each case whole and streamed,
 * the stream's typed events checked for order, sequence numbers and agreement with the final
 * response they end with.
 */
class ResponsesApiTest {
    static SimStack stack;
    static final Map<String, String> HEADERS = Map.of("Authorization", "Bearer " + ApiStack.KEY);

    @BeforeAll
    static void start() throws Exception {
        stack = ApiStack.get();
    }

    static HttpResponse<String> post(String body) throws Exception {
        return Http.post(stack.base() + "/v1/responses", body, HEADERS);
    }

    static String body(String model, boolean stream, String fields, String input) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + (fields.isEmpty() ? "" : "," + fields) + ",\"input\":" + input + "}";
    }

    static String quoted(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    /** The final response object, and (streamed) the text the deltas added up to. */
    record Reply(JsonValue response, String deltaText, String deltaReasoning) {
        String text() {
            StringBuilder b = new StringBuilder();
            for (JsonValue item : items("message")) for (JsonValue c : ((JsonValue.Arr) at(item, "content")).items()) b.append(str(c, "text"));
            return b.toString();
        }

        String reasoning() {
            StringBuilder b = new StringBuilder();
            for (JsonValue item : items("reasoning")) for (JsonValue s : ((JsonValue.Arr) at(item, "summary")).items()) b.append(str(s, "text"));
            return b.toString();
        }

        List<JsonValue> items(String type) {
            List<JsonValue> out = new ArrayList<>();
            for (JsonValue item : ((JsonValue.Arr) at(response, "output")).items()) if (type.equals(str(item, "type"))) out.add(item);
            return out;
        }

        String status() {
            return str(response, "status");
        }
    }

    static Reply whole(String body) throws Exception {
        HttpResponse<String> r = post(body);
        assertEquals(200, r.statusCode(), r.body());
        JsonValue resp = parse(r.body());
        assertEquals("response", str(resp, "object"));
        assertTrue(str(resp, "id").startsWith("resp_"));
        return new Reply(resp, null, null);
    }

    /**
     * The stream: created and in_progress first, sequence numbers 0, 1, 2...; each output item
     * added, fed, done in turn at its output index; completed (or incomplete) last, whose output
     * equals the items done.
     */
    static Reply streamed(String body) throws Exception {
        HttpResponse<String> r = post(body);
        assertEquals(200, r.statusCode(), r.body());
        List<SseEvents.Event> ev = SseEvents.parse(r.body()).events;
        for (int i = 0; i < ev.size(); i++) {
            assertEquals(ev.get(i).name(), ev.get(i).type(), ev.get(i).rawData());
            assertEquals(i, ((JsonValue.Num) at(ev.get(i).data(), "sequence_number")).asDouble(), ev.get(i).rawData());
        }
        assertEquals("response.created", ev.get(0).name());
        assertEquals("response.in_progress", ev.get(1).name());
        assertEquals("in_progress", str(ev.get(0).data(), "response.status"));
        SseEvents.Event last = ev.getLast();
        assertTrue(last.name().equals("response.completed") || last.name().equals("response.incomplete"), last.name());
        List<JsonValue> done = new ArrayList<>();
        StringBuilder text = new StringBuilder(), reasoning = new StringBuilder();
        JsonValue openItem = null;
        for (SseEvents.Event e : ev.subList(2, ev.size() - 1)) {
            String type = e.name();
            if (type.equals("response.output_item.added")) {
                assertNull(openItem, "an item added inside another");
                openItem = at(e.data(), "item");
                assertEquals(done.size(), ((JsonValue.Num) at(e.data(), "output_index")).asDouble());
                continue;
            }
            assertTrue(openItem != null, type + " outside an item");
            assertEquals(done.size(), ((JsonValue.Num) at(e.data(), "output_index")).asDouble(), e.rawData());
            String itemType = str(openItem, "type");
            switch (type) {
                case "response.output_text.delta" -> {
                    assertEquals("message", itemType);
                    assertEquals(str(openItem, "id"), str(e.data(), "item_id"));
                    text.append(str(e.data(), "delta"));
                }
                case "response.reasoning_summary_text.delta" -> {
                    assertEquals("reasoning", itemType);
                    reasoning.append(str(e.data(), "delta"));
                }
                case "response.function_call_arguments.delta", "response.function_call_arguments.done" -> assertEquals("function_call", itemType);
                case "response.content_part.added", "response.content_part.done", "response.output_text.done" -> assertEquals("message", itemType);
                case "response.reasoning_summary_part.added", "response.reasoning_summary_part.done", "response.reasoning_summary_text.done" ->
                        assertEquals("reasoning", itemType);
                case "response.output_item.done" -> {
                    assertEquals(str(openItem, "id"), str(e.data(), "item.id"));
                    done.add(at(e.data(), "item"));
                    openItem = null;
                }
                default -> throw new AssertionError("unexpected event " + type);
            }
        }
        assertNull(openItem, "an item was never done");
        JsonValue resp = at(last.data(), "response");
        assertEquals(new JsonValue.Arr(done).write(), at(resp, "output").write(), "the final output is the items done");
        return new Reply(resp, text.toString(), reasoning.toString());
    }

    static Reply ask(boolean stream, String body) throws Exception {
        Reply r = stream ? streamed(body) : whole(body);
        if (stream) {
            assertEquals(r.text(), r.deltaText());
            assertEquals(r.reasoning(), r.deltaReasoning());
        }
        return r;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStringInputUnderAnAlias(boolean stream) throws Exception {
        Reply r = ask(stream, body("gpt-5-codex", stream, "\"store\":true", quoted("Hello there")));
        assertTrue(r.text().startsWith("Simulated gemini-2.5-flash answer: "), r.text());
        assertEquals("gpt-5-codex", str(r.response(), "model"));
        assertEquals("completed", r.status());
        assertTrue(((JsonValue.Num) at(r.response(), "usage.output_tokens")).asDouble() > 0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void instructionsAndADeveloperMessageAreTheSystemInstruction(boolean stream) throws Exception {
        String input = "[{\"role\":\"developer\",\"content\":\"Use metric.\"},{\"type\":\"message\",\"role\":\"user\",\"content\":"
                + "[{\"type\":\"input_text\",\"text\":\"[[sim:echo-settings]] hi\"}]}]";
        Reply r = ask(stream, body("gemini-2.5-flash", stream, "\"instructions\":\"Be brief.\"", input));
        assertTrue(r.text().contains("system=\"Be brief.\\n\\nUse metric.\""), r.text());
        assertEquals("Be brief.", str(r.response(), "instructions"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anInputImageIsAttached(boolean stream) throws Exception {
        String url = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(Images.PNG);
        String input = "[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"[[sim:echo-settings]] see\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"" + url + "\"}]}]";
        assertTrue(ask(stream, body("gemini-2.5-flash", stream, "", input)).text().contains("images=image/png\n"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void reasoningEffortSetsTheLevelAndThoughtsComeAsAReasoningItem(boolean stream) throws Exception {
        Reply r = ask(stream, body("gemini-3-pro-preview", stream, "\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"}",
                quoted("[[sim:echo-settings]] think")));
        assertTrue(r.text().contains("level=high"), r.text());
        assertTrue(r.reasoning().startsWith("Considering the request"), r.reasoning());
        assertEquals("reasoning", str(r.response(), "output[0].type"));
        assertEquals("message", str(r.response(), "output[1].type"));
    }

    static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Weather for a city\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}],\"reasoning\":{\"effort\":\"none\"}";

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFunctionCallAndItsOutputOverTwoRequests(boolean stream) throws Exception {
        String ask = quoted("Weather please: get_weather {\"city\":\"Oslo\"}");
        Reply first = ask(stream, body("gemini-2.5-flash", stream, TOOLS, ask));
        List<JsonValue> calls = first.items("function_call");
        assertEquals(1, calls.size(), first.response().write());
        JsonValue call = calls.getFirst();
        assertEquals("get_weather", str(call, "name"));
        assertEquals("Oslo", str(parse(str(call, "arguments")), "city"));
        assertEquals("completed", str(call, "status"));
        String callId = str(call, "call_id");
        String history = "[{\"role\":\"user\",\"content\":" + ask + "},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]},"
                + "{\"type\":\"function_call\",\"call_id\":\"" + callId + "\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"" + callId + "\",\"output\":\"snow, -3 C\"}]";
        Reply second = ask(stream, body("gemini-2.5-flash", stream, TOOLS, history));
        assertTrue(second.items("function_call").isEmpty());
        assertEquals("Based on get_weather, " + callId + ": snow, -3 C", second.text());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void maxOutputTokensReachedIsIncomplete(boolean stream) throws Exception {
        Reply r = ask(stream, body("gemini-2.5-flash", stream, "\"max_output_tokens\":4,\"reasoning\":{\"effort\":\"none\"}", quoted("[[sim:long=50]] go")));
        assertEquals("incomplete", r.status());
        assertEquals("max_output_tokens", str(r.response(), "incomplete_details.reason"));
        assertEquals(4, r.text().strip().split(" ").length, r.text());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void badRequestsAreOpenAiErrors(boolean stream) throws Exception {
        assertError(post(body("gemini-2.5-flash", stream, "\"previous_response_id\":\"resp_1\"", quoted("hi"))), 400, "previous_response_id");
        assertError(post(body("gemini-2.5-flash", stream, "\"tools\":[{\"type\":\"web_search\"},{\"type\":\"function\"}]", quoted("hi"))), 400, "tools[1].name");
        assertError(post(body("gemini-2.5-flash", stream, "", "[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]")), 400, "input[0].type");
        assertError(post(body("o3-unknown", stream, "", quoted("hi"))), 404, "model");
    }

    @Test
    void aMissingKeyIsRefused() throws Exception {
        HttpResponse<String> r = Http.post(stack.base() + "/v1/responses", body("gemini-2.5-flash", false, "", quoted("hi")), Map.of());
        assertEquals(401, r.statusCode());
        assertEquals("authentication_error", str(parse(r.body()), "error.type"));
    }

    static void assertError(HttpResponse<String> r, int status, String param) {
        assertEquals(status, r.statusCode(), r.body());
        JsonValue e = parse(r.body());
        assertEquals(param, str(e, "error.param"), r.body());
        assertFalse(str(e, "error.message").isEmpty());
    }
}
