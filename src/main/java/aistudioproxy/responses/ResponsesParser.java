package aistudioproxy.responses;

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
import java.util.Set;

/**
 * A Responses body into the neutral request: {@code instructions} a system message; {@code input}
 * a string (one user message) or items: messages ({@code input_text}, {@code input_image},
 * {@code output_text}), {@code function_call} (an assistant call) and
 * {@code function_call_output} (its result); {@code reasoning} items are dropped (thoughts are
 * never sent back to the model). {@code store}, {@code include}, {@code metadata},
 * {@code parallel_tool_calls}, {@code truncation} and {@code user} are accepted and have no effect;
 * tools other than functions (OpenAI's hosted ones) are left out, with a warning in the log.
 */
final class ResponsesParser {
    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high");

    private static final System.Logger LOG = System.getLogger(ResponsesParser.class.getName());

    private ResponsesParser() {}

    static ResponsesCall parse(JsonValue body, RequestLimits limits) throws InvalidRequestException {
        if (!(body instanceof JsonValue.Obj o)) {
            throw InvalidRequestException.of(null, "The request body must be a JSON object, got " + body.typeName() + ".");
        }
        if (o.present("previous_response_id").isPresent()) {
            throw InvalidRequestException.of("previous_response_id", "This server keeps no responses: send the whole conversation as 'input' "
                    + "instead of previous_response_id.");
        }
        if (o.present("conversation").isPresent()) {
            throw InvalidRequestException.of("conversation", "This server keeps no conversations: send the whole conversation as 'input'.");
        }
        String model = Fields.requiredString(o, "model", "model");
        if (model.isBlank()) throw InvalidRequestException.of("model", "'model' must not be empty.");
        List<Message> messages = new ArrayList<>();
        String instructions = Fields.string(o, "instructions", "instructions").orElse("");
        if (!instructions.isEmpty()) messages.add(Message.text(Role.SYSTEM, instructions));
        JsonValue input = o.present("input").orElseThrow(() -> Fields.missing("input"));
        switch (input) {
            case JsonValue.Str s -> messages.add(Message.text(Role.USER, s.value()));
            case JsonValue.Arr items -> {
                if (items.size() == 0) throw InvalidRequestException.of("input", "'input' must contain at least one item.");
                MessageChecks.count(items.size(), limits, "input");
                for (int i = 0; i < items.size(); i++) item(items.get(i), "input[" + i + "]", messages);
            }
            default -> throw Fields.wrongType("input", "a string or an array of items", input);
        }
        MessageChecks.check(messages, limits, "input");
        Long maxTokens = Fields.integer(o, "max_output_tokens", 1, Fields.MAX_OUTPUT_TOKENS);
        Thinking thinking = Thinking.AUTO;
        JsonValue.Obj reasoning = Fields.optionalObject(o, "reasoning", "reasoning");
        if (reasoning != null) {
            String effort = Fields.string(reasoning, "effort", "reasoning.effort").orElse(null);
            if (effort != null && !EFFORTS.contains(effort)) {
                throw InvalidRequestException.of("reasoning.effort", "'reasoning.effort' must be one of " + EFFORTS + ".");
            }
            if (effort != null) thinking = effort.equals("none") ? Thinking.OFF : new Thinking.Level(effort);
        }
        List<ToolSpec> tools = tools(o);
        ChatRequest request = new ChatRequest(model.startsWith("models/") ? model.substring(7) : model, messages,
                Fields.bool(o, "stream").orElse(false), Fields.number(o, "temperature", 0, 2), Fields.number(o, "top_p", 0, 1),
                maxTokens == null ? null : maxTokens.intValue(), List.of(), thinking, tools, toolChoice(o, tools), format(o), null);
        return new ResponsesCall(request, instructions.isEmpty() ? null : instructions);
    }

    private static void item(JsonValue raw, String p, List<Message> out) throws InvalidRequestException {
        JsonValue.Obj it = Fields.object(raw, p);
        String type = Fields.string(it, "type", p + ".type").orElse("message");
        switch (type) {
            case "message" -> out.add(message(it, p));
            case "function_call" -> out.add(new Message(Role.ASSISTANT, List.of(), null, List.of(new ToolCall(
                    Fields.requiredString(it, "call_id", p + ".call_id"), Fields.requiredString(it, "name", p + ".name"),
                    Fields.string(it, "arguments", p + ".arguments").orElse("{}"))), null));
            case "function_call_output" -> {
                String id = Fields.requiredString(it, "call_id", p + ".call_id");
                JsonValue output = it.present("output").orElseThrow(() -> Fields.missing(p + ".output"));
                List<ContentPart> parts = output instanceof JsonValue.Str s ? List.of(new ContentPart.Text(s.value()))
                        : content(output, p + ".output", Role.TOOL);
                out.add(new Message(Role.TOOL, parts, null, List.of(), id));
            }
            case "reasoning" -> { /* thoughts are not sent back to the model */ }
            case "item_reference" -> throw InvalidRequestException.of(p + ".type", "This server keeps no items: send the item itself, not a reference.");
            default -> throw InvalidRequestException.of(p + ".type", "Unsupported input item type '" + type
                    + "'; expected message, function_call, function_call_output or reasoning.");
        }
    }

