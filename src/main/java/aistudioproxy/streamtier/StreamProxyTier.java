package aistudioproxy.streamtier;

import aistudioproxy.openai.ApiError;
import aistudioproxy.openai.FinishReason;
import aistudioproxy.openai.ToolCall;
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
 * client. The generation is the first GenerateContent request the proxy sees after the click on
 * Run; events of any other generation are dropped. Falls back when the proxy is down, when no GenerateContent starts
 * within {@code firstEvent}, or when it fails before its first part.
 */
public final class StreamProxyTier implements Tier, AutoCloseable {
    /** How long a page's quota report waits for the generation's own end before it decides alone. */
    static final Duration QUOTA_GRACE = Duration.ofSeconds(1);
    /** How long a job waits for a restarting stream proxy before its page run is refused. */
    static final Duration PROXY_READY_WAIT = Duration.ofSeconds(15);

    private final StreamProxyProcess process;
    private final EventChannel channel;
    private final Duration firstEvent;
    private final Duration stall;

    /** The stall bound for a first-event timeout: twice it, at least 30 s (a model may think quietly that long). */
    public static Duration stallFor(Duration firstEvent) {
        Duration twice = firstEvent.multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(30)) > 0 ? twice : Duration.ofSeconds(30);
    }

    /** With the stall bound of {@link #stallFor}. */
    public StreamProxyTier(StreamProxyProcess process, Duration firstEvent) {
        this(process, firstEvent, stallFor(firstEvent));
    }

    /** {@code stall}: longest silence allowed once the response has started. */
    public StreamProxyTier(StreamProxyProcess process, Duration firstEvent, Duration stall) {
        this.process = process;
        this.firstEvent = firstEvent;
        this.stall = stall;
        this.channel = new EventChannel(process.port(), process.eventsToken());
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

    /** Every browser request goes through the stream proxy: after a restart, wait for it (15 s at most). */
    @Override
    public void beforePage() throws TierException, InterruptedException {
        if (!process.awaitReady(PROXY_READY_WAIT)) {
            throw new TierException(ApiError.unavailable("The stream proxy, the browser's HTTP proxy, is not running."));
        }
    }

    /**
     * Events before the click on Run belong to earlier generations (a stopped run's request may
     * still have been on its way while the page was prepared): dropped here.
     */
    @Override
    public void beforeClick() {
        channel.drain();
    }

    @Override
    public TierResult generate(Generation gen, DeltaSink sink) throws TierException, InterruptedException {
        gen.run().start();
        long ours = -1;
        int calls = 0;
        String quotaReport = null;
        long quotaDecideBy = 0;
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
            if (quotaReport != null && now >= quotaDecideBy) throw new TierException(ApiError.quotaExceeded(quotaReport));
            if (e == null) {
                if (ours >= 0 && now - lastEvent > stall.toNanos()) {
                    throw new TierException(ApiError.upstream("the GenerateContent stream stalled for " + stall.toMillis() + " ms"));
                }
                continue;
            }
            lastEvent = now;
            switch (e.kind()) {
                case "lost" -> throw new TierException(ApiError.upstream(e.message()));
                case "quota" -> {
                    // The page's own failure report (jserror) with a quota word. It is not part of the
                    // RPC, so it races the generation's own events: those decide if they end the
                    // generation within QUOTA_GRACE; the report alone decides after that. A report
                    // before our generation started, or about another one, is not ours; if ours never
                    // starts, the page tier reads what the page shows.
                    if (ours >= 0 && e.gen() == ours && quotaReport == null) {
                        quotaReport = e.message() == null ? "reported by the page" : e.message();
                        quotaDecideBy = now + QUOTA_GRACE.toNanos();
                    }
                }
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
                        case "error" -> {
                            if (e.status() == 429) throw new TierException(ApiError.quotaExceeded("GenerateContent answered HTTP 429"));
                            if (quotaReport != null && namesQuota(quotaReport)) throw new TierException(ApiError.quotaExceeded(quotaReport));
                            throw new TierException(ApiError.upstream("AI Studio's response failed: " + e.message()));
                        }
                        default -> { /* unknown kinds from a newer proxy are ignored */ }
                    }
                }
            }
        }
    }

    /** A page report that says "quota" outright, not only "Failed to generate content" (which any failure can say). */
    private static boolean namesQuota(String report) {
        String r = report.toLowerCase(java.util.Locale.ROOT);
        return r.contains("quota") || r.contains("resource_exhausted");
    }

    public StreamProxyProcess process() {
        return process;
    }

    @Override
    public void close() {
        channel.close();
    }
}
