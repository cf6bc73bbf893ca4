package aistudioproxy.page;

import aistudioproxy.openai.ToolCall;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.FilePayload;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The per-request page steps of SPEC §7, one short operation per method so a Stop can be slipped
 * in between them. Owner thread only. Every element is found through its {@link SelectorKey}'s
 * chain; a step that cannot find or use one fails with a {@link PageException} naming the key.
 * An optional control the page does not have (many models have no thinking switch) is skipped and
 * logged once per key.
 */
final class PageDriver {
    private static final System.Logger LOG = System.getLogger(PageDriver.class.getName());

    /** How long an overlay is given to close, or a control that appears after a click to appear. */
    private static final int APPEAR_MS = 2000;
    /** How long a virtualised turn is given to render once scrolled into view. */
    static final int REVEAL_MS = 1500;
    /** How long the edit toggle is given to show the raw markdown. */
    static final int EDIT_MS = 1000;

    private final Page page;
    private final Selectors selectors;
    private final Set<SelectorKey> absentLogged;
    private final double timeoutMs;

    PageDriver(Page page, Selectors selectors, Set<SelectorKey> absentLogged, double timeoutMs) {
        this.page = page;
        this.selectors = selectors;
        this.absentLogged = absentLogged;
        this.timeoutMs = timeoutMs;
    }

    // ---- finding elements ----

    /** The selector {@code key} resolves to now, or null when nothing matches. */
    String resolve(SelectorKey key) {
        List<Object> r = PageScripts.runForList(page, selectors, PageScripts.RESOLVE, Map.of("keys", List.of(key.id())));
        return (String) r.getFirst();
    }

    /** The selector of a control the step needs; fails naming the key when nothing matches. */
    private String require(SelectorKey key, String step) throws PageException {
        String s = resolve(key);
        if (s == null) throw PageException.missing(key, selectors, step);
        return s;
    }

    /** Waits (up to {@code ms}) for {@code key} to match, e.g. a dialog's button after the click that opens it. */
    private String await(SelectorKey key, int ms, String step) throws PageException {
        Object s = PageScripts.run(page, selectors, "return await L.until(() => L.resolve(a.key), a.ms);", Map.of("key", key.id(), "ms", ms));
        if (s == null) throw PageException.missing(key, selectors, step);
        return (String) s;
    }

    private void click(SelectorKey key, String selector, String step) throws PageException {
        try {
            page.locator(selector).first().click(new Locator.ClickOptions().setTimeout(timeoutMs));
        } catch (PlaywrightException e) {
            throw PageException.from(e, key, step);
        }
    }

    private void fill(SelectorKey key, String selector, String value, String step) throws PageException {
        try {
            page.locator(selector).first().fill(value, new Locator.FillOptions().setTimeout(timeoutMs));
        } catch (PlaywrightException e) {
            throw PageException.from(e, key, step);
        }
    }

    private void absent(SelectorKey key, String step) {
        if (absentLogged.add(key)) LOG.log(Level.INFO, "page_control_absent key={0} step={1} (skipped; logged once)", key.id(), step);
    }

    // ---- steps ----

    /** The page state in one round trip: {@code signedIn, phase, turns, modelTurns, model, settings}. */
    Map<String, Object> state() {
        return PageScripts.runForMap(page, selectors, PageScripts.STATE, Map.of());
    }

    /** Closes dialogs that would swallow clicks (welcome/what's-new) and any picker left open. */
    void dismissOverlays() {
        for (int i = 0; i < 3; i++) {
            String close = resolve(SelectorKey.OVERLAY_CLOSE);
            if (close == null) break;
            clickUnlessGone(close);
        }
        if (resolve(SelectorKey.OVERLAY_BACKDROP) == null) return;
        page.keyboard().press("Escape");
        // Material overlays fade out (~150 ms) before their backdrop is removed.
        Object gone = PageScripts.run(page, selectors, "return await L.until(() => L.resolve('overlay_backdrop') ? null : true, 500);");
        String backdrop = gone == null ? resolve(SelectorKey.OVERLAY_BACKDROP) : null;
        if (backdrop != null) {
            try {
                page.locator(backdrop).last().click(new Locator.ClickOptions().setPosition(2, 2).setTimeout(APPEAR_MS));
            } catch (PlaywrightException vanished) {
                // closed by itself meanwhile
            }
        }
    }

