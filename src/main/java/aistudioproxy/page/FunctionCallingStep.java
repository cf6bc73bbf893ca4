package aistudioproxy.page;

import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * The page's own function calling: its "Function calling" switch, and the declarations editor
 * behind its Edit button (Code Editor tab, the JSON, Save). Switched off for a request without
 * functions; written only when the declarations differ from what the page has ({@code onPage},
 * what the controller last saved, null for none). The page does not allow function calling
 * together with Grounding with Google Search or URL context (its switch is disabled while either
 * is on), so those are switched off first.
 */
final class FunctionCallingStep {
    private static final System.Logger LOG = System.getLogger(FunctionCallingStep.class.getName());
    private static final String STEP = "function calling";
    private static final int APPEAR_MS = 2000;

    /** How it went: the page now has the declarations, or its controls are not there to drive. */
    enum Outcome { DONE, NO_CONTROLS }

    private FunctionCallingStep() {}

    /**
     * Makes the page give the model {@code declarations} (JSON text; null: switch it off).
     * {@code onPage}: what the page has, as far as the controller knows. Fails (a page error naming
     * the step) when the page refuses the declarations.
     */
    static Outcome apply(PageDriver d, String declarations, String onPage) throws PageException {
        String toggle = d.resolve(SelectorKey.FUNCTION_CALLING_TOGGLE);
        if (toggle == null) {
            if (declarations == null) return Outcome.DONE; // nothing to switch off
            return Outcome.NO_CONTROLS;
        }
        boolean on = isOn(d, toggle);
        if (declarations == null) {
            if (on) setSwitch(d, SelectorKey.FUNCTION_CALLING_TOGGLE, toggle, false);
            return Outcome.DONE;
        }
        if (on && declarations.equals(onPage)) return Outcome.DONE;
        if (!on) {
            for (SelectorKey conflicting : new SelectorKey[] {SelectorKey.GOOGLE_SEARCH_TOGGLE, SelectorKey.URL_CONTEXT_TOGGLE}) {
                String other = d.resolve(conflicting);
                if (other != null && isOn(d, other)) {
                    setSwitch(d, conflicting, other, false);
                    LOG.log(Level.INFO, "tool_switched_off key={0} why=function calling", conflicting.id());
                }
            }
            setSwitch(d, SelectorKey.FUNCTION_CALLING_TOGGLE, toggle, true);
        }
        String edit = d.resolve(SelectorKey.FUNCTION_DECLARATIONS_EDIT);
        if (edit == null) return Outcome.NO_CONTROLS;
        d.click(SelectorKey.FUNCTION_DECLARATIONS_EDIT, edit, STEP);
        Map<String, Object> r = PageScripts.runForMap(d.page(), d.selectors(), PageScripts.WRITE_DECLARATIONS, Map.of("json", declarations, "ms", APPEAR_MS));
        d.dismissOverlays();
        if (Boolean.TRUE.equals(r.get("ok"))) return Outcome.DONE;
        if (r.get("refused") != null) {
            throw new PageException(PageException.Kind.BAD_INPUT, "page step '" + STEP + "': the page refused the function declarations: " + r.get("refused"));
        }
        LOG.log(Level.INFO, "function_calling_controls_missing key={0}", r.get("key"));
        return Outcome.NO_CONTROLS;
    }

    private static boolean isOn(PageDriver d, String switchSelector) {
        return "true".equals(d.page().locator(switchSelector).first().getAttribute("aria-checked"));
    }

    /** Clicks the switch {@code key} (resolved to {@code selector}) and waits for it to show {@code want}. */
    private static void setSwitch(PageDriver d, SelectorKey key, String selector, boolean want) throws PageException {
        d.click(key, selector, STEP);
        Object now = PageScripts.run(d.page(), d.selectors(), "return await L.until(() => {"
                + " const t = L.one(a.key); return t && t.getAttribute('aria-checked') === a.want ? true : null; }, a.ms);",
                Map.of("key", key.id(), "want", String.valueOf(want), "ms", APPEAR_MS));
        if (now == null) {
            throw new PageException(PageException.Kind.UPSTREAM, "page step '" + STEP + "': the switch (selector key '"
                    + key.id() + "') did not turn " + (want ? "on" : "off"), key);
        }
    }
}
