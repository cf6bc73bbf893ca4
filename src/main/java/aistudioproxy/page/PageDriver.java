package aistudioproxy.page;

import aistudioproxy.chat.ToolCall;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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
    static final int APPEAR_MS = 2000;
    /** How long a virtualised turn is given to render once scrolled into view. */
    static final int REVEAL_MS = 1500;
    /** How long the edit toggle is given to show the raw markdown. */
    static final int EDIT_MS = 1000;

    private final Page page;
    private final Selectors selectors;
    private final Set<SelectorKey> absentLogged;
    private final double timeoutMs;
    private final PageInput input;

    PageDriver(Page page, Selectors selectors, Set<SelectorKey> absentLogged, double timeoutMs) {
        this.input = new PageInput(page, selectors, timeoutMs);
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
    String require(SelectorKey key, String step) throws PageException {
        String s = resolve(key);
        if (s == null) throw PageException.missing(key, selectors, step);
        return s;
    }

    /** Waits (up to {@code ms}) for {@code key} to match, e.g. a dialog's button after the click that opens it. */
    String await(SelectorKey key, int ms, String step) throws PageException {
        Object s = PageScripts.run(page, selectors, "return await L.until(() => L.resolve(a.key), a.ms);", Map.of("key", key.id(), "ms", ms));
        if (s == null) throw PageException.missing(key, selectors, step);
        return (String) s;
    }

    Page page() {
        return page;
    }

    Selectors selectors() {
        return selectors;
    }

    void click(SelectorKey key, String selector, String step) throws PageException {
        input.click(key, selector, step);
    }

    void fill(SelectorKey key, String selector, String value, String step) throws PageException {
        input.fill(key, selector, value, step);
    }

    /** Logs, once per key, that an optional control the step would use is not on the page. */
    void absent(SelectorKey key, String step) {
        if (absentLogged.add(key)) LOG.log(Level.INFO, "page_control_absent key={0} step={1} (skipped; logged once)", key.id(), step);
    }

    // ---- steps ----

    /** The page state in one round trip: {@code signedIn, phase, turns, modelTurns, model, settings}. */
    Map<String, Object> state() {
        return PageScripts.runForMap(page, selectors, PageScripts.STATE, Map.of());
    }

    /** What preparing a run needs to know of the page, in one round trip. */
    PageProbe probe() {
        Map<String, Object> r = PageScripts.runForMap(page, selectors, PageScripts.PROBE, Map.of());
        if (r.get("frames") instanceof Number n && n.intValue() > 0) LOG.log(Level.INFO, "overlay_frame_removed count={0}", n);
        return PageProbe.of(r);
    }

    /**
     * Clears what would swallow clicks: survey frames laid over the page, dialogs with a Close
     * button (welcome, what's new, a system-instructions dialog left open), then menus and selects
     * left open (Escape, then a click on their backdrop).
     */
    void dismissOverlays() {
        // One round trip when nothing is in the way (the common case): frames removed, then what is left.
        List<Object> found = PageScripts.runForList(page, selectors,
                "const n = L.removeFrames(); return [n, L.resolve('overlay_close'), L.resolve('overlay_backdrop')];", Map.of());
        if (found.get(0) instanceof Number n && n.intValue() > 0) LOG.log(Level.INFO, "overlay_frame_removed count={0}", n);
        String close = (String) found.get(1);
        for (int i = 0; i < 3 && close != null; i++) {
            clickUnlessGone(SelectorKey.OVERLAY_CLOSE, close);
            close = resolve(SelectorKey.OVERLAY_CLOSE);
        }
        if (found.get(1) == null && found.get(2) == null) return;
        for (int i = 0; i < 3 && resolve(SelectorKey.OVERLAY_BACKDROP) != null; i++) {
            page.keyboard().press("Escape");
            // Material overlays fade out (~150 ms) before their backdrop is removed.
            Object gone = PageScripts.run(page, selectors, "return await L.until(() => L.resolve('overlay_backdrop') ? null : true, 500);");
            if (gone != null) return;
        }
        String backdrop = resolve(SelectorKey.OVERLAY_BACKDROP);
        if (backdrop != null) {
            try {
                page.locator(backdrop).last().click(new Locator.ClickOptions().setPosition(2, 2).setTimeout(APPEAR_MS));
            } catch (PlaywrightException vanished) {
                // closed by itself meanwhile
            }
        }
    }

    /** Clicks an overlay's control that may vanish by itself meanwhile: then the click is moot, not an error. */
    private void clickUnlessGone(SelectorKey key, String selector) {
        try {
            input.click(key, selector, "close overlay", APPEAR_MS);
        } catch (PageException e) {
            if (page.locator(selector).count() > 0) LOG.log(Level.WARNING, "overlay_not_closed key={0} why={1}", key.id(), e.getMessage());
        }
    }

    /**
     * Stops a run still going (the live page locks New chat meanwhile) and waits, up to
     * {@code ms}, for the page to show it stopped. True if there was a run to stop.
     */
    boolean stopAndSettle(int ms) {
        return Boolean.TRUE.equals(PageScripts.run(page, selectors, PageScripts.STOP_AND_SETTLE, Map.of("ms", ms)));
    }

    /**
     * Starts a new chat (confirming the discard dialog) when the chat has turns; a run going on is
     * stopped first, given {@code settleMs} to show it stopped. True if there was a run to stop.
     */
    boolean newChat(int settleMs) throws PageException {
        String step = "new chat";
        Map<String, Object> r = PageScripts.runForMap(page, selectors, PageScripts.NEW_CHAT_CHECK, Map.of("ms", settleMs));
        boolean stopped = Boolean.TRUE.equals(r.get("stopped"));
        if (((Number) r.get("turns")).intValue() == 0) return stopped;
        if (Boolean.TRUE.equals(r.get("overlay"))) dismissOverlays();
        if (!input.clickKey(SelectorKey.NEW_CHAT_BUTTON, 0, step)) throw PageException.missing(SelectorKey.NEW_CHAT_BUTTON, selectors, step);
        if (!input.clickKey(SelectorKey.DISCARD_CONFIRM, APPEAR_MS, step)) throw PageException.missing(SelectorKey.DISCARD_CONFIRM, selectors, step);
        Object empty = PageScripts.run(page, selectors, "return await L.until(() => L.turnCount() === 0 ? true : null, a.ms);", Map.of("ms", (int) timeoutMs));
        if (empty == null) throw new PageException(PageException.Kind.UPSTREAM, "page step 'new chat': the chat still has turns after the discard", SelectorKey.CHAT_TURN);
        return stopped;
    }

    /**
     * The cleanup between requests, on the next request's time: as {@link #newChat} and then
     * {@link #keepTemporaryChat}, first in one page task by script clicks (about 10 ms instead of
     * some 50 for a round trip and a trusted click per control), and whatever that did not get
     * done (a dialog that did not come, an overlay in the way) the usual way. True if a run was stopped.
     */
    boolean clearChat(int settleMs) throws PageException {
        Map<String, Object> r = PageScripts.runForMap(page, selectors, "return await L.clearChatByScript(a.settleMs, a.ms);",
                Map.of("settleMs", settleMs, "ms", APPEAR_MS));
        boolean stopped = Boolean.TRUE.equals(r.get("stopped"));
        if (!Boolean.TRUE.equals(r.get("cleared"))) {
            LOG.log(Level.DEBUG, "clear_chat_by_script_incomplete step=new chat");
            stopped |= newChat(settleMs);
        }
        if (!Boolean.TRUE.equals(r.get("temporary"))) {
            keepTemporaryChat();
        } else if (Boolean.TRUE.equals(r.get("overlay"))) {
            dismissOverlays();
        }
        return stopped;
    }

    /**
     * Keeps temporary chat on, so runs are not saved to the account's Drive: the live page turns it
     * off on every load and new chat. Its toggle may sit in the "View more actions" menu. A page
     * without one is left as it is (logged once); one that will not turn it on is logged, not failed.
     */
    void keepTemporaryChat() throws PageException {
        String step = "temporary chat";
        List<Object> r = PageScripts.runForList(page, selectors, PageScripts.RESOLVE, Map.of("keys",
                List.of(SelectorKey.TEMPORARY_CHAT_ON.id(), SelectorKey.TEMPORARY_CHAT_TOGGLE.id(), SelectorKey.MORE_ACTIONS_BUTTON.id())));
        if (r.get(0) != null) return;
        String toggle = (String) r.get(1);
        if (toggle == null) {
            if (r.get(2) == null) {
                absent(SelectorKey.TEMPORARY_CHAT_TOGGLE, step);
                return;
            }
            click(SelectorKey.MORE_ACTIONS_BUTTON, (String) r.get(2), step);
            if (!input.clickKey(SelectorKey.TEMPORARY_CHAT_TOGGLE, APPEAR_MS, step)) throw PageException.missing(SelectorKey.TEMPORARY_CHAT_TOGGLE, selectors, step);
        } else {
            click(SelectorKey.TEMPORARY_CHAT_TOGGLE, toggle, step);
        }
        Map<String, Object> after = PageScripts.runForMap(page, selectors,
                "const on = await L.until(() => L.resolve('temporary_chat_on') ? true : null, a.ms); return { on: !!on, overlay: L.overlayShown() };", Map.of("ms", APPEAR_MS));
        if (Boolean.TRUE.equals(after.get("overlay"))) dismissOverlays();
        if (!Boolean.TRUE.equals(after.get("on"))) LOG.log(Level.WARNING, "temporary_chat_not_on: the toggle was clicked but selector key 'temporary_chat_on' shows nothing; runs may be saved to Drive");
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

    /** The settings the page shows now (see {@code settings()} in page-reader.js). */
    @SuppressWarnings("unchecked")
    Map<String, Object> shownSettings() {
        return (Map<String, Object>) PageScripts.run(page, selectors, "return L.settings();");
    }

    /**
     * Applies the run settings, touching only controls whose value differs (see {@link SettingsStep}).
     * Returns false when the page has no system-instructions control (the caller then puts the
     * instruction into the prompt).
     */
    boolean applySettings(RunSettings want, String systemInstruction, Map<String, Object> have) throws PageException {
        return new SettingsStep(this).apply(want, systemInstruction, have);
    }

    /** Attaching files, filling the prompt box, starting the run (see {@link PromptEntry}). */
    PromptEntry prompt() {
        return new PromptEntry(page, selectors, input, this, timeoutMs);
    }

    /** Fills the prompt box and starts the run, for the doctor's walk and tests; a box that refuses the text fails. */
    void submit(String text) throws PageException {
        PromptEntry entry = prompt();
        PromptEntry.Filled filled = entry.fill(text);
        if (filled == null) throw new PageException(PageException.Kind.UPSTREAM, "page step 'fill prompt': selector key 'run_button' stayed disabled: "
                + "the prompt box does not take " + text.length() + " characters", SelectorKey.RUN_BUTTON);
        entry.run(text, filled);
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
        for (Object o : (List<?>) r.get("calls")) {
            Map<?, ?> c = (Map<?, ?>) o;
            calls.add(new ToolCall(ToolCall.newId(), String.valueOf(c.get("name")), String.valueOf(c.get("args"))));
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
}
