package aistudioproxy.anthropic;

import aistudioproxy.api.Answer;
import aistudioproxy.api.AnswerContext;
import aistudioproxy.api.AnswerStream;
import aistudioproxy.api.ApiCall;
import aistudioproxy.api.EventOut;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.json.JsonValue;

/**
 * A parsed Messages request. {@code showThinking}: the client turned extended thinking on, so the
 * model's thoughts come back as {@code thinking} blocks; otherwise they are left out, as Claude
 * leaves them out when thinking is not enabled.
 */
record MessagesCall(ChatRequest request, boolean showThinking) implements ApiCall {
    @Override
    public JsonValue answer(AnswerContext context, Answer answer) {
        return MessagesJson.message(context, answer, showThinking);
    }

    @Override
    public AnswerStream stream(AnswerContext context, EventOut out) {
        return new MessagesStream(context, out, showThinking);
    }
}
