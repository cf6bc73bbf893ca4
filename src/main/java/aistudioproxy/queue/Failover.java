package aistudioproxy.queue;

import aistudioproxy.chat.ApiError;

/**
 * What a queue does with a job that failed before anything reached its client: nothing (one
 * account), or hand it to another account's queue (a quota answer on this one). Called on the
 * failing queue's worker thread, before the failure would be told.
 */
@FunctionalInterface
public interface Failover {
    Failover NONE = (job, error) -> false;

    /** True when {@code job} was handed on: its client then gets that queue's answer instead of {@code error}. */
    boolean retryElsewhere(Job job, ApiError error);
}
