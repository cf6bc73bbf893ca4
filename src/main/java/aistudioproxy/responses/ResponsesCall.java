package aistudioproxy.responses;

import aistudioproxy.api.Answer;
import aistudioproxy.api.AnswerContext;
import aistudioproxy.api.AnswerStream;
import aistudioproxy.api.ApiCall;
import aistudioproxy.api.EventOut;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.json.JsonValue;

/** A parsed Responses request; {@code instructions} is echoed in the response object, as OpenAI does. */
record ResponsesCall(ChatRequest request, String instructions) implements ApiCall {
    @Override
    public JsonValue answer(AnswerContext context, Answer answer) {
        ResponsesJson json = new ResponsesJson(context, instructions);
        return json.response(json.outputs(answer), answer);
    }

    @Override
    public AnswerStream stream(AnswerContext context, EventOut out) {
        return new ResponsesStream(new ResponsesJson(context, instructions), out);
    }
}
