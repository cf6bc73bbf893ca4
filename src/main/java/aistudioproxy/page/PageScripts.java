package aistudioproxy.page;

import com.microsoft.playwright.Page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * JavaScript evaluated in the page. Every call runs the reader library
 * ({@code resources/page/page-reader.js}) with the selector chains as its argument and then one
 * short body against it ({@code L}: the library, {@code S}: the chains, {@code a}: the call's
 * argument), so no selector is ever written into a script. The page keeps nothing of ours but
 * the compiled library, which a reload drops and the next call puts back.
 */
final class PageScripts {
    private static final String LIBRARY = resource("/page/page-reader.js");

    private PageScripts() {}

    /** The selector each key resolves to now (null where nothing matches). */
    static final String RESOLVE = "return a.keys.map(k => L.resolve(k));";
    /** The page state: {@code signedIn, phase, turns, modelTurns, model, settings}. */
    static final String STATE = "return L.state();";
    /**
     * What preparing a run needs to know, in one round trip (see {@link PageProbe}); survey frames
     * laid over the page are removed on the way, as every preparation would.
     */
    static final String PROBE = """
            const frames = L.removeFrames();
            const st = L.state();
            return { frames, overlay: L.overlayShown(),
              running: L.generating() || L.runLooksStoppable(), turns: st.turns, modelTurns: st.modelTurns, model: st.model,
              temporaryChat: st.settings.temporaryChat,
              advancedClosed: !L.resolve('max_tokens_input') && !!L.resolve('advanced_settings_toggle'), settings: st.settings };""";
    /** In the open declarations editor: a.json written and saved within a.ms (see page-reader's writeDeclarations). */
    static final String WRITE_DECLARATIONS = "return await L.writeDeclarations(a.json, a.ms);";
    /**
     * Clicks the stop control if a generation runs; true if it did. The check and the click are one
     * page task: a run can end at any moment (the stream proxy often has the whole answer before the
     * page does), and a check followed by a separate Playwright click would then wait the whole
     * operation timeout for a control that is gone, or land on the button after it turned back into Run.
     */
    static final String CLICK_STOP = "return L.clickStop();";
    /** As {@link #CLICK_STOP}, then waits up to {@code a.ms} for the page to show no run. */
    static final String STOP_AND_SETTLE = "return await L.stopAndSettle(a.ms);";
    /**
     * The start of a new chat in one round trip: a run still going stopped and settled (within
     * {@code a.ms}; the live page locks New chat meanwhile), then {@code {stopped, turns, overlay}}.
     */
    static final String NEW_CHAT_CHECK = "const stopped = await L.stopAndSettle(a.ms); return { stopped, turns: L.turnCount(), overlay: L.overlayShown() };";
    /**
     * The prompt put in, in one round trip: toasts and callouts on screen now marked old (only the
     * run's own are read), the box and Run found, {@code a.text} set as typing would, then up to
     * {@code a.ms} for Run to be enabled and where a click on it would land:
     * {@code {box, run, taken, enabled, point}} (see page-reader's setValue and clickPoint).
     */
    static final String FILL_PROMPT = """
            L.markAlertsSeen();
            const box = L.resolve('prompt_input'), run = L.resolve('run_button');
            if (!box || !run) return { box, run };
            if (!L.setValue(box, a.text)) return { box, run, taken: false };
            const enabled = !!(await L.until(() => L.enabled(L.one('run_button')) ? true : null, a.ms));
            return { box, run, taken: true, enabled, point: enabled ? L.clickPoint(run) : null };""";
    /** Resolves true once the page shows a run started (the prompt box emptied, or a Stop control), false after {@code a.ms}. */
    static final String AWAIT_RUN_STARTED = "return !!(await L.until(() => L.generating() || L.promptEmpty() ? true : null, a.ms));";
    /**
     * After files were handed to the upload control: {@code "attached"} once {@code a.n} attachments
     * show, {@code "consent"} when a dialog asks to accept first, null after {@code a.ms}.
     */
    static final String AWAIT_ATTACHED = """
            return await L.until(() => {
              const s = L.resolve('attachment');
              if (s && document.querySelectorAll(s).length >= a.n) return 'attached';
              return L.resolve('upload_consent') ? 'consent' : null;
            }, a.ms);""";
    /**
     * Resolves with the finished answer once the run that added model turns beyond {@code a.before}
     * is over, or with {@code {done:false}} after {@code a.sliceMs}. Event-driven (MutationObserver):
     * it answers within one DOM mutation of the page finishing, not on a polling period.
     */
    static final String AWAIT_COMPLETION = """
            const how = await L.until(() => L.done(a.before), a.sliceMs);
            if (!how) return { done: false };
            return Object.assign({ done: true, how }, await L.finalAnswer(a.revealMs, a.editMs));""";
    /**
     * The doctor's walk: records, on every DOM mutation from now on (until the page reloads),
     * each selector key the first time it matches, with the walk's step then. Idempotent per page load.
     */
    static final String WALK_RECORD = """
            if (window.__aispWalk) { window.__aispWalk.step = a.step; return null; }
            const W = window.__aispWalk = { step: a.step, seen: {} };
            const record = () => {
              for (const k of Object.keys(S)) {
                if (W.seen[k]) continue;
                const sel = L.resolve(k);
                if (sel) W.seen[k] = { matched: sel, step: W.step, count: document.querySelectorAll(sel).length };
              }
            };
            new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true });
            record();
            return null;""";
    /** What the walk's recorder has seen on this page load ({@code {key: {matched, step, count}}}). */
    static final String WALK_SEEN = "return window.__aispWalk ? window.__aispWalk.seen : {};";
    /** The doctor's view: every key's match, the state and the last answer as the driver reads it. */
    static final String DOCTOR = """
            const state = L.state();
            const answer = await L.finalAnswer(a.revealMs, a.editMs);
            return { selectors: L.report(), state, answer };""";

