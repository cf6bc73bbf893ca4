package aistudioproxy.anthropic;

import aistudioproxy.api.ApiCall;
import aistudioproxy.api.ClientApi;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.ModelInfo;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.json.JsonValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages, {@code POST /v1/messages}: errors as
 * {@code {"type":"error","error":{"type","message"}}} with Anthropic's statuses, a full queue (and
 * a server not ready to answer) as 529 {@code overloaded_error}, which Anthropic's clients retry.
 */
public final class MessagesApi implements ClientApi {
    public static final MessagesApi INSTANCE = new MessagesApi();

    private MessagesApi() {}

    @Override
    public ApiCall parse(JsonValue body, RequestLimits limits) throws InvalidRequestException {
        return MessagesParser.parse(body, limits, true);
    }

    @Override
    public ErrorReply error(ApiError e) {
        int status = switch (e.status()) {
            case 503 -> 529;
            default -> e.status();
        };
        String type = switch (status) {
            case 400, 405, 408 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        return new ErrorReply(status, body(type, e.message()));
    }

    static JsonValue.Obj body(String type, String message) {
        return JsonValue.Obj.builder().put("type", "error")
                .put("error", JsonValue.Obj.builder().put("type", type).put("message", message).build()).build();
    }

    @Override
    public String idPrefix() {
        return "msg_";
    }

    /** {@code POST /v1/messages/count_tokens}: the same body without {@code max_tokens}, answered {@code {"input_tokens":N}}. */
    public static JsonValue countTokens(JsonValue body, RequestLimits limits) throws InvalidRequestException {
        MessagesCall call = MessagesParser.parse(body, limits, false);
        return JsonValue.Obj.builder().put("input_tokens", MessagesJson.inputTokens(call.request())).build();
    }

    /** {@code GET /v1/models} as Anthropic's clients read it (asked with an {@code anthropic-version} header). */
    public static JsonValue models(List<ModelInfo> models, long created) {
        List<JsonValue> data = new ArrayList<>();
        for (ModelInfo m : models) data.add(model(m, created));
        return JsonValue.Obj.builder().put("data", new JsonValue.Arr(data)).put("has_more", false)
                .put("first_id", models.isEmpty() ? null : models.getFirst().id())
                .put("last_id", models.isEmpty() ? null : models.getLast().id()).build();
    }

    public static JsonValue.Obj model(ModelInfo m, long created) {
        return JsonValue.Obj.builder().put("type", "model").put("id", m.id()).put("display_name", m.displayName())
                .put("created_at", Instant.ofEpochSecond(created).toString()).build();
    }
}
