package aistudioproxy.openai;

import aistudioproxy.json.JsonValue;

import java.util.Optional;

/** Typed reads of optional request fields; each failure names the offending parameter. */
final class Fields {
    private Fields() {}

    static InvalidRequestException wrongType(String param, String expected, JsonValue got) {
        return InvalidRequestException.of(param, "'" + param + "' must be " + expected + ", got " + got.typeName() + ".");
    }

    static Optional<String> string(JsonValue.Obj o, String name, String param) throws InvalidRequestException {
        Optional<JsonValue> v = o.present(name);
        if (v.isEmpty()) return Optional.empty();
        if (v.get() instanceof JsonValue.Str s) return Optional.of(s.value());
        throw wrongType(param, "a string", v.get());
    }

    static Optional<Boolean> bool(JsonValue.Obj o, String name) throws InvalidRequestException {
        Optional<JsonValue> v = o.present(name);
        if (v.isEmpty()) return Optional.empty();
        if (v.get() instanceof JsonValue.Bool b) return Optional.of(b.value());
        throw wrongType(name, "a boolean", v.get());
    }

    static Double number(JsonValue.Obj o, String name, double min, double max) throws InvalidRequestException {
        Optional<JsonValue> v = o.present(name);
        if (v.isEmpty()) return null;
        if (!(v.get() instanceof JsonValue.Num n)) throw wrongType(name, "a number", v.get());
        double d = n.asDouble();
        if (!(d >= min && d <= max)) {
            throw InvalidRequestException.of(name, "'" + name + "' must be between " + fmt(min) + " and " + fmt(max) + ", got " + n.text() + ".");
        }
        return d;
    }

    static Long integer(JsonValue.Obj o, String name, long min, long max) throws InvalidRequestException {
        Optional<JsonValue> v = o.present(name);
        if (v.isEmpty()) return null;
        if (!(v.get() instanceof JsonValue.Num n) || !n.isIntegral()) throw wrongType(name, "an integer", v.get());
        double d = n.asDouble();
        if (d < min || d > max) {
            throw InvalidRequestException.of(name, "'" + name + "' must be between " + min + " and " + max + ", got " + n.text() + ".");
        }
        return (long) d;
    }

    static JsonValue.Obj object(JsonValue v, String param) throws InvalidRequestException {
        if (v instanceof JsonValue.Obj o) return o;
        throw wrongType(param, "an object", v);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
