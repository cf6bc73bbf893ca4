package aistudioproxy.openai;

import aistudioproxy.api.AnswerStream;
import aistudioproxy.api.EventOut;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.Usage;
import aistudioproxy.sse.SseFormat;
import aistudioproxy.tier.Delta;

import java.io.IOException;

/**
 * A Chat Completions stream: {@code data:} chunks, the role first, one chunk per delta, the
 * finish chunk, the usage chunk when asked, {@code data: [DONE]}. Keep-alives and the tier
 * announcement ({@code : x-response-tier: page}) are SSE comments; an error after the headers is
 * a {@code data:} error object, then {@code [DONE]}.
 */
final class ChunkStream implements AnswerStream {
    private final CompletionJson render;
    private final EventOut out;
    private final boolean includeUsage;
    private boolean roleSent;
    private int calls;

    ChunkStream(CompletionJson render, EventOut out, boolean includeUsage) {
        this.render = render;
        this.out = out;
        this.includeUsage = includeUsage;
    }

    @Override
    public void open() {
        // Nothing before the first chunk: clients read the role from it.
    }

    @Override
    public void keepAlive() throws IOException {
        out.write(SseFormat.comment("keep-alive"));
    }

    @Override
    public void tier(String tier) throws IOException {
        out.write(SseFormat.comment("x-response-tier: " + tier));
    }

    @Override
    public void delta(Delta delta) throws IOException {
        role();
        out.write(SseFormat.data(switch (delta) {
            case Delta.Text t -> render.contentChunk(t.text()).write();
            case Delta.Reasoning r -> render.reasoningChunk(r.text()).write();
            case Delta.Call c -> render.toolCallChunk(calls++, c.call()).write();
        }));
    }

    @Override
    public void finish(FinishReason finish, String stopSequence, Usage usage) throws IOException {
        role();
        out.write(SseFormat.data(render.finishChunk(finish).write()));
        if (includeUsage) out.write(SseFormat.data(render.usageChunk(usage).write()));
        out.write(SseFormat.DONE);
    }

    @Override
    public void fail(ApiError error) throws IOException {
        out.write(SseFormat.data(error.toJson().write()));
        out.write(SseFormat.DONE);
    }

    private void role() throws IOException {
        if (roleSent) return;
        roleSent = true;
        out.write(SseFormat.data(render.roleChunk().write()));
    }
}
