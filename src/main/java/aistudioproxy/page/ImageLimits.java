package aistudioproxy.page;

/**
 * What a request's images may be: at most {@code maxBytes} each (decoded, or read from a fetch,
 * which stops reading beyond it), and fetched from loopback, private, link-local or metadata
 * addresses only when {@code allowPrivate}.
 */
public record ImageLimits(long maxBytes, boolean allowPrivate) {}
