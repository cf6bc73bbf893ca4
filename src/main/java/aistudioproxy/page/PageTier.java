package aistudioproxy.page;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.tier.Delta;
import aistudioproxy.tier.DeltaSink;
import aistudioproxy.tier.Generation;
import aistudioproxy.tier.Tier;
import aistudioproxy.tier.TierException;
import aistudioproxy.tier.TierName;
import aistudioproxy.tier.TierResult;

import java.util.Locale;

/**
 * Tier 3 (SPEC §7): waits for the page to show the whole answer, then sends it at once as
 * pseudo-stream chunks (no artificial sleeps). Always enabled; healthy unless the browser is
 * known to be unusable.
 */
public final class PageTier implements Tier {
    private final PageController page;

    public PageTier(PageController page) {
        this.page = page;
    }

    @Override
    public TierName name() {
        return TierName.PAGE;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public TierResult generate(Generation gen, DeltaSink sink) throws TierException, InterruptedException {
        if (!(gen.run() instanceof PageRun run)) throw new TierException(ApiError.unavailable("The page tier has no page run for this request."));
        run.start();
        PageAnswer answer;
        try {
            answer = page.awaitAnswer(run.submission(), gen.cancel());
        } catch (PageException e) {
            throw new TierException(errorOf(e), e);
        }
        if (answer.quotaMessage() != null) throw new TierException(ApiError.quotaExceeded(answer.quotaMessage()));
        for (String toast : answer.toasts()) {
            String t = toast.toLowerCase(Locale.ROOT);
            if (t.contains("quota") || t.contains("rate limit")) throw new TierException(ApiError.quotaExceeded(toast.strip()));
        }
        if (!answer.toasts().isEmpty()) throw new TierException(ApiError.upstream("AI Studio reported: " + answer.toasts().getFirst().strip()));
        if (answer.stopped()) throw new TierException(ApiError.upstream("The generation was stopped on the page."));
        int size = page.settings().pseudoStreamChunkChars();
        for (String c : Chunker.split(answer.thinking(), size)) sink.accept(new Delta.Reasoning(c));
        for (String c : Chunker.split(answer.text(), size)) sink.accept(new Delta.Text(c));
        for (ToolCall call : answer.calls()) sink.accept(new Delta.Call(call));
        if (answer.text().isEmpty() && answer.calls().isEmpty() && answer.thinking().isEmpty()) {
            throw new TierException(ApiError.upstream("AI Studio finished without an answer."));
        }
        return new TierResult(answer.calls().isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS);
    }

    static ApiError errorOf(PageException e) {
        return switch (e.kind()) {
            case QUOTA -> ApiError.quotaExceeded(e.getMessage());
            case NOT_READY -> ApiError.unavailable("The AI Studio page is not ready: " + e.getMessage());
            case TIMEOUT -> ApiError.timeout("Page operation timeout (PAGE_OPERATION_TIMEOUT_MS): " + e.getMessage());
            case STUCK -> ApiError.timeout("The page stopped answering (PAGE_OPERATION_TIMEOUT_MS): " + e.getMessage() + "; it is being re-created.");
            case PAGE_BROKEN, UPSTREAM -> ApiError.upstream(e.getMessage());
            case BAD_INPUT -> ApiError.invalidRequest(e.getMessage(), "messages");
        };
    }
}
