package aistudioproxy.streamtier;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.streamproxy.ProxyEvent;
import aistudioproxy.tier.Delta;
import aistudioproxy.tier.TierResult;

import java.time.Duration;
import java.util.Locale;

/**
 * Tier 1's view of one generation, as a state machine over the proxy's events and the time:
 * {@link #on(ProxyEvent, long)} (the event may be null: time passed without one) says what to do
 * next. No threads, no clock of its own: the tier feeds it, tests feed it lists.
 *
 * <pre>
 *   waiting ─ Start ─▶ ours(gen) ─ Text/Reasoning/ToolCall of gen ─▶ Emit
 *      │                  ├─ Done of gen ─▶ Finish          ├─ Error of gen ─▶ Fail (429 / quota / upstream)
 *      │                  ├─ silence > stall ─▶ Fail         └─ Quota report of gen ─▶ Fail after the grace, unless the generation ends first
 *      └─ no Start within firstEvent ─▶ Fail (fall back)      Lost anywhere ─▶ Fail
 * </pre>
 * Events of any other generation are ignored.
 */
final class GenerationWatch {
    /** What the tier does after an event, or after a wait without one. */
    sealed interface Step {
        record Emit(Delta delta) implements Step {}

        record Finish(TierResult result) implements Step {}

        record Fail(ApiError error) implements Step {}

        record Continue() implements Step {}
    }

    private static final Step CONTINUE = new Step.Continue();

    private final String browser;
    private final Duration firstEvent;
    private final Duration stall;
    private final Duration quotaGrace;
    private final long firstDeadline;
    private long ours = -1;
    private long lastEvent;
    private int calls;
    private String quotaReport;
    private long quotaDecideBy;

    GenerationWatch(Duration firstEvent, Duration stall, Duration quotaGrace, long startNanos) {
        this(null, firstEvent, stall, quotaGrace, startNanos);
    }

    /** {@code browser}: the label of the browser whose generation this is; null takes any browser's. */
    GenerationWatch(String browser, Duration firstEvent, Duration stall, Duration quotaGrace, long startNanos) {
        this.browser = browser;
        this.firstEvent = firstEvent;
        this.stall = stall;
        this.quotaGrace = quotaGrace;
        this.firstDeadline = startNanos + firstEvent.toNanos();
        this.lastEvent = startNanos;
    }

    /** How long the tier may wait for the next event before it must ask again (ms). */
    long waitMillis(long now) {
        long until = ours < 0 ? (firstDeadline - now) / 1_000_000 : 100;
        if (quotaReport != null) until = Math.min(until, (quotaDecideBy - now) / 1_000_000);
        return Math.max(0, Math.min(100, until));
    }

    Step on(ProxyEvent e, long now) {
        if (ours < 0 && now >= firstDeadline && !(e instanceof ProxyEvent.Start)) {
            return new Step.Fail(ApiError.timeout("no GenerateContent response seen within " + firstEvent.toMillis()
                    + " ms (STREAM_FIRST_EVENT_TIMEOUT_MS)"));
        }
        if (quotaReport != null && now >= quotaDecideBy) return new Step.Fail(ApiError.quotaExceeded(quotaReport));
        if (e == null) {
            if (ours >= 0 && now - lastEvent > stall.toNanos()) {
                return new Step.Fail(ApiError.upstream("the GenerateContent stream stalled for " + stall.toMillis() + " ms"));
            }
            return CONTINUE;
        }
        lastEvent = now;
        if (e instanceof ProxyEvent.Lost l) return new Step.Fail(ApiError.upstream(l.why()));
        if (e instanceof ProxyEvent.Quota q) {
            // The page's own failure report (jserror) with a quota word. It is not part of the RPC, so
            // it races the generation's own events: those decide if they end the generation within
            // the grace; the report alone decides after that. A report before our generation started,
            // or about another one, is not ours; if ours never starts, the page tier reads the page.
            if (ours >= 0 && q.gen() == ours && quotaReport == null) {
                quotaReport = q.message() == null ? "reported by the page" : q.message();
                quotaDecideBy = now + quotaGrace.toNanos();
            }
            return CONTINUE;
        }
        if (e instanceof ProxyEvent.Start s) {
            // Another account's browser: its generations are that account's tier's.
            if (ours < 0 && (browser == null || browser.equals(s.browser()))) ours = s.gen();
            return CONTINUE;
        }
        if (e.gen() != ours) return CONTINUE;
        return switch (e) {
            case ProxyEvent.Text t -> new Step.Emit(new Delta.Text(t.text()));
            case ProxyEvent.Reasoning r -> new Step.Emit(new Delta.Reasoning(r.text()));
            case ProxyEvent.ToolCall c -> {
                calls++;
                yield new Step.Emit(new Delta.Call(new ToolCall(ToolCall.newId(), c.name(), c.args().write())));
            }
            case ProxyEvent.Done d -> new Step.Finish(new TierResult(calls > 0 ? FinishReason.TOOL_CALLS : FinishReason.STOP));
            case ProxyEvent.Error x -> {
                if (x.status() == 429) yield new Step.Fail(ApiError.quotaExceeded("GenerateContent answered HTTP 429"));
                if (quotaReport != null && namesQuota(quotaReport)) yield new Step.Fail(ApiError.quotaExceeded(quotaReport));
                yield new Step.Fail(ApiError.upstream("AI Studio's response failed: " + x.message()));
            }
            default -> CONTINUE;
        };
    }

    /** A page report that says "quota" outright, not only "Failed to generate content" (which any failure can say). */
    private static boolean namesQuota(String report) {
        String r = report.toLowerCase(Locale.ROOT);
        return r.contains("quota") || r.contains("resource_exhausted");
    }
}
