package aistudioproxy.tier;

import aistudioproxy.tools.CallExtractor;
import aistudioproxy.tools.FunctionCallingMode;
import aistudioproxy.tools.ToolPlan;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.ChatRequest;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the tiers for an answer in order (stream proxy, Helper, page), skipping disabled or
 * unhealthy ones and falling back when one fails. A tier that fails mid-answer is taken over
 * too: the next one answers the same page generation from its start, and the client gets only
 * what goes beyond what it already has ({@link AnswerSoFar}); a tier whose answer contradicts
 * that ends the request with the first tier's error. Every decision is logged
 * ({@code tier_fallback}, {@code tier_takeover}).
 */
public final class TierChain {
    private static final System.Logger LOG = System.getLogger(TierChain.class.getName());

    private final List<Tier> tiers;
    private final PromptRun.Opener runs;
    private final FunctionCallingMode functionCalling;
    private final Map<TierName, TierStats> stats = new EnumMap<>(TierName.class);
    private final Clock clock;

    /** A chain whose tiers never need the page (tests, benches). */
    public TierChain(List<Tier> tiers, Clock clock) {
        this(tiers, PromptRun.Opener.NONE, clock);
    }

    public TierChain(List<Tier> tiers, PromptRun.Opener runs, Clock clock) {
        this(tiers, runs, FunctionCallingMode.AUTO, clock);
    }

    public TierChain(List<Tier> tiers, PromptRun.Opener runs, FunctionCallingMode functionCalling, Clock clock) {
        this.functionCalling = functionCalling;
        this.tiers = List.copyOf(tiers);
        this.runs = runs;
        this.clock = clock;
        for (TierName n : TierName.values()) stats.put(n, new TierStats());
    }

