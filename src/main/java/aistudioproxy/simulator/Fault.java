package aistudioproxy.simulator;

/**
 * Fault scripts, chosen per request by a marker in the prompt (see {@link Script}).
 * Each mirrors a way the real AI Studio (or the network) has been seen to fail.
 */
enum Fault {
    /** {@code [[sim:http429]]}: the RPC answers 429 (rate limit); the page shows an error toast. */
    HTTP_429,
    /** {@code [[sim:http500]]}: the RPC answers 500; the page shows an error toast. */
    HTTP_500,
    /** {@code [[sim:quota]]}: 429 RESOURCE_EXHAUSTED; the page shows the quota callout and reports a jserror. */
    QUOTA,
    /** {@code [[sim:malformed]]}: a few good chunks, then one that is not valid JSON, then the end. */
    MALFORMED,
    /** {@code [[sim:hang]]}: headers, then nothing until the client gives up. */
    HANG,
    /** {@code [[sim:hang-mid]]}: some tokens, then nothing until the client gives up. */
    HANG_MID,
    /** {@code [[sim:drop]]}: some tokens, then the connection is cut without ending the body. */
    DROP
}
