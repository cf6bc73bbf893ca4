package aistudioproxy.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable JSON tree: the only JSON type the rest of the code sees, so the parser behind it
 * (minimal-json today) can be replaced by touching this package alone.
 */
public sealed interface JsonValue {

    /** Name of the JSON type as it appears in error messages: "object", "string", ... */
    String typeName();

    default String write() {
        return JsonWriter.write(this);
    }

    record Obj(Map<String, JsonValue> members) implements JsonValue {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Optional<JsonValue> get(String name) {
            return Optional.ofNullable(members.get(name));
        }

        /** A member, treating JSON {@code null} like an absent member. */
        public Optional<JsonValue> present(String name) {
            JsonValue v = members.get(name);
            return v == null || v instanceof Null ? Optional.empty() : Optional.of(v);
        }

        public Optional<String> string(String name) {
            return get(name).filter(Str.class::isInstance).map(v -> ((Str) v).value());
        }

        public static Builder builder() {
            return new Builder();
        }

        @Override
        public String typeName() {
            return "object";
        }
    }

    record Arr(List<JsonValue> items) implements JsonValue {
        public Arr {
            items = List.copyOf(items);
        }

        public int size() {
            return items.size();
        }

        public JsonValue get(int i) {
            return items.get(i);
        }

        @Override
        public String typeName() {
            return "array";
        }
    }

    record Str(String value) implements JsonValue {
        public Str {
            java.util.Objects.requireNonNull(value);
        }

        @Override
        public String typeName() {
            return "string";
        }
    }

    /** A number kept as its JSON text, so large integers and decimals survive a round trip. */
    record Num(String text) implements JsonValue {
        public static Num of(long v) {
            return new Num(Long.toString(v));
        }

        public static Num of(double v) {
            if (Double.isNaN(v) || Double.isInfinite(v)) throw new IllegalArgumentException("not a JSON number: " + v);
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? of((long) v) : new Num(Double.toString(v));
        }

        public double asDouble() {
            return Double.parseDouble(text);
        }

        /** True when the number is a whole number (1, 1.0 and 1e3 all are). */
        public boolean isIntegral() {
            double d = asDouble();
            return !Double.isInfinite(d) && d == Math.rint(d);
        }

        @Override
        public String typeName() {
            return "number";
        }
    }

    enum Bool implements JsonValue {
        TRUE, FALSE;

        public static Bool of(boolean b) {
            return b ? TRUE : FALSE;
        }

        public boolean value() {
            return this == TRUE;
        }

        @Override
        public String typeName() {
            return "boolean";
        }
    }

    enum Null implements JsonValue {
        INSTANCE;

        @Override
        public String typeName() {
            return "null";
        }
    }

    static Str of(String s) {
        return new Str(s);
    }

    /** Ordered object builder; {@code null} values are written as JSON null. */
    final class Builder {
        private final Map<String, JsonValue> members = new LinkedHashMap<>();

        public Builder put(String name, JsonValue value) {
            members.put(name, value == null ? Null.INSTANCE : value);
            return this;
        }

        public Builder put(String name, String value) {
            return put(name, value == null ? null : new Str(value));
        }

        public Builder put(String name, long value) {
            return put(name, Num.of(value));
        }

        public Builder put(String name, boolean value) {
            return put(name, Bool.of(value));
        }

        public Builder putIfPresent(String name, JsonValue value) {
            if (value != null) members.put(name, value);
            return this;
        }

        public Obj build() {
            return new Obj(members);
        }
    }
}
