package aistudioproxy.gemini;

import aistudioproxy.api.Answer;
import aistudioproxy.api.AnswerContext;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.chat.Usage;
import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/** Gemini's GenerateContentResponse: candidates[0] with its parts, finishReason, usageMetadata. */
final class GeminiJson {
    private GeminiJson() {}

    static JsonValue.Obj response(AnswerContext context, Answer answer, boolean showThoughts) {
        List<JsonValue> parts = new ArrayList<>();
        if (showThoughts && !answer.reasoning().isEmpty()) parts.add(thought(answer.reasoning()));
        if (!answer.text().isEmpty() || answer.calls().isEmpty() && parts.isEmpty()) parts.add(text(answer.text()));
        for (ToolCall c : answer.calls()) parts.add(call(c));
        return chunk(context, parts, answer.finish(), answer.usage());
    }

    /** One response object; {@code finish} and {@code usage} only on the last of a stream. */
    static JsonValue.Obj chunk(AnswerContext context, List<JsonValue> parts, FinishReason finish, Usage usage) {
        JsonValue.Builder candidate = JsonValue.Obj.builder()
                .put("content", JsonValue.Obj.builder().put("parts", new JsonValue.Arr(parts)).put("role", "model").build());
        if (finish != null) candidate.put("finishReason", finishReason(finish));
        candidate.put("index", 0);
        JsonValue.Builder b = JsonValue.Obj.builder().put("candidates", new JsonValue.Arr(List.of(candidate.build())));
        if (usage != null) b.put("usageMetadata", usage(usage));
        return b.put("modelVersion", context.clientModel()).put("responseId", context.id()).build();
    }

    static JsonValue.Obj text(String text) {
        return JsonValue.Obj.builder().put("text", text).build();
    }

    static JsonValue.Obj thought(String text) {
        return JsonValue.Obj.builder().put("text", text).put("thought", true).build();
    }

    static JsonValue.Obj call(ToolCall c) {
        JsonValue args;
        try {
            args = Json.parse(c.argumentsJson());
        } catch (JsonSyntaxException e) {
            args = JsonValue.Obj.builder().build();
        }
        if (!(args instanceof JsonValue.Obj)) args = JsonValue.Obj.builder().build();
        return JsonValue.Obj.builder().put("functionCall", JsonValue.Obj.builder().put("id", c.id()).put("name", c.name()).put("args", args).build()).build();
    }

    /** Gemini reports function calls and stop sequences as STOP too. */
    static String finishReason(FinishReason f) {
        return switch (f) {
            case STOP, STOP_SEQUENCE, TOOL_CALLS -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
        };
    }

    static int promptTokens(ChatRequest request) {
        return Usage.estimate(request.messages(), "", "").promptTokens();
    }

    static JsonValue.Obj usage(Usage u) {
        JsonValue.Builder b = JsonValue.Obj.builder().put("promptTokenCount", u.promptTokens())
                .put("candidatesTokenCount", u.completionTokens() - u.reasoningTokens())
                .put("totalTokenCount", u.totalTokens());
        if (u.reasoningTokens() > 0) b.put("thoughtsTokenCount", u.reasoningTokens());
        return b.build();
    }
}
