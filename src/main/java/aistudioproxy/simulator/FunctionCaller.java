package aistudioproxy.simulator;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;
import aistudioproxy.tools.CallProtocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fake model does with functions, as a real one would: only when it was given some,
 * natively (the request's declarations, sent while the page's Function calling switch is on) or
 * by the emulation protocol ({@link CallProtocol}: its instructions and declarations, in the
 * system instruction or at the head of the prompt). Then, deterministically: after a function's
 * result (the conversation's last block is a {@code Tool result}), an answer that uses it; else
 * a call of each declared function the last user turn names (in the order named), or, when the
 * protocol's instructions demand a call and none is named, of the demanded or the first function.
 * Arguments are the JSON objects written in that turn, one per call in order, else defaults valid
 * for the function's schema. Native calls are the wire's function-call parts; emulated ones the
 * protocol's blocks, written as text.
 */
final class FunctionCaller {
    private static final Pattern MUST_NAMED = Pattern.compile("You must call the function (\\S+) in this answer\\.");

    private FunctionCaller() {}

    /** What the model does with its functions. */
    sealed interface Reply {
        /** Answer text (a result used, or emulated calls as protocol blocks). */
        record Text(String text) implements Reply {}

        /** Native calls: name and arguments JSON each. */
        record Calls(List<String[]> calls) implements Reply {}
    }

    /** The reply, or null when the request gives the model no functions (it answers as usual). */
    static Reply reply(SimRequest req, String prompt) {
        String sent = (req.systemInstruction() == null ? "" : req.systemInstruction()) + "\n" + prompt;
        boolean nativeCalls = !req.functions().isEmpty();
        Map<String, JsonValue.Obj> declared = new LinkedHashMap<>();
        if (nativeCalls) {
            for (JsonValue.Obj d : req.functions()) d.string("name").ifPresent(n -> declared.put(n, d));
        } else {
            int header = sent.indexOf(CallProtocol.HEADER);
            if (header < 0) return null;
            declared.putAll(declarations(sent.substring(header + CallProtocol.HEADER.length())));
        }
        if (declared.isEmpty()) return null;
        String[] blocks = prompt.split("\n\n---\n\n");
        String last = blocks[blocks.length - 1];
        if (last.startsWith("Tool result")) {
            int nl = last.indexOf('\n');
            String head = nl < 0 ? last : last.substring(0, nl);
            String result = nl < 0 ? "" : last.substring(nl + 1).strip();
            return new Reply.Text("Based on " + head.substring("Tool result".length()).replaceAll("[():]", "").strip() + ": " + result);
        }
        String turn = last.startsWith("User:") ? last.substring("User:".length()).strip() : last;
        List<String> names = named(turn, declared);
        if (names.isEmpty()) {
            Matcher must = MUST_NAMED.matcher(sent);
            if (must.find() && declared.containsKey(must.group(1))) names = List.of(must.group(1));
            else if (sent.contains("You must call at least one of the functions")) names = List.of(declared.keySet().iterator().next());
            else return null;
        }
        List<JsonValue.Obj> given = objects(turn);
        List<String[]> calls = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            JsonValue.Obj args = i < given.size() ? given.get(i) : defaults(declared.get(names.get(i)));
            calls.add(new String[] {names.get(i), args.write()});
        }
        if (nativeCalls) return new Reply.Calls(calls);
        List<String> written = new ArrayList<>();
        for (String[] c : calls) written.add(CallProtocol.FENCE + "\n{\"name\":" + aistudioproxy.json.JsonWriter.quote(c[0]) + ",\"arguments\":" + c[1] + "}\n```");
        return new Reply.Text(String.join("\n\n", written));
    }

    /** The declarations: one JSON object per line after the header, up to the first line that is not one. */
    private static Map<String, JsonValue.Obj> declarations(String after) {
        Map<String, JsonValue.Obj> out = new LinkedHashMap<>();
        for (String line : after.strip().split("\n")) {
            try {
                if (Json.parse(line) instanceof JsonValue.Obj o && o.string("name").isPresent()) {
                    out.put(o.string("name").get(), o);
                    continue;
                }
            } catch (JsonSyntaxException e) {
                // the end of the declarations
            }
            break;
        }
        return out;
    }

    /** Declared names the turn mentions as words, in the order of their first mention. */
    private static List<String> named(String turn, Map<String, JsonValue.Obj> declared) {
        Map<Integer, String> at = new java.util.TreeMap<>();
        for (String name : declared.keySet()) {
            Matcher m = Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "(?![\\w])").matcher(turn);
            if (m.find()) at.put(m.start(), name);
        }
        return new ArrayList<>(at.values());
    }

    /** Every balanced {...} in the text that parses as a JSON object, in order. */
    private static List<JsonValue.Obj> objects(String text) {
        List<JsonValue.Obj> out = new ArrayList<>();
        for (int i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
            int depth = 0;
            boolean str = false, esc = false;
            for (int j = i; j < text.length(); j++) {
                char c = text.charAt(j);
                if (str) {
                    if (esc) esc = false;
                    else if (c == '\\') esc = true;
                    else if (c == '"') str = false;
                } else if (c == '"') str = true;
                else if (c == '{') depth++;
                else if (c == '}' && --depth == 0) {
                    try {
                        if (Json.parse(text.substring(i, j + 1)) instanceof JsonValue.Obj o) {
                            out.add(o);
                            i = j;
                        }
                    } catch (JsonSyntaxException e) {
                        // not JSON: go on from the next brace
                    }
                    break;
                }
            }
        }
        return out;
    }

    /** Arguments valid for the declaration's schema: each required property (else each property) with a default of its type. */
    private static JsonValue.Obj defaults(JsonValue.Obj declaration) {
        JsonValue.Builder b = JsonValue.Obj.builder();
        if (!(declaration.get("parameters").orElse(null) instanceof JsonValue.Obj schema)
                || !(schema.get("properties").orElse(null) instanceof JsonValue.Obj props)) return b.build();
        List<String> required = new ArrayList<>();
        if (schema.get("required").orElse(null) instanceof JsonValue.Arr r) {
            for (JsonValue v : r.items()) if (v instanceof JsonValue.Str s) required.add(s.value());
        }
        for (var e : props.members().entrySet()) {
            if (!required.isEmpty() && !required.contains(e.getKey())) continue;
            b.put(e.getKey(), defaultOf(e.getValue()));
        }
        return b.build();
    }

    private static JsonValue defaultOf(JsonValue schema) {
        if (!(schema instanceof JsonValue.Obj s)) return JsonValue.Null.INSTANCE;
        if (s.get("enum").orElse(null) instanceof JsonValue.Arr e && e.size() > 0) return e.get(0);
        return switch (s.string("type").orElse("")) {
            case "string" -> new JsonValue.Str("");
            case "integer", "number" -> JsonValue.Num.of(0);
            case "boolean" -> JsonValue.Bool.of(false);
            case "array" -> new JsonValue.Arr(List.of());
            case "object" -> defaults(JsonValue.Obj.builder().put("parameters", s).build());
            default -> JsonValue.Null.INSTANCE;
        };
    }
}
