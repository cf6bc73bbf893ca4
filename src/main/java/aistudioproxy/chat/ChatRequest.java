package aistudioproxy.chat;

import java.util.List;

/**
 * One request for an answer, as every client API parses into it: what the queue, the tiers and
 * the page work from, knowing nothing of the API it came by. System prompts are
 * {@link Role#SYSTEM} messages. Optional numbers are {@code null} when the client did not send
 * them (the configured defaults apply then). {@code model} is the AI Studio model, aliases already
 * resolved. {@code stop} may hold more sequences than the page takes: see {@link #pageStops()}.
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        boolean stream,
        Double temperature,
        Double topP,
        Integer maxTokens,
        List<String> stop,
        Thinking thinking,
        List<ToolSpec> tools,
        ToolChoice toolChoice,
        OutputFormat outputFormat,
        Long seed) {

    public ChatRequest {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        tools = List.copyOf(tools);
        if (thinking == null) thinking = Thinking.AUTO;
        if (toolChoice == null) toolChoice = ToolChoice.AUTO;
        if (outputFormat == null) outputFormat = OutputFormat.TEXT;
    }

    /** AI Studio's stop-sequence field takes at most five. */
    public static final int PAGE_STOP_SEQUENCES = 5;

    /** The stop sequences the page applies: the first five. */
    public List<String> pageStops() {
        return stop.subList(0, Math.min(stop.size(), PAGE_STOP_SEQUENCES));
    }

    /** The ones past the fifth, which the answer path cuts at (the page cannot take them). */
    public List<String> extraStops() {
        return stop.subList(Math.min(stop.size(), PAGE_STOP_SEQUENCES), stop.size());
    }

    public static ChatRequest simple(String model, String userText, boolean stream) {
        return new ChatRequest(model, List.of(Message.text(Role.USER, userText)), stream,
                null, null, null, List.of(), Thinking.AUTO, List.of(), ToolChoice.AUTO, OutputFormat.TEXT, null);
    }

    /** The same request for another model (an alias resolved). */
    public ChatRequest withModel(String other) {
        return new ChatRequest(other, messages, stream, temperature, topP, maxTokens, stop, thinking, tools, toolChoice, outputFormat, seed);
    }
}
