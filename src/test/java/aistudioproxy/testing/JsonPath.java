package aistudioproxy.testing;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;

/** Reads a value out of JSON by a path like {@code content[0].text}; a missing step is an assertion failure naming it. */
public final class JsonPath {
    private JsonPath() {}

    public static JsonValue at(JsonValue root, String path) {
        JsonValue v = root;
        for (String step : path.split("\\.")) {
            String name = step;
            int bracket = step.indexOf('[');
            if (bracket >= 0) name = step.substring(0, bracket);
            if (!name.isEmpty()) {
                if (!(v instanceof JsonValue.Obj o) || o.get(name).isEmpty()) throw new AssertionError("no '" + name + "' at " + path + " in " + root.write());
                v = o.get(name).get();
            }
            while (bracket >= 0) {
                int close = step.indexOf(']', bracket);
                int i = Integer.parseInt(step.substring(bracket + 1, close));
                if (!(v instanceof JsonValue.Arr a) || a.size() <= i) throw new AssertionError("no [" + i + "] at " + path + " in " + root.write());
                v = a.get(i);
                bracket = step.indexOf('[', close);
            }
        }
        return v;
    }

    public static String str(JsonValue root, String path) {
        JsonValue v = at(root, path);
        if (v instanceof JsonValue.Str s) return s.value();
        if (v instanceof JsonValue.Null) return null;
        throw new AssertionError(path + " is not a string: " + v.write());
    }

    public static int size(JsonValue root, String path) {
        return ((JsonValue.Arr) at(root, path)).size();
    }

    public static JsonValue parse(String body) {
        try {
            return Json.parse(body);
        } catch (JsonSyntaxException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
