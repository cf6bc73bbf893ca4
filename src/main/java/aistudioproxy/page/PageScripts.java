package aistudioproxy.page;

import java.util.Map;

/**
 * JavaScript evaluated in the page. Selectors are passed in as arguments (from {@link Selectors}),
 * never written here, so the selector file stays the single place to fix a UI change.
 */
final class PageScripts {
    private PageScripts() {}

    static Map<String, Object> selectorArgs() {
        return Map.of(
                "modelTurn", Selectors.MODEL_TURN,
                "stopButton", Selectors.RUN_BUTTON_STOP,
                "answer", Selectors.TURN_ANSWER_TEXT,
                "thoughts", Selectors.TURN_THOUGHTS,
                "call", Selectors.TURN_FUNCTION_CALL,
                "callName", Selectors.TURN_FUNCTION_NAME,
                "callArgs", Selectors.TURN_FUNCTION_ARGS,
                "quota", Selectors.QUOTA_CALLOUT,
                "toast", Selectors.ERROR_TOAST);
    }

    /** Marks the toasts on screen now as old, so only ones raised by the next run are read. */
    static final String MARK_TOASTS_SEEN =
            "(sel) => document.querySelectorAll(sel).forEach(t => t.setAttribute('data-aisp-seen', ''))";

    /**
     * Clicks the Run button if it is in its Stop state; true if it was. The check and the click are
     * one page task: a run can end at any moment (the stream proxy often has the whole answer before
     * the page does), and a check followed by a separate Playwright click would then wait the whole
     * operation timeout for a Stop button that is gone, or land on the button after it turned back
     * into Run.
     */
    static final String CLICK_STOP = """
            (sel) => {
              const stop = document.querySelector(sel);
              if (!stop) return false;
              stop.click();
              return true;
            }""";

    /** Reads the settings panel in one round trip. */
    static final String READ_SETTINGS = """
            (s) => {
              const q = (x) => document.querySelector(x);
              return {
                model: (q(s.model)?.textContent || '').trim(),
                temperature: Number(q(s.temperature)?.value),
                topP: Number(q(s.topP)?.value),
                maxTokens: Number(q(s.maxTokens)?.value),
                maxTokensLimit: Number(q(s.maxTokens)?.max || 0),
                stops: [...document.querySelectorAll(s.stopChips)].map(c => c.textContent),
                thinking: q(s.thinking)?.getAttribute('aria-checked') === 'true',
                manualBudget: q(s.budgetToggle)?.getAttribute('aria-checked') === 'true',
                budget: Number(q(s.budget)?.value),
                system: q(s.system)?.value ?? null,
                turns: document.querySelectorAll(s.turns).length,
                modelTurns: document.querySelectorAll(s.modelTurns).length
              };
            }""";

    /**
     * Resolves when the run that added model turn number {@code before + 1} has finished (the Run
     * button is no longer in its Stop state), with what that turn shows; or with {@code done:false}
     * after {@code sliceMs}. Event-driven (MutationObserver): it answers within one DOM mutation of
     * the page finishing, not on a polling period.
     */
    static final String AWAIT_COMPLETION = """
            async ({ before, sliceMs, s }) => {
              const read = (turn) => ({
                done: true,
                text: [...turn.querySelectorAll(s.answer)].map(n => n.textContent).join(''),
                thinking: [...turn.querySelectorAll(s.thoughts)].map(n => n.textContent).join(''),
                calls: [...turn.querySelectorAll(s.call)].map(c => ({
                  name: c.querySelector(s.callName)?.textContent || '',
                  args: c.querySelector(s.callArgs)?.textContent || '{}' })),
                quota: [...turn.querySelectorAll(s.quota)].map(n => n.textContent).join(' '),
                toasts: [...document.querySelectorAll(s.toast)].filter(t => !t.hasAttribute('data-aisp-seen')).map(t => t.textContent),
                stopped: turn.getAttribute('data-stopped') === 'true'
              });
              const check = () => {
                const turns = document.querySelectorAll(s.modelTurn);
                if (turns.length <= before || document.querySelector(s.stopButton)) return null;
                return read(turns[turns.length - 1]);
              };
              const now = check();
              if (now) return now;
              return await new Promise(resolve => {
                let timer;
                const obs = new MutationObserver(() => {
                  const r = check();
                  if (r) { obs.disconnect(); clearTimeout(timer); resolve(r); }
                });
                obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
                timer = setTimeout(() => { obs.disconnect(); resolve({ done: false }); }, sliceMs);
              });
            }""";
}
