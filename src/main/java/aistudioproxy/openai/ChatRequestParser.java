package aistudioproxy.openai;

import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed request body into a {@link ChatRequest}, or an {@link InvalidRequestException}
 * naming the parameter at fault. Unknown fields are ignored (clients send many); known fields of
 * the wrong type or out of range are refused.
 */
public final class ChatRequestParser {
    /** AI Studio accepts at most five stop sequences. */
    static final int MAX_STOP_SEQUENCES = 5;
    static final int MAX_OUTPUT_TOKENS = 1_000_000;
    static final Set<String> REASONING_EFFORTS = Set.of("none", "minimal", "low", "medium", "high");
    private static final Set<String> TOOL_CHOICES = Set.of("none", "auto", "required");
    private static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");

    private ChatRequestParser() {}

    public static ChatRequest parse(JsonValue body) throws InvalidRequestException {
        return parse(body, RequestLimits.DEFAULTS);
    }

    public static ChatRequest parse(JsonValue body, RequestLimits limits) throws InvalidRequestException {
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
        Long maxTokens = Fields.integer(o, "max_completion_tokens", 1, MAX_OUTPUT_TOKENS);
        if (maxTokens == null) maxTokens = Fields.integer(o, "max_tokens", 1, MAX_OUTPUT_TOKENS);
        Long n = Fields.integer(o, "n", 1, Integer.MAX_VALUE);
        if (n != null && n != 1) throw InvalidRequestException.of("n", "Only n=1 is supported: AI Studio produces one answer per run.");
        Long seed = Fields.integer(o, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        String effort = Fields.string(o, "reasoning_effort", "reasoning_effort").orElse(null);
        if (effort != null && !REASONING_EFFORTS.contains(effort)) {
            throw InvalidRequestException.of("reasoning_effort", "'reasoning_effort' must be one of " + REASONING_EFFORTS + ".");
        }
        return new ChatRequest(model.startsWith("models/") ? model.substring(7) : model, messages, stream, includeUsage,
                temperature, topP, maxTokens == null ? null : maxTokens.intValue(), stop(o), effort, tools(o),
                toolChoice(o), responseFormat(o), seed);
    }

    private static List<Message> messages(JsonValue.Obj o, RequestLimits limits) throws InvalidRequestException {
        JsonValue raw = o.present("messages").orElseThrow(() -> InvalidRequestException.of("messages", "'messages' is required."));
        if (!(raw instanceof JsonValue.Arr arr)) throw Fields.wrongType("messages", "an array", raw);
        if (arr.size() == 0) throw InvalidRequestException.of("messages", "'messages' must contain at least one message.");
        if (arr.size() > limits.maxMessages()) {
            throw InvalidRequestException.of("messages", "'messages' has " + arr.size() + " messages; this server takes at most "
                    + limits.maxMessages() + " (MAX_MESSAGES).");
        }
        List<Message> out = new ArrayList<>(arr.size());
        long chars = 0;
        int images = 0;
        for (int i = 0; i < arr.size(); i++) {
            Message m = MessageParser.parse(arr.get(i), "messages[" + i + "]");
            for (ContentPart p : m.parts()) {
                if (p instanceof ContentPart.Text t) chars += t.text().length();
                else images++;
            }
            for (ToolCall c : m.toolCalls()) chars += c.name().length() + c.argumentsJson().length();
            if (chars > limits.maxPromptChars()) {
                throw InvalidRequestException.of("messages", "The messages hold more than " + limits.maxPromptChars()
                        + " characters of text (MAX_PROMPT_CHARS).");
            }
            if (images > limits.maxImages()) {
                throw InvalidRequestException.of("messages", "The messages hold more than " + limits.maxImages() + " images (MAX_IMAGES).");
            }
            out.add(m);
        }
        if (out.stream().allMatch(m -> m.role() == Role.SYSTEM)) {
            throw InvalidRequestException.of("messages", "'messages' must contain at least one non-system message.");
        }
        return out;
    }

    private static List<String> stop(JsonValue.Obj o) throws InvalidRequestException {
        Optional<JsonValue> raw = o.present("stop");
        if (raw.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        switch (raw.get()) {
            case JsonValue.Str s -> out.add(s.value());
            case JsonValue.Arr a -> {
                for (int i = 0; i < a.size(); i++) {
                    if (!(a.get(i) instanceof JsonValue.Str s)) throw Fields.wrongType("stop[" + i + "]", "a string", a.get(i));
                    out.add(s.value());
                }
            }
            default -> throw Fields.wrongType("stop", "a string or an array of strings", raw.get());
        }
        if (out.size() > MAX_STOP_SEQUENCES) {
            throw InvalidRequestException.of("stop", "At most " + MAX_STOP_SEQUENCES + " stop sequences are supported.");
        }
        for (String s : out) if (s.isEmpty()) throw InvalidRequestException.of("stop", "Stop sequences must not be empty.");
        return out;
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
            if (!name.matches("[A-Za-z0-9_.:-]{1,64}")) {
                throw InvalidRequestException.of(p + ".function.name", "Function names are 1-64 characters of letters, digits, _ . : -");
            }
            String description = Fields.string(f, "description", p + ".function.description").orElse("");
            JsonValue params = f.present("parameters").orElse(JsonValue.Obj.builder().build());
            Fields.object(params, p + ".function.parameters");
            out.add(new ToolSpec(name, description, params));
        }
        return out;
    }

    private static JsonValue toolChoice(JsonValue.Obj o) throws InvalidRequestException {
        Optional<JsonValue> raw = o.present("tool_choice");
        if (raw.isEmpty()) return null;
        if (raw.get() instanceof JsonValue.Str s) {
            if (!TOOL_CHOICES.contains(s.value())) throw InvalidRequestException.of("tool_choice", "'tool_choice' must be one of " + TOOL_CHOICES + " or an object.");
            return s;
        }
        JsonValue.Obj choice = Fields.object(raw.get(), "tool_choice");
        JsonValue.Obj f = Fields.object(choice.present("function")
                .orElseThrow(() -> InvalidRequestException.of("tool_choice.function", "'tool_choice.function' is required.")), "tool_choice.function");
        Fields.string(f, "name", "tool_choice.function.name")
                .orElseThrow(() -> InvalidRequestException.of("tool_choice.function.name", "'tool_choice.function.name' is required."));
        return choice;
    }

    private static JsonValue responseFormat(JsonValue.Obj o) throws InvalidRequestException {
        Optional<JsonValue> raw = o.present("response_format");
        if (raw.isEmpty()) return null;
        JsonValue.Obj rf = Fields.object(raw.get(), "response_format");
        String type = Fields.string(rf, "type", "response_format.type")
                .orElseThrow(() -> InvalidRequestException.of("response_format.type", "'response_format.type' is required."));
        if (!RESPONSE_FORMATS.contains(type)) {
            throw InvalidRequestException.of("response_format.type", "'response_format.type' must be one of " + RESPONSE_FORMATS + ".");
        }
        return rf;
    }
}
