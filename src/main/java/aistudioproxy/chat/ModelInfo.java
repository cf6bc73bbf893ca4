package aistudioproxy.chat;

import aistudioproxy.json.JsonValue;

/** One entry of {@code /v1/models}; {@code displayName} and limits come from AI Studio's ListModels. */
public record ModelInfo(String id, String displayName, String description, int maxOutputTokens) {

    public JsonValue.Obj toJson(long created) {
        return JsonValue.Obj.builder()
                .put("id", id)
                .put("object", "model")
                .put("created", created)
                .put("owned_by", "google")
                .put("display_name", displayName)
                .put("description", description)
                .put("max_output_tokens", maxOutputTokens)
                .build();
    }
}
