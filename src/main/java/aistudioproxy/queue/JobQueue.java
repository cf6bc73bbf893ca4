package aistudioproxy.queue;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.tier.TierName;

/**
 * Where the HTTP layer puts requests and finds them again: one account's {@link RequestQueue},
 * or several accounts behind a dispatcher. Ids are unique across all of them.
 */
public interface JobQueue {
    /** Enqueues a request; the caller then reads the job's events. */
    Job submit(String id, ChatRequest request, TierName forcedTier) throws QueueFullException, CoolingDownException;

    /** Cancels a waiting or running job; false when no such job is waiting or running. */
    boolean cancel(String id, ApiError why);

    /** Requests waiting, not yet running. */
    int waitingCount();

    QueueSnapshot snapshot();

    /** Where the last jobs' time went, step by step. */
    RecentTimings timings();
}
