package aistudioproxy.tier;

import aistudioproxy.chat.FinishReason;

/** How a tier's answer ended. */
public record TierResult(FinishReason finish) {
    public static final TierResult STOP = new TierResult(FinishReason.STOP);
}
