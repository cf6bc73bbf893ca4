package aistudioproxy.http;

import aistudioproxy.openai.FinishReason;
import aistudioproxy.openai.ToolCall;
import aistudioproxy.tier.Delta;

import java.util.ArrayList;
import java.util.List;

/** Accumulates an answer's deltas: the whole of a non-stream answer, the usage of a stream one. */
final class AnswerText {
    final StringBuilder content = new StringBuilder();
    final StringBuilder reasoning = new StringBuilder();
    final List<ToolCall> toolCalls = new ArrayList<>();

    void add(Delta d) {
        switch (d) {
            case Delta.Text t -> content.append(t.text());
            case Delta.Reasoning r -> reasoning.append(r.text());
            case Delta.Call c -> toolCalls.add(c.call());
        }
    }

    /** A tier that reports "stop" after producing calls ended with tool calls, in OpenAI's terms. */
    FinishReason finish(FinishReason reported) {
        return reported == FinishReason.STOP && !toolCalls.isEmpty() ? FinishReason.TOOL_CALLS : reported;
    }

    String completionText() {
        return reasoning + content.toString();
    }
}
