package aistudioproxy.testing;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole event-stream body read strictly: events separated by one blank line, each made of
 * {@code event:} and {@code data:} lines (comments kept apart), anything else a failure. The data
 * of every event must be one JSON value.
 */
public final class SseEvents {
    /** One event: its name (null without an {@code event:} line) and its data parsed. */
    public record Event(String name, JsonValue data, String rawData) {
        public JsonValue.Obj obj() {
            return (JsonValue.Obj) data;
        }

        public String type() {
            return obj().string("type").orElse(null);
        }
    }

    public final List<Event> events = new ArrayList<>();
    public final List<String> comments = new ArrayList<>();

    private SseEvents() {}

    public static SseEvents parse(String body) {
        if (!body.endsWith("\n\n")) throw new AssertionError("the stream does not end with a blank line: ..." + tail(body));
        SseEvents out = new SseEvents();
        for (String block : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            if (block.isEmpty()) throw new AssertionError("two blank lines in a row in " + tail(body));
            String name = null;
            StringBuilder data = null;
            for (String line : block.split("\n", -1)) {
                if (line.startsWith(": ")) {
                    out.comments.add(line.substring(2));
                } else if (line.startsWith("event: ")) {
                    if (name != null) throw new AssertionError("two event lines in " + block);
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    if (data == null) data = new StringBuilder();
                    else data.append('\n');
                    data.append(line.substring(6));
                } else {
                    throw new AssertionError("not an SSE line: '" + line + "' in " + block);
                }
            }
            if (data == null) {
                if (name != null) throw new AssertionError("an event without data: " + block);
                continue;
            }
            JsonValue parsed;
            try {
                parsed = data.toString().equals("[DONE]") ? new JsonValue.Str("[DONE]") : Json.parse(data.toString());
            } catch (JsonSyntaxException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
            out.events.add(new Event(name, parsed, data.toString()));
        }
        return out;
    }

    /** The events' names (or, without names, their data's {@code type}), in order. */
    public List<String> names() {
        return events.stream().map(e -> e.name() != null ? e.name() : e.type()).toList();
    }

    private static String tail(String s) {
        return s.length() <= 300 ? s : s.substring(s.length() - 300);
    }
}
