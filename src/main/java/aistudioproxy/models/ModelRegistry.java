package aistudioproxy.models;

import aistudioproxy.chat.ModelCatalog;
import aistudioproxy.chat.ModelInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The models offered on /v1/models: the list AI Studio's page last loaded (ListModels), or a
 * built-in list until the page has been seen; minus the ids in {@code excluded_models.txt}.
 * Updated by the page owner thread, read by any; the list reference is swapped atomically.
 */
public final class ModelRegistry implements ModelCatalog {
    /** Offered before the page has loaded its model list. */
    static final List<ModelInfo> FALLBACK = List.of(
            new ModelInfo("gemini-2.5-pro", "Gemini 2.5 Pro", "Built-in fallback entry", 65536),
            new ModelInfo("gemini-2.5-flash", "Gemini 2.5 Flash", "Built-in fallback entry", 65536),
            new ModelInfo("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite", "Built-in fallback entry", 65536),
            new ModelInfo("gemini-2.0-flash", "Gemini 2.0 Flash", "Built-in fallback entry", 8192));

    private final Set<String> excluded;
    private volatile List<ModelInfo> models;
    private volatile boolean fromPage;

    public ModelRegistry(Set<String> excluded) {
        this.excluded = Set.copyOf(excluded);
        this.models = filter(FALLBACK);
    }

    /** Reads exclusions: one model id per line, {@code #} comments; a missing file excludes nothing. */
    public static Set<String> readExclusions(Path file) throws IOException {
        Set<String> out = new HashSet<>();
        if (file == null || !Files.isRegularFile(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String id = line.strip();
            if (!id.isEmpty() && !id.startsWith("#")) out.add(id.startsWith("models/") ? id.substring(7) : id);
        }
        return out;
    }

    public void update(List<ModelInfo> fromListModels) {
        if (fromListModels.isEmpty()) return;
        models = filter(fromListModels);
        fromPage = true;
    }

    /** True once the list came from AI Studio rather than the built-in fallback. */
    public boolean fromPage() {
        return fromPage;
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    private List<ModelInfo> filter(List<ModelInfo> in) {
        return in.stream().filter(m -> !excluded.contains(m.id())).toList();
    }
}
