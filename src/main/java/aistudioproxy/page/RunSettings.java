package aistudioproxy.page;

import aistudioproxy.openai.ChatRequest;

import java.util.List;

/**
 * The page settings one run needs, resolved from the request and the configured defaults.
 * {@code thinkingBudget} null means "automatic" (the page's budget toggle off).
 * {@code thinkingLevels}: the labels of the Gemini 3 "Thinking Level" options that fit the
 * request's {@code reasoning_effort}, best first (a model offers Low/High or four levels); empty
 * when the request did not ask, so the page's level is left as it is.
 */
record RunSettings(String model, double temperature, double topP, int maxOutputTokens, List<String> stopSequences,
                   boolean thinking, Integer thinkingBudget, List<String> thinkingLevels) {

    RunSettings {
        stopSequences = List.copyOf(stopSequences);
        thinkingLevels = List.copyOf(thinkingLevels);
    }

    static RunSettings of(ChatRequest r, PageSettings d) {
        String effort = r.reasoningEffort();
        boolean thinking = !"none".equals(effort);
        Integer budget = effort == null ? null : switch (effort) {
            case "minimal" -> 128;
            case "low" -> 1024;
            case "medium" -> 8192;
            case "high" -> 24576;
            default -> null;
        };
        List<String> levels = effort == null ? List.of() : switch (effort) {
            case "none", "minimal" -> List.of("Minimal", "Low");
            case "low" -> List.of("Low", "Minimal");
            case "medium" -> List.of("Medium", "High");
            default -> List.of("High");
        };
        return new RunSettings(r.model(),
                r.temperature() != null ? r.temperature() : d.defaultTemperature(),
                r.topP() != null ? r.topP() : d.defaultTopP(),
                r.maxTokens() != null ? r.maxTokens() : d.defaultMaxOutputTokens(),
                r.stop().isEmpty() ? d.defaultStopSequences() : r.stop(),
                thinking, budget, levels);
    }
}
