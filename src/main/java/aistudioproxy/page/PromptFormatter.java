package aistudioproxy.page;

import aistudioproxy.openai.ChatRequest;
import aistudioproxy.openai.Message;
import aistudioproxy.openai.Role;
import aistudioproxy.openai.ToolCall;
import aistudioproxy.openai.ToolSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds an OpenAI conversation into the one prompt AI Studio's page takes per run.
 *
 * <p>The format (documented in the README, "Conversation format"):
 * <ul>
 *   <li>system and developer messages become the page's system instruction, joined by blank lines;
 *       {@code response_format} json and the request's {@code tools} are described there too;</li>
 *   <li>a conversation of one user message is sent as its text alone;</li>
 *   <li>otherwise each message becomes a block {@code User:} / {@code Assistant:} /
 *       {@code Tool (name):} on its own line followed by the text, blocks separated by a line
 *       {@code ---}; an assistant's tool calls are written as {@code [tool call] name(args)}.</li>
 * </ul>
 * Images of user messages are attached as files, in order.
 */
final class PromptFormatter {
    static final String SEPARATOR = "\n\n---\n\n";

    private PromptFormatter() {}

    static PagePrompt format(ChatRequest request, List<PagePrompt.Image> images) {
        List<String> system = new ArrayList<>();
        List<Message> turns = new ArrayList<>();
        for (Message m : request.messages()) {
            if (m.role() == Role.SYSTEM) system.add(m.text());
            else turns.add(m);
        }
        if (!request.tools().isEmpty()) system.add(toolsText(request.tools()));
        if (request.responseFormat() != null && request.responseFormat().write().contains("json")) {
            system.add("Respond with a single valid JSON value and nothing else.");
        }
        String text;
        if (turns.size() == 1 && turns.getFirst().role() == Role.USER) {
            text = turns.getFirst().text();
        } else {
            List<String> blocks = new ArrayList<>();
            for (Message m : turns) blocks.add(block(m));
            text = String.join(SEPARATOR, blocks);
        }
        return new PagePrompt(String.join("\n\n", system), text, images);
    }

    private static String block(Message m) {
        StringBuilder b = new StringBuilder(switch (m.role()) {
            case USER -> "User:";
            case ASSISTANT -> "Assistant:";
            case TOOL -> "Tool (" + (m.name() != null ? m.name() : m.toolCallId() != null ? m.toolCallId() : "result") + "):";
            case SYSTEM -> "System:";
        });
        String text = m.text();
        if (!text.isEmpty()) b.append('\n').append(text);
        for (ToolCall c : m.toolCalls()) b.append("\n[tool call] ").append(c.name()).append('(').append(c.argumentsJson()).append(')');
        if (!m.images().isEmpty()) b.append("\n[").append(m.images().size()).append(" image(s) attached]");
        return b.toString();
    }

    private static String toolsText(List<ToolSpec> tools) {
        StringBuilder b = new StringBuilder("Functions you may call:");
        for (ToolSpec t : tools) {
            b.append("\n- ").append(t.name());
            if (!t.description().isEmpty()) b.append(": ").append(t.description());
            b.append(" Parameters (JSON schema): ").append(t.parameters().write());
        }
        return b.toString();
    }
}
