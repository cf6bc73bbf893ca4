package aistudioproxy.chat;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One chat message. {@code toolCalls} are the calls an assistant message made;
 * {@code toolCallId} links a tool message to the call it answers.
 */
public record Message(Role role, List<ContentPart> parts, String name, List<ToolCall> toolCalls, String toolCallId) {
    public Message {
        parts = List.copyOf(parts);
        toolCalls = List.copyOf(toolCalls);
    }

    public static Message text(Role role, String text) {
        return new Message(role, List.of(new ContentPart.Text(text)), null, List.of(), null);
    }

    /** The text parts joined by newlines. */
    public String text() {
        return parts.stream().filter(ContentPart.Text.class::isInstance)
                .map(p -> ((ContentPart.Text) p).text()).collect(Collectors.joining("\n"));
    }

    public List<ContentPart.Image> images() {
        return parts.stream().filter(ContentPart.Image.class::isInstance).map(ContentPart.Image.class::cast).toList();
    }
}
