package aistudioproxy.simulator;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;
import aistudioproxy.json.JsonWriter;

import java.util.Map;

/**
 * Encodes fake-model steps in AI Studio's GenerateContent response format (SPEC §5): the body is
 * one JSON array streamed over time, each element a chunk holding a unit
 * {@code X = [[P],"model"]}:
 * <ul>
 *   <li>text: {@code P = [null,"text"]};</li>
 *   <li>thinking: {@code P = [null,"text",null,...,1]} (13 elements, last one the thought flag);</li>
 *   <li>function call: {@code P} of 11 elements, {@code P[10] = [name, [[param, typed]...]]}, typed
 *       values {@code [null,n]}, {@code [null,null,"s"]}, {@code [null,null,null,0|1]},
 *       {@code [null,null,null,null,[params]]} (object), {@code [null,null,null,null,null,[items]]}
 *       (array), {@code []} (null).</li>
 * </ul>
 * Chunk: {@code [[[X]],null,[promptTokens,candidateTokens,total]]}; the last element is
 * {@code [null,null,[p,c,t],"sim-<id>",finish]} with finish 1 = STOP, 2 = MAX_TOKENS.
 */
final class WireFormat {
    private WireFormat() {}

    static String chunk(Step step, int promptTokens, int candidateTokens) {
        String p = switch (step) {
            case Step.Token t -> "[null," + JsonWriter.quote(t.text()) + "]";
            case Step.Thought t -> "[null," + JsonWriter.quote(t.text()) + ",null,null,null,null,null,null,null,null,null,null,1]";
            case Step.Call c -> "[null,null,null,null,null,null,null,null,null,null,[" + JsonWriter.quote(c.name()) + "," + params(c.argsJson()) + "]]";
        };
        return "[[[[[" + p + "],\"model\"]]],null,[" + promptTokens + "," + candidateTokens + "," + (promptTokens + candidateTokens) + "]]";
    }

    static String last(String id, int promptTokens, int candidateTokens, boolean truncated) {
        return "[null,null,[" + promptTokens + "," + candidateTokens + "," + (promptTokens + candidateTokens) + "],"
                + JsonWriter.quote("sim-" + id) + "," + (truncated ? 2 : 1) + "]";
    }

    private static String params(String argsJson) {
        try {
            JsonValue v = Json.parse(argsJson);
            if (v instanceof JsonValue.Obj o) return paramList(o);
        } catch (JsonSyntaxException e) {
            // fall through: arguments that are not an object become no parameters
        }
        return "[]";
    }

    private static String paramList(JsonValue.Obj o) {
        StringBuilder b = new StringBuilder("[");
        boolean first = true;
        for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
            if (!first) b.append(',');
            first = false;
            b.append('[').append(JsonWriter.quote(e.getKey())).append(',').append(typed(e.getValue())).append(']');
        }
        return b.append(']').toString();
    }

    private static String typed(JsonValue v) {
        return switch (v) {
            case JsonValue.Num n -> "[null," + n.text() + "]";
            case JsonValue.Str s -> "[null,null," + JsonWriter.quote(s.value()) + "]";
            case JsonValue.Bool b -> "[null,null,null," + (b.value() ? 1 : 0) + "]";
            case JsonValue.Obj o -> "[null,null,null,null," + paramList(o) + "]";
            case JsonValue.Arr a -> {
                StringBuilder items = new StringBuilder("[");
                for (int i = 0; i < a.size(); i++) items.append(i > 0 ? "," : "").append(typed(a.get(i)));
                yield "[null,null,null,null,null," + items.append(']') + "]";
            }
            case JsonValue.Null ignored -> "[]";
        };
    }
}
