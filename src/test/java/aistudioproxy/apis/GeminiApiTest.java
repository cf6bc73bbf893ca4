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
 * Gemini's generateContent over raw HTTP against the whole product, in its three framings: one
 * JSON answer, the SSE stream ({@code alt=sse}) and the JSON-array stream, each read strictly.
 */
class GeminiApiTest {
    static SimStack stack;
    static final Map<String, String> HEADERS = Map.of("x-goog-api-key", ApiStack.KEY);

    /** How the answer is asked for. */
    enum Mode { WHOLE, SSE, ARRAY }

    @BeforeAll
    static void start() throws Exception {
        stack = ApiStack.get();
    }

    static String url(String model, Mode mode) {
        return stack.base() + "/v1beta/models/" + model + switch (mode) {
            case WHOLE -> ":generateContent";
            case SSE -> ":streamGenerateContent?alt=sse";
            case ARRAY -> ":streamGenerateContent";
        };
    }

    static String user(String text) {
        return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text.replace("\"", "\\\"") + "\"}]}]}";
    }

    /** {@code body} with more members ({@code fields}, JSON members without braces). */
    static String with(String body, String fields) {
        return body.substring(0, body.length() - 1) + "," + fields + "}";
    }

    /** The answer's chunks (one for a whole answer), read and merged. */
    record Reply(List<JsonValue> chunks) {
        List<JsonValue> parts() {
            List<JsonValue> out = new ArrayList<>();
            for (JsonValue c : chunks) out.addAll(((JsonValue.Arr) at(c, "candidates[0].content.parts")).items());
            return out;
        }

        String text() {
            StringBuilder b = new StringBuilder();
            for (JsonValue p : parts()) if (isText(p) && !thought(p)) b.append(str(p, "text"));
            return b.toString();
        }

        String thoughts() {
            StringBuilder b = new StringBuilder();
            for (JsonValue p : parts()) if (isText(p) && thought(p)) b.append(str(p, "text"));
            return b.toString();
        }

        List<JsonValue> calls() {
            return parts().stream().filter(p -> ((JsonValue.Obj) p).get("functionCall").isPresent()).map(p -> at(p, "functionCall")).toList();
        }

        String finish() {
            return str(chunks.getLast(), "candidates[0].finishReason");
        }

        private static boolean isText(JsonValue p) {
            return ((JsonValue.Obj) p).get("text").isPresent();
        }

        private static boolean thought(JsonValue p) {
            return ((JsonValue.Obj) p).get("thought").orElse(JsonValue.Bool.of(false)).equals(JsonValue.Bool.of(true));
        }
    }

    static Reply ask(String model, Mode mode, String body) throws Exception {
        HttpResponse<String> r = Http.post(url(model, mode), body, HEADERS);
        assertEquals(200, r.statusCode(), r.body());
        List<JsonValue> chunks = switch (mode) {
            case WHOLE -> List.of(parse(r.body()));
            case SSE -> {
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
                List<JsonValue> out = new ArrayList<>();
                for (SseEvents.Event e : SseEvents.parse(r.body()).events) {
                    assertNull(e.name(), "Gemini's events have no names");
                    out.add(e.data());
                }
                yield out;
            }
            case ARRAY -> {
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
                assertTrue(r.body().startsWith("[") && r.body().endsWith("]"), r.body());
                yield ((JsonValue.Arr) parse(r.body())).items();
            }
        };
        for (int i = 0; i < chunks.size(); i++) {
            JsonValue.Obj candidate = (JsonValue.Obj) at(chunks.get(i), "candidates[0]");
            assertEquals("model", str(candidate, "content.role"));
            boolean last = i == chunks.size() - 1;
            assertEquals(last, candidate.get("finishReason").isPresent(), "finishReason only on the last chunk: " + chunks.get(i).write());
            assertEquals(last, ((JsonValue.Obj) chunks.get(i)).get("usageMetadata").isPresent(), "usage only on the last chunk");
        }
        return new Reply(chunks);
    }

