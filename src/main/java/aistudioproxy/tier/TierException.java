package aistudioproxy.tier;

import aistudioproxy.chat.ApiError;

/**
 * A tier could not produce (the rest of) the answer. Before the tier's first delta this means
 * "try the next tier"; after it, the job fails with {@link #error()}.
 */
public final class TierException extends Exception {
    private final ApiError error;

    public TierException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    public TierException(ApiError error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
