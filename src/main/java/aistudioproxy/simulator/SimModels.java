package aistudioproxy.simulator;

import java.util.List;

/**
 * The models the simulator's ListModels offers, in AI Studio's ListModels response shape:
 * {@code )]}'} + newline, then {@code [[entry,...]]}; entry[0] model path, [3] display name,
 * [4] description, [5] input token limit, [6] max output tokens, [9] default top_p,
 * [10] default top_k (other indices: flags the real service sets, left null here), and at [13],
 * the simulator's own, the thinking controls its page shows for the model (the real page knows
 * them from flags of its own): {@code none}, {@code switch} (on/off switch and budget, the
 * 2.5 Flash models), {@code budget} (always thinking, budget only: 2.5 Pro) or
 * {@code levels:a,b,..} (the Gemini 3 "Thinking Level" select).
 */
final class SimModels {
    record Model(String id, String displayName, String description, int maxOutput, double topP, String thinking) {}

    static final List<Model> MODELS = List.of(
            new Model("gemini-2.5-pro", "Gemini 2.5 Pro", "Our most powerful thinking model", 65536, 0.95, "budget"),
            new Model("gemini-2.5-flash", "Gemini 2.5 Flash", "Fast and intelligent", 65536, 0.95, "switch"),
            new Model("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite", "Smallest and most cost effective", 65536, 0.95, "switch"),
            new Model("gemini-3-pro-preview", "Gemini 3 Pro Preview", "Reasoning first", 65536, 0.95, "levels:Low,High"),
            new Model("gemini-3-flash-preview", "Gemini 3 Flash Preview", "Frontier speed", 65536, 0.95, "levels:Minimal,Low,Medium,High"),
            new Model("gemini-2.0-flash", "Gemini 2.0 Flash", "Previous generation workhorse", 8192, 0.95, "none"));

    private SimModels() {}

    static String listModelsBody() {
        StringBuilder b = new StringBuilder(")]}'\n[[");
        for (int i = 0; i < MODELS.size(); i++) {
            Model m = MODELS.get(i);
            if (i > 0) b.append(',');
            b.append("[\"models/").append(m.id()).append("\",null,\"").append(m.id().replaceAll("^gemini-", ""))
                    .append("\",\"").append(m.displayName()).append("\",\"").append(m.description()).append("\",1048576,")
                    .append(m.maxOutput()).append(",null,null,").append(m.topP()).append(",64,null,[1,2],\"").append(m.thinking()).append("\"]");
        }
        return b.append("]]").toString();
    }
}
