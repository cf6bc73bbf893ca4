package aistudioproxy.chat;

/** A function call: {@code argumentsJson} is the arguments object as JSON text, as OpenAI sends it. */
public record ToolCall(String id, String name, String argumentsJson) {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** A new call id in OpenAI's shape, {@code call_} and 24 hex digits: unique across answers, as clients match results by it. */
    public static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "call_" + java.util.HexFormat.of().formatHex(b);
    }
}
