package aistudioproxy.openai;

import aistudioproxy.json.JsonValue;

import java.util.List;

/**
 * A validated {@code /v1/chat/completions} request. Optional numbers are {@code null} when the
 * client did not send them (the configured defaults apply then).
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        boolean stream,
        boolean includeUsage,
        Double temperature,
        Double topP,
        Integer maxTokens,
        List<String> stop,
        String reasoningEffort,
        List<ToolSpec> tools,
        JsonValue toolChoice,
        JsonValue responseFormat,
        Long seed) {

    public ChatRequest {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        tools = List.copyOf(tools);
    }

    public static ChatRequest simple(String model, String userText, boolean stream) {
        return new ChatRequest(model, List.of(Message.text(Role.USER, userText)), stream, false,
                null, null, null, List.of(), null, List.of(), null, null, null);
    }
}
