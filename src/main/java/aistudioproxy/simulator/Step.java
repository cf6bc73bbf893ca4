package aistudioproxy.simulator;

/** One emission of the fake model: a token of thinking or answer text, or a function call. */
sealed interface Step {
    record Thought(String text) implements Step {}

    record Token(String text) implements Step {}

    record Call(String name, String argsJson) implements Step {}
}
