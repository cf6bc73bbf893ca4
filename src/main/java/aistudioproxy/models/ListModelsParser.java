package aistudioproxy.models;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;
import aistudioproxy.chat.ModelInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads AI Studio's ListModels response as the page receives it (SPEC §10): optional anti-hijack
 * prefix {@code )]}'} and newline, then {@code [[entry,...]]} with the model path at index 0,
 * display name at 3, description at 4 and max output tokens at 6.
 */
public final class ListModelsParser {
    private ListModelsParser() {}

    public static List<ModelInfo> parse(String body) throws JsonSyntaxException {
        String json = body.startsWith(")]}'") ? body.substring(body.indexOf('\n') + 1) : body;
        if (!(Json.parse(json) instanceof JsonValue.Arr root) || root.size() == 0 || !(root.get(0) instanceof JsonValue.Arr entries)) {
            throw new JsonSyntaxException("ListModels: expected [[entry, ...]]");
        }
        List<ModelInfo> out = new ArrayList<>();
        for (JsonValue e : entries.items()) {
            if (!(e instanceof JsonValue.Arr entry) || entry.size() < 7 || !(entry.get(0) instanceof JsonValue.Str path)) continue;
            String id = path.value().startsWith("models/") ? path.value().substring(7) : path.value();
            out.add(new ModelInfo(id, text(entry.get(3), id), text(entry.get(4), ""),
                    entry.get(6) instanceof JsonValue.Num n ? (int) n.asDouble() : 0));
        }
        return out;
    }

    private static String text(JsonValue v, String fallback) {
        return v instanceof JsonValue.Str s ? s.value() : fallback;
    }
}
