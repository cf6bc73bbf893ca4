package aistudioproxy.streamproxy;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonValue;
import aistudioproxy.tier.AnswerSoFar;
import aistudioproxy.tier.Delta;
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
 * <p>The {@code cumulative/sse-delta} cases are the public driver's consumer of answers that come
 * as growing snapshots. Ours is {@link AnswerSoFar}: a tier that takes over an answer mid-way
 * repeats it from the start, and only the new suffix goes out; each snapshot is such a tier.
 */
class WireCasesTest {
    static final Path CASES = Path.of("..", "shared", "fixtures", "wire", "cases.jsonl").toAbsolutePath().normalize();

    @TestFactory
    List<DynamicTest> everyCase() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonValue.Obj c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.string("name").orElseThrow(), () -> check(c)));
        }
        return tests;
    }

    @org.junit.jupiter.api.Test
    void everyCaseIsRead() throws Exception {
        assertEquals(49, cases().size(), "cases read");
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
            case "cumulative/sse-delta" -> compareSnapshots(expected, (JsonValue.Arr) input);
            default -> fail("no layer of ours for " + kind + "/" + layer);
        }
    }

    /** Each snapshot as a tier answering from the start; what reaches the client must be the deltas expected. */
    private static void compareSnapshots(JsonValue.Obj expected, JsonValue.Arr snapshots) {
        List<String> text = new ArrayList<>(), thinking = new ArrayList<>();
        AnswerSoFar sent = new AnswerSoFar(d -> {
            switch (d) {
                case Delta.Text t -> text.add(t.text());
                case Delta.Reasoning r -> thinking.add(r.text());
                case Delta.Call c -> fail("no calls in these cases");
            }
        });
        for (JsonValue item : snapshots.items()) {
            JsonValue.Obj snap = (JsonValue.Obj) item;
            AnswerSoFar.Replay tier = sent.replay(() -> {});
            String reason = snap.string("reason").orElse(""), body = snap.string("body").orElse("");
            if (!reason.isEmpty()) tier.accept(new Delta.Reasoning(reason));
            if (!body.isEmpty()) tier.accept(new Delta.Text(body));
            tier.finish();
            assertEquals(null, tier.diverged(), "a growing snapshot is no contradiction");
        }
        expected.get("text_deltas").ifPresent(e -> assertEquals(strings(e), text, "text deltas"));
        expected.get("thinking_deltas").ifPresent(e -> assertEquals(strings(e), thinking, "thinking deltas"));
        expected.get("text_deltas_prefix").ifPresent(e -> assertEquals(strings(e), text.subList(0, Math.min(text.size(), strings(e).size())), "first text deltas"));
        expected.string("joined").ifPresent(j -> assertEquals(j, String.join("", text), "joined"));
    }

    private static List<String> strings(JsonValue v) {
        return ((JsonValue.Arr) v).items().stream().map(x -> ((JsonValue.Str) x).value()).toList();
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
        try (EventHub.Subscriber events = hub.subscribe(); ResponseTap tap = gzip ? new ResponseTap(hub, "") : null) {
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
