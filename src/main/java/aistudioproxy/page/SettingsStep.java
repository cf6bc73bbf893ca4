package aistudioproxy.page;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run settings on the page: temperature, top P, output length, stop sequences, thinking and
 * the system instruction, each control touched only when its value differs; absent optional
 * controls are skipped (logged once each). Owner thread only; made by {@link PageDriver#applySettings}.
 */
final class SettingsStep {
    private static final System.Logger LOG = System.getLogger(SettingsStep.class.getName());

    private final PageDriver d;

    SettingsStep(PageDriver d) {
        this.d = d;
    }

    /**
     * Applies the run settings, touching only controls whose value differs; absent optional
     * controls are skipped (logged once each). Returns false when the page has no
     * system-instructions control (the caller then puts the instruction into the prompt).
     */
    boolean apply(RunSettings want, String systemInstruction, Map<String, Object> have) throws PageException {
        String step = "settings";
        double limit = number(have.get("maxTokensLimit"));
        int maxTokens = limit > 0 ? (int) Math.min(want.maxOutputTokens(), limit) : want.maxOutputTokens();
        setNumber(SelectorKey.TEMPERATURE_INPUT, have.get("temperature"), want.temperature(), fmt(want.temperature()));
        setNumber(SelectorKey.TOP_P_INPUT, have.get("topP"), want.topP(), fmt(want.topP()));
        setNumber(SelectorKey.MAX_TOKENS_INPUT, have.get("maxTokens"), maxTokens, Integer.toString(maxTokens));
        setStops(want.stopSequences(), have.get("stops"));
        applyThinking(want, have);
        if (!Boolean.TRUE.equals(have.get("systemControl"))) {
            if (!systemInstruction.isEmpty()) d.absent(SelectorKey.SYSTEM_INSTRUCTIONS_BUTTON, step);
            return false;
        }
        if (!systemInstruction.equals(have.get("system"))) setSystemInstruction(systemInstruction);
        return true;
    }

    private void setNumber(SelectorKey key, Object have, double want, String text) throws PageException {
        if (have == null) {
            d.absent(key, "settings");
            return;
        }
        if (number(have) != want) d.fill(key, d.require(key, "settings"), text, "settings");
    }

    /** Stop sequences, read from their chips ("Remove X"): unwanted chips removed, missing ones added. */
    private void setStops(List<String> want, Object shown) throws PageException {
        String step = "settings";
        if (shown == null) {
            if (!want.isEmpty()) d.absent(SelectorKey.STOP_INPUT, step);
            return;
        }
        List<String> have = ((List<?>) shown).stream().map(String::valueOf).toList();
        if (have.equals(want)) return;
        for (String s : have) {
            if (want.contains(s)) continue;
            if (!Boolean.TRUE.equals(PageScripts.run(d.page(), d.selectors(), "return L.removeStop(a.value);", Map.of("value", s)))) {
                throw new PageException(PageException.Kind.UPSTREAM, "page step 'settings': the stop sequence chip '" + s
                        + "' has no remove button (selector key 'stop_chip_remove')", SelectorKey.STOP_CHIP_REMOVE);
            }
        }
        String input = d.require(SelectorKey.STOP_INPUT, step);
        for (String s : want) {
            if (have.contains(s)) continue;
            d.fill(SelectorKey.STOP_INPUT, input, s, step);
            d.page().locator(input).first().press("Enter");
        }
    }

    /**
     * Thinking as the model's controls allow: a level select (Gemini 3), an on/off switch (2.5
     * Flash), a budget switch and input (2.5 models while thinking is on). Each control is re-read
     * after the one before it, since the page shows the budget controls only while thinking is
     * on and the budget input only while the budget is manual. A model without a control for what
     * was asked keeps its own behaviour (logged once per control).
     */
    private void applyThinking(RunSettings want, Map<String, Object> have) throws PageException {
        String step = "thinking";
        if (have.get("level") != null) {
            // The first label is the one asked for; the others stand in on models that do not offer it.
            if (!want.thinkingLevels().isEmpty() && !want.thinkingLevels().getFirst().equalsIgnoreCase((String) have.get("level"))) {
                setThinkingLevel(want.thinkingLevels());
            }
            return;
        }
        Object thinking = have.get("thinking");
        Map<String, Object> now = have;
        if (thinking == null) {
            if (!want.thinking()) d.absent(SelectorKey.THINKING_TOGGLE, step);
        } else if (Boolean.TRUE.equals(thinking) != want.thinking()) {
            d.click(SelectorKey.THINKING_TOGGLE, d.require(SelectorKey.THINKING_TOGGLE, step), step);
            now = d.shownSettings();
        }
        if (!want.thinking() && thinking != null) return;
        boolean manual = want.thinkingBudget() != null;
        Object haveManual = now.get("manualBudget");
        if (haveManual == null) {
            if (manual) d.absent(SelectorKey.THINKING_BUDGET_TOGGLE, step);
            return;
        }
        if (Boolean.TRUE.equals(haveManual) != manual) {
            d.click(SelectorKey.THINKING_BUDGET_TOGGLE, d.require(SelectorKey.THINKING_BUDGET_TOGGLE, step), step);
            if (manual) d.await(SelectorKey.THINKING_BUDGET_INPUT, PageDriver.APPEAR_MS, step);
            now = d.shownSettings();
        }
        if (manual && number(now.get("budget")) != want.thinkingBudget()) {
            d.fill(SelectorKey.THINKING_BUDGET_INPUT, d.require(SelectorKey.THINKING_BUDGET_INPUT, step), Integer.toString(want.thinkingBudget()), step);
        }
    }

    /** Opens the "Thinking Level" select and picks the first of {@code labels} it offers. */
    private void setThinkingLevel(List<String> labels) throws PageException {
        String step = "thinking level";
        d.click(SelectorKey.THINKING_LEVEL_SELECT, d.require(SelectorKey.THINKING_LEVEL_SELECT, step), step);
        d.await(SelectorKey.THINKING_LEVEL_OPTION, PageDriver.APPEAR_MS, step);
        Map<String, Object> r = PageScripts.runForMap(d.page(), d.selectors(), "return L.chooseLevel(a.labels);", Map.of("labels", labels));
        if (r.get("chosen") == null) {
            d.dismissOverlays();
            throw new PageException(PageException.Kind.UPSTREAM, "page step 'thinking level': the select offers " + r.get("shown")
                    + ", none of " + labels, SelectorKey.THINKING_LEVEL_OPTION);
        }
        Object closed = PageScripts.run(d.page(), d.selectors(), "return await L.until(() => L.resolve('thinking_level_option') ? null : true, a.ms);", Map.of("ms", PageDriver.APPEAR_MS));
        if (closed == null) d.dismissOverlays();
        LOG.log(Level.DEBUG, "thinking_level_set level={0}", r.get("chosen"));
    }

    /** Types the system instruction into its textarea (opening it first), then closes a dialog it sits in. */
    private void setSystemInstruction(String text) throws PageException {
        String step = "system instructions";
        String area = d.resolve(SelectorKey.SYSTEM_INSTRUCTIONS_INPUT);
        if (area == null || !d.page().locator(area).first().isVisible()) {
            d.click(SelectorKey.SYSTEM_INSTRUCTIONS_BUTTON, d.require(SelectorKey.SYSTEM_INSTRUCTIONS_BUTTON, step), step);
            area = d.await(SelectorKey.SYSTEM_INSTRUCTIONS_INPUT, PageDriver.APPEAR_MS, step);
        }
        d.fill(SelectorKey.SYSTEM_INSTRUCTIONS_INPUT, area, text, step);
        d.page().evaluate("(t) => { window.__aispSystemInstruction = t; }", text);
        d.dismissOverlays();
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
