package aistudioproxy.gemini;

import aistudioproxy.api.ApiCall;
import aistudioproxy.api.ClientApi;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.ModelInfo;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Gemini's own API: {@code POST /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent} ({@code ?alt=sse} for server-sent events, else one JSON array
 * streamed element by element). The model and the stream mode come from the path, so one
 * instance serves one route. Errors in Google's {@code {"error":{"code","message","status"}}}.
 */
public final class GeminiApi implements ClientApi {
    private final String model;
    private final boolean stream;
    private final boolean sse;

    public GeminiApi(String model, boolean stream, boolean sse) {
        this.model = model;
        this.stream = stream;
        this.sse = sse;
    }

    /** For routes that generate nothing (listings, count, refusals): errors only. */
    public static final GeminiApi ERRORS = new GeminiApi("", false, false);

    @Override
    public ApiCall parse(JsonValue body, RequestLimits limits) throws InvalidRequestException {
        return GeminiParser.parse(model, body, limits, stream, sse);
    }

    @Override
    public ErrorReply error(ApiError e) {
        String status = switch (e.status()) {
            case 400, 413 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 405 -> "UNIMPLEMENTED";
            case 408, 504 -> "DEADLINE_EXCEEDED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 502, 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
        return new ErrorReply(e.status(), JsonValue.Obj.builder().put("error", JsonValue.Obj.builder()
                .put("code", e.status()).put("message", e.message()).put("status", status).build()).build());
    }

    @Override
    public String idPrefix() {
        return "gen-";
    }

    /** {@code POST :countTokens}: {@code contents} (or a whole {@code generateContentRequest}), answered {@code {"totalTokens":N}}. */
    public JsonValue countTokens(JsonValue body, RequestLimits limits) throws InvalidRequestException {
        JsonValue inner = body instanceof JsonValue.Obj o ? GeminiParser.field(o, "generateContentRequest").orElse(body) : body;
        GeminiCall call = GeminiParser.parse(model, inner, limits, false, false);
        return JsonValue.Obj.builder().put("totalTokens", GeminiJson.promptTokens(call.request())).build();
    }

    /** {@code GET /v1beta/models}. */
    public static JsonValue models(List<ModelInfo> models) {
        List<JsonValue> out = new ArrayList<>();
        for (ModelInfo m : models) out.add(model(m));
        return JsonValue.Obj.builder().put("models", new JsonValue.Arr(out)).build();
    }

    public static JsonValue.Obj model(ModelInfo m) {
        return JsonValue.Obj.builder().put("name", "models/" + m.id()).put("baseModelId", m.id()).put("version", "aistudio")
                .put("displayName", m.displayName()).put("description", m.description())
                .put("outputTokenLimit", m.maxOutputTokens())
                .put("supportedGenerationMethods", new JsonValue.Arr(List.of(new JsonValue.Str("generateContent"),
                        new JsonValue.Str("streamGenerateContent"), new JsonValue.Str("countTokens"))))
                .build();
    }
}
