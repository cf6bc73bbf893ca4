package aistudioproxy.openai;

import aistudioproxy.api.ApiCall;
import aistudioproxy.api.ClientApi;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.json.JsonValue;

/** OpenAI Chat Completions, {@code POST /v1/chat/completions}; errors in OpenAI's {@code {"error":{message,type,param,code}}}. */
public final class ChatCompletionsApi implements ClientApi {
    public static final ChatCompletionsApi INSTANCE = new ChatCompletionsApi();

    private ChatCompletionsApi() {}

    @Override
    public ApiCall parse(JsonValue body, RequestLimits limits) throws InvalidRequestException {
        return ChatRequestParser.parse(body, limits);
    }

    @Override
    public ErrorReply error(ApiError error) {
        return new ErrorReply(error.status(), error.toJson());
    }

    @Override
    public String idPrefix() {
        return "chatcmpl-";
    }
}
