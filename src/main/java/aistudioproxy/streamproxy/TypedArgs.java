package aistudioproxy.streamproxy;

import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes function-call arguments from AI Studio's positional typed values (SPEC §5). A value's
 * type is the length of its list, whatever fills the slots before the last: 1 null, 2 number
 * ({@code [_,n]}), 3 string ({@code [_,_,"s"]}) or number ({@code [_,2,n]}), 4 boolean
 * ({@code [_,_,_,0|1]}), 5 object ({@code [_,_,_,_,params]}), 6 array ({@code [_,_,_,_,_,items]}). A parameter list is a list of
 * {@code [name, value]} pairs, found inside any number of single-element wrappers (the call's own
 * arguments come in one). An array item is a typed value, or a parameter list standing for an
 * object, likewise wrapped or not. Anything malformed decodes to null (a value) or an empty
 * object (arguments): never an exception.
 */
final class TypedArgs {
    private TypedArgs() {}

    /** The arguments object of a call: {@code payload[10][1]}; {} for anything that is not a parameter list. */
    static JsonValue.Obj arguments(JsonValue args) {
        return object(args);
    }

    static JsonValue.Obj object(JsonValue params) {
        JsonValue.Builder b = JsonValue.Obj.builder();
        JsonValue.Arr list = pairs(params);
        if (list == null) return b.build();
        for (JsonValue p : list.items()) {
            if (p instanceof JsonValue.Arr pair && isPair(pair)) b.put(((JsonValue.Str) pair.get(0)).value(), value(pair.get(1)));
        }
        return b.build();
    }

    /** The list of pairs {@code x} holds, through single-element wrappers; null when there is none. */
    private static JsonValue.Arr pairs(JsonValue x) {
        while (x instanceof JsonValue.Arr a) {
            if (a.size() == 0) return a;
            if (a.get(0) instanceof JsonValue.Arr first && isPair(first)) return a;
            if (a.size() != 1) return null;
            x = a.get(0);
        }
        return null;
    }

    private static boolean isPair(JsonValue.Arr a) {
        return a.size() == 2 && a.get(0) instanceof JsonValue.Str;
    }

    static JsonValue value(JsonValue typed) {
        if (!(typed instanceof JsonValue.Arr t)) return JsonValue.Null.INSTANCE;
        return switch (t.size()) {
            case 2 -> t.get(1) instanceof JsonValue.Num num ? num : JsonValue.Null.INSTANCE;
            case 3 -> t.get(2) instanceof JsonValue.Str || t.get(2) instanceof JsonValue.Num ? t.get(2) : JsonValue.Null.INSTANCE;
            case 4 -> t.get(3) instanceof JsonValue.Num b ? JsonValue.Bool.of(b.asDouble() != 0)
                    : t.get(3) instanceof JsonValue.Bool b ? b : JsonValue.Null.INSTANCE;
            case 5 -> object(t.get(4));
            case 6 -> array(t.get(5));
            default -> JsonValue.Null.INSTANCE;
        };
    }

    private static JsonValue array(JsonValue items) {
        List<JsonValue> out = new ArrayList<>();
        if (items instanceof JsonValue.Arr list) for (JsonValue item : list.items()) out.add(item(item));
        return new JsonValue.Arr(out);
    }

    /** An array item: a parameter list (an object, wrapped or not), else a typed value. */
    private static JsonValue item(JsonValue item) {
        JsonValue x = item;
        while (x instanceof JsonValue.Arr a && a.size() == 1 && a.get(0) instanceof JsonValue.Arr inner) {
            if (isPair(inner)) return object(a);
            x = inner;
        }
        if (x instanceof JsonValue.Arr a && a.size() > 0 && a.get(0) instanceof JsonValue.Arr first && isPair(first)) return object(a);
        return value(x);
    }
}
