package aistudioproxy.streamproxy;

import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes function-call arguments from AI Studio's positional typed values (SPEC §5):
 * {@code [null,n]} number, {@code [null,null,"s"]} string, {@code [null,null,null,0|1]} boolean,
 * {@code [null,null,null,null,[params]]} object, {@code [null,null,null,null,null,[items]]} array;
 * anything else (e.g. {@code []}) is null.
 */
final class TypedArgs {
    private TypedArgs() {}

    static JsonValue.Obj object(JsonValue.Arr params) {
        JsonValue.Builder b = JsonValue.Obj.builder();
        for (JsonValue p : params.items()) {
            if (p instanceof JsonValue.Arr pair && pair.size() >= 2 && pair.get(0) instanceof JsonValue.Str name) {
                b.put(name.value(), value(pair.get(1)));
            }
        }
        return b.build();
    }

    static JsonValue value(JsonValue typed) {
        if (!(typed instanceof JsonValue.Arr t)) return JsonValue.Null.INSTANCE;
        int n = t.size();
        if (n == 2 && t.get(1) instanceof JsonValue.Num num) return num;
        if (n == 3 && t.get(2) instanceof JsonValue.Str s) return s;
        if (n == 4 && t.get(3) instanceof JsonValue.Num b) return JsonValue.Bool.of(b.asDouble() != 0);
        if (n == 5 && t.get(4) instanceof JsonValue.Arr params) return object(params);
        if (n == 6 && t.get(5) instanceof JsonValue.Arr items) {
            List<JsonValue> out = new ArrayList<>();
            for (JsonValue item : items.items()) out.add(value(item));
            return new JsonValue.Arr(out);
        }
        return JsonValue.Null.INSTANCE;
    }
}
