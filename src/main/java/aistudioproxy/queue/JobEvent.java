package aistudioproxy.queue;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.tier.Delta;
import aistudioproxy.tier.TierName;

/** What a waiting client learns about its job, in order. Exactly one terminal event ends the sequence. */
public sealed interface JobEvent {
    /** The tier that will produce every delta of this answer; precedes the first delta. */
    record Owner(TierName tier) implements JobEvent {}

    record Output(Delta delta) implements JobEvent {}

    record Completed(TierName tier, FinishReason finish) implements JobEvent {}

    record Failed(ApiError error) implements JobEvent {}

    default boolean terminal() {
        return this instanceof Completed || this instanceof Failed;
    }
}
