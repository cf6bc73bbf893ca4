package aistudioproxy.page;

import aistudioproxy.chat.ToolCall;

import java.util.List;

/**
 * What the page showed for one run once it finished: answer text, thinking text, function calls,
 * and any error the page displayed (quota callout or toast).
 */
record PageAnswer(String text, String thinking, List<ToolCall> calls, String quotaMessage, List<String> toasts, boolean stopped) {
    PageAnswer {
        calls = List.copyOf(calls);
        toasts = List.copyOf(toasts);
    }
}
