package aistudioproxy.anthropic;

import aistudioproxy.api.Fields;
import aistudioproxy.api.MessageChecks;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.ContentPart;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.Message;
import aistudioproxy.chat.OutputFormat;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.chat.Role;
import aistudioproxy.chat.Thinking;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.chat.ToolChoice;
import aistudioproxy.chat.ToolSpec;
import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * A Messages body into the neutral request. {@code system} (a string or text blocks) becomes a
 * system message. A user turn's {@code tool_result} blocks become tool messages (answering the
 * {@code tool_use} of that id), its other blocks a user message after them; an assistant turn's
 * {@code tool_use} blocks are its calls and its {@code thinking} blocks are dropped (thoughts are
 * never sent back to the model). {@code cache_control}, {@code metadata}, {@code top_k} and
 * {@code service_tier} are accepted and have no effect.
 */
final class MessagesParser {
    private MessagesParser() {}

    /** {@code requireMaxTokens}: the Messages API requires it; count_tokens does not. */
    static MessagesCall parse(JsonValue body, RequestLimits limits, boolean requireMaxTokens) throws InvalidRequestException {
        if (!(body instanceof JsonValue.Obj o)) {
            throw InvalidRequestException.of(null, "The request body must be a JSON object, got " + body.typeName() + ".");
        }
        String model = Fields.requiredString(o, "model", "model");
        if (model.isBlank()) throw InvalidRequestException.of("model", "'model' must not be empty.");
        Long maxTokens = Fields.integer(o, "max_tokens", 1, Fields.MAX_OUTPUT_TOKENS);
        if (maxTokens == null && requireMaxTokens) throw Fields.missing("max_tokens");
        List<Message> messages = new ArrayList<>();
        system(o, messages);
        JsonValue.Arr arr = Fields.array(o, "messages", "messages");
        if (arr == null) throw Fields.missing("messages");
        if (arr.size() == 0) throw InvalidRequestException.of("messages", "'messages' must contain at least one message.");
        MessageChecks.count(arr.size(), limits, "messages");
        for (int i = 0; i < arr.size(); i++) turn(arr.get(i), "messages[" + i + "]", messages);
        MessageChecks.check(messages, limits, "messages");
        Double temperature = Fields.number(o, "temperature", 0, 1);
        Double topP = Fields.number(o, "top_p", 0, 1);
        Thinking thinking = Thinking.AUTO;
        boolean showThinking = false;
        JsonValue.Obj t = Fields.optionalObject(o, "thinking", "thinking");
        if (t != null) {
            String type = Fields.requiredString(t, "type", "thinking.type");
            switch (type) {
                case "enabled" -> {
                    Long budget = Fields.integer(t, "budget_tokens", "thinking.budget_tokens", 1024, Fields.MAX_OUTPUT_TOKENS);
                    if (budget == null) throw Fields.missing("thinking.budget_tokens");
                    if (maxTokens != null && budget >= maxTokens) {
                        throw InvalidRequestException.of("thinking.budget_tokens", "'thinking.budget_tokens' must be less than 'max_tokens'.");
                    }
                    thinking = new Thinking.Budget(budget.intValue());
                    showThinking = true;
                }
                case "adaptive" -> showThinking = true;
                case "disabled" -> thinking = Thinking.OFF;
                default -> throw InvalidRequestException.of("thinking.type", "'thinking.type' must be enabled, adaptive or disabled.");
            }
        }
        List<ToolSpec> tools = tools(o);
        ChatRequest request = new ChatRequest(model, messages, Fields.bool(o, "stream").orElse(false), temperature, topP,
                maxTokens == null ? null : maxTokens.intValue(), Fields.stopSequences(o, "stop_sequences", "stop_sequences"),
                thinking, tools, toolChoice(o, tools), OutputFormat.TEXT, null);
        return new MessagesCall(request, showThinking);
    }

