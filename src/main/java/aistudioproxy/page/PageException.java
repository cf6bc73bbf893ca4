package aistudioproxy.page;

/**
 * A page operation failed. {@code kind} says how the job should end: a quota message is a 429,
 * a broken page or browser a 502 (and the page is re-created before the next job).
 */
public final class PageException extends Exception {
    public enum Kind { QUOTA, UPSTREAM, PAGE_BROKEN, NOT_READY, TIMEOUT }

    private final Kind kind;

    public PageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static PageException from(Throwable t) {
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
        if (t instanceof com.microsoft.playwright.TimeoutError) return new PageException(Kind.TIMEOUT, "page operation timed out: " + msg, t);
        if (msg.contains("closed") || msg.contains("crashed") || msg.contains("Target") || msg.contains("disconnected")) {
            return new PageException(Kind.PAGE_BROKEN, "the browser page is gone: " + msg, t);
        }
        return new PageException(Kind.UPSTREAM, "page operation failed: " + msg, t);
    }
}
