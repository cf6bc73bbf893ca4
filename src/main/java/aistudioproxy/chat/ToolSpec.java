package aistudioproxy.chat;

import aistudioproxy.json.JsonValue;

/** A function the model may call; {@code parameters} is its JSON schema (may be empty). */
public record ToolSpec(String name, String description, JsonValue parameters) {}
