package aistudioproxy.page;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The selector chains the driver uses: for each {@link SelectorKey}, CSS selectors tried in order
 * (the first that matches anything wins). The defaults are the jar's {@code page/selectors.json};
 * a user file (normally {@code DATA_DIR/selectors.json}) replaces the keys it names, so a changed
 * AI Studio page is fixed without a rebuild. Selectors are plain CSS, as
 * {@code document.querySelectorAll} takes them (no Playwright extensions such as {@code :has-text}).
 */
public final class Selectors {
    static final String RESOURCE = "/page/selectors.json";

    private final Map<SelectorKey, List<String>> chains;
    private final Path overrideFile;

    private Selectors(Map<SelectorKey, List<String>> chains, Path overrideFile) {
        this.chains = Collections.unmodifiableMap(new EnumMap<>(chains));
        this.overrideFile = overrideFile;
    }

    /** Where a user's overrides live: {@code DATA_DIR/selectors.json}. */
    public static Path userFile(Path dataDir) {
        return dataDir.resolve("selectors.json");
    }

    /** The jar's defaults only. */
    public static Selectors defaults() {
        try {
            return load(null);
        } catch (SelectorFileException e) {
            throw new IllegalStateException("the built-in " + RESOURCE + " is invalid: " + e.getMessage(), e);
        }
    }

    /** The defaults with {@code userFile}'s keys over them; a missing (or null) file means none. */
    public static Selectors load(Path userFile) throws SelectorFileException {
        Map<SelectorKey, List<String>> chains = new EnumMap<>(SelectorKey.class);
        try (InputStream in = Selectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new SelectorFileException("the jar has no " + RESOURCE);
            chains.putAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + RESOURCE));
        } catch (IOException e) {
            throw new SelectorFileException("cannot read the built-in " + RESOURCE + ": " + e.getMessage());
        }
        for (SelectorKey k : SelectorKey.values()) {
            if (!chains.containsKey(k)) throw new SelectorFileException("the built-in " + RESOURCE + " has no key '" + k.id() + "'");
        }
        Path used = null;
        if (userFile != null && Files.isRegularFile(userFile)) {
            try {
                chains.putAll(parse(Files.readString(userFile, StandardCharsets.UTF_8), userFile.toString()));
            } catch (IOException e) {
                throw new SelectorFileException("cannot read " + userFile + ": " + e.getMessage());
            }
            used = userFile;
        }
        return new Selectors(chains, used);
    }

    private static Map<SelectorKey, List<String>> parse(String text, String source) throws SelectorFileException {
        JsonValue root;
        try {
            root = Json.parse(text);
        } catch (JsonSyntaxException e) {
            throw new SelectorFileException(source + " is not valid JSON: " + e.getMessage());
        }
        if (!(root instanceof JsonValue.Obj obj)) {
            throw new SelectorFileException(source + " must be a JSON object of \"key\": [\"selector\", ...]");
        }
        Map<SelectorKey, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : obj.members().entrySet()) {
            SelectorKey key = SelectorKey.fromId(e.getKey());
            if (key == null) throw new SelectorFileException(source + ": unknown selector key '" + e.getKey() + "' (known: " + knownKeys() + ")");
            List<String> alternatives = new ArrayList<>();
            if (e.getValue() instanceof JsonValue.Arr arr) {
                for (JsonValue v : arr.items()) {
                    if (!(v instanceof JsonValue.Str s) || s.value().isBlank()) {
                        throw new SelectorFileException(source + ": key '" + e.getKey() + "' must list selectors as non-empty strings");
                    }
                    alternatives.add(s.value());
                }
            } else if (e.getValue() instanceof JsonValue.Str s && !s.value().isBlank()) {
                alternatives.add(s.value());
            }
            if (alternatives.isEmpty()) throw new SelectorFileException(source + ": key '" + e.getKey() + "' needs at least one selector");
            out.put(key, List.copyOf(alternatives));
        }
        return out;
    }

    private static String knownKeys() {
        StringBuilder b = new StringBuilder();
        for (SelectorKey k : SelectorKey.values()) b.append(b.isEmpty() ? "" : ", ").append(k.id());
        return b.toString();
    }

    public List<String> chain(SelectorKey key) {
        return chains.get(key);
    }

    /** The user file that was merged in, or null. */
    public Path overrideFile() {
        return overrideFile;
    }

    /** The chains as the page scripts take them: {@code {"prompt_input": ["…", …], …}}. */
    Map<String, List<String>> scriptArgument() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        chains.forEach((k, v) -> m.put(k.id(), v));
        return m;
    }
}
