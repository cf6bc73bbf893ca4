package aistudioproxy.gemini;

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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code generateContent} body into the neutral request. Field names are read in both of the
 * spellings Google's JSON accepts ({@code systemInstruction} and {@code system_instruction}).
 * Parts: {@code text} ({@code thought} parts sent back are dropped), {@code inlineData} images,
 * {@code fileData} with an http(s) URI, {@code functionCall} (a model turn's call) and
 * {@code functionResponse} (its result; without ids a result answers the latest call of its name).
 * {@code safetySettings}, {@code cachedContent} and {@code topK} are accepted and have no effect.
 */
final class GeminiParser {
    private GeminiParser() {}

    /** A member by its camelCase name or its snake_case twin. */
    static Optional<JsonValue> field(JsonValue.Obj o, String camel) {
        Optional<JsonValue> v = o.present(camel);
        return v.isPresent() ? v : o.present(snake(camel));
    }

    static GeminiCall parse(String model, JsonValue body, RequestLimits limits, boolean stream, boolean sse) throws InvalidRequestException {
        if (!(body instanceof JsonValue.Obj o)) {
            throw InvalidRequestException.of(null, "The request body must be a JSON object, got " + body.typeName() + ".");
        }
        List<Message> messages = new ArrayList<>();
        Optional<JsonValue> system = field(o, "systemInstruction");
        if (system.isPresent()) {
            String text = switch (system.get()) {
                case JsonValue.Str s -> s.value();
                default -> textOf(Fields.object(system.get(), "systemInstruction"), "systemInstruction");
            };
            if (!text.isEmpty()) messages.add(Message.text(Role.SYSTEM, text));
        }
        JsonValue raw = o.present("contents").orElseThrow(() -> Fields.missing("contents"));
        if (!(raw instanceof JsonValue.Arr contents)) throw Fields.wrongType("contents", "an array", raw);
        if (contents.size() == 0) throw InvalidRequestException.of("contents", "'contents' must not be empty.");
        MessageChecks.count(contents.size(), limits, "contents");
        Map<String, ArrayDeque<String>> openCalls = new HashMap<>();
        for (int i = 0; i < contents.size(); i++) content(Fields.object(contents.get(i), "contents[" + i + "]"), "contents[" + i + "]", messages, openCalls);
        MessageChecks.check(messages, limits, "contents");

        JsonValue.Obj cfg = field(o, "generationConfig").isPresent() ? Fields.object(field(o, "generationConfig").get(), "generationConfig") : null;
        Double temperature = null, topP = null;
        Long maxTokens = null;
        List<String> stop = List.of();
        Thinking thinking = Thinking.AUTO;
        boolean showThoughts = false;
        OutputFormat format = OutputFormat.TEXT;
        if (cfg != null) {
            JsonValue.Obj c = renamed(cfg);
            temperature = Fields.number(c, "temperature", "generationConfig.temperature", 0, 2);
            topP = Fields.number(c, "topP", "generationConfig.topP", 0, 1);
            maxTokens = Fields.integer(c, "maxOutputTokens", "generationConfig.maxOutputTokens", 1, Fields.MAX_OUTPUT_TOKENS);
            stop = Fields.stopSequences(c, "stopSequences", "generationConfig.stopSequences");
            Long candidates = Fields.integer(c, "candidateCount", "generationConfig.candidateCount", 1, Integer.MAX_VALUE);
            if (candidates != null && candidates != 1) {
                throw InvalidRequestException.of("generationConfig.candidateCount", "Only candidateCount 1 is supported: AI Studio produces one answer per run.");
            }
            String mime = Fields.string(c, "responseMimeType", "generationConfig.responseMimeType").orElse("text/plain");
            if (mime.equals("application/json") || c.present("responseSchema").isPresent() || c.present("responseJsonSchema").isPresent()) {
                format = OutputFormat.JSON;
            } else if (!mime.equals("text/plain")) {
                throw InvalidRequestException.of("generationConfig.responseMimeType", "'responseMimeType' must be text/plain or application/json.");
            }
            Optional<JsonValue> tc = c.present("thinkingConfig");
            if (tc.isPresent()) {
                JsonValue.Obj t = renamed(Fields.object(tc.get(), "generationConfig.thinkingConfig"));
                showThoughts = Fields.bool(t, "includeThoughts", "generationConfig.thinkingConfig.includeThoughts").orElse(false);
                Long budget = Fields.integer(t, "thinkingBudget", "generationConfig.thinkingConfig.thinkingBudget", -1, Fields.MAX_OUTPUT_TOKENS);
                String level = Fields.string(t, "thinkingLevel", "generationConfig.thinkingConfig.thinkingLevel").orElse(null);
                if (budget != null && level != null) {
                    throw InvalidRequestException.of("generationConfig.thinkingConfig", "Send thinkingBudget or thinkingLevel, not both.");
                }
                if (budget != null) thinking = budget == -1 ? Thinking.AUTO : budget == 0 ? Thinking.OFF : new Thinking.Budget(budget.intValue());
                if (level != null) {
                    String l = level.toLowerCase(Locale.ROOT);
                    if (!Thinking.Level.NAMES.contains(l)) {
                        throw InvalidRequestException.of("generationConfig.thinkingConfig.thinkingLevel", "'thinkingLevel' must be minimal, low, medium or high.");
                    }
                    thinking = new Thinking.Level(l);
                }
            }
        }
        List<ToolSpec> tools = tools(o);
        ChatRequest request = new ChatRequest(model.startsWith("models/") ? model.substring(7) : model, messages, stream,
                temperature, topP, maxTokens == null ? null : maxTokens.intValue(), stop, thinking, tools, toolChoice(o, tools), format, null);
        return new GeminiCall(request, showThoughts, sse);
    }

    private static void content(JsonValue.Obj c, String p, List<Message> out, Map<String, ArrayDeque<String>> openCalls) throws InvalidRequestException {
        String roleName = Fields.string(c, "role", p + ".role").orElse("user");
        Role role = switch (roleName) {
            case "user", "function", "tool" -> Role.USER;
            case "model" -> Role.ASSISTANT;
            default -> throw InvalidRequestException.of(p + ".role", "Unknown role '" + roleName + "'; expected user or model.");
        };
        JsonValue raw = c.present("parts").orElseThrow(() -> Fields.missing(p + ".parts"));
        if (!(raw instanceof JsonValue.Arr parts)) throw Fields.wrongType(p + ".parts", "an array", raw);
        List<ContentPart> content = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String pp = p + ".parts[" + i + "]";
            JsonValue.Obj part = Fields.object(parts.get(i), pp);
            if (part.present("text").isPresent()) {
                String text = Fields.requiredString(part, "text", pp + ".text");
                if (!Fields.bool(part, "thought", pp + ".thought").orElse(false)) content.add(new ContentPart.Text(text));
            } else if (field(part, "inlineData").isPresent()) {
                JsonValue.Obj d = renamed(Fields.object(field(part, "inlineData").get(), pp + ".inlineData"));
                if (role != Role.USER) throw InvalidRequestException.of(pp, "Images are only accepted in user turns.");
                content.add(MessageChecks.base64Image(Fields.requiredString(d, "mimeType", pp + ".inlineData.mimeType"),
                        Fields.requiredString(d, "data", pp + ".inlineData.data"), pp + ".inlineData"));
            } else if (field(part, "fileData").isPresent()) {
                JsonValue.Obj d = renamed(Fields.object(field(part, "fileData").get(), pp + ".fileData"));
                if (role != Role.USER) throw InvalidRequestException.of(pp, "Images are only accepted in user turns.");
                String uri = Fields.requiredString(d, "fileUri", pp + ".fileData.fileUri");
                if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
                    throw InvalidRequestException.of(pp + ".fileData.fileUri", "Only http(s) file URIs can be fetched here (uploaded files are not kept); send the image as inlineData.");
                }
                content.add(MessageChecks.image(uri, pp + ".fileData.fileUri"));
            } else if (field(part, "functionCall").isPresent()) {
                if (role != Role.ASSISTANT) throw InvalidRequestException.of(pp, "functionCall parts belong in model turns.");
                JsonValue.Obj f = Fields.object(field(part, "functionCall").get(), pp + ".functionCall");
                String name = Fields.requiredString(f, "name", pp + ".functionCall.name");
                JsonValue args = f.present("args").orElse(JsonValue.Obj.builder().build());
                Fields.object(args, pp + ".functionCall.args");
                String id = Fields.string(f, "id", pp + ".functionCall.id").orElse("call_" + out.size() + "_" + i);
                openCalls.computeIfAbsent(name, k -> new ArrayDeque<>()).addLast(id);
                calls.add(new ToolCall(id, name, args.write()));
            } else if (field(part, "functionResponse").isPresent()) {
                JsonValue.Obj f = Fields.object(field(part, "functionResponse").get(), pp + ".functionResponse");
                String name = Fields.requiredString(f, "name", pp + ".functionResponse.name");
                JsonValue response = f.present("response").orElse(JsonValue.Obj.builder().build());
                Fields.object(response, pp + ".functionResponse.response");
                ArrayDeque<String> open = openCalls.get(name);
                String id = Fields.string(f, "id", pp + ".functionResponse.id").orElse(open == null || open.isEmpty() ? null : open.pollFirst());
                out.add(new Message(Role.TOOL, List.of(new ContentPart.Text(response.write())), name, List.of(), id));
            } else if (part.present("thoughtSignature").isPresent() || part.present("thought_signature").isPresent()) {
                // a signature alone: nothing to send
            } else {
                throw InvalidRequestException.of(pp, "Unsupported part; expected text, inlineData, fileData, functionCall or functionResponse.");
            }
        }
        if (!content.isEmpty() || !calls.isEmpty()) out.add(new Message(role, content, null, calls, null));
    }

    private static String textOf(JsonValue.Obj content, String p) throws InvalidRequestException {
        JsonValue raw = content.present("parts").orElseThrow(() -> Fields.missing(p + ".parts"));
        if (!(raw instanceof JsonValue.Arr parts)) throw Fields.wrongType(p + ".parts", "an array", raw);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            JsonValue.Obj part = Fields.object(parts.get(i), p + ".parts[" + i + "]");
            texts.add(Fields.requiredString(part, "text", p + ".parts[" + i + "].text"));
        }
        return String.join("\n\n", texts);
    }

    private static List<ToolSpec> tools(JsonValue.Obj o) throws InvalidRequestException {
        JsonValue raw = o.present("tools").orElse(null);
        if (raw == null) return List.of();
        if (!(raw instanceof JsonValue.Arr arr)) throw Fields.wrongType("tools", "an array", raw);
        List<ToolSpec> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String p = "tools[" + i + "]";
            JsonValue.Obj t = Fields.object(arr.get(i), p);
            Optional<JsonValue> decls = field(t, "functionDeclarations");
            if (decls.isEmpty()) {
                throw InvalidRequestException.of(p, "Only functionDeclarations tools are supported (not Google Search, code execution or URL context).");
            }
            if (!(decls.get() instanceof JsonValue.Arr list)) throw Fields.wrongType(p + ".functionDeclarations", "an array", decls.get());
            for (int j = 0; j < list.size(); j++) {
                String pp = p + ".functionDeclarations[" + j + "]";
                JsonValue.Obj d = renamed(Fields.object(list.get(j), pp));
                String name = MessageChecks.functionName(Fields.requiredString(d, "name", pp + ".name"), pp + ".name");
                String schemaField = d.present("parametersJsonSchema").isPresent() ? "parametersJsonSchema" : "parameters";
                out.add(new ToolSpec(name, Fields.string(d, "description", pp + ".description").orElse(""), Fields.schema(d, schemaField, pp + "." + schemaField)));
            }
        }
        return out;
    }

    private static ToolChoice toolChoice(JsonValue.Obj o, List<ToolSpec> tools) throws InvalidRequestException {
        Optional<JsonValue> raw = field(o, "toolConfig");
        if (raw.isEmpty()) return ToolChoice.AUTO;
        JsonValue.Obj tc = renamed(Fields.object(raw.get(), "toolConfig"));
        Optional<JsonValue> fc = tc.present("functionCallingConfig");
        if (fc.isEmpty()) return ToolChoice.AUTO;
        JsonValue.Obj c = renamed(Fields.object(fc.get(), "toolConfig.functionCallingConfig"));
        String mode = Fields.string(c, "mode", "toolConfig.functionCallingConfig.mode").orElse("AUTO").toUpperCase(Locale.ROOT);
        List<String> allowed = Fields.strings(c, "allowedFunctionNames", "toolConfig.functionCallingConfig.allowedFunctionNames");
        for (String name : allowed) MessageChecks.declaredTool(name, tools, "toolConfig.functionCallingConfig.allowedFunctionNames");
        return switch (mode) {
            case "AUTO", "MODE_UNSPECIFIED", "VALIDATED" -> ToolChoice.AUTO;
            case "NONE" -> new ToolChoice.None();
            case "ANY" -> allowed.size() == 1 ? new ToolChoice.Named(allowed.getFirst()) : new ToolChoice.Required();
            default -> throw InvalidRequestException.of("toolConfig.functionCallingConfig.mode", "'mode' must be AUTO, ANY, NONE or VALIDATED.");
        };
    }

    /** The object with its snake_case member names in camelCase (one level: the fields this parser reads). */
    private static JsonValue.Obj renamed(JsonValue.Obj o) {
        JsonValue.Builder b = JsonValue.Obj.builder();
        for (var e : o.members().entrySet()) b.put(camel(e.getKey()), e.getValue());
        return b.build();
    }

    private static String camel(String s) {
        if (s.indexOf('_') < 0) return s;
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char ch : s.toCharArray()) {
            if (ch == '_') up = true;
            else {
                out.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return out.toString();
    }

    private static String snake(String camel) {
        StringBuilder out = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) out.append('_').append(Character.toLowerCase(ch));
            else out.append(ch);
        }
        return out.toString();
    }
}
