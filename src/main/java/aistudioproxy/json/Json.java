package aistudioproxy.json;

import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.ParseException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsing facade. minimal-json does the parsing; its tree is converted to {@link JsonValue} here
 * and never leaves this package.
 */
public final class Json {
    /** Deeper documents are refused before parsing: the parser is recursive. */
    public static final int MAX_DEPTH = 64;

    private Json() {}

    public static JsonValue parse(String text) throws JsonSyntaxException {
        checkDepth(text, MAX_DEPTH);
        try {
            return convert(com.eclipsesource.json.Json.parse(text));
        } catch (ParseException e) {
            var loc = e.getLocation();
            throw new JsonSyntaxException("invalid JSON at line " + loc.line + ", column " + loc.column + ": " + stripLocation(e.getMessage()));
        } catch (StackOverflowError e) {
            throw new JsonSyntaxException("JSON nests too deeply");
        }
    }

    private static String stripLocation(String message) {
        int at = message.lastIndexOf(" at ");
        return at > 0 ? message.substring(0, at) : message;
    }

    /** Rejects documents nesting more than {@code max} arrays/objects, ignoring brackets in strings. */
    static void checkDepth(String text, int max) throws JsonSyntaxException {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > max) throw new JsonSyntaxException("JSON nests deeper than " + max + " levels");
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
    }

    private static JsonValue convert(com.eclipsesource.json.JsonValue v) {
        if (v.isObject()) {
            JsonObject o = v.asObject();
            Map<String, JsonValue> members = new LinkedHashMap<>();
            for (JsonObject.Member m : o) members.put(m.getName(), convert(m.getValue()));
            return new JsonValue.Obj(members);
        }
        if (v.isArray()) {
            List<JsonValue> items = new ArrayList<>();
            for (com.eclipsesource.json.JsonValue item : v.asArray()) items.add(convert(item));
            return new JsonValue.Arr(items);
        }
        if (v.isString()) return new JsonValue.Str(v.asString());
        if (v.isNumber()) return new JsonValue.Num(v.toString());
        if (v.isBoolean()) return JsonValue.Bool.of(v.asBoolean());
        return JsonValue.Null.INSTANCE;
    }

    /**
     * The JSON tree of a plain Java value as Playwright's {@code evaluate} returns it: maps, lists,
     * strings, numbers, booleans and null (anything else is written as its string form).
     */
    public static JsonValue fromPlain(Object o) {
        if (o == null) return JsonValue.Null.INSTANCE;
        if (o instanceof JsonValue v) return v;
        if (o instanceof String s) return new JsonValue.Str(s);
        if (o instanceof Boolean b) return JsonValue.Bool.of(b);
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) return JsonValue.Num.of(((Number) o).longValue());
        if (o instanceof Number n) {
            double d = n.doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? JsonValue.Null.INSTANCE : JsonValue.Num.of(d);
        }
        if (o instanceof java.util.Map<?, ?> m) {
            JsonValue.Builder b = JsonValue.Obj.builder();
            m.forEach((k, v) -> b.put(String.valueOf(k), fromPlain(v)));
            return b.build();
        }
        if (o instanceof java.util.Collection<?> c) return new JsonValue.Arr(c.stream().map(Json::fromPlain).toList());
        return new JsonValue.Str(String.valueOf(o));
    }
}
