package aistudioproxy.chat;

import java.util.List;

/**
 * Token counts. AI Studio's page does not report them, so they are estimated (about four
 * characters per token, the usual rule of thumb for Gemini/GPT tokenizers on English text).
 * {@code completionTokens} includes {@code reasoningTokens}, as every API counts them.
 */
public record Usage(int promptTokens, int completionTokens, int reasoningTokens) {

    public static Usage estimate(List<Message> messages, String text, String reasoning) {
        long promptChars = 0;
        for (Message m : messages) {
            promptChars += m.text().length() + 4;
            for (ToolCall c : m.toolCalls()) promptChars += c.name().length() + c.argumentsJson().length();
        }
        int thoughts = tokens(reasoning.length());
        return new Usage(tokens(promptChars), thoughts + tokens(text.length()), thoughts);
    }

    public static int tokens(long chars) {
        return (int) Math.min(Integer.MAX_VALUE, (chars + 3) / 4);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
