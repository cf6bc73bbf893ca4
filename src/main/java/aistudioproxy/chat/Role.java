package aistudioproxy.chat;

/** Chat roles; OpenAI's {@code developer} role is a system message. {@code function} is the legacy tool role. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    public static Role parse(String s) {
        return switch (s) {
            case "system", "developer" -> SYSTEM;
            case "user" -> USER;
            case "assistant" -> ASSISTANT;
            case "tool", "function" -> TOOL;
            default -> null;
        };
    }
}
