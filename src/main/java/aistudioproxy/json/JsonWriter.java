package aistudioproxy.json;

import java.util.Map;

/** Compact JSON serialization of {@link JsonValue} trees (no whitespace, members in order). */
public final class JsonWriter {
    private JsonWriter() {}

    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder(64);
        append(out, value);
        return out.toString();
    }

    public static void append(StringBuilder out, JsonValue value) {
        switch (value) {
            case JsonValue.Obj o -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    quote(out, e.getKey());
                    out.append(':');
                    append(out, e.getValue());
                }
                out.append('}');
            }
            case JsonValue.Arr a -> {
                out.append('[');
                for (int i = 0; i < a.items().size(); i++) {
                    if (i > 0) out.append(',');
                    append(out, a.items().get(i));
                }
                out.append(']');
            }
            case JsonValue.Str s -> quote(out, s.value());
            case JsonValue.Num n -> out.append(n.text());
            case JsonValue.Bool b -> out.append(b.value() ? "true" : "false");
            case JsonValue.Null ignored -> out.append("null");
        }
    }

    /** Appends {@code s} as a JSON string literal; lone surrogates are kept as escapes. */
    public static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validPair(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                        if (Character.isHighSurrogate(c)) out.append(s.charAt(++i));
                    }
                }
            }
        }
        out.append('"');
    }

    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        quote(out, s);
        return out.toString();
    }

    private static boolean validPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
