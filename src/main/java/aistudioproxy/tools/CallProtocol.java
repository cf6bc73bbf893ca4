package aistudioproxy.tools;

import aistudioproxy.chat.ToolChoice;
import aistudioproxy.json.JsonValue;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.chat.ToolSpec;

/**
 * The emulated function-calling protocol (README, "Function calling"): what the system
 * instruction tells the model, and the one shape of a call in an answer, a fenced block
 * <pre>
 * ```tool_call
 * {"name": "get_weather", "arguments": {"city": "Paris"}}
 * ```
 * </pre>
 * A fenced code block because that is the one thing AI Studio renders verbatim (markdown would
 * eat the underscores and asterisks of arguments written as plain text) and models write
 * reliably. Earlier calls in a conversation are written back in the same shape, so the model
 * sees its own convention.
 */
public final class CallProtocol {
    /** The info string of a call's fence. */
    public static final String FENCE = "```tool_call";
    /** The line the simulator (and a reader of a prompt) recognises the protocol by. */
    public static final String HEADER = "You can call functions. The functions, one JSON declaration per line:";

    private CallProtocol() {}

    /** The system-instruction text for a plan's functions and choice. */
    public static String instructions(ToolPlan plan) {
        StringBuilder b = new StringBuilder(HEADER);
        for (ToolSpec t : plan.tools()) {
            b.append('\n').append(JsonValue.Obj.builder().put("name", t.name()).put("description", t.description())
                    .put("parameters", t.parameters()).build().write());
        }
        b.append("\n\nTo call a function, answer with a block like this, one block per call, and write nothing after the last block:\n")
                .append(FENCE).append("\n{\"name\": \"FUNCTION_NAME\", \"arguments\": {\"ARGUMENT\": \"VALUE\"}}\n```\n")
                .append("The arguments are one JSON object that matches the function's parameters. Each result comes back to you in a ")
                .append("later message headed \"Tool result\"; then use it to answer.\n");
        b.append(switch (plan.choice()) {
            case ToolChoice.Required r -> "You must call at least one of the functions in this answer.";
            case ToolChoice.Named n -> "You must call the function " + n.name() + " in this answer.";
            default -> "Call a function only when it helps to answer; otherwise answer normally.";
        });
        return b.toString();
    }

    /** A call as the protocol writes it (for earlier assistant turns). */
    public static String block(ToolCall call) {
        JsonValue args;
        try {
            args = aistudioproxy.json.Json.parse(call.argumentsJson());
        } catch (aistudioproxy.json.JsonSyntaxException e) {
            args = new JsonValue.Str(call.argumentsJson()); // as the client sent it
        }
        return FENCE + "\n" + JsonValue.Obj.builder().put("name", call.name()).put("arguments", args).build().write() + "\n```";
    }
}
