package aistudioproxy.models;

import aistudioproxy.chat.ModelCatalog;
import aistudioproxy.chat.ModelInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code MODEL_ALIASES}: client model names mapped to AI Studio models, for tools that send their
 * own names and cannot be told otherwise (Claude Code sends {@code claude-*}, Codex {@code gpt-*}).
 * Comma-separated {@code glob=model} rules, tried in order; {@code *} matches any run of
 * characters and {@code ?} one. A name the catalog offers is never aliased.
 */
public final class ModelAliases {
    public static final ModelAliases NONE = new ModelAliases(List.of());

    /** One rule: names matching {@code glob} run on {@code target}. */
    public record Rule(String glob, String target, Pattern pattern) {}

    private final List<Rule> rules;

    private ModelAliases(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses the setting; a malformed rule is an {@link IllegalArgumentException} saying which. */
    public static ModelAliases parse(String setting) {
        if (setting == null || setting.isBlank()) return NONE;
        List<Rule> rules = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) continue;
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) throw new IllegalArgumentException("'" + e + "' is not glob=model");
            String glob = e.substring(0, eq).strip();
            String target = e.substring(eq + 1).strip();
            if (target.startsWith("models/")) target = target.substring(7);
            if (target.contains("*") || target.contains("?")) throw new IllegalArgumentException("the target of '" + e + "' must be a model, not a pattern");
            rules.add(new Rule(glob, target, compile(glob)));
        }
        return new ModelAliases(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * The AI Studio model a client's name runs on: the name itself when the catalog offers it,
     * else the first matching rule's target when the catalog offers that; empty when neither.
     */
    public Optional<ModelInfo> resolve(String clientModel, ModelCatalog catalog) {
        Optional<ModelInfo> direct = catalog.find(clientModel);
        if (direct.isPresent()) return direct;
        for (Rule r : rules) {
            if (r.pattern().matcher(clientModel).matches()) return catalog.find(r.target());
        }
        return Optional.empty();
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
