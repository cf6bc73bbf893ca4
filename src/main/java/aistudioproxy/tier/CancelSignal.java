package aistudioproxy.tier;

import aistudioproxy.chat.ApiError;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Set once when a generation must stop (client gone, cancelled, timed out). Tiers register
 * listeners to abort blocking work (click Stop, close a stream); a listener added after the
 * signal fired runs at once. Thread-safe.
 */
public final class CancelSignal {
    private final AtomicReference<ApiError> reason = new AtomicReference<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Fires the signal; returns false if it had already fired (the first reason wins). */
    public boolean cancel(ApiError why) {
        if (!reason.compareAndSet(null, why)) return false;
        for (Runnable r : listeners) runQuietly(r);
        return true;
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** The error the job ends with, or null while not cancelled. */
    public ApiError reason() {
        return reason.get();
    }

    public void onCancel(Runnable listener) {
        listeners.add(listener);
        if (isCancelled() && listeners.remove(listener)) runQuietly(listener);
    }

    public void throwIfCancelled() throws TierException {
        ApiError why = reason.get();
        if (why != null) throw new TierException(why);
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            System.getLogger(CancelSignal.class.getName()).log(System.Logger.Level.WARNING, "cancel_listener_failed", e);
        }
    }
}
