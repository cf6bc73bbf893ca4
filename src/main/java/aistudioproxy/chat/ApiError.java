package aistudioproxy.chat;

import aistudioproxy.json.JsonValue;

/**
 * An error as OpenAI clients expect it: HTTP status plus {@code {"error":{message,type,param,code}}}.
 * Factory methods name the cases the server produces so status, type and code stay consistent.
 */
public record ApiError(int status, String type, String code, String message, String param) {

    public static ApiError invalidRequest(String message, String param) {
        return new ApiError(400, "invalid_request_error", "invalid_request", message, param);
    }

    /** The request's body stopped coming: a 408, and the connection is closed. */
    public static ApiError requestTimeout(String message) {
        return new ApiError(408, "invalid_request_error", "request_timeout", message, null);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "authentication_error", "invalid_api_key",
                "Missing or invalid API key. Send it as 'Authorization: Bearer <key>' or 'x-api-key'.", null);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "invalid_request_error", "not_found", message, null);
    }

    public static ApiError modelNotFound(String model) {
        return new ApiError(404, "invalid_request_error", "model_not_found",
                "The model '" + model + "' does not exist or is excluded. GET /v1/models lists the available ones.", "model");
    }

    public static ApiError methodNotAllowed(String method) {
        return new ApiError(405, "invalid_request_error", "method_not_allowed", "Method " + method + " is not allowed here.", null);
    }

    public static ApiError bodyTooLarge(long max) {
        return new ApiError(413, "invalid_request_error", "request_too_large",
                "Request body exceeds the limit of " + max + " bytes (MAX_BODY_BYTES).", null);
    }

    public static ApiError quotaExceeded(String detail) {
        return new ApiError(429, "rate_limit_error", "quota_exceeded", "AI Studio quota exceeded: " + detail, null);
    }

    /** No account may take the model now: each ran out of quota for it and is cooling down. */
    public static ApiError coolingDown(String model, long retryAfterSeconds) {
        return new ApiError(429, "rate_limit_error", "quota_exceeded", "AI Studio quota exceeded for " + model
                + " on every account; the first is free again in " + retryAfterSeconds + " s (Retry-After).", null);
    }

    public static ApiError cancelled(String why) {
        return new ApiError(499, "request_cancelled", "request_cancelled", why, null);
    }

    public static ApiError upstream(String message) {
        return new ApiError(502, "upstream_error", "upstream_error", message, null);
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "service_unavailable", "service_unavailable", message, null);
    }

    public static ApiError queueFull(int max) {
        return new ApiError(503, "service_unavailable", "queue_full",
                "The request queue is full (" + max + " waiting, QUEUE_MAX). Retry later.", null);
    }

    public static ApiError timeout(String what) {
        return new ApiError(504, "timeout_error", "timeout", what, null);
    }

    public static ApiError internal(String message) {
        return new ApiError(500, "server_error", "internal_error", message, null);
    }

    public JsonValue.Obj toJson() {
        return JsonValue.Obj.builder()
                .put("error", JsonValue.Obj.builder()
                        .put("message", message)
                        .put("type", type)
                        .put("param", param)
                        .put("code", code)
                        .build())
                .build();
    }
}
