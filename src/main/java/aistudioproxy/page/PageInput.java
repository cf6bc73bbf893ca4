package aistudioproxy.page;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Clicks and fills as a person's input reaches the page, without Playwright's actionability
 * polling on the common path. A click is one page round trip that scrolls the element into view
 * and checks that a click at its centre would hit it (enabled, visible, not covered), then a
 * trusted mouse click at that point: the same input events Playwright's own click ends with, some
 * 50 ms sooner. Only when the check fails (an overlay fading out, a button not enabled yet) does
 * the click fall back to Playwright's, which waits for the element to become clickable and fails
 * with the reason. A fill sets the value in the page and fires the events the page listens to,
 * then checks the element holds it. Owner thread only.
 */
final class PageInput {
    private static final System.Logger LOG = System.getLogger(PageInput.class.getName());

    private final Page page;
    private final Selectors selectors;
    private final double timeoutMs;

    PageInput(Page page, Selectors selectors, double timeoutMs) {
        this.page = page;
        this.selectors = selectors;
        this.timeoutMs = timeoutMs;
    }

    /** Clicks the first match of {@code selector}; fails naming {@code key} and {@code step}. */
    void click(SelectorKey key, String selector, String step) throws PageException {
        click(key, selector, step, timeoutMs);
    }

    /** As {@link #click(SelectorKey, String, String)}, waiting at most {@code waitMs} for the element to become clickable. */
    void click(SelectorKey key, String selector, String step, double waitMs) throws PageException {
        try {
            if (clickAtPoint(selector)) return;
            page.locator(selector).first().click(new Locator.ClickOptions().setTimeout(waitMs));
        } catch (PlaywrightException e) {
            throw PageException.from(e, key, step);
        }
    }

    /**
     * Waits up to {@code waitMs} for {@code key} to match, then clicks its first match: the wait,
     * the lookup and the hit check are one page round trip. False (nothing clicked) when nothing
     * matched in time.
     */
    boolean clickKey(SelectorKey key, int waitMs, String step) throws PageException {
        Map<String, Object> p;
        try {
            p = PageScripts.runForMap(page, selectors, "return await L.pointOf(a.key, a.ms);", Map.of("key", key.id(), "ms", waitMs));
            if (!(p.get("selector") instanceof String selector)) return false;
            if (!clickAt(selector, p)) page.locator(selector).first().click(new Locator.ClickOptions().setTimeout(Math.max(waitMs, 1)));
            return true;
        } catch (PlaywrightException e) {
            throw PageException.from(e, key, step);
        }
    }

    /**
     * Clicks the first match of {@code selector} at {@code point}, a {@code clickPoint} answer the
     * caller got in a round trip of its own; without a point there, as {@link #click(SelectorKey, String, String, double)}.
     */
    void click(SelectorKey key, String selector, Map<String, Object> point, String step, double waitMs) throws PageException {
        try {
            if (point != null && clickAt(selector, point)) return;
            click(key, selector, step, waitMs);
        } catch (PlaywrightException e) {
            throw PageException.from(e, key, step);
        }
    }

    /** One trusted click where the page says the element can be hit now; false (nothing clicked) when it cannot. */
    private boolean clickAtPoint(String selector) {
        return clickAt(selector, PageScripts.runForMap(page, selectors, "return L.clickPoint(a.sel);", Map.of("sel", selector)));
    }

    /** Clicks at the point of a {@code clickPoint} answer {@code p}; false when it gave none (its reason is logged). */
    private boolean clickAt(String selector, Map<String, Object> p) {
        if (!(p.get("x") instanceof Number x) || !(p.get("y") instanceof Number y)) {
            LOG.log(Level.DEBUG, "click_waits selector={0} why={1}", selector, p.get("why"));
            return false;
        }
        page.mouse().click(x.doubleValue(), y.doubleValue());
        return true;
    }

    /**
     * Sets the value of the first match of {@code selector} in one page round trip and checks it
     * took; a page that does not show the value afterwards fails naming {@code key}.
     */
    void fill(SelectorKey key, String selector, String value, String step) throws PageException {
        Object ok;
        try {
            ok = PageScripts.run(page, selectors, "return L.setValue(a.sel, a.text);", Map.of("sel", selector, "text", value));
        } catch (PlaywrightException e) {
            throw PageException.from(e, key, step);
        }
        if (!Boolean.TRUE.equals(ok)) {
            throw new PageException(PageException.Kind.UPSTREAM, "page step '" + step + "': selector key '" + key.id()
                    + "' did not take the value (" + value.length() + " characters)", key);
        }
    }
}
