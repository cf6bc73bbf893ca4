package aistudioproxy.page;

/**
 * The page tier's state for status views: {@code ready}; {@code detail}, why not (null when
 * ready); {@code model}, the model the page was last switched to (null before the first
 * request); {@code browser}, which browser it drives.
 */
public record PageStatus(boolean ready, String detail, String model, String browser) {}
