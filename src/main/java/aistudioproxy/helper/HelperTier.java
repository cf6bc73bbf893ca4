package aistudioproxy.helper;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.tier.DeltaSink;
import aistudioproxy.tier.Delta;
import aistudioproxy.tier.Generation;
import aistudioproxy.tier.Tier;
import aistudioproxy.tier.TierException;
import aistudioproxy.tier.TierName;
import aistudioproxy.tier.TierResult;

import javax.net.ssl.SSLContext;
import java.util.function.Supplier;

/**
 * Tier 2 (SPEC §6): the page submits the prompt as always; the external Helper, which sees the
 * browser's traffic, streams the answer. Fails over to the page tier when the Helper is
 * unreachable, answers non-200, or stays silent, before its first delta.
 */
public final class HelperTier implements Tier {
    private final HelperSettings settings;
    private final HelperClient client;
    private final Supplier<String> sapisid;

    /** {@code sapisid} yields the login's SAPISID cookie value, or null if none is known. */
    public HelperTier(HelperSettings settings, SSLContext tls, Supplier<String> sapisid) {
        this.settings = settings;
        this.client = new HelperClient(settings, tls);
        this.sapisid = sapisid;
    }

    @Override
    public TierName name() {
        return TierName.HELPER;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public TierResult generate(Generation gen, DeltaSink sink) throws TierException, InterruptedException {
        gen.run().start();
        String cookie = sapisid.get();
        if (cookie == null || cookie.isEmpty()) {
            throw new TierException(ApiError.unavailable("no SAPISID cookie for the Helper (log in, or set HELPER_SAPISID)"));
        }
        try (HelperStream stream = client.open(cookie)) {
            gen.cancel().onCancel(stream::close);
            while (true) {
                gen.cancel().throwIfCancelled();
                switch (stream.next(settings.idleTimeout())) {
                    case HelperStream.Item.Deltas d -> {
                        for (Delta delta : d.deltas()) sink.accept(delta);
                    }
                    case HelperStream.Item.Finished f -> {
                        return new TierResult(switch (f.finishReason()) {
                            case "length" -> FinishReason.LENGTH;
                            case "tool_calls" -> FinishReason.TOOL_CALLS;
                            case "content_filter" -> FinishReason.CONTENT_FILTER;
                            default -> FinishReason.STOP;
                        });
                    }
                    case HelperStream.Item.Failed f -> throw new TierException(ApiError.upstream(f.message()));
                }
            }
        } catch (HelperUnavailableException e) {
            throw new TierException(ApiError.upstream(e.getMessage()));
        } catch (HelperTimeoutException e) {
            throw new TierException(ApiError.timeout("Helper idle timeout: " + e.getMessage()));
        }
    }
}
