package aistudioproxy.testing;

import aistudioproxy.chat.ApiError;
import aistudioproxy.tier.Delta;
import aistudioproxy.tier.DeltaSink;
import aistudioproxy.tier.Generation;
import aistudioproxy.tier.Tier;
import aistudioproxy.tier.TierException;
import aistudioproxy.tier.TierName;
import aistudioproxy.tier.TierResult;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * A tier whose behaviour per request is chosen by the test from the last user message:
 * {@code "echo ..."} answers the text in words, {@code "hang"} blocks until cancelled,
 * {@code "fail"} fails before any delta, {@code "quota"} answers AI Studio's quota error, {@code "fail-after"} fails after one delta,
 * {@code "slow N"} waits N ms before answering, {@code "think"} sends reasoning first,
 * {@code "call"} answers with a tool call, {@code "drip"} sends 4 KB every 2 ms until cancelled.
 * Records what it saw.
 */
public final class ScriptedTier implements Tier {
    private final TierName name;
    public final List<String> started = new CopyOnWriteArrayList<>();
    public final List<String> cleanedUp = new CopyOnWriteArrayList<>();
    public final CopyOnWriteArrayList<String> sawCancel = new CopyOnWriteArrayList<>();
    public volatile boolean enabled = true;
    public volatile CountDownLatch entered = new CountDownLatch(1);
    private final Function<String, String> extraBehaviour;

    public ScriptedTier(TierName name) {
        this(name, p -> null);
    }

    public ScriptedTier(TierName name, Function<String, String> extraBehaviour) {
        this.name = name;
        this.extraBehaviour = extraBehaviour;
    }

    @Override
    public TierName name() {
        return name;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public TierResult generate(Generation gen, DeltaSink sink) throws TierException, InterruptedException {
        String prompt = gen.request().messages().getLast().text();
        started.add(gen.requestId());
        gen.cancel().onCancel(() -> sawCancel.addIfAbsent(gen.requestId()));
        entered.countDown();
        String override = extraBehaviour.apply(prompt);
        if (override != null) prompt = override;
        if (prompt.equals("hang")) block(gen);
        if (prompt.equals("fail")) throw new TierException(ApiError.upstream(name.wire() + " failed"));
        if (prompt.equals("quota")) throw new TierException(ApiError.quotaExceeded("scripted quota answer"));
        if (prompt.startsWith("slow ")) {
            Thread.sleep(Long.parseLong(prompt.substring(5).trim()));
            prompt = "echo slow done";
        }
        if (prompt.equals("fail-after")) {
            sink.accept(new Delta.Text("partial"));
            throw new TierException(ApiError.upstream(name.wire() + " broke mid-answer"));
        }
        if (prompt.equals("think")) {
            sink.accept(new Delta.Reasoning("pondering"));
            sink.accept(new Delta.Text("answer"));
            return TierResult.STOP;
        }
        if (prompt.equals("call")) {
            sink.accept(new Delta.Call(new aistudioproxy.chat.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")));
            return TierResult.STOP;
        }
        if (prompt.equals("drip")) {
            // 4 KB every 2 ms until cancelled: a generation that outlasts any socket buffer
            String block = "x".repeat(4096);
            try {
                while (true) {
                    gen.cancel().throwIfCancelled();
                    sink.accept(new Delta.Text(block));
                    Thread.sleep(2);
                }
            } catch (InterruptedException | TierException e) {
                sawCancel.addIfAbsent(gen.requestId());
                throw e;
            }
        }
        if (prompt.startsWith("hang-after ")) {
            sink.accept(new Delta.Text(prompt.substring(11)));
            block(gen);
        }
        String text = prompt.startsWith("echo ") ? prompt.substring(5) : "ok";
        String[] words = text.split("(?<= )");
        for (String w : words) sink.accept(new Delta.Text(w));
        return TierResult.STOP;
    }

    /**
     * Blocks until interrupted. The cancellation is recorded here too, before the runner ends: the
     * signal's own listener may run after the job has already finished (the signal interrupts the
     * runner first), so a test checking right after the next job would race it.
     */
    private void block(Generation gen) throws InterruptedException {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            if (gen.cancel().isCancelled()) sawCancel.addIfAbsent(gen.requestId());
            throw e;
        }
    }

    /** When set, cleanup waits for it (a slow page cleanup), at most 10 s. */
    public volatile CountDownLatch cleanupGate;

    @Override
    public void cleanup(Generation gen) {
        CountDownLatch gate = cleanupGate;
        if (gate != null) {
            try {
                gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cleanedUp.add(gen.requestId());
    }
}
