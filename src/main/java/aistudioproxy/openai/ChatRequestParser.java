package aistudioproxy.openai;

import aistudioproxy.api.Fields;
import aistudioproxy.api.MessageChecks;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.Message;
import aistudioproxy.chat.OutputFormat;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.chat.Thinking;
import aistudioproxy.chat.ToolChoice;
import aistudioproxy.chat.ToolSpec;
import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@code /v1/chat/completions} body into a {@link ChatCompletionsCall}, or an
 * {@link InvalidRequestException} naming the parameter at fault. Unknown fields are ignored
 * (clients send many); known fields of the wrong type or out of range are refused.
 */
public final class ChatRequestParser {
    static final Set<String> REASONING_EFFORTS = Set.of("none", "minimal", "low", "medium", "high");
    private static final Set<String> TOOL_CHOICES = Set.of("none", "auto", "required");
    private static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");

    private ChatRequestParser() {}

    public static ChatRequest parse(JsonValue body) throws InvalidRequestException {
        return parse(body, RequestLimits.DEFAULTS).request();
    }

    public static ChatCompletionsCall parse(JsonValue body, RequestLimits limits) throws InvalidRequestException {
        if (!(body instanceof JsonValue.Obj o)) {
            throw InvalidRequestException.of(null, "The request body must be a JSON object, got " + body.typeName() + ".");
        }
        String model = Fields.string(o, "model", "model")
                .orElseThrow(() -> InvalidRequestException.of("model", "You must provide a model parameter."));
        if (model.isBlank()) throw InvalidRequestException.of("model", "'model' must not be empty.");
        List<Message> messages = messages(o, limits);
        boolean stream = Fields.bool(o, "stream").orElse(false);
        boolean includeUsage = false;
        Optional<JsonValue> streamOptions = o.present("stream_options");
        if (streamOptions.isPresent()) {
            includeUsage = Fields.bool(Fields.object(streamOptions.get(), "stream_options"), "include_usage").orElse(false);
        }
        Double temperature = Fields.number(o, "temperature", 0, 2);
        Double topP = Fields.number(o, "top_p", 0, 1);
        Long maxTokens = Fields.integer(o, "max_completion_tokens", 1, Fields.MAX_OUTPUT_TOKENS);
        if (maxTokens == null) maxTokens = Fields.integer(o, "max_tokens", 1, Fields.MAX_OUTPUT_TOKENS);
        Long n = Fields.integer(o, "n", 1, Integer.MAX_VALUE);
        if (n != null && n != 1) throw InvalidRequestException.of("n", "Only n=1 is supported: AI Studio produces one answer per run.");
        Long seed = Fields.integer(o, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        String effort = Fields.string(o, "reasoning_effort", "reasoning_effort").orElse(null);
        if (effort != null && !REASONING_EFFORTS.contains(effort)) {
            throw InvalidRequestException.of("reasoning_effort", "'reasoning_effort' must be one of " + REASONING_EFFORTS + ".");
        }
        ChatRequest request = new ChatRequest(model.startsWith("models/") ? model.substring(7) : model, messages, stream,
                temperature, topP, maxTokens == null ? null : maxTokens.intValue(), Fields.stopSequences(o, "stop", "stop"),
                thinking(effort), tools(o), toolChoice(o), responseFormat(o), seed);
        return new ChatCompletionsCall(request, includeUsage);
    }

    /** {@code reasoning_effort}, shared with the Responses API's {@code reasoning.effort}: none is off, the rest levels. */
    static Thinking thinking(String effort) {
        if (effort == null) return Thinking.AUTO;
        return effort.equals("none") ? Thinking.OFF : new Thinking.Level(effort);
    }

    private static List<Message> messages(JsonValue.Obj o, RequestLimits limits) throws InvalidRequestException {
        JsonValue raw = o.present("messages").orElseThrow(() -> InvalidRequestException.of("messages", "'messages' is required."));
        if (!(raw instanceof JsonValue.Arr arr)) throw Fields.wrongType("messages", "an array", raw);
        if (arr.size() == 0) throw InvalidRequestException.of("messages", "'messages' must contain at least one message.");
        MessageChecks.count(arr.size(), limits, "messages");
        List<Message> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) out.add(MessageParser.parse(arr.get(i), "messages[" + i + "]"));
        return MessageChecks.check(out, limits, "messages");
    }

    private static List<ToolSpec> tools(JsonValue.Obj o) throws InvalidRequestException {
        Optional<JsonValue> raw = o.present("tools");
        if (raw.isEmpty()) return List.of();
        if (!(raw.get() instanceof JsonValue.Arr arr)) throw Fields.wrongType("tools", "an array", raw.get());
        List<ToolSpec> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String p = "tools[" + i + "]";
            JsonValue.Obj t = Fields.object(arr.get(i), p);
            String type = Fields.string(t, "type", p + ".type").orElse("function");
            if (!type.equals("function")) throw InvalidRequestException.of(p + ".type", "Only tools of type 'function' are supported.");
            JsonValue.Obj f = Fields.object(t.present("function")
                    .orElseThrow(() -> InvalidRequestException.of(p + ".function", "'" + p + ".function' is required.")), p + ".function");
            String name = Fields.string(f, "name", p + ".function.name")
                    .orElseThrow(() -> InvalidRequestException.of(p + ".function.name", "'" + p + ".function.name' is required."));
            MessageChecks.functionName(name, p + ".function.name");
            String description = Fields.string(f, "description", p + ".function.description").orElse("");
            out.add(new ToolSpec(name, description, Fields.schema(f, "parameters", p + ".function.parameters")));
        }
        return out;
    }

    private static ToolChoice toolChoice(JsonValue.Obj o) throws InvalidRequestException {
        Optional<JsonValue> raw = o.present("tool_choice");
        if (raw.isEmpty()) return ToolChoice.AUTO;
        if (raw.get() instanceof JsonValue.Str s) {
            if (!TOOL_CHOICES.contains(s.value())) throw InvalidRequestException.of("tool_choice", "'tool_choice' must be one of " + TOOL_CHOICES + " or an object.");
            return namedChoice(s.value());
        }
        JsonValue.Obj choice = Fields.object(raw.get(), "tool_choice");
        JsonValue.Obj f = Fields.object(choice.present("function")
                .orElseThrow(() -> InvalidRequestException.of("tool_choice.function", "'tool_choice.function' is required.")), "tool_choice.function");
        return new ToolChoice.Named(Fields.requiredString(f, "name", "tool_choice.function.name"));
    }

    /** The string forms, shared with the Responses API. */
    static ToolChoice namedChoice(String s) {
        return switch (s) {
            case "none" -> new ToolChoice.None();
            case "required" -> new ToolChoice.Required();
            default -> ToolChoice.AUTO;
        };
    }

    private static OutputFormat responseFormat(JsonValue.Obj o) throws InvalidRequestException {
        Optional<JsonValue> raw = o.present("response_format");
        if (raw.isEmpty()) return OutputFormat.TEXT;
        JsonValue.Obj rf = Fields.object(raw.get(), "response_format");
        String type = Fields.string(rf, "type", "response_format.type")
                .orElseThrow(() -> InvalidRequestException.of("response_format.type", "'response_format.type' is required."));
        if (!RESPONSE_FORMATS.contains(type)) {
            throw InvalidRequestException.of("response_format.type", "'response_format.type' must be one of " + RESPONSE_FORMATS + ".");
        }
        return type.equals("text") ? OutputFormat.TEXT : OutputFormat.JSON;
    }
}
