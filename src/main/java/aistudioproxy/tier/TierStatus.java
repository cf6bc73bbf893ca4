package aistudioproxy.tier;

/** One tier's state for status views: configured at all, healthy now, and its counters and last error. */
public record TierStatus(TierName name, boolean enabled, boolean healthy, TierStats.Snapshot stats) {}
