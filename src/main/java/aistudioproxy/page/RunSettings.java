package aistudioproxy.page;

import aistudioproxy.openai.ChatRequest;

import java.util.List;

/**
 * The page settings one run needs, resolved from the request and the configured defaults.
 * {@code thinkingBudget} null means "automatic" (the page's budget toggle off).
 */
record RunSettings(String model, double temperature, double topP, int maxOutputTokens, List<String> stopSequences,
                   boolean thinking, Integer thinkingBudget) {

    RunSettings {
        stopSequences = List.copyOf(stopSequences);
    }

    static RunSettings of(ChatRequest r, PageSettings d) {
        boolean thinking = !"none".equals(r.reasoningEffort());
        Integer budget = r.reasoningEffort() == null ? null : switch (r.reasoningEffort()) {
            case "minimal" -> 128;
            case "low" -> 1024;
            case "medium" -> 8192;
            case "high" -> 24576;
            default -> null;
        };
        return new RunSettings(r.model(),
                r.temperature() != null ? r.temperature() : d.defaultTemperature(),
                r.topP() != null ? r.topP() : d.defaultTopP(),
                r.maxTokens() != null ? r.maxTokens() : d.defaultMaxOutputTokens(),
                r.stop().isEmpty() ? d.defaultStopSequences() : r.stop(),
                thinking, budget);
    }
}
