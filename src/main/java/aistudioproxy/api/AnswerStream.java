package aistudioproxy.api;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.Usage;
import aistudioproxy.tier.Delta;

import java.io.IOException;

/**
 * One streamed answer in a client API's framing. Called in order: {@link #open()} once, right
 * after the headers; then any of {@link #keepAlive()}, {@link #tier}, {@link #delta}; then exactly
 * one of {@link #finish} or {@link #fail}. One thread calls it.
 */
public interface AnswerStream {
    /** What the API sends before any content (Anthropic's message_start, the Responses created events). */
    void open() throws IOException;

    /** Nothing happened for a while: the API's keep-alive (a comment, Anthropic's ping). */
    void keepAlive() throws IOException;

    /** The tier that answers, announced in-band where the framing has room for it. */
    void tier(String tier) throws IOException;

    void delta(Delta delta) throws IOException;

    void finish(FinishReason finish, String stopSequence, Usage usage) throws IOException;

    /** The answer failed (possibly after some content): the API's in-stream error, then the end. */
    void fail(ApiError error) throws IOException;
}