    /** Opens the page's run of a job's prompt, with every enabled tier's hooks around it. */
    public PromptRun openRun(String requestId, ChatRequest request, CancelSignal cancel) {
        ToolPlan plan = ToolPlan.of(request, functionCalling);
        return runs.open(requestId, request, plan, cancel, new RunHooks() {
            @Override
            public void beforePage() throws TierException, InterruptedException {
                for (Tier t : tiers) if (t.enabled()) t.beforePage();
            }

            @Override
            public void beforeClick() {
                for (Tier t : tiers) {
                    if (!t.enabled()) continue;
                    try {
                        t.beforeClick();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "tier_before_click_failed tier=" + t.name().wire(), e);
                    }
                }
            }
        });
    }

    public List<Tier> tiers() {
        return tiers;
    }

    /** Every tier's state, configured or not, in chain order then the absent ones. */
    public List<TierStatus> status() {
        List<TierStatus> out = new java.util.ArrayList<>();
        for (Tier t : tiers) out.add(new TierStatus(t.name(), t.enabled(), t.healthy(), stats(t.name()).snapshot()));
        for (TierName n : TierName.values()) {
            if (tiers.stream().noneMatch(t -> t.name() == n)) out.add(new TierStatus(n, false, false, stats(n).snapshot()));
        }
        return out;
    }

    public TierStats stats(TierName name) {
        return stats.get(name);
    }

    /**
     * Called with the tier whose delta is about to reach the sink first, and again with the tier
     * that takes over an answer, before its first new delta.
     */
    public interface OwnerListener {
        void owner(TierName tier);
    }

    /**
     * Runs the generation. {@code forced} (may be null) restricts the chain to one tier, which
     * is then an error when unavailable.
     */
    public TierResultOf run(Generation gen, TierName forced, DeltaSink sink, OwnerListener owner)
            throws TierException, InterruptedException {
        TierException last = null;
        TierException broken = null; // the error of the tier that failed mid-answer, if one did
        AnswerSoFar sent = new AnswerSoFar(sink);
        for (Tier tier : tiers) {
            if (forced != null && tier.name() != forced) continue;
            if (!tier.enabled() || !tier.healthy()) {
                String why = tier.enabled() ? "unhealthy" : "disabled";
                if (forced != null) throw new TierException(ApiError.unavailable("Tier '" + forced.wire() + "' is " + why + "."));
                LOG.log(Level.DEBUG, "tier_skipped request={0} tier={1} why={2}", gen.requestId(), tier.name().wire(), why);
                continue;
            }
            gen.cancel().throwIfCancelled();
            AnswerSoFar.Replay replay = sent.replay(() -> owner.owner(tier.name()));
            // Calls written as text are read out of the answer by the same rules whichever tier wrote it;
            // whether the run emulated is known once it has started, before any tier has a delta.
            TextCalls calls = new TextCalls(gen.run(), replay);
            try {
                TierResult result = tier.generate(gen, calls);
                calls.finish();
                replay.finish();
                if (replay.diverged() != null) {
                    LOG.log(Level.WARNING, "tier_takeover_failed request={0} tier={1} why={2}", gen.requestId(), tier.name().wire(), replay.diverged());
                    stats.get(tier.name()).failed("its answer differs from the one sent: " + replay.diverged());
                    throw broken;
                }
                stats.get(tier.name()).answered(clock.instant());
                return new TierResultOf(tier.name(), result);
            } catch (TierException e) {
                gen.cancel().throwIfCancelled();
                if (e == broken) throw e; // thrown above: the takeover's answer contradicted the one sent
                String next = next(tier, forced);
                if (next == null || replay.diverged() != null) {
                    stats.get(tier.name()).failed(e.getMessage());
                    if (forced == null) LOG.log(Level.WARNING, "tier_failed request={0} tier={1} why={2}", gen.requestId(), tier.name().wire(), e.getMessage());
                    throw broken != null ? broken : e;
                }
                stats.get(tier.name()).fellBack(e.getMessage());
                if (sent.started()) {
                    if (broken == null) broken = e;
                    LOG.log(Level.WARNING, "tier_takeover request={0} from={1} to={2} why={3}", gen.requestId(), tier.name().wire(), next, e.getMessage());
                } else {
                    LOG.log(Level.WARNING, "tier_fallback request={0} from={1} to={2} why={3}", gen.requestId(), tier.name().wire(), next, e.getMessage());
                }
                last = e;
            }
        }
        if (forced != null) throw new TierException(ApiError.unavailable("Tier '" + forced.wire() + "' is not configured."));
        throw broken != null ? broken : last != null ? last : new TierException(ApiError.unavailable("No tier is available to answer."));
    }

    /** The tier the chain moves on to after {@code from}, or null when none is left. */
    private String next(Tier from, TierName forced) {
        if (forced != null) return null;
        boolean seen = false;
        for (Tier t : tiers) {
            if (seen && t.enabled() && t.healthy()) return t.name().wire();
            if (t == from) seen = true;
        }
        return null;
    }

    /** The tier that answered and how its answer ended. */
    public record TierResultOf(TierName tier, TierResult result) {}

    /** Runs every tier's cleanup; never throws. */
    public void cleanup(Generation gen) {
        for (Tier t : tiers) {
            try {
                t.cleanup(gen);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "tier_cleanup_failed tier=" + t.name().wire(), e);
            }
        }
    }

    /**
     * A {@link CallExtractor} in front of the sink when the run has functions, else the sink itself.
     * Native runs too: the conversation shows earlier calls as protocol blocks, and a model that
     * saw them may write its next call that way instead of through the page's tool.
     */
    private static final class TextCalls implements DeltaSink {
        private final PromptRun run;
        private final DeltaSink sink;
        private DeltaSink front;
        private CallExtractor extractor;

        TextCalls(PromptRun run, DeltaSink sink) {
            this.run = run;
            this.sink = sink;
        }

        @Override
        public void accept(Delta delta) {
            if (front == null) {
                ToolPlan plan = run.plan();
                extractor = plan != null && plan.delivery() != ToolPlan.Delivery.NONE ? new CallExtractor(plan, sink) : null;
                front = extractor != null ? extractor : sink;
            }
            front.accept(delta);
        }

        void finish() {
            if (extractor != null) extractor.finish();
        }
    }
}