    @ParameterizedTest
    @ValueSource(strings = {"WHOLE", "SSE", "ARRAY"})
    void plainText(Mode mode) throws Exception {
        Reply r = ask("gemini-2.5-flash", mode, user("Hello there"));
        assertTrue(r.text().startsWith("Simulated gemini-2.5-flash answer: "), r.text());
        assertEquals("STOP", r.finish());
        assertEquals("", r.thoughts(), "includeThoughts not set: no thought parts");
        JsonValue usage = at(r.chunks().getLast(), "usageMetadata");
        assertTrue(((JsonValue.Num) at(usage, "promptTokenCount")).asDouble() > 0);
        assertEquals("gemini-2.5-flash", str(r.chunks().getLast(), "modelVersion"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WHOLE", "SSE", "ARRAY"})
    void systemInstructionInEitherSpelling(Mode mode) throws Exception {
        String camel = with(user("[[sim:echo-settings]] hi"), "\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]}");
        assertTrue(ask("gemini-2.5-flash", mode, camel).text().contains("system=\"Be brief.\""));
        String snake = with(user("[[sim:echo-settings]] hi"), "\"system_instruction\":{\"parts\":[{\"text\":\"Be exact.\"}]}");
        assertTrue(ask("gemini-2.5-flash", mode, snake).text().contains("system=\"Be exact.\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WHOLE", "SSE", "ARRAY"})
    void inlineDataImageIsAttached(Mode mode) throws Exception {
        String png = java.util.Base64.getEncoder().encodeToString(Images.PNG);
        String body = "{\"contents\":[{\"parts\":[{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"" + png
                + "\"}},{\"text\":\"[[sim:echo-settings]] look\"}]}]}";
        assertTrue(ask("gemini-2.5-flash", mode, body).text().contains("images=image/png\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WHOLE", "SSE", "ARRAY"})
    void thinkingBudgetAndIncludedThoughts(Mode mode) throws Exception {
        String body = with(user("[[sim:echo-settings]] think"), "\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":4096,\"includeThoughts\":true}}");
        Reply r = ask("gemini-2.5-pro", mode, body);
        assertTrue(r.thoughts().startsWith("Considering the request"), r.thoughts());
        assertTrue(r.text().contains("thinking=on budget=4096"), r.text());
        String off = with(user("[[sim:echo-settings]] fast"), "\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":0}}");
        assertTrue(ask("gemini-2.5-flash", mode, off).text().contains("thinking=off"));
    }

    static final String TOOLS = "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"description\":\"Weather for a city\","
            + "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}},\"required\":[\"city\"]}}]}],"
            + "\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":0}}";

    @ParameterizedTest
    @ValueSource(strings = {"WHOLE", "SSE", "ARRAY"})
    void aFunctionCallAndItsResponseOverTwoRequests(Mode mode) throws Exception {
        String turn = "{\"role\":\"user\",\"parts\":[{\"text\":\"Use get_weather {\\\"city\\\":\\\"Rome\\\"}\"}]}";
        Reply first = ask("gemini-2.5-flash", mode, "{" + TOOLS + ",\"contents\":[" + turn + "]}");
        assertEquals(1, first.calls().size(), first.chunks().toString());
        assertEquals("get_weather", str(first.calls().getFirst(), "name"));
        assertEquals("Rome", str(first.calls().getFirst(), "args.city"));
        assertEquals("STOP", first.finish(), "Gemini reports calls as STOP");
        String history = "{" + TOOLS + ",\"contents\":[" + turn + ","
                + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Rome\"}}}]},"
                + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"sky\":\"clear\"}}}]}]}";
        Reply second = ask("gemini-2.5-flash", mode, history);
        assertTrue(second.calls().isEmpty());
        assertTrue(second.text().startsWith("Based on get_weather"), second.text());
        assertTrue(second.text().endsWith(": {\"sky\":\"clear\"}"), second.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"WHOLE", "SSE", "ARRAY"})
    void stopSequencesAndMaxOutputTokens(Mode mode) throws Exception {
        String stop = with(user("[[sim:say Hello world again]]"), "\"generationConfig\":{\"stopSequences\":[\"world\"]}");
        Reply cut = ask("gemini-2.5-flash", mode, stop);
        assertEquals("Hello ", cut.text());
        assertEquals("STOP", cut.finish());
        String max = with(user("[[sim:long=50]] go"), "\"generationConfig\":{\"maxOutputTokens\":6,\"thinkingConfig\":{\"thinkingBudget\":0}}");
        Reply r = ask("gemini-2.5-flash", mode, max);
        assertEquals("MAX_TOKENS", r.finish());
        assertEquals(6, r.text().strip().split(" ").length, r.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"WHOLE", "SSE", "ARRAY"})
    void badRequestsAreGoogleErrors(Mode mode) throws Exception {
        assertError(Http.post(url("gemini-2.5-flash", mode), "{\"contents\":[]}", HEADERS), 400, "INVALID_ARGUMENT", "contents");
        assertError(Http.post(url("gemini-2.5-flash", mode), "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"temperature\":7}}", HEADERS),
                400, "INVALID_ARGUMENT", "generationConfig.temperature");
        assertError(Http.post(url("gemini-0.1-nano", mode), user("hi"), HEADERS), 404, "NOT_FOUND", "gemini-0.1-nano");
    }

    @Test
    void keysByHeaderOrQueryAndAMissingKey() throws Exception {
        assertError(Http.post(url("gemini-2.5-flash", Mode.WHOLE), user("hi"), Map.of()), 401, "UNAUTHENTICATED", "API key");
        HttpResponse<String> byQuery = Http.post(stack.base() + "/v1beta/models/gemini-2.5-flash:generateContent?key=" + ApiStack.KEY, user("hi"), Map.of());
        assertEquals(200, byQuery.statusCode(), byQuery.body());
    }

    @Test
    void modelListAndCountTokens() throws Exception {
        HttpResponse<String> list = Http.get(stack.base() + "/v1beta/models", HEADERS);
        assertEquals(200, list.statusCode());
        assertTrue(str(parse(list.body()), "models[0].name").startsWith("models/"));
        HttpResponse<String> one = Http.get(stack.base() + "/v1beta/models/gemini-2.5-pro", HEADERS);
        assertEquals("models/gemini-2.5-pro", str(parse(one.body()), "name"));
        HttpResponse<String> count = Http.post(stack.base() + "/v1beta/models/gemini-2.5-pro:countTokens", user("y".repeat(400)), HEADERS);
        assertEquals(200, count.statusCode(), count.body());
        assertTrue(((JsonValue.Num) at(parse(count.body()), "totalTokens")).asDouble() >= 100);
    }

    static void assertError(HttpResponse<String> r, int status, String grpc, String mentions) {
        assertEquals(status, r.statusCode(), r.body());
        JsonValue e = parse(r.body());
        assertEquals(status, ((JsonValue.Num) at(e, "error.code")).asDouble());
        assertEquals(grpc, str(e, "error.status"));
        assertTrue(str(e, "error.message").contains(mentions), r.body());
        assertFalse(r.body().contains("\"type\""), "not OpenAI's shape");
    }
}
