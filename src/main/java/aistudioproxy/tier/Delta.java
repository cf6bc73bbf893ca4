package aistudioproxy.tier;

import aistudioproxy.chat.ToolCall;

/** A piece of an answer as a tier produces it. Text and reasoning are increments, never cumulative. */
public sealed interface Delta {
    record Text(String text) implements Delta {}

    record Reasoning(String text) implements Delta {}

    record Call(ToolCall call) implements Delta {}
}
