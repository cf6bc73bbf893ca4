package aistudioproxy.gemini;

import aistudioproxy.api.AnswerContext;
import aistudioproxy.api.AnswerStream;
import aistudioproxy.api.EventOut;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.Usage;
import aistudioproxy.json.JsonValue;
import aistudioproxy.sse.SseFormat;
import aistudioproxy.tier.Delta;

import java.io.IOException;
import java.util.List;

/**
 * A streamGenerateContent answer: one GenerateContentResponse per delta, the last carrying
 * {@code finishReason} and {@code usageMetadata}. With {@code alt=sse} each is a {@code data:}
 * event, keep-alives and the tier announcement are comments, and an error is a {@code data:}
 * error object. Without it the body is one JSON array written element by element
 * ({@code [}, elements joined by {@code ,\r\n}, {@code ]}); keep-alives are whitespace between
 * elements, and an error is the last element.
 */
final class GeminiStream implements AnswerStream {
    private final AnswerContext context;
    private final EventOut out;
    private final boolean showThoughts;
    private final boolean sse;
    private boolean first = true;

    GeminiStream(AnswerContext context, EventOut out, boolean showThoughts, boolean sse) {
        this.context = context;
        this.out = out;
        this.showThoughts = showThoughts;
        this.sse = sse;
    }

    @Override
    public void open() throws IOException {
        if (!sse) out.write("[");
    }

    @Override
    public void keepAlive() throws IOException {
        out.write(sse ? SseFormat.comment("keep-alive") : "\n");
    }

    @Override
    public void tier(String tier) throws IOException {
        if (sse) out.write(SseFormat.comment("x-response-tier: " + tier));
    }

    @Override
    public void delta(Delta delta) throws IOException {
        JsonValue part = switch (delta) {
            case Delta.Text t -> GeminiJson.text(t.text());
            case Delta.Reasoning r -> showThoughts ? GeminiJson.thought(r.text()) : null;
            case Delta.Call c -> GeminiJson.call(c.call());
        };
        if (part != null) element(GeminiJson.chunk(context, List.of(part), null, null));
    }

    @Override
    public void finish(FinishReason finish, String stopSequence, Usage usage) throws IOException {
        element(GeminiJson.chunk(context, List.of(GeminiJson.text("")), finish, usage));
        if (!sse) out.write("]");
    }

    @Override
    public void fail(ApiError error) throws IOException {
        element(GeminiApi.ERRORS.error(error).body());
        if (!sse) out.write("]");
    }

    private void element(JsonValue v) throws IOException {
        if (sse) {
            out.write(SseFormat.data(v.write()));
        } else {
            out.write((first ? "" : ",\r\n") + v.write());
            first = false;
        }
    }
}