    private static void system(JsonValue.Obj o, List<Message> out) throws InvalidRequestException {
        JsonValue raw = o.present("system").orElse(null);
        if (raw == null) return;
        switch (raw) {
            case JsonValue.Str s -> {
                if (!s.value().isEmpty()) out.add(Message.text(Role.SYSTEM, s.value()));
            }
            case JsonValue.Arr a -> {
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    String p = "system[" + i + "]";
                    JsonValue.Obj block = Fields.object(a.get(i), p);
                    String type = Fields.requiredString(block, "type", p + ".type");
                    if (!type.equals("text")) throw InvalidRequestException.of(p + ".type", "System blocks must be of type 'text'.");
                    texts.add(Fields.requiredString(block, "text", p + ".text"));
                }
                if (!texts.isEmpty()) out.add(Message.text(Role.SYSTEM, String.join("\n\n", texts)));
            }
            default -> throw Fields.wrongType("system", "a string or an array of text blocks", raw);
        }
    }

    private static void turn(JsonValue raw, String p, List<Message> out) throws InvalidRequestException {
        JsonValue.Obj m = Fields.object(raw, p);
        String roleName = Fields.requiredString(m, "role", p + ".role");
        Role role = switch (roleName) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> throw InvalidRequestException.of(p + ".role", "Unknown role '" + roleName + "'; expected user or assistant.");
        };
        JsonValue content = m.present("content").orElseThrow(() -> Fields.missing(p + ".content"));
        if (content instanceof JsonValue.Str s) {
            out.add(Message.text(role, s.value()));
            return;
        }
        if (!(content instanceof JsonValue.Arr blocks)) throw Fields.wrongType(p + ".content", "a string or an array of content blocks", content);
        List<ContentPart> parts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String pp = p + ".content[" + i + "]";
            JsonValue.Obj b = Fields.object(blocks.get(i), pp);
            String type = Fields.requiredString(b, "type", pp + ".type");
            switch (type) {
                case "text" -> parts.add(new ContentPart.Text(Fields.requiredString(b, "text", pp + ".text")));
                case "image" -> {
                    if (role != Role.USER) throw InvalidRequestException.of(pp, "Images are only accepted in user messages.");
                    parts.add(image(b, pp));
                }
                case "tool_use" -> {
                    if (role != Role.ASSISTANT) throw InvalidRequestException.of(pp, "tool_use blocks belong in assistant messages.");
                    String name = Fields.requiredString(b, "name", pp + ".name");
                    JsonValue input = b.present("input").orElse(JsonValue.Obj.builder().build());
                    Fields.object(input, pp + ".input");
                    calls.add(new ToolCall(Fields.requiredString(b, "id", pp + ".id"), name, input.write()));
                }
                case "tool_result" -> {
                    if (role != Role.USER) throw InvalidRequestException.of(pp, "tool_result blocks belong in user messages.");
                    out.add(toolResult(b, pp));
                }
                case "thinking", "redacted_thinking" -> { /* thoughts are not sent back to the model */ }
                default -> throw InvalidRequestException.of(pp + ".type", "Unsupported content block type '" + type
                        + "'; expected text, image, tool_use, tool_result or thinking.");
            }
        }
        if (!parts.isEmpty() || !calls.isEmpty()) out.add(new Message(role, parts, null, calls, null));
        else if (role == Role.ASSISTANT && blocks.size() == 0) out.add(Message.text(role, ""));
    }

    private static Message toolResult(JsonValue.Obj b, String pp) throws InvalidRequestException {
        String id = Fields.requiredString(b, "tool_use_id", pp + ".tool_use_id");
        boolean error = Fields.bool(b, "is_error", pp + ".is_error").orElse(false);
        List<ContentPart> parts = new ArrayList<>();
        JsonValue content = b.present("content").orElse(new JsonValue.Str(""));
        switch (content) {
            case JsonValue.Str s -> parts.add(new ContentPart.Text(s.value()));
            case JsonValue.Arr a -> {
                for (int i = 0; i < a.size(); i++) {
                    String p = pp + ".content[" + i + "]";
                    JsonValue.Obj block = Fields.object(a.get(i), p);
                    String type = Fields.requiredString(block, "type", p + ".type");
                    switch (type) {
                        case "text" -> parts.add(new ContentPart.Text(Fields.requiredString(block, "text", p + ".text")));
                        case "image" -> parts.add(image(block, p));
                        default -> throw InvalidRequestException.of(p + ".type", "Tool results hold text and image blocks, got '" + type + "'.");
                    }
                }
            }
            default -> throw Fields.wrongType(pp + ".content", "a string or an array of blocks", content);
        }
        if (error) parts.addFirst(new ContentPart.Text("(the tool reported an error)"));
        return new Message(Role.TOOL, parts, null, List.of(), id);
    }

    private static ContentPart.Image image(JsonValue.Obj b, String pp) throws InvalidRequestException {
        JsonValue.Obj source = Fields.optionalObject(b, "source", pp + ".source");
        if (source == null) throw Fields.missing(pp + ".source");
        String type = Fields.requiredString(source, "type", pp + ".source.type");
        return switch (type) {
            case "base64" -> MessageChecks.base64Image(Fields.requiredString(source, "media_type", pp + ".source.media_type"),
                    Fields.requiredString(source, "data", pp + ".source.data"), pp + ".source");
            case "url" -> MessageChecks.image(Fields.requiredString(source, "url", pp + ".source.url"), pp + ".source.url");
            default -> throw InvalidRequestException.of(pp + ".source.type", "Image sources are base64 or url, got '" + type + "'.");
        };
    }

    private static List<ToolSpec> tools(JsonValue.Obj o) throws InvalidRequestException {
        JsonValue.Arr arr = Fields.array(o, "tools", "tools");
        if (arr == null) return List.of();
        List<ToolSpec> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String p = "tools[" + i + "]";
            JsonValue.Obj t = Fields.object(arr.get(i), p);
            String type = Fields.string(t, "type", p + ".type").orElse("custom");
            if (!type.equals("custom")) {
                throw InvalidRequestException.of(p + ".type", "Only client tools (with an input_schema) are supported; '" + type
                        + "' is one of Anthropic's own tools.");
            }
            String name = MessageChecks.functionName(Fields.requiredString(t, "name", p + ".name"), p + ".name");
            String description = Fields.string(t, "description", p + ".description").orElse("");
            if (t.present("input_schema").isEmpty()) throw Fields.missing(p + ".input_schema");
            out.add(new ToolSpec(name, description, Fields.schema(t, "input_schema", p + ".input_schema")));
        }
        return out;
    }

    private static ToolChoice toolChoice(JsonValue.Obj o, List<ToolSpec> tools) throws InvalidRequestException {
        JsonValue.Obj c = Fields.optionalObject(o, "tool_choice", "tool_choice");
        if (c == null) return ToolChoice.AUTO;
        String type = Fields.requiredString(c, "type", "tool_choice.type");
        return switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> new ToolChoice.Required();
            case "none" -> new ToolChoice.None();
            case "tool" -> {
                String name = Fields.requiredString(c, "name", "tool_choice.name");
                MessageChecks.declaredTool(name, tools, "tool_choice.name");
                yield new ToolChoice.Named(name);
            }
            default -> throw InvalidRequestException.of("tool_choice.type", "'tool_choice.type' must be auto, any, tool or none.");
        };
    }
}
