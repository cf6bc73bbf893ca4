package aistudioproxy.tier;

/**
 * One way of producing an answer. {@link #generate} sends deltas to the sink as they come and
 * returns how the answer ended, or throws {@link TierException}. Throwing lets the next tier try,
 * before the first delta or after it: every tier answers the page's generation from its start, and
 * the chain passes on only what goes beyond what the client already has (never two answers mixed).
 * Called on the job's runner thread, one generation at a time, under the processing lock.
 */
public interface Tier {
    TierName name();

    /** Whether the tier is configured at all. */
    boolean enabled();

    /** Whether the tier is worth trying now (e.g. its process is up). Cheap; called per job. */
    default boolean healthy() {
        return true;
    }

    TierResult generate(Generation generation, DeltaSink sink) throws TierException, InterruptedException;

    /**
     * Before the page is touched for a job's run, whichever tier starts it: a tier whose path the
     * browser uses waits for it here (or refuses). Called on the job's runner thread.
     */
    default void beforePage() throws TierException, InterruptedException {}

    /** On the page's thread, right before the page clicks Run for a job, whichever tier asked. Must be quick and not throw. */
    default void beforeClick() {}

    /** Runs after every job, success or failure, whether or not this tier answered. Must not throw. */
    default void cleanup(Generation generation) {}
}
