package aistudioproxy.openai;

import aistudioproxy.api.Answer;
import aistudioproxy.api.AnswerContext;
import aistudioproxy.api.AnswerStream;
import aistudioproxy.api.ApiCall;
import aistudioproxy.api.EventOut;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.json.JsonValue;

/** A parsed Chat Completions request; {@code includeUsage} is {@code stream_options.include_usage}. */
public record ChatCompletionsCall(ChatRequest request, boolean includeUsage) implements ApiCall {
    @Override
    public JsonValue answer(AnswerContext context, Answer answer) {
        return render(context).completion(answer.text(), answer.reasoning(), answer.calls(), answer.finish(), answer.usage());
    }

    @Override
    public AnswerStream stream(AnswerContext context, EventOut out) {
        return new ChunkStream(render(context), out, includeUsage);
    }

    private static CompletionJson render(AnswerContext context) {
        return new CompletionJson(context.id(), context.createdEpochSeconds(), context.clientModel());
    }
}
