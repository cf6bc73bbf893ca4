package aistudioproxy.streamtier;

import aistudioproxy.chat.ApiError;
import aistudioproxy.streamproxy.ProxyEvent;
import aistudioproxy.tier.DeltaSink;
import aistudioproxy.tier.Generation;
import aistudioproxy.tier.Tier;
import aistudioproxy.tier.TierException;
import aistudioproxy.tier.TierName;
import aistudioproxy.tier.TierResult;
import aistudioproxy.tier.Timeline;

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
    private final String browser;

    /** {@code stall}: longest silence allowed once the response has started. Takes any browser's generations. */
    public StreamProxyTier(StreamProxyProcess process, Duration firstEvent, Duration stall) {
        this(process, null, firstEvent, stall);
    }

    /**
     * The tier of one account: {@code browser} is the label its browser presents to the proxy
     * ({@link StreamProxyProcess#browserProxy(String)}); generations of other browsers are not its own.
     */
    public StreamProxyTier(StreamProxyProcess process, String browser, Duration firstEvent, Duration stall) {
        this.process = process;
        this.browser = browser;
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
        GenerationWatch watch = new GenerationWatch(browser, firstEvent, stall, QUOTA_GRACE, System.nanoTime());
        while (true) {
            gen.cancel().throwIfCancelled();
            ProxyEvent e = channel.poll(watch.waitMillis(System.nanoTime()));
            // Events before the click were drained: the first start is this run's request.
            if (e instanceof ProxyEvent.Start s && (browser == null || browser.equals(s.browser()))) gen.timeline().mark(Timeline.Step.REQUEST_SEEN);
            switch (watch.on(e, System.nanoTime())) {
                case GenerationWatch.Step.Emit emit -> {
                    gen.timeline().mark(Timeline.Step.FIRST_PART);
                    sink.accept(emit.delta());
                }
                case GenerationWatch.Step.Finish finish -> {
                    return finish.result();
                }
                case GenerationWatch.Step.Fail fail -> throw new TierException(fail.error());
                case GenerationWatch.Step.Continue c -> { }
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
