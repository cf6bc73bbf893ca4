package aistudioproxy.tools;

import aistudioproxy.json.JsonValue;
import aistudioproxy.chat.ToolSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A request's tools as the declarations AI Studio's Function calling editor takes: a JSON array
 * of {@code {name, description?, parameters?}}, each schema cut down to the fields the page
 * accepts (it refuses others, {@code additionalProperties}, {@code $schema}, {@code title},
 * {@code default} among them, with "Unknown key"). What the page lacks is rewritten: a
 * {@code const} becomes a one-value {@code enum}, a type list {@code ["string","null"]} its first
 * type and {@code nullable}, {@code anyOf}/{@code oneOf}/{@code allOf} their first non-null
 * option (and {@code nullable} if null was one). Facts from the public driver's converter.
 */
public final class FunctionDeclarations {
    /** The schema fields the page accepts. */
    static final Set<String> ALLOWED = Set.of("type", "format", "description", "nullable", "enum", "maxItems", "minItems",
            "properties", "required", "items", "minProperties", "maxProperties", "minimum", "maximum", "minLength", "maxLength",
            "pattern", "propertyOrdering");

    private FunctionDeclarations() {}

    /** The declarations' JSON text (compact: the same tools always give the same text). */
    public static String json(List<ToolSpec> tools) {
        List<JsonValue> out = new ArrayList<>();
        for (ToolSpec t : tools) {
            JsonValue.Builder d = JsonValue.Obj.builder().put("name", t.name());
            if (!t.description().isEmpty()) d.put("description", t.description());
            if (t.parameters() instanceof JsonValue.Obj p && !p.members().isEmpty()) d.put("parameters", schema(p));
            out.add(d.build());
        }
        return new JsonValue.Arr(out).write();
    }

    static JsonValue.Obj schema(JsonValue.Obj s) {
        JsonValue.Builder b = JsonValue.Obj.builder();
        for (String alt : List.of("anyOf", "oneOf", "allOf")) {
            if (s.get(alt).orElse(null) instanceof JsonValue.Arr options && options.size() > 0) {
                JsonValue.Obj first = null;
                boolean nullable = false;
                for (JsonValue o : options.items()) {
                    if (!(o instanceof JsonValue.Obj option)) continue;
                    if (option.string("type").orElse("").equals("null")) nullable = true;
                    else if (first == null) first = option;
                }
                if (first != null) {
                    JsonValue.Obj merged = schema(first);
                    if (!nullable) return merged;
                    merged.members().forEach(b::put);
                    return b.put("nullable", true).build();
                }
            }
        }
        boolean nullable = s.get("nullable").orElse(null) instanceof JsonValue.Bool n && n.value();
        JsonValue type = s.get("type").orElse(null);
        if (type instanceof JsonValue.Arr types) {
            String first = null;
            for (JsonValue t : types.items()) {
                if (t instanceof JsonValue.Str ts && ts.value().equals("null")) nullable = true;
                else if (t instanceof JsonValue.Str ts && first == null) first = ts.value();
            }
            type = new JsonValue.Str(first == null ? "string" : first);
        }
        if (type instanceof JsonValue.Str) b.put("type", type);
        if (nullable) b.put("nullable", true);
        s.get("const").ifPresent(c -> b.put("enum", new JsonValue.Arr(List.of(c))));
        for (var e : s.members().entrySet()) {
            String k = e.getKey();
            if (k.equals("type") || k.equals("nullable") || !ALLOWED.contains(k)) continue;
            if (k.equals("properties") && e.getValue() instanceof JsonValue.Obj props) {
                JsonValue.Builder p = JsonValue.Obj.builder();
                props.members().forEach((name, v) -> p.put(name, v instanceof JsonValue.Obj o ? schema(o) : v));
                b.put("properties", p.build());
            } else if (k.equals("items") && e.getValue() instanceof JsonValue.Obj items) {
                b.put("items", schema(items));
            } else {
                b.put(k, e.getValue());
            }
        }
        return b.build();
    }
}
