package aistudioproxy.realpage;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real saved AI Studio pages of {@code ../shared/fixtures/aistudio-real/} and what a person
 * reads on each ({@code index.json}). Third-party material: read from beside the checkout, never
 * copied into it. Missing fixtures are a failure, not a skip.
 */
record RealPages(Path dir, List<Entry> entries) {
    /** One page and its ground truth; {@code answer} and {@code thinking} may be null (not readable). */
    record Entry(Path html, String state, String answer, String thinking, String modelId, boolean comparison,
                 List<String> candidates, String toast, String callout, Double temperature, Double topP) {}

    static RealPages load() throws Exception {
        Path dir = Path.of("..", "shared", "fixtures", "aistudio-real").toAbsolutePath().normalize();
        Path index = dir.resolve("index.json");
        if (!Files.isRegularFile(index)) {
            throw new AssertionError("the real AI Studio pages are missing: expected " + index + " (CI has ../shared beside the checkout)");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonValue v : ((JsonValue.Arr) Json.parse(Files.readString(index))).items()) {
            JsonValue.Obj e = (JsonValue.Obj) v;
            JsonValue.Obj ab = (JsonValue.Obj) e.get("ab_comparison").orElseThrow();
            boolean shown = ab.get("shown").orElseThrow() == JsonValue.Bool.TRUE;
            List<String> candidates = new ArrayList<>();
            if (shown) {
                for (JsonValue o : ((JsonValue.Arr) ab.get("options").orElseThrow()).items()) candidates.add(((JsonValue.Obj) o).string("text").orElseThrow());
            }
            String model = e.string("model_id").map(m -> m.replaceFirst("^models/", "")).orElse(null);
            entries.add(new Entry(dir.resolve(e.string("file").orElseThrow()), e.string("state").orElseThrow(),
                    e.string("last_answer_text").orElse(null), e.string("last_thinking_text").orElse(null), model, shown, candidates,
                    text(e, "toast"), text(e, "callout"), setting(e, "temperature"), setting(e, "top_p")));
        }
        if (entries.isEmpty()) throw new AssertionError(index + " lists no pages");
        return new RealPages(dir, entries);
    }

    /** A run setting a person reads on the page (null when the settings panel or that value is not shown). */
    private static Double setting(JsonValue.Obj e, String name) {
        return e.present("settings").flatMap(s -> ((JsonValue.Obj) s).present(name)).map(v -> ((JsonValue.Num) v).asDouble()).orElse(null);
    }

    private static String text(JsonValue.Obj e, String name) {
        return e.present(name).map(v -> v instanceof JsonValue.Str s ? s.value() : v.write()).orElse(null);
    }

    /** Whitespace normalised: every run of whitespace is one space, ends trimmed; null stays null. */
    static String norm(String s) {
        return s == null ? null : s.replaceAll("\\s+", " ").strip();
    }
}
