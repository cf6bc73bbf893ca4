package aistudioproxy.chat;

/**
 * What the client asked of the model's thinking, whatever API it came by: OpenAI's
 * {@code reasoning_effort} and {@code reasoning.effort}, Anthropic's {@code thinking}, Gemini's
 * {@code thinkingConfig}. The page turns it into its thinking toggle, budget and level.
 */
public sealed interface Thinking {
    /** Nothing asked, or Gemini's dynamic budget (-1): thinking on, its amount left to the model. */
    record Auto() implements Thinking {}

    /** Thinking off (as far as the model allows: some models always think). */
    record Off() implements Thinking {}

    /** A level: {@code minimal}, {@code low}, {@code medium} or {@code high}. */
    record Level(String level) implements Thinking {
        public static final java.util.Set<String> NAMES = java.util.Set.of("minimal", "low", "medium", "high");
    }

    /** A token budget for the thoughts. */
    record Budget(int tokens) implements Thinking {}

    Thinking AUTO = new Auto();
    Thinking OFF = new Off();
}
