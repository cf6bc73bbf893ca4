package aistudioproxy.streamproxy;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonValue;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every case of {@code ../shared/fixtures/wire/cases.jsonl} (GenerateContent samples with their
 * expected parse, from the public driver's tests) through our own code at the layer the case
 * names: typed call arguments, one part, a body, chunk framing, gzip, the whole response path.
 * Only what the case expects is compared (its {@code partial} flag says the rest is unasserted).
 *
 * <p>Not here: the three {@code cumulative/sse-delta} cases. They are the public driver's consumer
 * of its own interceptor, whose results carry the whole text so far; our stream proxy publishes
 * each part once, so no layer of ours sees such snapshots. The page tier's reading of a growing
 * answer will (issue 17), and those cases are its test. {@link #onlyTheSnapshotCasesAreElsewhere}
 * keeps this list from growing unnoticed.
 */
class WireCasesTest {
    static final Path CASES = Path.of("..", "shared", "fixtures", "wire", "cases.jsonl").toAbsolutePath().normalize();

    @TestFactory
    List<DynamicTest> everyCase() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonValue.Obj c : cases()) {
            if (c.string("kind").orElse("").equals("cumulative")) continue;
            tests.add(DynamicTest.dynamicTest(c.string("name").orElseThrow(), () -> check(c)));
        }
        return tests;
    }

    @org.junit.jupiter.api.Test
    void onlyTheSnapshotCasesAreElsewhere() throws Exception {
        List<JsonValue.Obj> all = cases();
        assertEquals(49, all.size(), "cases read");
        assertEquals(List.of("cumulative_body_snapshots_to_text_deltas", "cumulative_body_snapshots_to_text_deltas_2", "cumulative_reason_then_body"),
                all.stream().filter(c -> c.string("kind").orElse("").equals("cumulative")).map(c -> c.string("name").orElseThrow()).toList());
    }

    private static List<JsonValue.Obj> cases() throws Exception {
        assertTrue(Files.isRegularFile(CASES), "the wire cases are missing: expected " + CASES + " (CI has ../shared beside the checkout)");
        List<JsonValue.Obj> out = new ArrayList<>();
        for (String line : Files.readAllLines(CASES, StandardCharsets.UTF_8)) if (!line.isBlank()) out.add((JsonValue.Obj) Json.parse(line));
        return out;
    }

    private static void check(JsonValue.Obj c) throws Exception {
        String kind = c.string("kind").orElseThrow(), layer = c.string("layer").orElse(kind);
        JsonValue input = c.get("input").orElseThrow();
        JsonValue.Obj expected = (JsonValue.Obj) c.get("expected").orElseThrow();
        switch (kind + "/" + layer) {
            case "args/args" -> compareArgs(expected, TypedArgs.arguments(input));
            case "part/parse" -> compareParse(expected, parse(input.write()), null);
            case "body/parse" -> compareParse(expected, parse(((JsonValue.Str) input).value()), null);
            case "body/http-chunked" -> {
                Relayed r = relay(bytes(c), false);
                expected.string("decoded").ifPresent(d -> assertEquals(d, new String(r.payload, StandardCharsets.ISO_8859_1), "decoded"));
                expected.get("done").ifPresent(d -> assertEquals(((JsonValue.Bool) d).value(), r.complete, "done"));
            }
            case "body/gzip" -> {
                byte[] z = bytes(c);
                try (Gunzip g = new Gunzip()) {
                    assertEquals(expected.string("decompressed").orElseThrow(), new String(g.feed(z, 0, z.length), StandardCharsets.UTF_8));
                }
            }
            case "body/http-chunked+gzip+parse" -> {
                Relayed r = relay(bytes(c), true);
                compareParse(expected, r.parsed, r);
            }
            default -> fail("no layer of ours for " + kind + "/" + layer);
        }
    }

    private static byte[] bytes(JsonValue.Obj c) {
        String s = ((JsonValue.Str) c.get("input").orElseThrow()).value();
        return c.string("input_encoding").orElse("").equals("base64") ? Base64.getDecoder().decode(s) : s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What the parser made of a body. */
    record Parsed(String text, String thinking, List<JsonValue> calls, List<String> errors) {}

    private static Parsed parse(String body) {
        StringBuilder text = new StringBuilder(), thinking = new StringBuilder();
        List<JsonValue> calls = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        GenerateContentParser p = new GenerateContentParser(new GenerateContentParser.Listener() {
            public void text(String t) { text.append(t); }
            public void reasoning(String t) { thinking.append(t); }
            public void toolCall(String n, JsonValue.Obj a) { calls.add(JsonValue.Obj.builder().put("name", n).put("arguments", a).build()); }
            public void error(String m) { errors.add(m); }
        }, ResponseTap.MAX_UNIT_CHARS);
        p.feed(body);
        p.finish();
        return new Parsed(text.toString(), thinking.toString(), calls, errors);
    }

    record Relayed(byte[] payload, boolean complete, Parsed parsed, boolean failed) {}

    /**
     * Raw response bytes through the proxy's relay as a chunked (and, when {@code gzip}, gzip-encoded)
     * GenerateContent response; with {@code gzip}, through the tap that publishes its parts too.
     */
    private static Relayed relay(byte[] raw, boolean gzip) throws IOException {
        HttpHead head = HttpHead.read(new ByteArrayInputStream(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                + (gzip ? "Content-Encoding: gzip\r\n" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        EventHub hub = new EventHub();
        boolean complete;
        Parsed parsed = null;
        boolean failed = false;
        try (EventHub.Subscriber events = hub.subscribe(); ResponseTap tap = gzip ? new ResponseTap(hub) : null) {
            if (tap != null) tap.response(head);
            BodyRelay.Tap sink = tap == null ? payload::write : (b, off, len) -> {
                payload.write(b, off, len);
                tap.bytes(b, off, len);
            };
            try {
                complete = BodyRelay.relay(head, true, new ByteArrayInputStream(raw), new ByteArrayOutputStream(), sink);
            } catch (IOException e) {
                complete = false;
            }
            if (tap != null) {
                tap.end(complete);
                StringBuilder text = new StringBuilder(), thinking = new StringBuilder();
                List<JsonValue> calls = new ArrayList<>();
                List<String> errors = new ArrayList<>();
                boolean done = false;
                for (ProxyEvent e; (e = events.poll(0)) != null; ) {
                    switch (e) {
                        case ProxyEvent.Text t -> text.append(t.text());
                        case ProxyEvent.Reasoning r -> thinking.append(r.text());
                        case ProxyEvent.ToolCall c -> calls.add(JsonValue.Obj.builder().put("name", c.name()).put("arguments", c.args()).build());
                        case ProxyEvent.Error x -> errors.add(x.message());
                        case ProxyEvent.Done d -> done = true;
                        default -> { }
                    }
                }
                parsed = new Parsed(text.toString(), thinking.toString(), calls, errors);
                failed = !done;
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        return new Relayed(payload.toByteArray(), complete && !failed, parsed, failed);
    }

    private static void compareParse(JsonValue.Obj expected, Parsed got, Relayed relayed) {
        expected.string("text").ifPresent(t -> assertEquals(t, got.text(), "text"));
        expected.string("thinking").ifPresent(t -> assertEquals(t, got.thinking(), "thinking"));
        expected.get("function_calls").ifPresent(f -> {
            List<JsonValue> want = ((JsonValue.Arr) f).items();
            assertEquals(want.size(), got.calls().size(), "function calls: " + got.calls());
            for (int i = 0; i < want.size(); i++) assertEquals(canonical(want.get(i)), canonical(got.calls().get(i)), "call " + i);
        });
        if (relayed != null) expected.get("done").ifPresent(d -> assertEquals(((JsonValue.Bool) d).value(), relayed.complete(), "done"));
    }

    private static void compareArgs(JsonValue.Obj expected, JsonValue.Obj got) {
        if (expected.get("arguments").isPresent()) {
            assertEquals(canonical(expected.get("arguments").get()), canonical(got));
            return;
        }
        for (JsonValue check : ((JsonValue.Arr) expected.get("checks").orElseThrow()).items()) {
            JsonValue.Obj ch = (JsonValue.Obj) check;
            String path = ch.string("path").orElseThrow();
            JsonValue at = at(got, path);
            ch.get("equals").ifPresent(v -> assertEquals(canonical(v), canonical(at), path));
            ch.get("length").ifPresent(v -> assertEquals((int) ((JsonValue.Num) v).asDouble(), ((JsonValue.Arr) at).size(), path + " length"));
            ch.string("is").ifPresent(t -> assertEquals(t, kind(at), path + " is"));
            ch.string("is_not").ifPresent(t -> assertTrue(!t.equals(kind(at)), path + " is not " + t));
        }
    }

    private static String kind(JsonValue v) {
        return switch (v) {
            case JsonValue.Obj o -> "object";
            case JsonValue.Arr a -> "array";
            case JsonValue.Str s -> "string";
            case JsonValue.Num n -> "number";
            case JsonValue.Bool b -> "bool";
            case JsonValue.Null n -> "null";
        };
    }

    private static final Pattern STEP = Pattern.compile("([^.\\[]+)|\\[(\\d+)]");

    /** The value at {@code a.b[0].c} ("" is the root). */
    private static JsonValue at(JsonValue root, String path) {
        JsonValue v = root;
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            if (m.group(1) != null) v = ((JsonValue.Obj) v).get(m.group(1)).orElse(JsonValue.Null.INSTANCE);
            else v = ((JsonValue.Arr) v).get(Integer.parseInt(m.group(2)));
        }
        return v;
    }

    /** A comparable form: objects with sorted keys, numbers by value (123 and 123.0 alike). */
    private static Object canonical(JsonValue v) {
        return switch (v) {
            case JsonValue.Obj o -> {
                Map<String, Object> m = new TreeMap<>();
                o.members().forEach((k, x) -> m.put(k, canonical(x)));
                yield m;
            }
            case JsonValue.Arr a -> a.items().stream().map(WireCasesTest::canonical).toList();
            case JsonValue.Num n -> n.asDouble();
            case JsonValue.Str s -> s.value();
            case JsonValue.Bool b -> b.value();
            case JsonValue.Null n -> "null";
        };
    }
}
