package aistudioproxy.simulator;

import aistudioproxy.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the simulator page sent in a GenerateContent call, decoded from its JSON-array body.
 * The body mirrors the shape of AI Studio's (positional arrays, {@code "models/..."} ids,
 * {@code [null,"text"]} parts); the indices used are documented in {@code app.js} beside the
 * encoder, and are the simulator's own: only its page and this server must agree on them.
 *
 * <pre>
 * [0] "models/&lt;id&gt;"
 * [1] contents: the chat's earlier turns, then the prompt: [ [ [part...], "user"|"model" ]... ]
 *     part = [null,"text"] | [null,null,null,null,["mime","base64"]] (an image, or a text file the model reads)
 * [2] safety settings (null)
 * [3] generation config: [0] stop list|null, [3] max output tokens, [4] temperature, [5] top_p,
 *     [6] top_k, [16] thinking config [enabled 0|1, budget (-1 = automatic), level|null], null for a
 *     model without thinking controls
 * [4] system instruction: [[[null,"text"]],"user"] | null
 * [5] function declarations [{name, description?, parameters?}...] while the page's Function
 *     calling switch is on and some are saved, else null
 * </pre>
 */
record SimRequest(String model, String prompt, int earlierTurns, List<String> imageMimeTypes, List<String> stop, Integer maxTokens,
                  Double temperature, Double topP, boolean thinking, int thinkingBudget, String thinkingLevel,
                  String systemInstruction, List<JsonValue.Obj> functions) {

    SimRequest {
        imageMimeTypes = List.copyOf(imageMimeTypes);
        stop = List.copyOf(stop);
        functions = List.copyOf(functions);
    }

    static SimRequest decode(JsonValue body) {
        JsonValue.Arr root = (JsonValue.Arr) body;
        String model = str(root.get(0)).replaceFirst("^models/", "");
        StringBuilder prompt = new StringBuilder();
        List<String> images = new ArrayList<>();
        List<JsonValue> contents = ((JsonValue.Arr) root.get(1)).items();
        JsonValue.Arr last = (JsonValue.Arr) contents.getLast();
        {
            for (JsonValue part : ((JsonValue.Arr) last.get(0)).items()) {
                JsonValue.Arr p = (JsonValue.Arr) part;
                if (p.size() == 2) prompt.append(str(p.get(1)));
                else if (p.size() >= 5 && p.get(4) instanceof JsonValue.Arr inline) {
                    String mime = str(inline.get(0));
                    // A text file is read as the model reads one: its text after what was typed.
                    if (mime.startsWith("text/")) prompt.append("\n\n").append(new String(Base64.getDecoder().decode(str(inline.get(1))), StandardCharsets.UTF_8));
                    else images.add(mime);
                }
            }
        }
        JsonValue.Arr cfg = root.size() > 3 && root.get(3) instanceof JsonValue.Arr a ? a : new JsonValue.Arr(List.of());
        List<String> stop = new ArrayList<>();
        if (at(cfg, 0) instanceof JsonValue.Arr s) for (JsonValue v : s.items()) stop.add(str(v));
        boolean thinking = false;
        int budget = -1;
        String level = null;
        if (at(cfg, 16) instanceof JsonValue.Arr t) {
            thinking = num(at(t, 0)) != null && num(at(t, 0)) == 1;
            Double b = num(at(t, 1));
            budget = b == null ? -1 : b.intValue();
            if (at(t, 2) instanceof JsonValue.Str l) level = l.value();
        }
        String system = null;
        if (root.size() > 4 && root.get(4) instanceof JsonValue.Arr si) {
            JsonValue.Arr parts = (JsonValue.Arr) si.get(0);
            StringBuilder s = new StringBuilder();
            for (JsonValue part : parts.items()) s.append(str(((JsonValue.Arr) part).get(1)));
            system = s.toString();
        }
        Double max = num(at(cfg, 3));
        List<JsonValue.Obj> functions = new ArrayList<>();
        if (at(root, 5) instanceof JsonValue.Arr declared) for (JsonValue d : declared.items()) if (d instanceof JsonValue.Obj o) functions.add(o);
        return new SimRequest(model, prompt.toString(), contents.size() - 1, images, stop, max == null ? null : max.intValue(),
                num(at(cfg, 4)), num(at(cfg, 5)), thinking, budget, level, system, functions);
    }

    private static JsonValue at(JsonValue.Arr a, int i) {
        return i < a.size() ? a.get(i) : JsonValue.Null.INSTANCE;
    }

    private static String str(JsonValue v) {
        return v instanceof JsonValue.Str s ? s.value() : "";
    }

    private static Double num(JsonValue v) {
        return v instanceof JsonValue.Num n ? n.asDouble() : null;
    }
}
