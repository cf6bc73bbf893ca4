package aistudioproxy.page;

import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.Thinking;

import java.util.List;

/**
 * The page settings one run needs, resolved from the request and the configured defaults.
 * {@code thinkingBudget} null means "automatic" (the page's budget toggle off).
 * {@code thinkingLevels}: the labels of the Gemini 3 "Thinking Level" options that fit the
 * request's thinking level or budget, best first (a model offers Low/High or four levels); empty
 * when the request did not ask, so the page's level is left as it is.
 */
record RunSettings(String model, double temperature, double topP, int maxOutputTokens, List<String> stopSequences,
                   boolean thinking, Integer thinkingBudget, List<String> thinkingLevels) {

    RunSettings {
        stopSequences = List.copyOf(stopSequences);
        thinkingLevels = List.copyOf(thinkingLevels);
    }

    static RunSettings of(ChatRequest r, PageSettings d) {
        Thinking t = r.thinking();
        boolean thinking = !(t instanceof Thinking.Off);
        Integer budget = switch (t) {
            case Thinking.Level l -> switch (l.level()) {
                case "minimal" -> 128;
                case "low" -> 1024;
                case "medium" -> 8192;
                default -> 24576;
            };
            case Thinking.Budget b -> b.tokens();
            case Thinking.Auto a -> null;
            case Thinking.Off o -> null;
        };
        String level = switch (t) {
            case Thinking.Level l -> l.level();
            case Thinking.Budget b -> b.tokens() <= 512 ? "minimal" : b.tokens() <= 4096 ? "low" : b.tokens() <= 16384 ? "medium" : "high";
            case Thinking.Off o -> "minimal";
            case Thinking.Auto a -> null;
        };
        List<String> levels = level == null ? List.of() : switch (level) {
            case "minimal" -> List.of("Minimal", "Low");
            case "low" -> List.of("Low", "Minimal");
            case "medium" -> List.of("Medium", "High");
            default -> List.of("High");
        };
        List<String> stop = r.stop().isEmpty() ? d.defaultStopSequences() : r.pageStops();
        return new RunSettings(r.model(),
                r.temperature() != null ? r.temperature() : d.defaultTemperature(),
                r.topP() != null ? r.topP() : d.defaultTopP(),
                r.maxTokens() != null ? r.maxTokens() : d.defaultMaxOutputTokens(),
                stop,
                thinking, budget, levels);
    }
}