    /** Clicks an overlay's control that may vanish by itself meanwhile: then the click is moot, not an error. */
    private void clickUnlessGone(String selector) {
        try {
            page.locator(selector).first().click(new Locator.ClickOptions().setTimeout(APPEAR_MS));
        } catch (PlaywrightException e) {
            if (page.locator(selector).count() > 0) throw e;
        }
    }

    /** Starts a new chat (confirming the discard dialog) when the chat has turns. */
    void newChat() throws PageException {
        if (((Number) state().get("turns")).intValue() == 0) return;
        click(SelectorKey.NEW_CHAT_BUTTON, require(SelectorKey.NEW_CHAT_BUTTON, "new chat"), "new chat");
        click(SelectorKey.DISCARD_CONFIRM, await(SelectorKey.DISCARD_CONFIRM, APPEAR_MS, "new chat"), "new chat");
        Object empty = PageScripts.run(page, selectors, "return await L.until(() => L.state().turns === 0 ? true : null, a.ms);", Map.of("ms", (int) timeoutMs));
        if (empty == null) throw new PageException(PageException.Kind.UPSTREAM, "page step 'new chat': the chat still has turns after the discard", SelectorKey.CHAT_TURN);
    }

    /**
     * Switches the model the way the live page keeps it: the stored preference
     * ({@code localStorage.aiStudioUserPreference.promptModel}) and a reload of the chat page, then
     * verifies the page shows the model.
     */
    void switchModel(String model, URI chatUrl) throws PageException {
        String current = (String) state().get("model");
        if (model.equals(current)) return;
        page.evaluate("""
                (id) => {
                  let pref = {};
                  try { pref = JSON.parse(localStorage.getItem('aiStudioUserPreference') || '{}') || {}; } catch (e) { pref = {}; }
                  pref.promptModel = 'models/' + id;
                  pref.isAdvancedOpen = true;
                  pref.areToolsOpen = true;
                  localStorage.setItem('aiStudioUserPreference', JSON.stringify(pref));
                }""", model);
        try {
            page.navigate(chatUrl.toString());
        } catch (PlaywrightException e) {
            throw PageException.from(e);
        }
        Object now = PageScripts.run(page, selectors, "return await L.until(() => L.state().model, a.ms);", Map.of("ms", (int) timeoutMs));
        dismissOverlays();
        if (!model.equals(now)) {
            throw new PageException(PageException.Kind.UPSTREAM, now == null
                    ? "page step 'model switch': selector key 'current_model' shows no model after switching to '" + model + "'"
                    : "AI Studio does not offer model '" + model + "'; the page stays on '" + now + "'", SelectorKey.CURRENT_MODEL);
        }
        LOG.log(Level.INFO, "model_switched from={0} to={1}", current, model);
    }

    /**
     * Opens the collapsed settings section, whose Top P, output length and stop inputs are not in
     * the DOM until then (the live page keeps it collapsed unless {@code isAdvancedOpen} is stored).
     * A page with neither those inputs nor the toggle is left as it is (the settings step then logs them absent).
     */
    void openAdvancedSettings() throws PageException {
        List<Object> r = PageScripts.runForList(page, selectors, PageScripts.RESOLVE,
                Map.of("keys", List.of(SelectorKey.MAX_TOKENS_INPUT.id(), SelectorKey.ADVANCED_SETTINGS_TOGGLE.id())));
        if (r.get(0) != null || r.get(1) == null) return;
        click(SelectorKey.ADVANCED_SETTINGS_TOGGLE, (String) r.get(1), "open settings");
        await(SelectorKey.MAX_TOKENS_INPUT, APPEAR_MS, "open settings");
        LOG.log(Level.DEBUG, "advanced_settings_opened");
    }

