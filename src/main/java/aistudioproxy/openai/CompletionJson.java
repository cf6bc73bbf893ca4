package aistudioproxy.openai;

import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.chat.Usage;
import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code chat.completion} (non-stream) and {@code chat.completion.chunk} (stream) objects.
 * One instance per answer: it fixes the id, creation time and model every chunk repeats.
 */
public final class CompletionJson {
    private final String id;
    private final long created;
    private final String model;

    public CompletionJson(String id, long createdEpochSeconds, String model) {
        this.id = id;
        this.created = createdEpochSeconds;
        this.model = model;
    }

    /** The complete non-stream answer. */
    public JsonValue.Obj completion(String content, String reasoning, List<ToolCall> toolCalls, FinishReason finish, Usage usage) {
        JsonValue.Builder message = JsonValue.Obj.builder().put("role", "assistant")
                .put("content", content.isEmpty() && !toolCalls.isEmpty() ? null : content);
        if (!reasoning.isEmpty()) message.put("reasoning_content", reasoning);
        if (!toolCalls.isEmpty()) message.put("tool_calls", toolCallsJson(toolCalls, false));
        JsonValue.Obj choice = JsonValue.Obj.builder()
                .put("index", 0)
                .put("message", message.build())
                .put("logprobs", (JsonValue) null)
                .put("finish_reason", wire(finish))
                .build();
        return head("chat.completion")
                .put("choices", new JsonValue.Arr(List.of(choice)))
                .put("usage", usage(usage))
                .build();
    }

    public JsonValue.Obj roleChunk() {
        return chunk(JsonValue.Obj.builder().put("role", "assistant").put("content", "").build(), null);
    }

    public JsonValue.Obj contentChunk(String text) {
        return chunk(JsonValue.Obj.builder().put("content", text).build(), null);
    }

    public JsonValue.Obj reasoningChunk(String text) {
        return chunk(JsonValue.Obj.builder().put("reasoning_content", text).build(), null);
    }

    /** One tool call delivered whole in one chunk, at position {@code index} of the answer's calls. */
    public JsonValue.Obj toolCallChunk(int index, ToolCall call) {
        JsonValue.Obj entry = toolCallJson(call, index, true);
        return chunk(JsonValue.Obj.builder().put("tool_calls", new JsonValue.Arr(List.of(entry))).build(), null);
    }

    public JsonValue.Obj finishChunk(FinishReason finish) {
        return chunk(JsonValue.Obj.builder().build(), finish);
    }

    /** The extra chunk sent when {@code stream_options.include_usage} is set: no choices, just usage. */
    public JsonValue.Obj usageChunk(Usage usage) {
        return head("chat.completion.chunk")
                .put("choices", new JsonValue.Arr(List.of()))
                .put("usage", usage(usage))
                .build();
    }

    private JsonValue.Obj chunk(JsonValue.Obj delta, FinishReason finish) {
        JsonValue.Obj choice = JsonValue.Obj.builder()
                .put("index", 0)
                .put("delta", delta)
                .put("logprobs", (JsonValue) null)
                .put("finish_reason", finish == null ? null : wire(finish))
                .build();
        return head("chat.completion.chunk").put("choices", new JsonValue.Arr(List.of(choice))).build();
    }

    /** OpenAI's names: a stop sequence is a plain stop. */
    static String wire(FinishReason finish) {
        return switch (finish) {
            case STOP, STOP_SEQUENCE -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    static JsonValue.Obj usage(Usage usage) {
        return JsonValue.Obj.builder()
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.totalTokens())
                .put("completion_tokens_details", JsonValue.Obj.builder().put("reasoning_tokens", usage.reasoningTokens()).build())
                .build();
    }

    private JsonValue.Builder head(String object) {
        return JsonValue.Obj.builder()
                .put("id", id)
                .put("object", object)
                .put("created", created)
                .put("model", model)
                .put("system_fingerprint", (JsonValue) null);
    }

    private static JsonValue.Arr toolCallsJson(List<ToolCall> calls, boolean withIndex) {
        List<JsonValue> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) out.add(toolCallJson(calls.get(i), i, withIndex));
        return new JsonValue.Arr(out);
    }

    private static JsonValue.Obj toolCallJson(ToolCall call, int index, boolean withIndex) {
        JsonValue.Builder b = JsonValue.Obj.builder();
        if (withIndex) b.put("index", index);
        return b.put("id", call.id())
                .put("type", "function")
                .put("function", JsonValue.Obj.builder().put("name", call.name()).put("arguments", call.argumentsJson()).build())
                .build();
    }
}