    private static Message message(JsonValue.Obj it, String p) throws InvalidRequestException {
        String roleName = Fields.requiredString(it, "role", p + ".role");
        Role role = switch (roleName) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "system", "developer" -> Role.SYSTEM;
            default -> throw InvalidRequestException.of(p + ".role", "Unknown role '" + roleName + "'; expected user, assistant, system or developer.");
        };
        JsonValue content = it.present("content").orElseThrow(() -> Fields.missing(p + ".content"));
        if (content instanceof JsonValue.Str s) return Message.text(role, s.value());
        return new Message(role, content(content, p + ".content", role), null, List.of(), null);
    }

    private static List<ContentPart> content(JsonValue raw, String p, Role role) throws InvalidRequestException {
        if (!(raw instanceof JsonValue.Arr a)) throw Fields.wrongType(p, "a string or an array of content parts", raw);
        List<ContentPart> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String pp = p + "[" + i + "]";
            JsonValue.Obj part = Fields.object(a.get(i), pp);
            String type = Fields.requiredString(part, "type", pp + ".type");
            switch (type) {
                case "input_text", "output_text", "text" -> out.add(new ContentPart.Text(Fields.requiredString(part, "text", pp + ".text")));
                case "refusal" -> out.add(new ContentPart.Text(Fields.requiredString(part, "refusal", pp + ".refusal")));
                case "input_image" -> {
                    if (role == Role.ASSISTANT || role == Role.SYSTEM) throw InvalidRequestException.of(pp, "Images are only accepted in user input.");
                    if (part.present("file_id").isPresent()) {
                        throw InvalidRequestException.of(pp + ".file_id", "Uploaded files are not kept here: send the image as image_url (a data: or https: URL).");
                    }
                    out.add(MessageChecks.image(Fields.requiredString(part, "image_url", pp + ".image_url"), pp + ".image_url"));
                }
                default -> throw InvalidRequestException.of(pp + ".type", "Unsupported content part type '" + type
                        + "'; expected input_text, input_image or output_text.");
            }
        }
        return out;
    }

    private static List<ToolSpec> tools(JsonValue.Obj o) throws InvalidRequestException {
        JsonValue.Arr arr = Fields.array(o, "tools", "tools");
        if (arr == null) return List.of();
        List<ToolSpec> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String p = "tools[" + i + "]";
            JsonValue.Obj t = Fields.object(arr.get(i), p);
            String type = Fields.requiredString(t, "type", p + ".type");
            if (!type.equals("function")) {
                // OpenAI's hosted tools (web_search, file_search, local_shell, custom...) have no AI Studio
                // counterpart; clients such as Codex send them with every request, so they are left out
                // rather than refusing the request.
                LOG.log(System.Logger.Level.WARNING, "responses_tool_dropped type={0}", type);
                continue;
            }
            String name = MessageChecks.functionName(Fields.requiredString(t, "name", p + ".name"), p + ".name");
            out.add(new ToolSpec(name, Fields.string(t, "description", p + ".description").orElse(""), Fields.schema(t, "parameters", p + ".parameters")));
        }
        return out;
    }

    private static ToolChoice toolChoice(JsonValue.Obj o, List<ToolSpec> tools) throws InvalidRequestException {
        JsonValue raw = o.present("tool_choice").orElse(null);
        if (raw == null) return ToolChoice.AUTO;
        if (raw instanceof JsonValue.Str s) {
            return switch (s.value()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> new ToolChoice.None();
                case "required" -> new ToolChoice.Required();
                default -> throw InvalidRequestException.of("tool_choice", "'tool_choice' must be auto, none, required or a function.");
            };
        }
        JsonValue.Obj c = Fields.object(raw, "tool_choice");
        String type = Fields.requiredString(c, "type", "tool_choice.type");
        if (!type.equals("function")) throw InvalidRequestException.of("tool_choice.type", "Only function tool choices are supported.");
        String name = Fields.requiredString(c, "name", "tool_choice.name");
        MessageChecks.declaredTool(name, tools, "tool_choice.name");
        return new ToolChoice.Named(name);
    }

    private static OutputFormat format(JsonValue.Obj o) throws InvalidRequestException {
        JsonValue.Obj text = Fields.optionalObject(o, "text", "text");
        if (text == null) return OutputFormat.TEXT;
        JsonValue.Obj f = Fields.optionalObject(text, "format", "text.format");
        if (f == null) return OutputFormat.TEXT;
        String type = Fields.requiredString(f, "type", "text.format.type");
        return switch (type) {
            case "text" -> OutputFormat.TEXT;
            case "json_object", "json_schema" -> OutputFormat.JSON;
            default -> throw InvalidRequestException.of("text.format.type", "'text.format.type' must be text, json_object or json_schema.");
        };
    }
}
