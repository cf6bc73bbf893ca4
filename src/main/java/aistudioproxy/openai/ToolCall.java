package aistudioproxy.openai;

/** A function call: {@code argumentsJson} is the arguments object as JSON text, as OpenAI sends it. */
public record ToolCall(String id, String name, String argumentsJson) {}
