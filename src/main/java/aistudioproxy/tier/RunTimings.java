package aistudioproxy.tier;

/**
 * How long the page took to start a run. {@code prepareNanos}: new chat, model, settings, images;
 * {@code submitNanos}: filling the prompt and clicking Run; {@code clickedAtNanos}: when Run was
 * clicked ({@link System#nanoTime}).
 */
public record RunTimings(long prepareNanos, long submitNanos, long clickedAtNanos) {}
