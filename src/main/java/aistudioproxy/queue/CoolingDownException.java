package aistudioproxy.queue;

import java.time.Duration;

/** Every account that could take the request is cooling down after a quota answer; {@code retryAfter}: until the soonest is free. */
public final class CoolingDownException extends Exception {
    private final String model;
    private final Duration retryAfter;

    public CoolingDownException(String model, Duration retryAfter) {
        super("every account is cooling down for " + model);
        this.model = model;
        this.retryAfter = retryAfter;
    }

    public String model() {
        return model;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
