package aistudioproxy.openai;

import aistudioproxy.api.Fields;
import aistudioproxy.api.MessageChecks;
import aistudioproxy.chat.ContentPart;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.Message;
import aistudioproxy.chat.Role;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses one entry of {@code messages}: role, string or part-array content, tool calls. */
final class MessageParser {
    private MessageParser() {}

    static Message parse(JsonValue raw, String p) throws InvalidRequestException {
        JsonValue.Obj m = Fields.object(raw, p);
        String roleName = Fields.string(m, "role", p + ".role")
                .orElseThrow(() -> InvalidRequestException.of(p + ".role", "'" + p + ".role' is required."));
        Role role = Role.parse(roleName);
        if (role == null) {
            throw InvalidRequestException.of(p + ".role", "Unknown role '" + roleName + "'; expected system, developer, user, assistant or tool.");
        }
        List<ToolCall> toolCalls = role == Role.ASSISTANT ? toolCalls(m, p) : List.of();
        List<ContentPart> parts = content(m, p, role, !toolCalls.isEmpty());
        String name = Fields.string(m, "name", p + ".name").orElse(null);
        String toolCallId = Fields.string(m, "tool_call_id", p + ".tool_call_id").orElse(null);
        return new Message(role, parts, name, toolCalls, toolCallId);
    }

    private static List<ContentPart> content(JsonValue.Obj m, String p, Role role, boolean hasToolCalls) throws InvalidRequestException {
        Optional<JsonValue> raw = m.present("content");
        if (raw.isEmpty()) {
            if (role == Role.ASSISTANT && hasToolCalls) return List.of();
            throw InvalidRequestException.of(p + ".content", "'" + p + ".content' is required.");
        }
        return switch (raw.get()) {
            case JsonValue.Str s -> List.of(new ContentPart.Text(s.value()));
            case JsonValue.Arr a -> parts(a, p + ".content", role);
            default -> throw Fields.wrongType(p + ".content", "a string or an array of content parts", raw.get());
        };
    }

    private static List<ContentPart> parts(JsonValue.Arr a, String p, Role role) throws InvalidRequestException {
        List<ContentPart> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String pp = p + "[" + i + "]";
            JsonValue.Obj part = Fields.object(a.get(i), pp);
            String type = Fields.string(part, "type", pp + ".type")
                    .orElseThrow(() -> InvalidRequestException.of(pp + ".type", "'" + pp + ".type' is required."));
            switch (type) {
                case "text" -> out.add(new ContentPart.Text(Fields.string(part, "text", pp + ".text")
                        .orElseThrow(() -> InvalidRequestException.of(pp + ".text", "'" + pp + ".text' is required."))));
                case "image_url" -> {
                    if (role != Role.USER) throw InvalidRequestException.of(pp, "Images are only accepted in user messages.");
                    out.add(image(part, pp));
                }
                default -> throw InvalidRequestException.of(pp + ".type", "Unsupported content part type '" + type + "'; expected text or image_url.");
            }
        }
        return out;
    }

    private static ContentPart.Image image(JsonValue.Obj part, String pp) throws InvalidRequestException {
        JsonValue raw = part.present("image_url")
                .orElseThrow(() -> InvalidRequestException.of(pp + ".image_url", "'" + pp + ".image_url' is required."));
        String url = switch (raw) {
            case JsonValue.Str s -> s.value();
            case JsonValue.Obj o -> Fields.string(o, "url", pp + ".image_url.url")
                    .orElseThrow(() -> InvalidRequestException.of(pp + ".image_url.url", "'" + pp + ".image_url.url' is required."));
            default -> throw Fields.wrongType(pp + ".image_url", "an object", raw);
        };
        return MessageChecks.image(url, pp + ".image_url.url");
    }

    private static List<ToolCall> toolCalls(JsonValue.Obj m, String p) throws InvalidRequestException {
        Optional<JsonValue> raw = m.present("tool_calls");
        if (raw.isEmpty()) return List.of();
        if (!(raw.get() instanceof JsonValue.Arr arr)) throw Fields.wrongType(p + ".tool_calls", "an array", raw.get());
        List<ToolCall> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String pp = p + ".tool_calls[" + i + "]";
            JsonValue.Obj call = Fields.object(arr.get(i), pp);
            JsonValue.Obj f = Fields.object(call.present("function")
                    .orElseThrow(() -> InvalidRequestException.of(pp + ".function", "'" + pp + ".function' is required.")), pp + ".function");
            String name = Fields.string(f, "name", pp + ".function.name")
                    .orElseThrow(() -> InvalidRequestException.of(pp + ".function.name", "'" + pp + ".function.name' is required."));
            String args = Fields.string(f, "arguments", pp + ".function.arguments").orElse("{}");
            out.add(new ToolCall(Fields.string(call, "id", pp + ".id").orElse("call_" + i), name, args));
        }
        return out;
    }
}
