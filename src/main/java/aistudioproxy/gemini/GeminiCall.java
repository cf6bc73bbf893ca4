package aistudioproxy.gemini;

import aistudioproxy.api.Answer;
import aistudioproxy.api.AnswerContext;
import aistudioproxy.api.AnswerStream;
import aistudioproxy.api.ApiCall;
import aistudioproxy.api.EventOut;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.json.JsonValue;

/**
 * A parsed generateContent request. {@code showThoughts}: {@code thinkingConfig.includeThoughts},
 * without which Gemini leaves thoughts out; {@code sse}: the stream is server-sent events
 * ({@code alt=sse}) rather than one JSON array.
 */
record GeminiCall(ChatRequest request, boolean showThoughts, boolean sse) implements ApiCall {
    @Override
    public JsonValue answer(AnswerContext context, Answer answer) {
        return GeminiJson.response(context, answer, showThoughts);
    }

    @Override
    public AnswerStream stream(AnswerContext context, EventOut out) {
        return new GeminiStream(context, out, showThoughts, sse);
    }

    @Override
    public String streamContentType() {
        return sse ? "text/event-stream; charset=utf-8" : "application/json; charset=utf-8";
    }
}
