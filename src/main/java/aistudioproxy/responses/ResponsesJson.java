package aistudioproxy.responses;

import aistudioproxy.api.Answer;
import aistudioproxy.api.AnswerContext;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.Thinking;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.chat.ToolChoice;
import aistudioproxy.chat.ToolSpec;
import aistudioproxy.chat.Usage;
import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The Responses API's objects for one answer: the response (in progress, completed, incomplete
 * or failed) and its output items (reasoning, message, function_call), with ids derived from the
 * answer's so a stream's items and the final response agree.
 */
final class ResponsesJson {
    private final AnswerContext context;
    private final String instructions;

    ResponsesJson(AnswerContext context, String instructions) {
        this.context = context;
        this.instructions = instructions;
    }

    /** The id of the answer's {@code n}th output item of {@code kind} ({@code rs}, {@code msg}, {@code fc}). */
    String itemId(String kind, int n) {
        return kind + "_" + context.id().substring(context.id().indexOf('_') + 1) + (n == 0 ? "" : "_" + n);
    }

    List<JsonValue> outputs(Answer answer) {
        List<JsonValue> out = new ArrayList<>();
        if (!answer.reasoning().isEmpty()) out.add(reasoning(answer.reasoning()));
        if (!answer.text().isEmpty() || answer.calls().isEmpty()) out.add(message(answer.text(), "completed"));
        for (int i = 0; i < answer.calls().size(); i++) out.add(functionCall(answer.calls().get(i), i, "completed"));
        return out;
    }

    JsonValue.Obj reasoning(String text) {
        List<JsonValue> summary = text == null ? List.of()
                : List.of(JsonValue.Obj.builder().put("type", "summary_text").put("text", text).build());
        return JsonValue.Obj.builder().put("type", "reasoning").put("id", itemId("rs", 0)).put("summary", new JsonValue.Arr(summary)).build();
    }

    JsonValue.Obj message(String text, String status) {
        List<JsonValue> content = text == null ? List.of() : List.of(outputText(text));
        return JsonValue.Obj.builder().put("type", "message").put("id", itemId("msg", 0)).put("status", status)
                .put("role", "assistant").put("content", new JsonValue.Arr(content)).build();
    }

    static JsonValue.Obj outputText(String text) {
        return JsonValue.Obj.builder().put("type", "output_text").put("text", text).put("annotations", new JsonValue.Arr(List.of())).build();
    }

    JsonValue.Obj functionCall(ToolCall call, int n, String status) {
        return JsonValue.Obj.builder().put("type", "function_call").put("id", itemId("fc", n)).put("call_id", call.id())
                .put("name", call.name()).put("arguments", status.equals("completed") ? call.argumentsJson() : "").put("status", status).build();
    }

    /** The whole response: {@code answer} null while it is still in progress. */
    JsonValue.Obj response(List<JsonValue> output, Answer answer) {
        String status = answer == null ? "in_progress" : answer.finish() == FinishReason.LENGTH ? "incomplete" : "completed";
        JsonValue.Builder b = head(status).put("output", new JsonValue.Arr(output));
        b.put("incomplete_details", status.equals("incomplete")
                ? JsonValue.Obj.builder().put("reason", "max_output_tokens").build() : null);
        b.put("usage", answer == null ? null : usage(answer.usage()));
        return settings(b).build();
    }

    JsonValue.Obj failed(ApiError error) {
        JsonValue.Builder b = head("failed").put("output", new JsonValue.Arr(List.of()))
                .put("error", JsonValue.Obj.builder().put("code", error.code()).put("message", error.message()).build())
                .put("incomplete_details", (JsonValue) null).put("usage", (JsonValue) null);
        return settings(b).build();
    }

    private JsonValue.Builder head(String status) {
        JsonValue.Builder b = JsonValue.Obj.builder().put("id", context.id()).put("object", "response")
                .put("created_at", context.createdEpochSeconds()).put("status", status).put("model", context.clientModel());
        if (!status.equals("failed")) b.put("error", (JsonValue) null);
        return b;
    }

    /** What the request asked for, echoed as OpenAI echoes it. */
    private JsonValue.Builder settings(JsonValue.Builder b) {
        ChatRequest r = context.request();
        List<JsonValue> tools = new ArrayList<>();
        for (ToolSpec t : r.tools()) {
            tools.add(JsonValue.Obj.builder().put("type", "function").put("name", t.name()).put("description", t.description())
                    .put("parameters", t.parameters()).build());
        }
        JsonValue choice = switch (r.toolChoice()) {
            case ToolChoice.Auto a -> new JsonValue.Str("auto");
            case ToolChoice.None n -> new JsonValue.Str("none");
            case ToolChoice.Required q -> new JsonValue.Str("required");
            case ToolChoice.Named n -> JsonValue.Obj.builder().put("type", "function").put("name", n.name()).build();
        };
        String effort = switch (r.thinking()) {
            case Thinking.Level l -> l.level();
            case Thinking.Off o -> "none";
            default -> null;
        };
        return b.put("instructions", instructions)
                .put("max_output_tokens", r.maxTokens() == null ? null : JsonValue.Num.of(r.maxTokens()))
                .put("parallel_tool_calls", true)
                .put("previous_response_id", (JsonValue) null)
                .put("reasoning", JsonValue.Obj.builder().put("effort", effort).put("summary", (JsonValue) null).build())
                .put("store", false)
                .put("temperature", r.temperature() == null ? null : JsonValue.Num.of(r.temperature()))
                .put("text", JsonValue.Obj.builder().put("format", JsonValue.Obj.builder()
                        .put("type", r.outputFormat() == aistudioproxy.chat.OutputFormat.JSON ? "json_object" : "text").build()).build())
                .put("tool_choice", choice)
                .put("tools", new JsonValue.Arr(tools))
                .put("top_p", r.topP() == null ? null : JsonValue.Num.of(r.topP()));
    }

    static JsonValue.Obj usage(Usage u) {
        return JsonValue.Obj.builder().put("input_tokens", u.promptTokens())
                .put("input_tokens_details", JsonValue.Obj.builder().put("cached_tokens", 0).build())
                .put("output_tokens", u.completionTokens())
                .put("output_tokens_details", JsonValue.Obj.builder().put("reasoning_tokens", u.reasoningTokens()).build())
                .put("total_tokens", u.totalTokens()).build();
    }
}
