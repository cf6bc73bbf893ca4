package aistudioproxy.anthropic;

import aistudioproxy.api.Answer;
import aistudioproxy.api.AnswerContext;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.chat.Usage;
import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The Messages API's objects: the message, its content blocks, stop reasons, usage. */
final class MessagesJson {
    private MessagesJson() {}

    static JsonValue.Obj message(AnswerContext context, Answer answer, boolean showThinking) {
        List<JsonValue> content = new ArrayList<>();
        if (showThinking && !answer.reasoning().isEmpty()) {
            content.add(JsonValue.Obj.builder().put("type", "thinking").put("thinking", answer.reasoning())
                    .put("signature", signature(context)).build());
        }
        if (!answer.text().isEmpty() || answer.calls().isEmpty()) {
            content.add(JsonValue.Obj.builder().put("type", "text").put("text", answer.text()).build());
        }
        for (ToolCall c : answer.calls()) content.add(toolUse(c));
        return head(context)
                .put("content", new JsonValue.Arr(content))
                .put("stop_reason", stopReason(answer.finish()))
                .put("stop_sequence", answer.stopSequence())
                .put("usage", usage(answer.usage().promptTokens(), answer.usage().completionTokens()))
                .build();
    }

    /** The message as {@code message_start} carries it: no content, no stop reason yet. */
    static JsonValue.Obj started(AnswerContext context) {
        return head(context).put("content", new JsonValue.Arr(List.of())).put("stop_reason", (JsonValue) null)
                .put("stop_sequence", (JsonValue) null).put("usage", usage(inputTokens(context.request()), 1)).build();
    }

    static int inputTokens(ChatRequest request) {
        return Usage.estimate(request.messages(), "", "").promptTokens();
    }

    static JsonValue.Obj toolUse(ToolCall c) {
        return JsonValue.Obj.builder().put("type", "tool_use").put("id", c.id()).put("name", c.name()).put("input", input(c)).build();
    }

    /** The call's arguments as the object Anthropic sends (text that is not an object becomes an empty one). */
    static JsonValue input(ToolCall c) {
        try {
            if (Json.parse(c.argumentsJson()) instanceof JsonValue.Obj o) return o;
        } catch (JsonSyntaxException e) {
            // fall through
        }
        return JsonValue.Obj.builder().build();
    }

    static String stopReason(FinishReason finish) {
        return switch (finish) {
            case STOP, CONTENT_FILTER -> "end_turn";
            case STOP_SEQUENCE -> "stop_sequence";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
        };
    }

    static JsonValue.Obj usage(int input, int output) {
        return JsonValue.Obj.builder().put("input_tokens", input).put("output_tokens", output).build();
    }

    /**
     * The signature a thinking block must carry. Clients send it back untouched and this server
     * never checks it (thoughts are not sent back to the model); it names the answer it came from.
     */
    static String signature(AnswerContext context) {
        return Base64.getEncoder().encodeToString(("aistudio-proxy:" + context.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonValue.Builder head(AnswerContext context) {
        return JsonValue.Obj.builder().put("id", context.id()).put("type", "message").put("role", "assistant").put("model", context.clientModel());
    }
}
