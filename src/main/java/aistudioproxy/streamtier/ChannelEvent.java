package aistudioproxy.streamtier;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;

/**
 * An event from the proxy's {@code /_events} channel, as the main server reads it. {@code kind}
 * {@code lost} is synthetic: the channel itself broke (proxy gone).
 */
record ChannelEvent(long seq, long gen, String kind, String text, String name, String argsJson, int status, String message) {

    static ChannelEvent lost(String why) {
        return new ChannelEvent(0, 0, "lost", null, null, null, 0, why);
    }

    static ChannelEvent parse(String json) throws JsonSyntaxException {
        if (!(Json.parse(json) instanceof JsonValue.Obj o)) throw new JsonSyntaxException("event is not an object");
        return new ChannelEvent(num(o, "seq"), num(o, "gen"), o.string("kind").orElse(""), o.string("text").orElse(null),
                o.string("name").orElse(null), o.present("args").map(JsonValue::write).orElse("{}"), (int) num(o, "status"),
                o.string("message").orElse(null));
    }

    private static long num(JsonValue.Obj o, String name) {
        return o.present(name).orElse(null) instanceof JsonValue.Num n ? (long) n.asDouble() : 0;
    }
}
