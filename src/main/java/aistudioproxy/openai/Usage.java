package aistudioproxy.openai;

import aistudioproxy.json.JsonValue;

import java.util.List;

/**
 * Token counts. AI Studio's page does not report them, so they are estimated (about four
 * characters per token, the usual rule of thumb for Gemini/GPT tokenizers on English text).
 */
public record Usage(int promptTokens, int completionTokens) {

    public static Usage estimate(List<Message> messages, String completion) {
        long promptChars = 0;
        for (Message m : messages) promptChars += m.text().length() + 4;
        return new Usage(tokens(promptChars), tokens(completion.length()));
    }

    static int tokens(long chars) {
        return (int) Math.min(Integer.MAX_VALUE, (chars + 3) / 4);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    public JsonValue.Obj toJson() {
        return JsonValue.Obj.builder()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", totalTokens())
                .build();
    }
}