    /** Applies the run settings, touching only controls whose value differs; absent optional controls are skipped. */
    void applySettings(RunSettings want, String systemInstruction, Map<String, Object> have) throws PageException {
        String step = "settings";
        double limit = number(have.get("maxTokensLimit"));
        int maxTokens = limit > 0 ? (int) Math.min(want.maxOutputTokens(), limit) : want.maxOutputTokens();
        setNumber(SelectorKey.TEMPERATURE_INPUT, have.get("temperature"), want.temperature(), fmt(want.temperature()));
        setNumber(SelectorKey.TOP_P_INPUT, have.get("topP"), want.topP(), fmt(want.topP()));
        setNumber(SelectorKey.MAX_TOKENS_INPUT, have.get("maxTokens"), maxTokens, Integer.toString(maxTokens));
        Object stops = have.get("stops");
        if (stops == null) {
            if (!want.stopSequences().isEmpty()) absent(SelectorKey.STOP_INPUT, step);
        } else if (!want.stopSequences().equals(stops)) {
            for (int i = 0; i < 32; i++) {
                String remove = resolve(SelectorKey.STOP_CHIP_REMOVE);
                if (remove == null) break;
                click(SelectorKey.STOP_CHIP_REMOVE, remove, step);
            }
            String input = require(SelectorKey.STOP_INPUT, step);
            for (String s : want.stopSequences()) {
                fill(SelectorKey.STOP_INPUT, input, s, step);
                page.locator(input).first().press("Enter");
            }
        }
        Object thinking = have.get("thinking");
        if (thinking == null) {
            absent(SelectorKey.THINKING_TOGGLE, step);
        } else {
            if (Boolean.TRUE.equals(thinking) != want.thinking()) click(SelectorKey.THINKING_TOGGLE, require(SelectorKey.THINKING_TOGGLE, step), step);
            if (want.thinking()) {
                boolean manual = want.thinkingBudget() != null;
                Object haveManual = have.get("manualBudget");
                if (haveManual == null) {
                    if (manual) absent(SelectorKey.THINKING_BUDGET_TOGGLE, step);
                } else {
                    if (Boolean.TRUE.equals(haveManual) != manual) click(SelectorKey.THINKING_BUDGET_TOGGLE, require(SelectorKey.THINKING_BUDGET_TOGGLE, step), step);
                    if (manual && number(have.get("budget")) != want.thinkingBudget()) {
                        fill(SelectorKey.THINKING_BUDGET_INPUT, require(SelectorKey.THINKING_BUDGET_INPUT, step), Integer.toString(want.thinkingBudget()), step);
                    }
                }
            }
        }
        Object system = have.get("system");
        if (!systemInstruction.equals(system == null ? "" : system)) {
            String area = resolve(SelectorKey.SYSTEM_INSTRUCTIONS_INPUT);
            if (area == null || !page.locator(area).first().isVisible()) {
                click(SelectorKey.SYSTEM_INSTRUCTIONS_BUTTON, require(SelectorKey.SYSTEM_INSTRUCTIONS_BUTTON, step), step);
                area = await(SelectorKey.SYSTEM_INSTRUCTIONS_INPUT, APPEAR_MS, step);
            }
            fill(SelectorKey.SYSTEM_INSTRUCTIONS_INPUT, area, systemInstruction, step);
        }
    }

    private void setNumber(SelectorKey key, Object have, double want, String text) throws PageException {
        if (have == null) {
            absent(key, "settings");
            return;
        }
        if (number(have) != want) fill(key, require(key, "settings"), text, "settings");
    }

