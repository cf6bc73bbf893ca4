package aistudioproxy.api;

import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.chat.Usage;

import java.util.List;

/**
 * A whole answer, in no API's words: text, thoughts, function calls, why it ended
 * ({@code stopSequence} is the sequence cut at when {@code finish} is {@link FinishReason#STOP_SEQUENCE})
 * and the token counts.
 */
public record Answer(String text, String reasoning, List<ToolCall> calls, FinishReason finish, String stopSequence, Usage usage) {
    public Answer {
        calls = List.copyOf(calls);
    }
}
