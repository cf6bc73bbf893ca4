package aistudioproxy.streamtier;

import aistudioproxy.openai.ApiError;
import aistudioproxy.openai.FinishReason;
import aistudioproxy.openai.ToolCall;
import aistudioproxy.page.PageController;
import aistudioproxy.page.PageException;
import aistudioproxy.tier.Delta;
import aistudioproxy.tier.DeltaSink;
import aistudioproxy.tier.Generation;
import aistudioproxy.tier.Tier;
import aistudioproxy.tier.TierException;
import aistudioproxy.tier.TierName;
import aistudioproxy.tier.TierResult;

import java.time.Duration;

/**
 * Tier 1 (SPEC §5): the page submits; the stream proxy, which the browser's traffic passes
 * through, reports the GenerateContent response as it streams, and its parts go straight to the
 * client. The generation is the first one the proxy starts after the submission; events of any
 * other generation are dropped. Falls back when the proxy is down, when no GenerateContent starts
 * within {@code firstEvent}, or when it fails before its first part.
 */
public final class StreamProxyTier implements Tier, AutoCloseable {
    private final StreamProxyProcess process;
    private final EventChannel channel;
    private final PageController page;
    private final Duration firstEvent;
    private final Duration stall;

    /** {@code stall}: longest silence allowed once the response has started. */
    public StreamProxyTier(StreamProxyProcess process, PageController page, Duration firstEvent, Duration stall) {
        this.process = process;
        this.page = page;
        this.firstEvent = firstEvent;
        this.stall = stall;
        this.channel = new EventChannel(process.port());
    }

    public void start() {
        channel.start();
    }

    @Override
    public TierName name() {
        return TierName.STREAM_PROXY;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean healthy() {
        return channel.connected();
    }

    @Override
    public TierResult generate(Generation gen, DeltaSink sink) throws TierException, InterruptedException {
        channel.drain();
        try {
            page.submit(gen);
        } catch (PageException e) {
            throw new TierException(ApiError.upstream("the page could not submit the prompt: " + e.getMessage()), e);
        }
        long ours = -1;
        int calls = 0;
        long firstDeadline = System.nanoTime() + firstEvent.toNanos();
        long lastEvent = System.nanoTime();
        while (true) {
            gen.cancel().throwIfCancelled();
            long wait = ours < 0 ? Math.min(100, Math.max(0, (firstDeadline - System.nanoTime()) / 1_000_000)) : 100;
            ChannelEvent e = channel.poll(wait);
            long now = System.nanoTime();
            if (ours < 0 && now >= firstDeadline && (e == null || !e.kind().equals("start"))) {
                throw new TierException(ApiError.timeout("no GenerateContent response seen within " + firstEvent.toMillis()
                        + " ms (STREAM_FIRST_EVENT_TIMEOUT_MS)"));
            }
            if (e == null) {
                if (ours >= 0 && now - lastEvent > stall.toNanos()) {
                    throw new TierException(ApiError.upstream("the GenerateContent stream stalled for " + stall.toMillis() + " ms"));
                }
                continue;
            }
            lastEvent = now;
            switch (e.kind()) {
                case "lost" -> throw new TierException(ApiError.upstream(e.message()));
                case "quota" -> throw new TierException(ApiError.quotaExceeded(e.message() == null ? "reported by the page" : e.message()));
                case "start" -> {
                    if (ours < 0) ours = e.gen();
                }
                default -> {
                    if (e.gen() != ours) continue;
                    switch (e.kind()) {
                        case "text" -> sink.accept(new Delta.Text(e.text()));
                        case "reasoning" -> sink.accept(new Delta.Reasoning(e.text()));
                        case "tool_call" -> sink.accept(new Delta.Call(new ToolCall("call_" + (++calls), e.name(), e.argsJson())));
                        case "done" -> {
                            return new TierResult(calls > 0 ? FinishReason.TOOL_CALLS : FinishReason.STOP);
                        }
                        case "error" -> throw new TierException(e.status() == 429
                                ? ApiError.quotaExceeded("GenerateContent answered HTTP 429")
                                : ApiError.upstream("AI Studio's response failed: " + e.message()));
                        default -> { /* unknown kinds from a newer proxy are ignored */ }
                    }
                }
            }
        }
    }

    public StreamProxyProcess process() {
        return process;
    }

    @Override
    public void close() {
        channel.close();
    }
}
