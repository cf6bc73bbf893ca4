package aistudioproxy.e2e;

import aistudioproxy.config.Setting;
import aistudioproxy.json.Json;
import aistudioproxy.json.JsonValue;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Function calling end to end, in both modes: native (the declarations written into the page's
 * Function calling editor, the simulator calling through the wire and the page's call chunk) and
 * emulated (the protocol in the system instruction, the answer parsed into calls); on tier 1 and
 * on the page tier, streaming and not. Streamed answers are checked chunk by chunk against
 * OpenAI's rules for {@code delta.tool_calls}.
 */
class FunctionCallingTest {
    /** One server per mode (FUNCTION_CALLING_MODE is a server setting), started when first asked for. */
    static final Map<String, SimStack> STACKS = new java.util.concurrent.ConcurrentHashMap<>();
    static SimStack stack;

    static void use(String mode) throws Exception {
        stack = STACKS.get(mode);
        if (stack != null) return;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        stack = new SimStack(Map.of(Setting.STREAM_PORT, Integer.toString(port), Setting.DATA_DIR, "target/tools-data-" + mode,
                Setting.FUNCTION_CALLING_MODE, mode));
        long end = System.nanoTime() + 20_000_000_000L;
        while (!stack.app.chain().tiers().getFirst().healthy() && System.nanoTime() < end) Thread.sleep(50);
        STACKS.put(mode, stack);
    }

    @AfterAll
    static void stop() {
        STACKS.values().forEach(SimStack::close);
    }

    static Stream<Arguments> tiersAndModes() {
        List<Arguments> out = new ArrayList<>();
        for (String mode : List.of("native", "emulated")) {
            for (String tier : List.of("stream-proxy", "page")) for (boolean stream : new boolean[] {false, true}) out.add(Arguments.of(mode, tier, stream));
        }
        return out.stream();
    }

    /** What came back: content, calls (name, arguments JSON, id), finish reason, the tier. */
    record Answer(String content, List<String[]> calls, String finish, String tier, String raw) {}

    static Answer ask(String tier, boolean stream, String messages, String extra) throws Exception {
        HttpResponse<String> r = Http.post(stack.chat(), Http.toolsBody(messages, stream, extra), Map.of("X-Tier", tier));
        assertEquals(200, r.statusCode(), r.body());
        return stream ? streamed(r.body(), tier) : whole(r.body(), tier);
    }

    private static Answer whole(String body, String tier) throws Exception {
        JsonValue.Obj choice = (JsonValue.Obj) ((JsonValue.Arr) ((JsonValue.Obj) Json.parse(body)).get("choices").orElseThrow()).get(0);
        JsonValue.Obj message = (JsonValue.Obj) choice.get("message").orElseThrow();
        List<String[]> calls = new ArrayList<>();
        if (message.get("tool_calls").orElse(null) instanceof JsonValue.Arr list) {
            for (JsonValue c : list.items()) {
                JsonValue.Obj call = (JsonValue.Obj) c;
                JsonValue.Obj f = (JsonValue.Obj) call.get("function").orElseThrow();
                assertEquals("function", call.string("type").orElseThrow());
                calls.add(new String[] {f.string("name").orElseThrow(), f.string("arguments").orElseThrow(), call.string("id").orElseThrow()});
            }
            assertTrue(message.get("content").orElseThrow() instanceof JsonValue.Null, "content null when only calls came: " + body);
        }
        return new Answer(message.string("content").orElse(""), calls, choice.string("finish_reason").orElseThrow(), tier, body);
    }

    /**
     * A streamed answer, checked as it goes: every {@code delta.tool_calls[]} entry has an
     * {@code index}; the first delta of a call has its {@code id}, {@code type} and
     * {@code function.name}; its argument pieces concatenate to valid JSON; one finish reason.
     */
    private static Answer streamed(String body, String tier) throws Exception {
        assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        StringBuilder content = new StringBuilder();
        List<String[]> calls = new ArrayList<>();
        List<StringBuilder> args = new ArrayList<>();
        String finish = null;
        for (String frame : body.split("\n\n")) {
            if (!frame.startsWith("data: {")) continue;
            JsonValue.Obj chunk = (JsonValue.Obj) Json.parse(frame.substring(6));
            assertTrue(chunk.get("error").isEmpty(), frame);
            if (!(chunk.get("choices").orElseThrow() instanceof JsonValue.Arr choices) || choices.size() == 0) continue;
            JsonValue.Obj choice = (JsonValue.Obj) choices.get(0);
            if (choice.string("finish_reason").isPresent()) {
                assertEquals(null, finish, "one finish reason");
                finish = choice.string("finish_reason").get();
            }
            JsonValue.Obj delta = (JsonValue.Obj) choice.get("delta").orElseThrow();
            delta.string("content").ifPresent(content::append);
            if (delta.get("tool_calls").orElse(null) instanceof JsonValue.Arr entries) {
                for (JsonValue e : entries.items()) {
                    JsonValue.Obj entry = (JsonValue.Obj) e;
                    int index = (int) ((JsonValue.Num) entry.get("index").orElseThrow(() -> new AssertionError("no index: " + frame))).asDouble();
                    JsonValue.Obj f = (JsonValue.Obj) entry.get("function").orElseThrow();
                    if (index == calls.size()) {
                        String id = entry.string("id").orElseThrow(() -> new AssertionError("first delta of a call without id: " + frame));
                        assertEquals("function", entry.string("type").orElseThrow(() -> new AssertionError("no type: " + frame)));
                        calls.add(new String[] {f.string("name").orElseThrow(() -> new AssertionError("no name: " + frame)), null, id});
                        args.add(new StringBuilder());
                    } else {
                        assertTrue(index < calls.size(), "indices in order: " + frame);
                    }
                    f.string("arguments").ifPresent(args.get(index)::append);
                }
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            calls.get(i)[1] = args.get(i).toString();
            assertTrue(Json.parse(calls.get(i)[1]) instanceof JsonValue.Obj, "arguments are a JSON object: " + calls.get(i)[1]);
        }
        assertTrue(body.contains(": x-response-tier: " + tier), body);
        return new Answer(content.toString(), calls, finish, tier, body);
    }

    private static void assertArgs(String expectedJson, String actualJson) throws Exception {
        assertEquals(Json.parse(expectedJson), Json.parse(actualJson));
    }

    @ParameterizedTest
    @MethodSource("tiersAndModes")
    void oneCallWithNestedArguments(String mode, String tier, boolean stream) throws Exception {
        use(mode);
        String args = "{\"city\":\"Paris\",\"days\":3,\"opts\":{\"units\":\"metric\",\"hours\":[6,12,{\"at\":18}]},\"tags\":[{\"k\":\"v\"}]}";
        Answer a = ask(tier, stream, Http.userTurn("What will the weather be? Use get_weather " + args), "");
        assertEquals(1, a.calls().size(), a.raw());
        assertEquals("get_weather", a.calls().getFirst()[0]);
        assertArgs(args, a.calls().getFirst()[1]);
        assertTrue(a.calls().getFirst()[2].matches("call_[0-9a-f]{24}"), a.calls().getFirst()[2]);
        assertEquals("tool_calls", a.finish());
        assertEquals("", a.content(), "nothing but the call");
        assertEquals(mode.equals("native") ? List.of("get_weather", "get_time") : List.of(), stack.app.simulator().state().lastFunctions(),
                "declarations on the page in native mode only");
    }

    @ParameterizedTest
    @MethodSource("tiersAndModes")
    void twoCallsInOneAnswer(String mode, String tier, boolean stream) throws Exception {
        use(mode);
        Answer a = ask(tier, stream, Http.userTurn("Call get_weather {\"city\":\"Oslo\"} and get_time {\"tz\":\"Europe/Oslo\"}"), "");
        assertEquals(2, a.calls().size(), a.raw());
        assertEquals("get_weather", a.calls().get(0)[0]);
        assertArgs("{\"city\":\"Oslo\"}", a.calls().get(0)[1]);
        assertEquals("get_time", a.calls().get(1)[0]);
        assertArgs("{\"tz\":\"Europe/Oslo\"}", a.calls().get(1)[1]);
        assertTrue(!a.calls().get(0)[2].equals(a.calls().get(1)[2]), "distinct ids");
        assertEquals("tool_calls", a.finish());
    }

    /** Call, result, answer, and a further call, over three requests, the conversation growing as a client keeps it. */
    @ParameterizedTest
    @MethodSource("tiersAndModes")
    void callThenResultThenText(String mode, String tier, boolean stream) throws Exception {
        use(mode);
        String user = "{\"role\":\"user\",\"content\":\"Weather in Rome? get_weather {\\\"city\\\":\\\"Rome\\\"}\"}";
        Answer first = ask(tier, stream, "[" + user + "]", "");
        assertEquals(1, first.calls().size(), first.raw());
        String id = first.calls().getFirst()[2];
        String assistant = "{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"SECRET-THOUGHTS\",\"tool_calls\":[{\"id\":\"" + id
                + "\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":" + aistudioproxy.json.JsonWriter.quote(first.calls().getFirst()[1]) + "}}]}";
        String result = "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"{\\\"temp_c\\\":21,\\\"sky\\\":\\\"sunny\\\"}\"}";
        Answer second = ask(tier, stream, "[" + user + "," + assistant + "," + result + "]", "");
        assertEquals(0, second.calls().size(), second.raw());
        assertEquals("stop", second.finish());
        assertTrue(second.content().contains("get_weather") && second.content().contains(id) && second.content().contains("\"temp_c\":21"),
                "the answer uses the result: " + second.content());
        String sent = stack.app.simulator().state().prompts().getLast();
        assertTrue(sent.contains("```tool_call\n{\"name\":\"get_weather\"") && sent.contains("Tool result (get_weather, " + id + "):"),
                "call and result folded together: " + sent);
        assertTrue(!sent.contains("SECRET-THOUGHTS"), "thinking sent back by the client is not fed to the model");
        String third = "[" + user + "," + assistant + "," + result + ",{\"role\":\"assistant\",\"content\":" + aistudioproxy.json.JsonWriter.quote(second.content())
                + "},{\"role\":\"user\",\"content\":\"And the time there? get_time {\\\"tz\\\":\\\"Europe/Rome\\\"}\"}]";
        Answer last = ask(tier, stream, third, "");
        assertEquals(1, last.calls().size(), last.raw());
        assertEquals("get_time", last.calls().getFirst()[0]);
    }

    @ParameterizedTest
    @MethodSource("tiersAndModes")
    void toolChoiceNoneRequiredAndNamed(String mode, String tier, boolean stream) throws Exception {
        use(mode);
        Answer none = ask(tier, stream, Http.userTurn("get_weather {\"city\":\"Rome\"} please"), "\"tool_choice\":\"none\"");
        assertEquals(0, none.calls().size(), none.raw());
        assertEquals("stop", none.finish());
        assertTrue(!stack.app.simulator().state().prompts().getLast().contains("```tool_call"), "no protocol with tool_choice none");
        assertTrue(stack.app.simulator().state().lastFunctions().isEmpty(), "no declarations on the page with tool_choice none");
        Answer required = ask(tier, stream, Http.userTurn("Anything useful for me?"), "\"tool_choice\":\"required\"");
        assertEquals(1, required.calls().size(), required.raw());
        assertEquals("get_weather", required.calls().getFirst()[0], "the first function, with arguments valid for its schema");
        assertArgs("{\"city\":\"\"}", required.calls().getFirst()[1]);
        Answer named = ask(tier, stream, Http.userTurn("Anything useful for me?"),
                "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}");
        assertEquals(1, named.calls().size(), named.raw());
        assertEquals("get_time", named.calls().getFirst()[0]);
        Answer plain = ask(tier, stream, Http.userTurn("Just say hello"), "");
        assertEquals(0, plain.calls().size(), plain.raw());
        assertTrue(!plain.content().isEmpty(), "an ordinary answer when no function is wanted");
    }
}
