package aistudioproxy.page;

import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.Message;
import aistudioproxy.chat.OutputFormat;
import aistudioproxy.chat.Role;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.tools.CallProtocol;
import aistudioproxy.tools.ToolPlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds an OpenAI conversation into the one prompt AI Studio's page takes per run.
 *
 * <p>The format (documented in the README, "Conversation format"):
 * <ul>
 *   <li>system and developer messages become the page's system instruction, joined by blank lines;
 *       {@code response_format} json is described there too, and, when the request's functions
 *       are emulated, the {@link CallProtocol}'s instructions;</li>
 *   <li>a conversation of one user message is sent as its text alone;</li>
 *   <li>otherwise each message becomes a block {@code User:} / {@code Assistant:} /
 *       {@code Tool result (name, id):} on its own line followed by the text, blocks separated by
 *       a line {@code ---}; an assistant's tool calls are written as protocol blocks, so a call
 *       and its result (matched by {@code tool_call_id}) read as a pair; a result's text is kept
 *       whole, however long. Thinking that clients send back on earlier turns is not part of a
 *       message, so it never reaches the model.</li>
 * </ul>
 * Images of user messages are attached as files, in order.
 */
final class PromptFormatter {
    static final String SEPARATOR = "\n\n---\n\n";

    private PromptFormatter() {}

    static PagePrompt format(ChatRequest request, ToolPlan plan, List<PagePrompt.Attachment> images) {
        List<String> system = new ArrayList<>();
        List<Message> turns = new ArrayList<>();
        for (Message m : request.messages()) {
            if (m.role() == Role.SYSTEM) system.add(m.text());
            else turns.add(m);
        }
        if (plan.emulated()) system.add(CallProtocol.instructions(plan));
        if (request.outputFormat() == OutputFormat.JSON) {
            system.add("Respond with a single valid JSON value and nothing else.");
        }
        String text;
        if (turns.size() == 1 && turns.getFirst().role() == Role.USER) {
            text = turns.getFirst().text();
        } else {
            List<String> blocks = new ArrayList<>();
            Map<String, String> callNames = new HashMap<>();
            for (Message m : turns) for (ToolCall c : m.toolCalls()) callNames.put(c.id(), c.name());
            for (Message m : turns) blocks.add(block(m, callNames));
            text = String.join(SEPARATOR, blocks);
        }
        return new PagePrompt(String.join("\n\n", system), text, images);
    }

    private static String block(Message m, Map<String, String> callNames) {
        StringBuilder b = new StringBuilder(switch (m.role()) {
            case USER -> "User:";
            case ASSISTANT -> "Assistant:";
            case TOOL -> toolHeading(m, callNames);
            case SYSTEM -> "System:";
        });
        String text = m.text();
        if (!text.isEmpty()) b.append('\n').append(text);
        for (ToolCall c : m.toolCalls()) b.append('\n').append(CallProtocol.block(c));
        if (!m.images().isEmpty()) b.append("\n[").append(m.images().size()).append(" image(s) attached]");
        return b.toString();
    }

    /** {@code Tool result (get_weather, call_1):}: the function's name from the call it answers, when known. */
    private static String toolHeading(Message m, Map<String, String> callNames) {
        String name = m.name() != null ? m.name() : callNames.get(m.toolCallId());
        List<String> parts = new ArrayList<>();
        if (name != null) parts.add(name);
        if (m.toolCallId() != null) parts.add(m.toolCallId());
        return parts.isEmpty() ? "Tool result:" : "Tool result (" + String.join(", ", parts) + "):";
    }
}
