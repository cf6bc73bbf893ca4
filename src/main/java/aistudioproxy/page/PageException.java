package aistudioproxy.page;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page operation failed. {@code kind} says how the job should end: a quota message is a 429,
 * a broken page or browser a 502 (and the page is re-created before the next job).
 */
public final class PageException extends Exception {
    /**
     * BAD_INPUT: the request itself cannot be run (an image that cannot be had): a 400. STUCK: the
     * page thread did not come back from a step within its limit (a frozen page): a 504, and the
     * page is checked and re-created.
     */
    public enum Kind { QUOTA, UPSTREAM, PAGE_BROKEN, NOT_READY, TIMEOUT, BAD_INPUT, STUCK }

    /** Playwright's driver errors read {@code Error {\n  message='…\n  name='…\n  stack='…\n}}, then maybe a call log. */
    private static final Pattern DRIVER_MESSAGE = Pattern.compile("^\\s*message='(.*)$", Pattern.MULTILINE);
    /** The call log's steps ({@code -   - waiting for locator("…")}); the last one says what the operation was doing. */
    private static final Pattern CALL_LOG_STEP = Pattern.compile("^-\\s+-\\s+(.+)$", Pattern.MULTILINE);

    private final Kind kind;
    /** The selector key whose element could not be found or used, or null. */
    private final SelectorKey key;

    public PageException(Kind kind, String message) {
        this(kind, message, (SelectorKey) null);
    }

    public PageException(Kind kind, String message, SelectorKey key) {
        super(message);
        this.kind = kind;
        this.key = key;
    }

    /** Nothing on the page matches any alternative of {@code key}: a 502 that names it. */
    static PageException missing(SelectorKey key, Selectors selectors, String step) {
        return new PageException(Kind.UPSTREAM, "page step '" + step + "': selector key '" + key.id() + "' (" + key.meaning()
                + ") matched nothing; tried " + selectors.chain(key) + ". If AI Studio changed its page, override '" + key.id()
                + "' in DATA_DIR/selectors.json (see README).", key);
    }

    public SelectorKey key() {
        return key;
    }

    public PageException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    public PageException(Kind kind, String message, Throwable cause, SelectorKey key) {
        super(message, cause);
        this.kind = kind;
        this.key = key;
    }

    /** As {@link #from(Throwable)}, for a Playwright action on the element of {@code key} in {@code step}. */
    static PageException from(Throwable t, SelectorKey key, String step) {
        PageException e = from(t);
        if (e.kind() == Kind.PAGE_BROKEN) return e;
        return new PageException(e.kind(), "page step '" + step + "' on selector key '" + key.id() + "': " + e.getMessage(), t, key);
    }

    public Kind kind() {
        return kind;
    }

    static PageException from(Throwable t) {
        String msg = describe(t);
        if (t instanceof com.microsoft.playwright.TimeoutError) return new PageException(Kind.TIMEOUT, "page operation timed out: " + msg, t);
        if (t.getClass().getSimpleName().equals("TargetClosedError")
                || msg.contains("closed") || msg.contains("crashed") || msg.contains("Target") || msg.contains("disconnected")) {
            return new PageException(Kind.PAGE_BROKEN, "the browser page is gone: " + msg, t);
        }
        return new PageException(Kind.UPSTREAM, "page operation failed: " + msg, t);
    }

    /**
     * One line for logs and error bodies: the driver's own message and, when there is a call log,
     * its last step (e.g. {@code Timeout 15000ms exceeded. (waiting for locator("…"))}). The
     * JavaScript stack and the {@code Error {} wrapper are left out.
     */
    static String describe(Throwable t) {
        String raw = t.getMessage();
        if (raw == null || raw.isBlank()) return t.getClass().getSimpleName();
        Matcher m = DRIVER_MESSAGE.matcher(raw);
        String message = m.find() ? m.group(1).strip() : raw.lines().findFirst().orElse("").strip();
        String step = null;
        for (Matcher s = CALL_LOG_STEP.matcher(raw); s.find(); ) step = s.group(1).strip();
        return step == null ? message : message + " (" + step + ")";
    }
}
