package aistudioproxy.tools;

import aistudioproxy.json.JsonValue;

/** OpenAI's {@code tool_choice}, as a closed set: auto (the default), none, required, or one named function. */
public sealed interface ToolChoice {
    record Auto() implements ToolChoice {}

    record None() implements ToolChoice {}

    record Required() implements ToolChoice {}

    record Named(String name) implements ToolChoice {}

    /** From the request's value (validated by the request parser; null means absent). */
    static ToolChoice of(JsonValue raw) {
        if (raw == null || raw instanceof JsonValue.Null) return new Auto();
        if (raw instanceof JsonValue.Str s) {
            return switch (s.value()) {
                case "none" -> new None();
                case "required" -> new Required();
                default -> new Auto();
            };
        }
        if (raw instanceof JsonValue.Obj o && o.present("function").orElse(null) instanceof JsonValue.Obj f) {
            return f.string("name").<ToolChoice>map(Named::new).orElse(new Auto());
        }
        return new Auto();
    }
}