    /**
     * Runs {@code body} against the reader library in the page. The library is compiled into the
     * page once per document (a window property named by a hash of the library and the
     * selector chains), so a call sends only its body: a few hundred bytes instead of the
     * library's ~25 KB, about 1 ms instead of 5. A call that finds no library (the first on a
     * document, or after a reload) installs it and runs again.
     */
    static Object run(Page page, Selectors selectors, String body, Map<String, ?> arg) {
        String slot = slot(selectors);
        String call = "async (a) => { const L = window['" + slot + "']; if (!L) return '" + MISSING + "'; const S = L.S;\n" + body + "\n}";
        Object r = page.evaluate(call, arg);
        if (!MISSING.equals(r)) return r;
        page.evaluate("(S) => { window['" + slot + "'] = (" + LIBRARY + ")(S); }", selectors.scriptArgument());
        return page.evaluate(call, arg);
    }

    /** What a call answers when the page has no library yet (never a value of a script body). */
    private static final String MISSING = "__aisp_reader_missing__";
    private static final Map<Selectors, String> SLOTS = Collections.synchronizedMap(new WeakHashMap<>());

    /** The window property the library for these chains lives in: changed chains or a changed library get a new one. */
    private static String slot(Selectors selectors) {
        return SLOTS.computeIfAbsent(selectors, s -> {
            int h = (LIBRARY + '\0' + s.scriptArgument()).hashCode();
            return "__aispReader" + Integer.toHexString(h);
        });
    }

    static Object run(Page page, Selectors selectors, String body) {
        return run(page, selectors, body, Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> runForMap(Page page, Selectors selectors, String body, Map<String, ?> arg) {
        return (Map<String, Object>) run(page, selectors, body, arg);
    }

    @SuppressWarnings("unchecked")
    static List<Object> runForList(Page page, Selectors selectors, String body, Map<String, ?> arg) {
        return (List<Object>) run(page, selectors, body, arg);
    }

    private static String resource(String name) {
        try (InputStream in = PageScripts.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
