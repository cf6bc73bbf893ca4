// How the driver sees an AI Studio page: selector chains resolved, the page state, the last
// answer and its thinking as a person reads them. Evaluated in the page as
// `(S) => ({...})`, where S maps each selector key to its ordered alternatives (current UI
// first); PageScripts wraps each call. Pure reading, except where a name says otherwise
// (scrollIntoView, the edit toggle, Skip): those await the page for a bounded time.
(S) => {
  'use strict';
  const errors = {};

  // ---- selector chains: the first alternative that matches anything wins ----
  function resolve(key, root = document) {
    const alts = S[key];
    if (!alts) throw new Error('unknown selector key ' + key);
    for (const sel of alts) {
      let found;
      try { found = root.querySelectorAll(sel); } catch (e) { errors[key] = 'invalid selector: ' + sel; continue; }
      if (found.length) return { selector: sel, elements: [...found] };
    }
    return { selector: null, elements: [] };
  }
  const all = (key, root) => resolve(key, root).elements;
  const one = (key, root) => all(key, root)[0] || null;
  /** The matches that are not inside another match (nested markdown nodes wrap each other). */
  const outermost = (els) => els.filter(e => !els.some(o => o !== e && o.contains(e)));
  const inside = (el, key) => { for (const sel of S[key]) { try { if (el.closest(sel)) return true; } catch (e) { /* reported by resolve */ } } return false; };
  const matches = (el, key) => { for (const sel of S[key]) { try { if (el.matches(sel)) return true; } catch (e) { /* idem */ } } return false; };

  // ---- text as a person reads it ----
  const BLOCK = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'TR',
    'BLOCKQUOTE', 'SECTION', 'MS-CODE-BLOCK', 'HR']);
  /**
   * The visible text under root: code blocks give their code only; copy markers, footers,
   * icons, buttons and the thoughts are left out; block elements are separated by newlines.
   */
  function textOf(root, skipThoughts = true) {
    const out = [];
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) { out.push(node.nodeValue); return; }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      if (node !== root) {
        if (skipThoughts && matches(node, 'thoughts')) return;
        if (matches(node, 'code_block')) {
          const code = one('code_text', node);
          out.push('\n', code ? code.textContent : '', '\n');
          return;
        }
        if (matches(node, 'hidden_text')) return;
      }
      if (node.tagName === 'BR') { out.push('\n'); return; }
      if (node.tagName === 'TEXTAREA' || node.tagName === 'STYLE' || node.tagName === 'SCRIPT') return;
      const block = BLOCK.has(node.tagName);
      if (block) out.push('\n');
      for (const c of node.childNodes) walk(c);
      if (block) out.push('\n');
    };
    walk(root);
    return out.join('').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  }

  // ---- turns ----
  function turnInfo(el, index) {
    const role = all('turn_model', el).length || matches(el, 'turn_model') ? 'model'
      : all('turn_user', el).length || matches(el, 'turn_user') ? 'user' : 'unknown';
    const thoughts = all('thoughts', el).filter(t => !inside(t.parentElement || t, 'function_call'));
    const answers = outermost(all('answer_text', el).filter(a => !thoughts.some(t => t.contains(a))));
    const calls = all('function_call', el);
    const placeholder = all('turn_placeholder', el).find(p => p.children.length === 0 && !p.textContent.trim());
    const virtualized = !!placeholder && !thoughts.length && !answers.length && !calls.length;
    return { el, index, role, virtualized, thoughts, answers, calls,
      kind: virtualized ? null : role === 'user' ? 'prompt' : thoughts.length && !answers.length && !calls.length ? 'thoughts' : 'answer' };
  }
  const turns = () => all('chat_turn').map(turnInfo);

  /** The model turns of the latest response: after the last user turn, or the trailing model turns. */
  function latestResponse(list) {
    let i = list.length - 1;
    while (i >= 0 && list[i].role === 'user') i--;
    const end = i;
    while (i >= 0 && list[i].role !== 'user') i--;
    return list.slice(i + 1, end + 1);
  }

  function thinkingOf(response) {
    const parts = [];
    for (const t of response) {
      if (t.virtualized) continue;
      for (const th of t.thoughts) {
        const body = all('thoughts_text', th);
        parts.push(body.length ? outermost(body).map(b => textOf(b, false)).join('\n') : textOf(th, false));
      }
    }
    return parts.length ? parts.join('\n\n') : null;
  }

  function callsOf(turn) {
    return turn.calls.map(c => ({
      name: (one('function_call_name', c)?.textContent || '').trim(),
      args: (one('function_call_args', c)?.textContent || '').trim() || '{}'
    }));
  }

  function comparison() {
    const options = all('ab_option');
    if (!options.length) return { shown: false, candidates: [] };
    return { shown: true, candidates: options.map(o => ({ side: o.getAttribute('data-test-side') || '', text: textOf(o) })) };
  }

  function modelIdOf(el) {
    if (!el) return null;
    // The 2025 builds carry the id only in the Run button's jslog, base64-encoded JSON after "xFZKLc:".
    for (const part of (el.getAttribute('jslog') || '').split(';')) {
      let decoded = part;
      try { decoded = atob(part.slice(part.lastIndexOf(':') + 1)); } catch (e) { /* not base64 */ }
      const m = decoded.match(/models\/[\w.\-]+/);
      if (m) return m[0].slice('models/'.length);
    }
    const t = el.textContent.trim();
    return t ? t.replace(/^models\//, '') : null;
  }

  function numberOf(key, sliderKey) {
    const input = one(key);
    const v = input ? Number(input.value) : NaN;
    if (input && input.value !== '' && !Number.isNaN(v)) return v;
    const slider = sliderKey ? one(sliderKey) : null;
    const t = slider ? Number(slider.getAttribute('aria-valuetext') ?? slider.value) : NaN;
    return Number.isNaN(t) ? null : t;
  }

  function switchState(key) {
    const s = one(key);
    return s ? s.getAttribute('aria-checked') === 'true' : null;
  }

  function settings() {
    const budget = one('thinking_budget_input');
    const system = one('system_instructions_input');
    const max = one('max_tokens_input');
    const level = one('thinking_level_select');
    return {
      temperature: numberOf('temperature_input', 'temperature_slider'),
      topP: numberOf('top_p_input', 'top_p_slider'),
      maxTokens: max && max.value !== '' ? Number(max.value) : null,
      maxTokensLimit: max && max.max ? Number(max.max) : null,
      stops: one('stop_input') ? all('stop_chip_remove').map(b => (b.getAttribute('aria-label') || '').replace(/^Remove\s*/, '')) : null,
      thinking: switchState('thinking_toggle'),
      manualBudget: switchState('thinking_budget_toggle'),
      budget: budget && budget.value !== '' ? Number(budget.value) : null,
      level: level ? (one('thinking_level_value', level)?.textContent || level.textContent).trim() : null,
      // A closed system-instructions dialog keeps its text out of the DOM: then what we set last on
      // this page load (a reload forgets both), else nothing.
      system: system ? system.value : (window.__aispSystemInstruction ?? ''),
      systemControl: !!one('system_instructions_button') || !!system,
      temporaryChat: !!one('temporary_chat_on')
    };
  }

  function promptEmpty() {
    const input = one('prompt_input');
    return !input || input.value === '';
  }

  function enabled(button) {
    return !!button && !button.disabled && button.getAttribute('aria-disabled') !== 'true';
  }

  /** Whether a run goes on: its Stop control or a loading indicator is there. */
  function generating() {
    return all('stop_control').length > 0 || all('generating_indicator').length > 0;
  }

  /**
   * Whether Run looks like the Stop button it turns into on the live page, whatever its label:
   * enabled while the prompt box is empty and the latest answer has no Edit button yet. (Not a
   * sign of a run on the 2025 builds, whose Run stays enabled after a run: only used to stop.)
   */
  function runLooksStoppable() {
    if (!enabled(one('run_button')) || !promptEmpty() || all('attachment').length) return false;
    const turn = [...latestResponse(turns())].reverse().find(t => t.kind === 'answer');
    return !!turn && !one('edit_button', turn.el);
  }

  function signedIn() {
    if (/accounts\.google\.com/.test(location.href)) return false;
    return all('app_root').length > 0;
  }

  /** The page state: phase idle | generating | finished, as a person would call it. */
  function state() {
    const list = turns();
    const ab = comparison();
    const last = list[list.length - 1];
    const phase = generating() ? 'generating' : (last && last.role === 'model') || ab.shown ? 'finished' : 'idle';
    const models = list.filter(t => t.role === 'model');
    return { signedIn: signedIn(), phase, turns: list.length, modelTurns: models.length,
      model: modelIdOf(one('current_model')), settings: settings() };
  }

  /** Toasts and quota callouts anywhere on the page that were not there when marked seen. */
  function alerts() {
    const fresh = (key) => all(key).filter(t => !t.hasAttribute('data-aisp-seen')).map(t => t.textContent.trim()).filter(Boolean);
    return { toasts: fresh('error_toast'), quota: fresh('quota_callout').join(' ') };
  }

  function markAlertsSeen() {
    for (const key of ['error_toast', 'quota_callout']) for (const t of all(key)) t.setAttribute('data-aisp-seen', '');
  }

  /** What the latest response shows now, read from the DOM (no waiting, no clicks). */
  function answer() {
    const list = turns();
    const response = latestResponse(list);
    const models = list.filter(t => t.role === 'model');
    const lastModel = models[models.length - 1] || null;
    const answerTurn = [...response].reverse().find(t => t.kind === 'answer' || t.virtualized) || null;
    const ab = comparison();
    let text = null, virtualized = false;
    if (answerTurn && answerTurn.virtualized) virtualized = true;
    else if (answerTurn) text = answerTurn.answers.map(a => textOf(a)).join('\n\n').trim();
    else if (lastModel && !ab.shown) text = '';
    return { text, thinking: response.length ? thinkingOf(response) : null, virtualized,
      turnIndex: lastModel ? lastModel.index : null,
      calls: answerTurn && !answerTurn.virtualized ? callsOf(answerTurn) : [],
      stopped: !!(answerTurn && answerTurn.el.querySelector('[data-stopped="true"]')) || answerTurn?.el.getAttribute('data-stopped') === 'true',
      comparison: ab };
  }

  /** Resolves when check() gives a value, or with null after ms; re-checked on every DOM mutation. */
  function until(check, ms) {
    const now = check();
    if (now != null || ms <= 0) return Promise.resolve(now ?? null);
    return new Promise(res => {
      let timer;
      const obs = new MutationObserver(() => {
        const r = check();
        if (r != null) { obs.disconnect(); clearTimeout(timer); res(r); }
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      timer = setTimeout(() => { obs.disconnect(); res(check() ?? null); }, ms);
    });
  }

  /**
   * Scrolls each virtualised turn of the latest response into view and waits (up to ms each)
   * for the page to render it. True when none is left virtualised.
   */
  async function revealLatest(ms) {
    const scroller = one('scroll_container');
    for (let round = 0; round < 4; round++) {
      const hidden = latestResponse(turns()).filter(t => t.virtualized);
      if (!hidden.length) return true;
      const target = hidden[hidden.length - 1];
      target.el.scrollIntoView({ block: 'end' });
      if (scroller && round === 0 && target === latestResponse(turns()).slice(-1)[0]) scroller.scrollTop = scroller.scrollHeight;
      const shown = await until(() => turnInfo(target.el, target.index).virtualized ? null : true, ms);
      if (!shown) return false;
    }
    return latestResponse(turns()).every(t => !t.virtualized);
  }

  /**
   * The raw markdown of the latest answer through its turn's edit toggle: click Edit, read the
   * textarea, click again to leave editing. Null when the turn has no toggle or no textarea
   * appears within ms (a saved page, an older build).
   */
  async function markdownOfLatest(ms) {
    const response = latestResponse(turns());
    const turn = [...response].reverse().find(t => t.kind === 'answer');
    if (!turn || !turn.answers.length) return null;
    const toggle = one('edit_button', turn.el);
    if (!toggle) return null;
    toggle.click();
    const area = await until(() => one('edit_textarea', turn.el), ms);
    if (!area) return null;
    const value = area.value;
    const again = one('edit_button', turn.el);
    if (again) again.click();
    await until(() => one('edit_textarea', turn.el) ? null : true, ms);
    return value;
  }

  /** Skips a pending A/B vote (after its first candidate was taken), so the page can go on. */
  function skipComparison() {
    const skip = one('ab_skip');
    if (skip && !skip.disabled) skip.click();
    return !!skip;
  }

  /** Clicks the stop control if a generation is running; true if it was (check and click in one task). */
  function clickStop() {
    const stop = one('stop_control');
    const target = stop && stop.tagName === 'BUTTON' ? stop : generating() || runLooksStoppable() ? one('run_button') : null;
    if (!target) return false;
    target.click();
    return true;
  }

  /** How long a finished run without an Edit button (failed, stopped) must stay quiet to count as over. */
  const QUIET_MS = 1200;
  /**
   * Whether the run that added model turns beyond the first `before` is over, as the live page
   * shows it: nothing runs (no Stop control, Run disabled with the prompt box empty) and the latest
   * answer turn has its Edit button. An answer that never gets one (an error, a stopped run, an
   * A/B view) counts once alerts show, or after QUIET_MS without a run. Null while not over.
   */
  function done(before) {
    if (generating() || !(comparison().shown || turns().filter(t => t.role === 'model').length > before)) {
      window.__aispIdleSince = undefined;
      return null;
    }
    const response = latestResponse(turns());
    const turn = [...response].reverse().find(t => t.kind === 'answer');
    if (turn && one('edit_button', turn.el)) return 'edit';
    const a = alerts();
    if (a.toasts.length || a.quota || comparison().shown) return 'alert';
    const now = performance.now();
    if (window.__aispIdleSince === undefined) window.__aispIdleSince = now;
    return now - window.__aispIdleSince >= QUIET_MS ? 'quiet' : null;
  }

  /** Whether a dialog, menu or backdrop is open (it would swallow clicks). */
  function overlayShown() {
    return !!(resolve('overlay_close').selector || resolve('overlay_backdrop').selector);
  }

  /** How many chat turns the page shows. */
  const turnCount = () => all('chat_turn').length;

  /** Clicks Stop if a run goes on and waits (up to ms) for the page to show none; true if there was one. */
  async function stopAndSettle(ms) {
    const stopped = clickStop();
    if (stopped) await until(() => generating() || runLooksStoppable() ? null : true, ms);
    return stopped;
  }

  /**
   * Between requests, in one page task, by script clicks: a run still going stopped (settled
   * within settleMs), the chat discarded (New chat, then the dialog's confirm), temporary chat on
   * again (its toggle, from the "View more actions" menu where it sits there). Each step waits up
   * to ms for what it needs and stops at the first that does not come:
   * {stopped, cleared, temporary, overlay}; the driver does what is left with trusted clicks.
   */
  async function clearChatByScript(settleMs, ms) {
    const out = { stopped: await stopAndSettle(settleMs), cleared: false, temporary: false, overlay: false };
    const finish = () => Object.assign(out, { overlay: overlayShown() });
    if (turnCount()) {
      const newChat = one('new_chat_button');
      if (overlayShown() || !enabled(newChat)) return finish();
      newChat.click();
      const confirm = await until(() => one('discard_confirm'), ms);
      if (!confirm) return finish();
      confirm.click();
      if (!await until(() => turnCount() === 0 ? true : null, ms)) return finish();
    }
    out.cleared = true;
    if (!one('temporary_chat_on')) {
      let toggle = one('temporary_chat_toggle');
      if (!toggle) {
        const more = one('more_actions_button');
        if (!more) return finish();
        more.click();
        toggle = await until(() => one('temporary_chat_toggle'), ms);
        if (!toggle) return finish();
      }
      toggle.click();
      if (!await until(() => one('temporary_chat_on') ? true : null, ms)) return finish();
    }
    out.temporary = true;
    return finish();
  }

  /** Removes survey frames laid over the page; how many. */
  function removeFrames() {
    const frames = all('obstructing_frame');
    frames.forEach(f => f.remove());
    return frames.length;
  }

  /** Clicks the remove button of the stop-sequence chip showing `value`; false when there is none. */
  function removeStop(value) {
    const b = all('stop_chip_remove').find(x => (x.getAttribute('aria-label') || '').replace(/^Remove\s*/, '') === value);
    if (!b) return false;
    b.click();
    return true;
  }

  /**
   * Clicks the first option of the open thinking-level select whose label is one of `labels`
   * (case-insensitive, in order of preference). Returns the label clicked, or null, with the labels shown.
   */
  function chooseLevel(labels) {
    const options = all('thinking_level_option');
    const shown = options.map(o => o.textContent.trim());
    for (const want of labels) {
      const i = shown.findIndex(t => t.toLowerCase() === want.toLowerCase());
      if (i >= 0) { options[i].click(); return { chosen: shown[i], shown }; }
    }
    return { chosen: null, shown };
  }

  /**
   * The finished answer as the driver returns it: virtualised turns scrolled into view, the raw
   * markdown through the edit toggle where there is one (else the DOM text), the first candidate
   * of an A/B view (never both; the vote is skipped so the page can go on).
   */
  async function finalAnswer(revealMs, editMs) {
    const revealed = await revealLatest(revealMs);
    const markdown = revealed ? await markdownOfLatest(editMs) : null;
    const a = answer();
    let source = markdown != null ? 'edit' : 'dom';
    if (markdown != null) a.text = markdown;
    if (a.comparison.shown && a.text == null) {
      a.text = a.comparison.candidates[0].text;
      source = 'ab:' + a.comparison.candidates[0].side;
      skipComparison();
    }
    return Object.assign(a, { source, revealed }, alerts());
  }

  // ---- input: where a trusted click would land, values set as typing would ----
  /**
   * The viewport point a click on the first match of `sel` would hit it at, after scrolling it
   * into view if needed: {x, y}, or {why} when a click now would not reach it (absent, disabled,
   * hidden, or covered by another element at that point, as an overlay would).
   */
  function clickPoint(sel) {
    const el = document.querySelector(sel);
    if (!el) return { why: 'absent' };
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') return { why: 'disabled' };
    const centre = () => { const r = el.getBoundingClientRect(); return { r, x: r.left + r.width / 2, y: r.top + r.height / 2 }; };
    let c = centre();
    if (c.x < 0 || c.y < 0 || c.x >= innerWidth || c.y >= innerHeight) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      c = centre();
    }
    const style = getComputedStyle(el);
    if (c.r.width === 0 || c.r.height === 0 || style.visibility !== 'visible' || style.pointerEvents === 'none') return { why: 'hidden' };
    const { x, y } = c;
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(hit === el || el.contains(hit))) return { why: 'covered by ' + (hit ? hit.tagName.toLowerCase() : 'nothing') };
    return { x, y };
  }

  /**
   * Waits (up to ms) for `key` to match, then where a click on its first match would land:
   * {selector, x, y}, {selector, why} (see clickPoint), or {} when nothing matched.
   */
  async function pointOf(key, ms) {
    const sel = await until(() => resolve(key).selector, ms);
    return sel ? Object.assign({ selector: sel }, clickPoint(sel)) : {};
  }

  /**
   * Sets the value of the first match of `sel` (an input or textarea) as typing would: the native
   * setter (so framework bindings see a change), then input and change events. True when the
   * element holds exactly `text` afterwards.
   */
  function setValue(sel, text) {
    const el = document.querySelector(sel);
    return !!el && typeInto(el, text);
  }
  function typeInto(el, text) {
    const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    el.focus();
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return el.value === text;
  }

  /** For each key: the alternative that matched and how many elements (doctor's report). */
  function report() {
    const out = {};
    for (const key of Object.keys(S)) {
      const r = resolve(key);
      out[key] = { matched: r.selector, count: r.elements.length };
      if (errors[key]) out[key].error = errors[key];
    }
    return out;
  }

  // ---- function declarations editor (opened by the driver's click on its Edit button) ----
  /**
   * In the open "Function declarations" dialog: the Code Editor tab, the JSON written into its
   * textarea as typing would (value, then input and change events), Save, then waits (ms) for the
   * dialog to close. Returns {ok} or {ok: false, key} (a control not found) or {ok: false,
   * refused} (the page kept the dialog open, with its message); a refused dialog is closed.
   */
  async function writeDeclarations(json, ms) {
    const heading = (d) => (d.querySelector('h1, h2, [mat-dialog-title]')?.textContent || '').trim();
    const dialog = await until(() => all('function_declarations_dialog').find(d => /function declarations/i.test(heading(d))) || null, ms);
    if (!dialog) return { ok: false, key: 'function_declarations_dialog' };
    const tab = all('function_declarations_tab', dialog).find(t => /code editor/i.test(t.textContent));
    if (!tab) return { ok: false, key: 'function_declarations_tab' };
    if (tab.getAttribute('aria-selected') !== 'true') tab.click();
    const input = await until(() => one('function_declarations_input', dialog), ms);
    if (!input) return { ok: false, key: 'function_declarations_input' };
    typeInto(input, json);
    const save = one('function_declarations_save', dialog) || [...dialog.querySelectorAll('button')].find(b => b.textContent.trim() === 'Save');
    if (!save) return { ok: false, key: 'function_declarations_save' };
    save.click();
    if (await until(() => dialog.isConnected ? null : true, ms)) return { ok: true };
    const message = (dialog.querySelector('[role="alert"], mat-error, .error')?.textContent || '').trim();
    one('function_declarations_close', dialog)?.click();
    return { ok: false, refused: message || 'the editor stayed open after Save' };
  }

  return { resolve: (k) => resolve(k).selector, state, settings, answer, alerts, markAlertsSeen, until, revealLatest, writeDeclarations,
    markdownOfLatest, skipComparison, report, generating, promptEmpty, enabled, one, clickStop, done, finalAnswer,
    removeFrames, removeStop, chooseLevel, runLooksStoppable, clickPoint, pointOf, setValue, overlayShown, turnCount, stopAndSettle,
    clearChatByScript, errors, S };
}
