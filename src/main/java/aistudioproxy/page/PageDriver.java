package aistudioproxy.page;

import aistudioproxy.openai.ToolCall;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.WaitForSelectorState;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-request page sequence of SPEC §7, one short operation per method so a Stop can be
 * slipped in between them. Owner thread only; the {@link Page} comes from {@link BrowserSession}.
 */
final class PageDriver {
    private static final System.Logger LOG = System.getLogger(PageDriver.class.getName());

    /** How long an overlay is given to close, or its control to become clickable. */
    private static final double OVERLAY_CLOSE_MS = 2000;
    /** How long Escape is given to close an overlay before its backdrop is clicked instead. */
    private static final double ESCAPE_SETTLE_MS = 500;

    private PageDriver() {}

    /** Closes dialogs that would swallow clicks (welcome/what's-new) and any picker left open. */
    static void dismissOverlays(Page page) {
        Locator close = page.locator(Selectors.OVERLAY_CLOSE_BUTTON);
        for (int i = 0; i < 3 && close.count() > 0; i++) clickUnlessGone(close.first(), new Locator.ClickOptions());
        Locator backdrop = page.locator(Selectors.OVERLAY_BACKDROP);
        if (backdrop.count() == 0) return;
        page.keyboard().press("Escape");
        try {
            // Material overlays fade out (~150 ms) before their backdrop is removed.
            backdrop.last().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED).setTimeout(ESCAPE_SETTLE_MS));
        } catch (TimeoutError stillOpen) {
            clickUnlessGone(backdrop.last(), new Locator.ClickOptions().setPosition(2, 2));
        }
    }

    /**
     * Clicks an overlay's control that may vanish by itself meanwhile (closing animation, a dialog
     * the page dismissed): if it is gone the click is moot, not an error, and must not wait out the
     * page operation timeout.
     */
    private static void clickUnlessGone(Locator target, Locator.ClickOptions options) {
        try {
            target.click(options.setTimeout(OVERLAY_CLOSE_MS));
        } catch (TimeoutError e) {
            if (target.count() > 0) throw e;
        }
    }

    static Map<String, Object> readSettings(Page page) {
        Map<String, Object> s = new HashMap<>();
        s.put("model", Selectors.CURRENT_MODEL_ID);
        s.put("temperature", Selectors.TEMPERATURE_INPUT);
        s.put("topP", Selectors.TOP_P_INPUT);
        s.put("maxTokens", Selectors.MAX_OUTPUT_TOKENS_INPUT);
        s.put("stopChips", Selectors.STOP_SEQUENCE_CHIP_TEXT);
        s.put("thinking", Selectors.THINKING_TOGGLE);
        s.put("budgetToggle", Selectors.THINKING_BUDGET_TOGGLE);
        s.put("budget", Selectors.THINKING_BUDGET_INPUT);
        s.put("system", Selectors.SYSTEM_INSTRUCTIONS_TEXTAREA);
        s.put("turns", Selectors.ANY_TURN);
        s.put("modelTurns", Selectors.MODEL_TURN);
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) page.evaluate(PageScripts.READ_SETTINGS, s);
        return r;
    }

    /** Starts a new chat (confirming the discard dialog) when the chat has turns. */
    static void newChat(Page page) {
        if (page.locator(Selectors.ANY_TURN).count() == 0) return;
        page.click(Selectors.NEW_CHAT_BUTTON);
        page.click(Selectors.DISCARD_CONFIRM_BUTTON);
        page.waitForFunction("(sel) => document.querySelectorAll(sel).length === 0", Selectors.ANY_TURN);
    }

    /**
     * Switches the model through the model selector and verifies the card shows it. On failure
     * the picker is closed and the exception says which model the page is on.
     */
    static void switchModel(Page page, String model) throws PageException {
        String current = page.textContent(Selectors.CURRENT_MODEL_ID).strip();
        if (current.equals(model)) return;
        page.click(Selectors.MODEL_SELECTOR_BUTTON);
        Locator option = page.locator(String.format(Selectors.MODEL_OPTION_TEMPLATE, model));
        if (option.count() == 0) {
            dismissOverlays(page);
            throw new PageException(PageException.Kind.UPSTREAM,
                    "AI Studio does not offer model '" + model + "'; the page stays on '" + current + "'");
        }
        option.first().click();
        String now = page.textContent(Selectors.CURRENT_MODEL_ID).strip();
        if (!now.equals(model)) {
            dismissOverlays(page);
            throw new PageException(PageException.Kind.UPSTREAM, "model switch to '" + model + "' did not take; the page shows '" + now + "'");
        }
        LOG.log(Level.INFO, "model_switched from={0} to={1}", current, model);
    }

    /** Applies the run settings, touching only controls whose value differs. */
    static void applySettings(Page page, RunSettings want, String systemInstruction, Map<String, Object> have) {
        double limit = number(have.get("maxTokensLimit"));
        int maxTokens = limit > 0 ? (int) Math.min(want.maxOutputTokens(), limit) : want.maxOutputTokens();
        if (number(have.get("temperature")) != want.temperature()) page.fill(Selectors.TEMPERATURE_INPUT, fmt(want.temperature()));
        if (number(have.get("topP")) != want.topP()) page.fill(Selectors.TOP_P_INPUT, fmt(want.topP()));
        if (number(have.get("maxTokens")) != maxTokens) page.fill(Selectors.MAX_OUTPUT_TOKENS_INPUT, Integer.toString(maxTokens));
        if (!want.stopSequences().equals(have.get("stops"))) {
            Locator remove = page.locator(Selectors.STOP_SEQUENCE_REMOVE);
            while (remove.count() > 0) remove.first().click();
            for (String s : want.stopSequences()) {
                page.fill(Selectors.STOP_SEQUENCE_INPUT, s);
                page.press(Selectors.STOP_SEQUENCE_INPUT, "Enter");
            }
        }
        if (Boolean.TRUE.equals(have.get("thinking")) != want.thinking()) page.click(Selectors.THINKING_TOGGLE);
        if (want.thinking()) {
            boolean manual = want.thinkingBudget() != null;
            if (Boolean.TRUE.equals(have.get("manualBudget")) != manual) page.click(Selectors.THINKING_BUDGET_TOGGLE);
            if (manual && number(have.get("budget")) != want.thinkingBudget()) {
                page.fill(Selectors.THINKING_BUDGET_INPUT, Integer.toString(want.thinkingBudget()));
            }
        }
        Object system = have.get("system");
        if (!systemInstruction.equals(system == null ? "" : system)) {
            if (!page.locator(Selectors.SYSTEM_INSTRUCTIONS_TEXTAREA).isVisible()) page.click(Selectors.SYSTEM_INSTRUCTIONS_BUTTON);
            page.fill(Selectors.SYSTEM_INSTRUCTIONS_TEXTAREA, systemInstruction);
        }
    }

    static void attach(Page page, List<PagePrompt.Image> images) {
        if (images.isEmpty()) return;
        FilePayload[] files = images.stream().map(i -> new FilePayload(i.name(), i.mimeType(), i.bytes())).toArray(FilePayload[]::new);
        page.setInputFiles(Selectors.FILE_INPUT, files);
        page.waitForFunction("([sel, n]) => document.querySelectorAll(sel).length >= n",
                List.of("ms-prompt-box ms-image-chunk", images.size()));
    }

    /** Fills the prompt and clicks Run. Returns the number of model turns before this run. */
    static int submit(Page page, String text, int modelTurnsBefore) {
        page.evaluate(PageScripts.MARK_TOASTS_SEEN, Selectors.ERROR_TOAST);
        page.fill(Selectors.PROMPT_TEXTAREA, text);
        page.click(Selectors.RUN_BUTTON_IDLE);
        return modelTurnsBefore;
    }

    /** One slice of waiting for the run to finish; null when still running after {@code sliceMs}. */
    static PageAnswer awaitCompletion(Page page, int modelTurnsBefore, int sliceMs) {
        Map<String, Object> arg = Map.of("before", modelTurnsBefore, "sliceMs", sliceMs, "s", PageScripts.selectorArgs());
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) page.evaluate(PageScripts.AWAIT_COMPLETION, arg);
        if (!Boolean.TRUE.equals(r.get("done"))) return null;
        List<ToolCall> calls = new ArrayList<>();
        int i = 0;
        for (Object o : (List<?>) r.get("calls")) {
            Map<?, ?> c = (Map<?, ?>) o;
            calls.add(new ToolCall("call_" + (++i), String.valueOf(c.get("name")), String.valueOf(c.get("args"))));
        }
        List<String> toasts = ((List<?>) r.get("toasts")).stream().map(String::valueOf).toList();
        String quota = String.valueOf(r.get("quota")).strip();
        return new PageAnswer(String.valueOf(r.get("text")), String.valueOf(r.get("thinking")), calls,
                quota.isEmpty() ? null : quota, toasts, Boolean.TRUE.equals(r.get("stopped")));
    }

    /** Clicks Stop if a generation is running (in one page task, see {@link PageScripts#CLICK_STOP}). */
    static boolean stop(Page page) {
        return Boolean.TRUE.equals(page.evaluate(PageScripts.CLICK_STOP, Selectors.RUN_BUTTON_STOP));
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
