package aistudioproxy.api;

import aistudioproxy.chat.ChatRequest;

import java.io.IOException;

/**
 * A parsed request of one client API: the neutral request, and how its answer is written in the
 * API's wire format, whole or streamed. Rendering knows the API; nothing behind it does.
 */
public interface ApiCall {
    ChatRequest request();

    /** The answer in one JSON body. */
    aistudioproxy.json.JsonValue answer(AnswerContext context, Answer answer);

    /** The streamed answer over {@code out}; headers are already sent. */
    AnswerStream stream(AnswerContext context, EventOut out) throws IOException;

    /** The Content-Type of the stream ({@code text/event-stream} but for Gemini's JSON-array stream). */
    default String streamContentType() {
        return "text/event-stream; charset=utf-8";
    }
}
