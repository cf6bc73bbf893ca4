package aistudioproxy.api;

import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of request fields, shared by every API's parser; each failure names the offending
 * parameter by its path ({@code generationConfig.temperature}). Absent and JSON {@code null} are
 * the same: not sent.
 */
public final class Fields {
    /** The most stop sequences a request may carry: the page takes five, the answer path cuts at all. */
    public static final int MAX_STOP_SEQUENCES = 16;
    public static final int MAX_OUTPUT_TOKENS = 1_000_000;

    private Fields() {}

    public static InvalidRequestException wrongType(String param, String expected, JsonValue got) {
        return InvalidRequestException.of(param, "'" + param + "' must be " + expected + ", got " + got.typeName() + ".");
    }

    public static InvalidRequestException missing(String param) {
        return InvalidRequestException.of(param, "'" + param + "' is required.");
    }

    public static Optional<String> string(JsonValue.Obj o, String name, String param) throws InvalidRequestException {
        Optional<JsonValue> v = o.present(name);
        if (v.isEmpty()) return Optional.empty();
        if (v.get() instanceof JsonValue.Str s) return Optional.of(s.value());
        throw wrongType(param, "a string", v.get());
    }

    public static String requiredString(JsonValue.Obj o, String name, String param) throws InvalidRequestException {
        return string(o, name, param).orElseThrow(() -> missing(param));
    }

    public static Optional<Boolean> bool(JsonValue.Obj o, String name) throws InvalidRequestException {
        return bool(o, name, name);
    }

    public static Optional<Boolean> bool(JsonValue.Obj o, String name, String param) throws InvalidRequestException {
        Optional<JsonValue> v = o.present(name);
        if (v.isEmpty()) return Optional.empty();
        if (v.get() instanceof JsonValue.Bool b) return Optional.of(b.value());
        throw wrongType(param, "a boolean", v.get());
    }

    public static Double number(JsonValue.Obj o, String name, double min, double max) throws InvalidRequestException {
        return number(o, name, name, min, max);
    }

    public static Double number(JsonValue.Obj o, String name, String param, double min, double max) throws InvalidRequestException {
        Optional<JsonValue> v = o.present(name);
        if (v.isEmpty()) return null;
        if (!(v.get() instanceof JsonValue.Num n)) throw wrongType(param, "a number", v.get());
        double d = n.asDouble();
        if (!(d >= min && d <= max)) {
            throw InvalidRequestException.of(param, "'" + param + "' must be between " + fmt(min) + " and " + fmt(max) + ", got " + n.text() + ".");
        }
        return d;
    }

    public static Long integer(JsonValue.Obj o, String name, long min, long max) throws InvalidRequestException {
        return integer(o, name, name, min, max);
    }

    public static Long integer(JsonValue.Obj o, String name, String param, long min, long max) throws InvalidRequestException {
        Optional<JsonValue> v = o.present(name);
        if (v.isEmpty()) return null;
        if (!(v.get() instanceof JsonValue.Num n) || !n.isIntegral()) throw wrongType(param, "an integer", v.get());
        double d = n.asDouble();
        if (d < min || d > max) {
            throw InvalidRequestException.of(param, "'" + param + "' must be between " + min + " and " + max + ", got " + n.text() + ".");
        }
        return (long) d;
    }

    public static JsonValue.Obj object(JsonValue v, String param) throws InvalidRequestException {
        if (v instanceof JsonValue.Obj o) return o;
        throw wrongType(param, "an object", v);
    }

    /** The field as an object, or null when absent. */
    public static JsonValue.Obj optionalObject(JsonValue.Obj o, String name, String param) throws InvalidRequestException {
        Optional<JsonValue> v = o.present(name);
        return v.isEmpty() ? null : object(v.get(), param);
    }

    /** The field as an array, or null when absent. */
    public static JsonValue.Arr array(JsonValue.Obj o, String name, String param) throws InvalidRequestException {
        Optional<JsonValue> v = o.present(name);
        if (v.isEmpty()) return null;
        if (v.get() instanceof JsonValue.Arr a) return a;
        throw wrongType(param, "an array", v.get());
    }

    /**
     * Stop sequences from a string or an array of strings: none empty, at most
     * {@link #MAX_STOP_SEQUENCES}.
     */
    public static List<String> stopSequences(JsonValue.Obj o, String name, String param) throws InvalidRequestException {
        List<String> out = strings(o, name, param);
        if (out.size() > MAX_STOP_SEQUENCES) {
            throw InvalidRequestException.of(param, "At most " + MAX_STOP_SEQUENCES + " stop sequences are supported.");
        }
        for (String s : out) if (s.isEmpty()) throw InvalidRequestException.of(param, "Stop sequences must not be empty.");
        return out;
    }

    /** A string or an array of strings, as a list (empty when absent). */
    public static List<String> strings(JsonValue.Obj o, String name, String param) throws InvalidRequestException {
        Optional<JsonValue> raw = o.present(name);
        if (raw.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        switch (raw.get()) {
            case JsonValue.Str s -> out.add(s.value());
            case JsonValue.Arr a -> {
                for (int i = 0; i < a.size(); i++) {
                    if (!(a.get(i) instanceof JsonValue.Str s)) throw wrongType(param + "[" + i + "]", "a string", a.get(i));
                    out.add(s.value());
                }
            }
            default -> throw wrongType(param, "a string or an array of strings", raw.get());
        }
        return out;
    }

    /** A JSON-schema object (function parameters); absent is an empty schema. */
    public static JsonValue schema(JsonValue.Obj o, String name, String param) throws InvalidRequestException {
        JsonValue params = o.present(name).orElse(JsonValue.Obj.builder().build());
        object(params, param);
        return params;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
