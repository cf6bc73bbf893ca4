package aistudioproxy.chat;

/** Whether and which functions the model must call: auto (the default), none, required (any), or one named function. */
public sealed interface ToolChoice {
    record Auto() implements ToolChoice {}

    record None() implements ToolChoice {}

    record Required() implements ToolChoice {}

    record Named(String name) implements ToolChoice {}

    ToolChoice AUTO = new Auto();
}
