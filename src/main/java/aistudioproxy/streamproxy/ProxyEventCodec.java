package aistudioproxy.streamproxy;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;

/**
 * The one encoding of {@link ProxyEvent} on the {@code /_events} channel:
 * {@code {"seq","gen","kind","browser"?,"text"?,"name"?,"args"?,"status"?,"message"?}}.
 */
public final class ProxyEventCodec {
    private ProxyEventCodec() {}

    /** Encodes an event (instanceof tests, not a pattern switch: this runs in the lean proxy process). */
    public static String encode(ProxyEvent e) {
        JsonValue.Builder b = JsonValue.Obj.builder().put("seq", e.seq()).put("gen", e.gen()).put("kind", e.kind());
        if (e instanceof ProxyEvent.Start s) b.put("browser", s.browser());
        else if (e instanceof ProxyEvent.Text t) b.put("text", t.text());
        else if (e instanceof ProxyEvent.Reasoning r) b.put("text", r.text());
        else if (e instanceof ProxyEvent.ToolCall c) b.put("name", c.name()).put("args", c.args());
        else if (e instanceof ProxyEvent.Error x) {
            if (x.status() != 0) b.put("status", (long) x.status());
            b.put("message", x.message());
        } else if (e instanceof ProxyEvent.Quota q) b.put("message", q.message());
        else if (e instanceof ProxyEvent.Lost l) b.put("message", l.why());
        return b.build().write();
    }

    /** The event a channel message carries; null for a kind this build does not know (a newer proxy's). */
    public static ProxyEvent decode(String json) throws JsonSyntaxException {
        if (!(Json.parse(json) instanceof JsonValue.Obj o)) throw new JsonSyntaxException("event is not an object");
        long seq = num(o, "seq"), gen = num(o, "gen");
        String text = o.string("text").orElse(""), message = o.string("message").orElse(null);
        return switch (o.string("kind").orElse("")) {
            case "start" -> new ProxyEvent.Start(seq, gen, o.string("browser").orElse(""));
            case "text" -> new ProxyEvent.Text(seq, gen, text);
            case "reasoning" -> new ProxyEvent.Reasoning(seq, gen, text);
            case "tool_call" -> new ProxyEvent.ToolCall(seq, gen, o.string("name").orElse(""),
                    o.present("args").orElse(null) instanceof JsonValue.Obj a ? a : JsonValue.Obj.builder().build());
            case "done" -> new ProxyEvent.Done(seq, gen);
            case "error" -> new ProxyEvent.Error(seq, gen, (int) num(o, "status"), message);
            case "quota" -> new ProxyEvent.Quota(seq, gen, message);
            default -> null;
        };
    }

    private static long num(JsonValue.Obj o, String name) {
        return o.present(name).orElse(null) instanceof JsonValue.Num n ? (long) n.asDouble() : 0;
    }
}
