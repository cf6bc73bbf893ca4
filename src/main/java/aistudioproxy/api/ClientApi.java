package aistudioproxy.api;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.json.JsonValue;

/**
 * One client API (OpenAI Chat Completions, OpenAI Responses, Anthropic Messages, Gemini): how
 * its request body becomes the one {@link aistudioproxy.chat.ChatRequest} everything behind the
 * HTTP layer works from, and how errors are written in its own shape. The answer's rendering is
 * the parsed call's ({@link ApiCall}). An instance may carry what the route said (Gemini's model
 * and stream mode are in the path).
 */
public interface ClientApi {
    /** The request body, validated; a refusal names the field at fault. */
    ApiCall parse(JsonValue body, RequestLimits limits) throws InvalidRequestException;

    /** An error as this API's clients expect it: status and body. */
    ErrorReply error(ApiError error);

    /** The prefix of this API's answer ids ({@code chatcmpl-}, {@code msg_}, {@code resp_}); the id is also what /v1/cancel takes. */
    String idPrefix();

    /** A status and body ready to send. */
    record ErrorReply(int status, JsonValue body) {}
}
