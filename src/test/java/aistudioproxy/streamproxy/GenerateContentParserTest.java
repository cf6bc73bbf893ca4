package aistudioproxy.streamproxy;

import aistudioproxy.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateContentParserTest {
    /** A response body as AI Studio streams it: thinking, text (with escapes and non-ASCII), a repeated call. */
    static final String BODY = "[[[[[[null,\"Let me think \",null,null,null,null,null,null,null,null,null,null,1]],\"model\"]]],null,[5,1,6]],"
            + "[[[[[[null,\"Hello \\\"wörld\\\" \"]],\"model\"]]],null,[5,2,7]],\n"
            + "[[[[[[null,\"[[[null, not a unit] 😀\"]],\"model\"]]],null,[5,3,8]],"
            + "[[[[[[null,null,null,null,null,null,null,null,null,null,[\"get_weather\",[[\"city\",[null,null,\"Paris\"]],[\"days\",[null,3]],"
            + "[\"metric\",[null,null,null,1]],[\"opts\",[null,null,null,null,[[\"x\",[null,1.5]]]]],[\"tags\",[null,null,null,null,null,[[null,null,\"a\"]]]],[\"none\",[]]]]]],\"model\"]]],null,[5,4,9]],"
            + "[[[[[[null,null,null,null,null,null,null,null,null,null,[\"get_weather\",[[\"city\",[null,null,\"Paris\"]],[\"days\",[null,3]],"
            + "[\"metric\",[null,null,null,1]],[\"opts\",[null,null,null,null,[[\"x\",[null,1.5]]]]],[\"tags\",[null,null,null,null,null,[[null,null,\"a\"]]]],[\"none\",[]]]]]],\"model\"]]],null,[5,4,9]],"
            + "[null,null,[5,4,9],\"sim-1\",1]]";

    static final List<String> EXPECTED = List.of(
            "reasoning:Let me think ",
            "text:Hello \"wörld\" ",
            "text:[[[null, not a unit] 😀",
            "call:get_weather{\"city\":\"Paris\",\"days\":3,\"metric\":true,\"opts\":{\"x\":1.5},\"tags\":[\"a\"],\"none\":null}");

    static final class Recorder implements GenerateContentParser.Listener {
        final List<String> events = new ArrayList<>();

        public void text(String t) { events.add("text:" + t); }
        public void reasoning(String t) { events.add("reasoning:" + t); }
        public void toolCall(String n, JsonValue.Obj a) { events.add("call:" + n + a.write()); }
        public void error(String m) { events.add("error:" + m); }
    }

    static List<String> parse(List<String> pieces, int max) {
        Recorder r = new Recorder();
        GenerateContentParser p = new GenerateContentParser(r, max);
        for (String piece : pieces) p.feed(piece);
        p.finish();
        return r.events;
    }

    @Test
    void wholeBodyParsesToTheExpectedParts() {
        assertEquals(EXPECTED, parse(List.of(BODY), 1 << 20));
    }

    @Test
    void everySplitPointGivesTheSameEvents() {
        for (int i = 0; i <= BODY.length(); i++) {
            assertEquals(EXPECTED, parse(List.of(BODY.substring(0, i), BODY.substring(i)), 1 << 20), "split at " + i);
        }
    }

    @Test
    void oneCharacterAtATimeGivesTheSameEvents() {
        List<String> pieces = new ArrayList<>();
        BODY.codePoints().forEach(cp -> pieces.add(new String(Character.toChars(cp))));
        assertEquals(EXPECTED, parse(pieces, 1 << 20));
    }

    @Test
    void partsAreEmittedAsSoonAsTheyComplete() {
        Recorder r = new Recorder();
        GenerateContentParser p = new GenerateContentParser(r, 1 << 20);
        p.feed("[[[[[[null,\"Hel");
        assertTrue(r.events.isEmpty());
        p.feed("lo\"]],\"model\"]]]");
        assertEquals(List.of("text:Hello"), r.events, "no need to wait for the rest of the chunk or body");
    }

    @Test
    void truncatedBodyIsAnError() {
        List<String> events = parse(List.of("[[[[[[null,\"ok\"]],\"model\"]]],null,[1,1,2]],[[[[[[null,\"broken]],\"model\"]]],null,[1,2,"), 1 << 20);
        assertEquals("text:ok", events.getFirst());
        assertTrue(events.getLast().startsWith("error:"), events.toString());
    }

    @Test
    void invalidJsonInsideAUnitIsAnError() {
        List<String> events = parse(List.of("[[[[[[null,tru]],\"model\"]]]"), 1 << 20);
        assertTrue(events.getFirst().startsWith("error:malformed"), events.toString());
    }

    @Test
    void oversizedPartIsAnErrorWithBoundedMemoryAndParsingGoesOn() {
        String giant = "[[[[[[null,\"" + "x".repeat(300_000) + "\"]],\"model\"]]],null,[1,1,2]],";
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < giant.length(); i += 1000) pieces.add(giant.substring(i, Math.min(giant.length(), i + 1000)));
        pieces.add("[[[[[[null,\"after\"]],\"model\"]]]");
        List<String> events = parse(pieces, 10_000);
        assertTrue(events.getFirst().startsWith("error:"), events.toString());
        assertEquals("text:after", events.get(1));
    }

    @Test
    void tapDecodesGzipAndUtf8SplitAnywhere() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz, true)) {
            g.write(BODY.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = gz.toByteArray();
        for (int step : new int[] {1, 3, 7, 64, bytes.length}) {
            EventHub hub = new EventHub();
            EventHub.Subscriber sub = hub.subscribe();
            HttpHead resp = new HttpHead("HTTP/1.1 200 OK", List.<String[]>of(new String[] {"Content-Encoding", "gzip"}));
            try (ResponseTap tap = new ResponseTap(hub, "")) {
                tap.response(resp);
                for (int i = 0; i < bytes.length; i += step) tap.bytes(bytes, i, Math.min(step, bytes.length - i));
                tap.end(true);
            }
            List<String> kinds = new ArrayList<>();
            for (ProxyEvent e; (e = sub.poll(0)) != null; ) kinds.add(e.kind() + (e instanceof ProxyEvent.Text t ? ":" + t.text()
                    : e instanceof ProxyEvent.Reasoning r ? ":" + r.text() : ""));
            assertEquals(List.of("start", "reasoning:Let me think ", "text:Hello \"wörld\" ", "text:[[[null, not a unit] 😀", "tool_call", "done"), kinds, "step " + step);
        }
    }

    @Test
    void nonSuccessStatusIsAnErrorEvent() throws Exception {
        EventHub hub = new EventHub();
        EventHub.Subscriber sub = hub.subscribe();
        try (ResponseTap tap = new ResponseTap(hub, "")) {
            tap.response(new HttpHead("HTTP/1.1 429 Too Many Requests", List.of()));
            tap.bytes("[[null]]".getBytes(), 0, 8);
            tap.end(true);
        }
        assertEquals("start", sub.poll(0).kind());
        ProxyEvent.Error e = (ProxyEvent.Error) sub.poll(0);
        assertEquals(429, e.status());
        assertEquals(null, sub.poll(0));
    }

    /** A generation starts when the page's request arrives; one the origin never answers still ends, once. */
    @Test
    void requestWithoutResponseStartsAndFailsOnce() throws Exception {
        EventHub hub = new EventHub();
        EventHub.Subscriber sub = hub.subscribe();
        try (ResponseTap tap = new ResponseTap(hub, "")) {
            ProxyEvent start = sub.poll(0);
            assertEquals("start", start.kind());
            assertEquals(start.gen(), hub.latestGeneration(""));
            tap.end(false);
            tap.end(false);
        }
        ProxyEvent.Error e = (ProxyEvent.Error) sub.poll(0);
        assertEquals("AI Studio did not answer the GenerateContent request", e.message());
        assertEquals(null, sub.poll(0));
    }
}