    void attach(List<PagePrompt.Image> images) throws PageException {
        if (images.isEmpty()) return;
        FilePayload[] files = images.stream().map(i -> new FilePayload(i.name(), i.mimeType(), i.bytes())).toArray(FilePayload[]::new);
        String input = require(SelectorKey.FILE_INPUT, "attach");
        try {
            page.setInputFiles(input, files);
        } catch (PlaywrightException e) {
            throw PageException.from(e, SelectorKey.FILE_INPUT, "attach");
        }
        Object shown = PageScripts.run(page, selectors,
                "return await L.until(() => { const s = L.resolve('attachment'); return s && document.querySelectorAll(s).length >= a.n ? true : null; }, a.ms);",
                Map.of("n", images.size(), "ms", (int) timeoutMs));
        if (shown == null) throw new PageException(PageException.Kind.UPSTREAM, "page step 'attach': selector key 'attachment' does not show the "
                + images.size() + " attached file(s)", SelectorKey.ATTACHMENT);
    }

    /** Fills the prompt and clicks Run. */
    void submit(String text) throws PageException {
        PageScripts.run(page, selectors, PageScripts.MARK_ALERTS_SEEN);
        fill(SelectorKey.PROMPT_INPUT, require(SelectorKey.PROMPT_INPUT, "fill prompt"), text, "fill prompt");
        click(SelectorKey.RUN_BUTTON, require(SelectorKey.RUN_BUTTON, "run"), "run");
    }

    /** One slice of waiting for the run to finish; null when still running after {@code sliceMs}. */
    PageAnswer awaitCompletion(int modelTurnsBefore, int sliceMs) throws PageException {
        Map<String, Object> r = PageScripts.runForMap(page, selectors, PageScripts.AWAIT_COMPLETION,
                Map.of("before", modelTurnsBefore, "sliceMs", sliceMs, "revealMs", REVEAL_MS, "editMs", EDIT_MS));
        if (!Boolean.TRUE.equals(r.get("done"))) return null;
        return answerOf(r);
    }

    static PageAnswer answerOf(Map<String, Object> r) throws PageException {
        if (r.get("text") == null && Boolean.TRUE.equals(r.get("virtualized"))) {
            throw new PageException(PageException.Kind.UPSTREAM, "page step 'read answer': the answer turn stayed a placeholder (selector key "
                    + "'turn_placeholder') after it was scrolled into view (selector key 'scroll_container')", SelectorKey.TURN_PLACEHOLDER);
        }
        List<ToolCall> calls = new ArrayList<>();
        int i = 0;
        for (Object o : (List<?>) r.get("calls")) {
            Map<?, ?> c = (Map<?, ?>) o;
            calls.add(new ToolCall("call_" + (++i), String.valueOf(c.get("name")), String.valueOf(c.get("args"))));
        }
        List<String> toasts = ((List<?>) r.get("toasts")).stream().map(String::valueOf).toList();
        String quota = String.valueOf(r.get("quota")).strip();
        String source = String.valueOf(r.get("source"));
        if (source.startsWith("ab:")) LOG.log(Level.INFO, "ab_comparison_shown took={0} candidates={1}", source.substring(3),
                ((List<?>) ((Map<?, ?>) r.get("comparison")).get("candidates")).size());
        if (Boolean.FALSE.equals(r.get("revealed"))) LOG.log(Level.WARNING, "response_turn_virtualized: a turn of the latest response did not render when scrolled into view; its thinking may be missing");
        return new PageAnswer(Objects.toString(r.get("text"), ""), Objects.toString(r.get("thinking"), ""), calls,
                quota.isEmpty() ? null : quota, toasts, Boolean.TRUE.equals(r.get("stopped")));
    }

    /** Clicks the stop control if a generation is running (in one page task, see {@link PageScripts#CLICK_STOP}). */
    boolean stop() {
        return Boolean.TRUE.equals(PageScripts.run(page, selectors, PageScripts.CLICK_STOP));
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
