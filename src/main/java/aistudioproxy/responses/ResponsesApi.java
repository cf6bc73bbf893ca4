package aistudioproxy.responses;

import aistudioproxy.api.ApiCall;
import aistudioproxy.api.ClientApi;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.json.JsonValue;

/**
 * OpenAI Responses, {@code POST /v1/responses}. Stateless: nothing is stored, so
 * {@code previous_response_id} and item references are refused (send the whole conversation as
 * {@code input}); {@code store} is accepted and ignored. Errors in OpenAI's shape.
 */
public final class ResponsesApi implements ClientApi {
    public static final ResponsesApi INSTANCE = new ResponsesApi();

    private ResponsesApi() {}

    @Override
    public ApiCall parse(JsonValue body, RequestLimits limits) throws InvalidRequestException {
        return ResponsesParser.parse(body, limits);
    }

    @Override
    public ErrorReply error(ApiError error) {
        return new ErrorReply(error.status(), error.toJson());
    }

    @Override
    public String idPrefix() {
        return "resp_";
    }
}
