package aistudioproxy.chat;

/**
 * How big a chat request may be, beyond the body's byte cap: messages, characters of prompt text
 * (all messages' text and tool-call arguments), images. Each breach is a 400 naming its setting.
 */
public record RequestLimits(int maxMessages, long maxPromptChars, int maxImages) {
    /** As the settings' defaults (MAX_MESSAGES, MAX_PROMPT_CHARS, MAX_IMAGES). */
    public static final RequestLimits DEFAULTS = new RequestLimits(5000, 4_000_000, 32);
}
