// The simulator page's behaviour: the same states and RPC traffic as AI Studio's chat page.
(() => {
  'use strict';
  const CFG = window.SIM_CONFIG;
  const SERVICE = CFG.rpcOrigin + '/$rpc/google.internal.alkali.applications.makersuite.v1.MakerSuiteService/';
  const $ = (sel, root = document) => root.querySelector(sel);
  const el = (tag, attrs = {}, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') e.textContent = v; else if (k === 'class') e.className = v; else e.setAttribute(k, v);
    }
    for (const k of kids) if (k) e.append(k);
    return e;
  };
  // history: the chat's earlier turns, sent with every run as the real page sends them
  const state = { models: [], model: null, running: null, attachments: [], stops: [], generations: 0, incognito: false, history: [] };

  const LEGACY = CFG.ui === 'legacy';
  const textarea = $('[data-sim-prompt]');
  const runButton = $('[data-sim-run]');
  const chat = $('[data-sim-chat]');
  const scroller = $('ms-autoscroll-container');
  const overlays = $('.cdk-overlay-container');

  // ---- reporting, as AI Studio's jserror beacon ----
  function reportError(message) {
    fetch(CFG.jserrorPath + '?error=' + encodeURIComponent(message), { method: 'POST', body: message }).catch(() => {});
  }

  function toast(kind, message) {
    const t = el('div', { class: 'toast ' + kind, role: 'alert' }, el('span', { class: 'toast-message', text: message }));
    document.body.append(t);
    setTimeout(() => t.remove(), 5000);
  }

  // ---- login: the SAPISID cookie becomes SAPISIDHASH authorization ----
  async function authorization() {
    const m = document.cookie.match(/(?:^|;\s*)SAPISID=([^;]+)/);
    if (!m) return '';
    const ts = Math.floor(Date.now() / 1000);
    const data = new TextEncoder().encode(ts + ' ' + m[1] + ' ' + location.origin);
    const digest = await crypto.subtle.digest('SHA-1', data);
    const hex = [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
    return 'SAPISIDHASH ' + ts + '_' + hex;
  }

  function rpc(method, body) {
    return new Promise(async (resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', SERVICE + method);
      xhr.withCredentials = true;
      xhr.setRequestHeader('Content-Type', 'application/json+protobuf');
      xhr.setRequestHeader('X-User-Agent', 'grpc-web-javascript/0.1');
      xhr.setRequestHeader('Authorization', await authorization());
      xhr.onload = () => resolve(xhr);
      xhr.onerror = () => reject(new Error('network error'));
      xhr.send(JSON.stringify(body));
    });
  }

  // ---- models ----
  async function loadModels() {
    const xhr = await rpc('ListModels', [null, null, null, 1]);
    const text = xhr.responseText.replace(/^\)\]\}'\n/, '');
    state.models = JSON.parse(text)[0].map(e => ({ id: e[0], name: e[3], description: e[4], maxOutput: e[6], topP: e[9], thinking: e[13] || 'none' }));
    let pref = {};
    try { pref = JSON.parse(localStorage.getItem('aiStudioUserPreference') || '{}'); } catch (e) { pref = {}; }
    const wanted = state.models.find(m => m.id === pref.promptModel);
    selectModel((wanted || state.models[0]).id);
  }

  function selectModel(id) {
    const m = state.models.find(x => x.id === id);
    if (!m) return;
    state.model = m.id;
    const shownId = $('[data-sim-model-id]');
    if (shownId) shownId.textContent = m.id.replace(/^models\//, '');
    $('[data-sim-model-name]').textContent = m.name;
    if (LEGACY) {
      const payload = btoa(JSON.stringify([null, m.id, null, null, null, null, null, null, 4]));
      runButton.setAttribute('jslog', '225921;track:generic_click,impression;;xFZKLc:' + payload + ';mutable:true');
    }
    thinking.reset(m.thinking);
    const max = $('input[aria-label="Maximum output tokens"]', advancedBody);
    max.max = m.maxOutput;
    if (Number(max.value) > m.maxOutput) max.value = m.maxOutput;
    let pref = {};
    try { pref = JSON.parse(localStorage.getItem('aiStudioUserPreference') || '{}'); } catch (e) { pref = {}; }
    pref.promptModel = m.id;
    localStorage.setItem('aiStudioUserPreference', JSON.stringify(pref));
  }

  function closeOverlay(pane) {
    pane.previousElementSibling?.classList.contains('cdk-overlay-backdrop') && pane.previousElementSibling.remove();
    pane.remove();
    pane.onClose?.();
  }

  /**
   * An overlay as Angular CDK makes one: a backdrop that swallows every click outside the pane
   * (transparent for menus and selects), the pane. {@code closable}: Escape and a click on the
   * backdrop close it (menus, selects, most dialogs); otherwise only the pane's own buttons do.
   */
  function openOverlay(content, closable, transparent = false) {
    const backdrop = el('div', { class: 'cdk-overlay-backdrop cdk-overlay-backdrop-showing' + (transparent ? ' cdk-overlay-transparent-backdrop' : ' cdk-overlay-dark-backdrop') });
    const pane = el('div', { class: 'cdk-overlay-pane' + (transparent ? ' menu-pane' : '') }, content);
    pane.closable = closable;
    if (closable) backdrop.addEventListener('click', () => closeOverlay(pane));
    overlays.append(backdrop, pane);
    return pane;
  }
  document.addEventListener('keydown', e => {
    if (e.key !== 'Escape') return;
    const panes = overlays.querySelectorAll('.cdk-overlay-pane');
    const top = panes[panes.length - 1];
    if (top && top.closable) closeOverlay(top);
  });

  /** A mat-menu under its trigger: items are button[role=menuitem]; clicking one closes the menu. */
  function openMenu(trigger, items) {
    const menu = el('div', { role: 'menu', class: 'mat-mdc-menu-panel' }, ...items);
    trigger.setAttribute('aria-expanded', 'true');
    const pane = openOverlay(menu, true, true);
    pane.onClose = () => trigger.setAttribute('aria-expanded', 'false');
    for (const item of items) item.addEventListener('click', () => { if (pane.isConnected) closeOverlay(pane); });
    return pane;
  }
  const menuItem = (label, attrs = {}, ...kids) => el('button', Object.assign({ type: 'button', role: 'menuitem', class: 'mat-mdc-menu-item', 'aria-label': label }, attrs),
    el('span', { class: 'mat-mdc-menu-item-text', text: label }), ...kids);

  // ---- settings ----
  for (const slider of document.querySelectorAll('ms-slider')) {
    const range = $('input[type="range"]', slider), number = $('input[type="number"]', slider);
    range.addEventListener('input', () => { number.value = range.value; });
    for (const ev of ['input', 'change']) number.addEventListener(ev, () => { range.value = number.value; });
  }

  const stopInput = $('input[aria-label="Add stop token"]');
  function renderStops() {
    const set = $('mat-chip-set.stop-sequences');
    // current: mat-chip with button.remove-button; legacy: mat-chip-row with a plain remove button
    set.replaceChildren(...state.stops.map(s => {
      const remove = el('button', { type: 'button', 'aria-label': 'Remove ' + s, class: LEGACY ? 'chip-remove' : 'remove-button mdc-evolution-chip__action' });
      remove.textContent = '×';
      remove.addEventListener('click', () => { state.stops = state.stops.filter(x => x !== s); renderStops(); });
      return el(LEGACY ? 'mat-chip-row' : 'mat-chip', { class: 'mat-mdc-chip' }, el('span', { class: 'chip-text', text: s }), remove);
    }));
  }
  stopInput.addEventListener('keydown', e => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const v = stopInput.value;
    if (v && !state.stops.includes(v) && state.stops.length < 5) state.stops.push(v);
    stopInput.value = '';
    renderStops();
  });

  // ---- thinking controls, as the page shows them for the current model: none (2.0 Flash), an
  // on/off switch whose budget controls exist only while it is on (2.5 Flash), a budget only (2.5
  // Pro, always thinking), or the Gemini 3 "Thinking Level" select. The manual budget input exists
  // only while the budget switch is on. Labels: current "Toggle thinking mode" / "Toggle thinking
  // budget between auto and manual"; legacy mat-slide-toggle[data-test-toggle=...] ----
  const thinking = (() => {
    const box = $('[data-sim-thinking]');
    const t = { kind: 'none', on: true, manual: false, budget: 8192, levels: [], level: null };
    function toggle(current, legacyName, legacyLabel, checked, flip) {
      const b = el('button', { type: 'button', role: 'switch', class: 'mdc-switch', 'aria-checked': String(checked), 'aria-label': LEGACY ? legacyLabel : current });
      b.addEventListener('click', () => { flip(); render(); });
      return el('mat-slide-toggle', LEGACY ? { 'data-test-toggle': legacyName } : {}, b);
    }
    function budgetInput() {
      const number = el('input', { type: 'number', min: '128', max: '32768', step: '1', value: String(t.budget), class: 'slider-number-input', 'aria-label': 'Thinking budget' });
      for (const ev of ['input', 'change']) number.addEventListener(ev, () => { t.budget = Number(number.value); });
      if (LEGACY) return number;
      const range = el('input', { type: 'range', min: '128', max: '32768', value: String(t.budget) });
      range.addEventListener('input', () => { number.value = range.value; t.budget = Number(range.value); });
      return el('div', { 'data-test-id': 'user-setting-budget-animation-wrapper' }, el('ms-slider', {}, range, number));
    }
    function levelSelect() {
      const shown = el('span', { class: 'mat-mdc-select-min-line', text: t.level });
      const select = el('mat-select', { role: 'combobox', 'aria-label': 'Thinking Level', 'aria-expanded': 'false', tabindex: '0', class: 'mat-mdc-select' },
        el('div', { class: 'mat-mdc-select-trigger' }, el('div', { class: 'mat-mdc-select-value' }, el('span', { class: 'mat-mdc-select-value-text' }, shown))));
      select.addEventListener('click', () => {
        const options = t.levels.map(l => {
          const o = el('mat-option', { role: 'option', class: 'mat-mdc-option', 'aria-selected': String(l === t.level) }, el('span', { class: 'mdc-list-item__primary-text', text: l }));
          o.addEventListener('click', () => { t.level = l; closeOverlay(pane); render(); });
          return o;
        });
        select.setAttribute('aria-expanded', 'true');
        const pane = openOverlay(el('div', { role: 'listbox', 'aria-label': 'Thinking Level', class: 'mat-mdc-select-panel' }, ...options), true, true);
        pane.onClose = () => select.setAttribute('aria-expanded', 'false');
      });
      return select;
    }
    function render() {
      const kids = [el('label', { text: 'Thinking' })];
      if (t.kind === 'switch') kids.push(toggle('Toggle thinking mode', 'enable-thinking', 'Thinking mode', t.on, () => { t.on = !t.on; }));
      if (t.kind === 'budget' || (t.kind === 'switch' && t.on)) {
        kids.push(toggle('Toggle thinking budget between auto and manual', 'manual-budget', 'Set thinking budget', t.manual, () => { t.manual = !t.manual; }));
        if (t.manual) kids.push(budgetInput());
      }
      if (t.kind === 'levels') kids.push(levelSelect());
      box.replaceChildren(...(t.kind === 'none' ? [] : kids));
    }
    return {
      reset(kind) {
        t.kind = kind.startsWith('levels:') ? 'levels' : kind;
        t.levels = t.kind === 'levels' ? kind.slice(7).split(',') : [];
        t.level = t.levels[t.levels.length - 1] || null;
        t.on = true; t.manual = false; t.budget = 8192;
        render();
      },
      /** The RPC's thinking config: [enabled 0|1, budget (-1 automatic), level], null without controls. */
      config() {
        switch (t.kind) {
          case 'switch': return [t.on ? 1 : 0, t.on && t.manual ? t.budget : -1, null];
          case 'budget': return [1, t.manual ? t.budget : -1, null];
          case 'levels': return [1, -1, t.level.toLowerCase()];
          default: return null;
        }
      }
    };
  })();

  // ---- system instructions: current, a dialog (Close, Escape or the backdrop close it, the text
  // stays); legacy, an inline panel ----
  const siPanel = $('ms-system-instructions .si-panel');
  const siText = $('textarea', siPanel);
  $('ms-system-instructions .si-toggle').addEventListener('click', () => {
    if (LEGACY) { siPanel.hidden = !siPanel.hidden; return; }
    siPanel.remove();
    siPanel.hidden = false;
    const close = el('button', { type: 'button', 'aria-label': 'Close', class: 'close-button', text: '×' });
    const pane = openOverlay(el('mat-dialog-container', { role: 'dialog', class: 'system-instructions-dialog' },
      el('h2', { text: 'System instructions' }), siPanel, close), true);
    close.addEventListener('click', () => closeOverlay(pane));
  });
  if (!LEGACY) siPanel.remove();

  // ---- advanced settings: collapsed (its inputs out of the DOM) unless opened ----
  const advanced = $('[data-sim-advanced]');
  const advancedBody = $('[data-sim-advanced-body]');
  const advancedToggle = $('button', advanced);
  function setAdvanced(open) {
    advanced.classList.toggle('expanded', open);
    advancedToggle.setAttribute('aria-expanded', String(open));
    if (open && !advancedBody.isConnected) advanced.append(advancedBody);
    if (!open && advancedBody.isConnected) advancedBody.remove();
  }
  advancedToggle.addEventListener('click', () => setAdvanced(!advanced.classList.contains('expanded')));
  {
    let pref = {};
    try { pref = JSON.parse(localStorage.getItem('aiStudioUserPreference') || '{}') || {}; } catch (e) { pref = {}; }
    setAdvanced(pref.isAdvancedOpen === true);
  }

  // ---- function calling: the switch, and the declarations editor behind Edit (enabled only while
  // the switch is on). Save refuses what is not a JSON array of declarations with a name each.
  const functionCalling = (() => {
    const row = $('[data-test-id="functionCallingTooltip"]', advancedBody);
    const sw = $('button[role="switch"]', row);
    const edit = $('button.edit-function-declarations-button', row);
    const f = { on: false, declarations: [] };
    // Google Search and URL context: switches that exclude function calling, and it them.
    const others = ['[data-test-id="searchAsAToolTooltip"] button[role="switch"]', 'button[aria-label="Browse the url context"]']
      .map(sel => ({ sw: $(sel, advancedBody), on: false }));
    others.forEach(o => {
      o.on = o.sw.getAttribute('aria-checked') === 'true';
      o.sw.addEventListener('click', () => { if (!o.sw.hasAttribute('disabled')) { o.on = !o.on; render(); } });
    });
    const disable = (b, off) => {
      if (off) b.setAttribute('disabled', 'true'); else b.removeAttribute('disabled');
      b.classList.toggle('mdc-switch--disabled', off);
    };
    function render() {
      sw.setAttribute('aria-checked', String(f.on));
      sw.classList.toggle('mdc-switch--selected', f.on);
      disable(sw, others.some(o => o.on));
      others.forEach(o => {
        o.sw.setAttribute('aria-checked', String(o.on));
        o.sw.classList.toggle('mdc-switch--selected', o.on);
        disable(o.sw, f.on);
      });
      if (f.on) edit.removeAttribute('disabled'); else edit.setAttribute('disabled', 'true');
    }
    render();
    sw.addEventListener('click', () => { if (!sw.hasAttribute('disabled')) { f.on = !f.on; render(); } });
    edit.addEventListener('click', () => {
      if (edit.hasAttribute('disabled')) return;
      const visualTab = el('button', { type: 'button', role: 'tab', 'aria-selected': 'true', text: 'Visual Editor' });
      const codeTab = el('button', { type: 'button', role: 'tab', 'aria-selected': 'false', text: 'Code Editor' });
      const visual = el('div', { class: 'visual-editor', text: f.declarations.map(d => d.name).join(', ') || 'No functions declared' });
      const code = el('textarea', { class: 'function-declarations-code', placeholder: 'Enter JSON. Tab to indent.' });
      code.value = JSON.stringify(f.declarations, null, 2);
      const editor = el('ms-text-editor', {}, code);
      const body = el('div', { class: 'tab-body' }, visual);
      const error = el('div', { class: 'declarations-error', role: 'alert' });
      const select = (tab) => {
        visualTab.setAttribute('aria-selected', String(tab === visualTab));
        codeTab.setAttribute('aria-selected', String(tab === codeTab));
        body.replaceChildren(tab === codeTab ? editor : visual);
      };
      visualTab.addEventListener('click', () => select(visualTab));
      codeTab.addEventListener('click', () => select(codeTab));
      const save = el('button', { type: 'button', text: 'Save', 'aria-label': 'Save the current function declarations' });
      const close = el('button', { type: 'button', 'aria-label': 'Close', class: 'close-button', text: '×' });
      const pane = openOverlay(el('mat-dialog-container', { role: 'dialog', class: 'function-declarations-dialog' },
        el('h2', { text: 'Function declarations' }), el('ms-tab-group', {}, el('div', { role: 'tablist' }, visualTab, codeTab)), body, error,
        el('div', { class: 'actions' }, save), close), true);
      close.addEventListener('click', () => closeOverlay(pane));
      save.addEventListener('click', () => {
        try {
          const parsed = JSON.parse(code.value);
          if (!Array.isArray(parsed) || parsed.some(d => !d || typeof d.name !== 'string' || !d.name)) throw new Error('each declaration needs a name');
          // As the live editor does: a schema key it does not know is refused.
          const ALLOWED = new Set(['type', 'format', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'properties', 'required',
            'items', 'minProperties', 'maxProperties', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'propertyOrdering']);
          const check = (schema) => {
            for (const [k, v] of Object.entries(schema || {})) {
              if (!ALLOWED.has(k)) throw new Error("Unknown key '" + k + "'");
              if (k === 'properties') Object.values(v).forEach(check);
              if (k === 'items') check(v);
            }
          };
          for (const d of parsed) {
            for (const k of Object.keys(d)) if (!['name', 'description', 'parameters'].includes(k)) throw new Error("Unknown key '" + k + "'");
            check(d.parameters);
          }
          f.declarations = parsed;
          closeOverlay(pane);
        } catch (e) {
          error.textContent = 'Invalid function declarations: ' + e.message;
        }
      });
    });
    return {
      /** The declarations the run sends: only while the switch is on. */
      tools() { return f.on && f.declarations.length ? f.declarations : null; }
    };
  })();

  // ---- attachments ----
  // The add-media menu: its "Upload a file" item (legacy "Upload File") holds a file input in the
  // legacy builds; in the current one it opens a file chooser. The first upload asks for consent
  // (a dialog) before the files are attached.
  $('[data-sim-add]').addEventListener('click', (e) => {
    const trigger = e.currentTarget;
    const picker = el('input', { type: 'file', accept: 'image/*,text/plain,text/markdown,application/pdf', multiple: '' });
    picker.addEventListener('change', () => { const files = [...picker.files]; if (files.length) afterConsent(() => attach(files)); });
    const item = LEGACY ? menuItem('Upload File', {}, picker) : menuItem('Upload a file');
    if (LEGACY) { picker.hidden = true; picker.addEventListener('click', ev => ev.stopPropagation()); }
    else item.addEventListener('click', () => picker.click());
    openMenu(trigger, [item, menuItem(LEGACY ? 'Google Drive' : 'Add from Drive')]);
  });
  function afterConsent(then) {
    if (localStorage.getItem('sim-upload-consent')) { then(); return; }
    const cancel = el('button', { type: 'button', class: 'ms-button-borderless', text: 'Cancel' });
    const agree = el('button', { type: 'button', class: 'ms-button-primary', 'aria-label': 'Acknowledge copyright notice', text: 'I agree' });
    const pane = openOverlay(el('mat-dialog-container', { role: 'dialog', class: 'upload-consent-dialog' },
      el('h2', { text: 'Before you upload' }), el('p', { text: 'Make sure you have the rights to the files you upload.' }), cancel, agree), false);
    cancel.addEventListener('click', () => closeOverlay(pane));
    agree.addEventListener('click', () => { localStorage.setItem('sim-upload-consent', '1'); closeOverlay(pane); then(); });
  }
  async function attach(files) {
    for (const f of files) {
      const data = await new Promise(res => { const r = new FileReader(); r.onload = () => res(r.result); r.readAsDataURL(f); });
      state.attachments.push({ name: f.name, mime: f.type || 'application/octet-stream', b64: String(data).split(',')[1] || '' });
    }
    renderAttachments();
  }

  // ---- temporary chat: off on every load and new chat; "View more actions" holds its toggle.
  // A chat that is not temporary is saved to the account's Drive after every run (CreatePrompt). ----
  const moreActions = $('[data-sim-more]');
  moreActions.addEventListener('click', () => {
    const toggle = menuItem('Temporary chat', { 'data-test-incognito-toggle': '', 'aria-pressed': String(state.incognito) },
      ...(state.incognito ? [el('span', { 'data-test-incognito-checkmark': '', class: 'material-symbols-outlined', text: 'check' })] : []));
    toggle.addEventListener('click', () => setIncognito(!state.incognito));
    openMenu(moreActions, [menuItem('Get code'), toggle, menuItem('Reset default settings')]);
  });
  function setIncognito(on) {
    state.incognito = on;
    $('[data-sim-incognito-slot]').replaceChildren(...(on ? [el('ms-incognito-mode-indicator', {},
      el('span', { 'data-test-id': 'main-text', class: 'main-text', text: 'Temporary chat' }))] : []));
  }

  function renderAttachments() {
    $('[data-sim-attachments]').replaceChildren(...state.attachments.map(a => a.mime.startsWith('image/')
      ? el('ms-image-chunk', { 'data-file-name': a.name }, el('img', { alt: a.name, src: 'data:' + a.mime + ';base64,' + a.b64, width: '48' }))
      : el('ms-file-chunk', { 'data-file-name': a.name }, el('span', { class: 'material-symbols-outlined', text: 'draft' }), el('span', { class: 'name', text: a.name }))));
    syncRunButton();
  }

  // ---- markdown, rendered as AI Studio does: nested ms-cmark-node wrappers; code blocks carry
  // aria-hidden copy markers, a footer and a language label (a reader must take <code> only) ----
  function cmark(...kids) { return el('ms-cmark-node', { class: 'cmark-node' }, ...kids); }
  function codeBlock(lang, code) {
    const marker = (t) => el('div', { class: 'ignore-when-copying', 'aria-hidden': 'true', text: t });
    const icon = (name) => el('button', { type: 'button', class: 'mdc-icon-button' }, el('span', { 'aria-hidden': 'true', class: 'material-symbols-outlined', text: ' ' + name + ' ' }));
    return el('ms-code-block', {},
      el('div', { class: 'syntax-highlighted-code-wrapper' }, el('div', { class: 'syntax-highlighted-code' }, el('pre', {}, el('code', { text: code }))),
        marker('IGNORE_WHEN_COPYING_START'),
        el('footer', {}, el('div', { class: 'actions' }, icon('content_copy'), icon('download')),
          el('span', { class: 'disclaimer', text: ' Use code with caution. ' }), el('span', { class: 'language', text: lang || 'Text' })),
        marker('IGNORE_WHEN_COPYING_END')));
  }
  function paragraph(text) {
    const p = el('p');
    text.split('\n').forEach((line, i) => { if (i) p.append(el('br')); p.append(cmark(el('span', { text: line }))); });
    return cmark(p);
  }
  function renderMarkdown(root, md) {
    const kids = [];
    const parts = md.split(/^```/m);
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        const nl = part.indexOf('\n');
        kids.push(cmark(codeBlock(nl < 0 ? part : part.slice(0, nl), nl < 0 ? '' : part.slice(nl + 1).replace(/\n$/, ''))));
      } else {
        for (const para of part.replace(/^\n+|\n+$/g, '').split(/\n{2,}/)) if (para) kids.push(paragraph(para));
      }
    });
    root.replaceChildren(...kids);
  }

  // ---- chat turns. current: thoughts are an ms-thought-chunk inside the answer turn; legacy
  // (2025): thoughts are a model turn of their own before the answer turn ----
  function addTurn(role) {
    const content = el('div', { class: 'turn-content', msvisibilitychanged: '' });
    const container = el('div', { class: 'chat-turn-container render ' + role },
      el('div', { class: role === 'model' ? 'model-prompt-container' : 'user-prompt-container', 'data-turn-role': role === 'model' ? 'Model' : 'User' }, content));
    const turn = el('ms-chat-turn', { role: 'listitem' }, container);
    chat.append(turn);
    virtualizer.watch(turn, content);
    return { turn, container, content };
  }

  function userTurn(text) {
    const t = addTurn('user');
    const root = cmark();
    renderMarkdown(root, text);
    t.content.append(el('ms-prompt-chunk', { class: 'text-chunk' }, el('ms-text-chunk', {}, root)));
  }

  function thoughtsPanel() {
    const body = cmark();
    const header = el('mat-expansion-panel-header', { 'aria-expanded': 'false' },
      el('img', { class: 'thinking-progress-icon in-progress', alt: '' }), el('span', { class: 'thought-title', text: 'Thinking' }));
    const panel = el('div', { class: 'thought-container' }, el('mat-accordion', {}, el('mat-expansion-panel', { class: 'thought-panel' },
      header, el('div', { class: 'mat-expansion-panel-content-wrapper', inert: '' }, el('div', { class: 'mat-expansion-panel-body' }, el('ms-text-chunk', {}, body))))));
    return { panel, body, header, raw: '' };
  }

  /** The answer's edit toggle: shows the raw markdown in a textarea, and back. */
  function editToggle(answer) {
    const b = el('button', { type: 'button', class: 'mdc-icon-button toggle-edit-button', 'aria-label': 'Edit' },
      el('span', { 'aria-hidden': 'true', class: 'material-symbols-outlined', text: ' edit ' }));
    b.addEventListener('click', () => {
      const chunk = answer.text.parentElement;
      const area = $('textarea', chunk);
      if (area) { area.remove(); answer.text.hidden = false; b.setAttribute('aria-label', 'Edit'); return; }
      const t = el('textarea', { class: 'edit-textarea' });
      t.value = answer.raw;
      answer.text.hidden = true;
      chunk.append(t);
      b.setAttribute('aria-label', 'Stop editing');
    });
    return el('div', { class: 'actions-container' }, el('div', { class: 'actions hover-or-edit' }, b));
  }

  /** A model response being generated: its turns appear as the page would show them. */
  function modelResponse() {
    const r = { thoughtTurn: null, answerTurn: null, thoughts: null, raw: '', text: null, calls: new Set(), pending: null };
    const loading = () => el('loading-indicator', {}, el('div', { class: 'loading-indicator generating' }, el('span', { class: 'generating-indicator' })));
    r.pending = addTurn('model');
    r.pending.content.append(loading());
    r.ensureAnswer = () => {
      if (r.answerTurn) return r.answerTurn;
      const t = r.pending && !(LEGACY && r.thoughtTurn === r.pending) ? r.pending : addTurn('model');
      r.pending = null;
      $('loading-indicator', t.content)?.remove();
      r.text = cmark();
      r.text.style.whiteSpace = LEGACY ? '' : 'pre-wrap';
      t.content.append(el('ms-prompt-chunk', { class: 'text-chunk' }, el('ms-text-chunk', {}, r.text)));
      if (!LEGACY && r.thoughts) t.content.prepend(r.thoughts.host);
      r.answerTurn = t;
      return t;
    };
    r.addText = (s) => { r.ensureAnswer(); r.raw += s; renderMarkdown(r.text, r.raw); follow(); };
    r.addThought = (s) => {
      if (!r.thoughts) {
        r.thoughts = thoughtsPanel();
        if (LEGACY) {
          const t = r.answerTurn ? null : r.pending;
          r.thoughtTurn = t || addTurn('model');
          $('loading-indicator', r.thoughtTurn.content)?.remove();
          r.thoughtTurn.content.append(el('ms-prompt-chunk', {}, r.thoughts.panel));
        } else {
          r.thoughts.host = el('ms-thought-chunk', {}, r.thoughts.panel);
          const t = r.ensureAnswer();
          t.content.prepend(r.thoughts.host);
        }
      }
      r.thoughts.raw += s;
      renderMarkdown(r.thoughts.body, r.thoughts.raw);
      follow();
    };
    r.addCall = (name, args) => {
      const key = name + args;
      if (r.calls.has(key)) return;
      r.calls.add(key);
      r.ensureAnswer().content.append(el('ms-function-call-chunk', { 'data-name': name },
        el('span', { class: 'function-name', text: name }), el('pre', { class: 'function-args', text: args })));
    };
    r.container = () => (r.answerTurn || r.pending || r.thoughtTurn).container;
    r.finish = () => {
      if (r.thoughts) {
        $('.thinking-progress-icon', r.thoughts.header)?.classList.remove('in-progress');
        $('.thought-title', r.thoughts.header).textContent = 'Thoughts';
      }
      if (r.pending) $('loading-indicator', r.pending.content)?.remove();
      // The turn's actions (Edit among them) appear once the run is over, as on the live page.
      if (r.answerTurn) r.answerTurn.container.prepend(editToggle(r));
    };
    return r;
  }

  /** Keeps the newest text in view while generating, as the page's autoscroll does. */
  function follow() { scroller.scrollTop = scroller.scrollHeight; }

  // ---- virtualised turns (both layouts; the live page does it too): a turn out of view keeps only
  // an empty placeholder of its height ----
  const virtualizer = (() => {
    if (!('IntersectionObserver' in window)) return { watch() {} };
    const kept = new Map();
    const io = new IntersectionObserver(entries => {
      for (const e of entries) {
        const content = kept.get(e.target);
        if (!content) continue;
        const hidden = content.firstElementChild && content.firstElementChild.hasAttribute('data-sim-placeholder');
        if (e.isIntersecting && hidden) {
          content.replaceChildren(...content.simKids);
          content.simKids = null;
        } else if (!e.isIntersecting && !hidden && !liveTurn(content)) {
          const h = Math.max(1, Math.round(content.getBoundingClientRect().height));
          content.simKids = [...content.childNodes];
          const ph = el('div', { style: 'height: ' + h + 'px', 'data-sim-placeholder': '' });
          content.replaceChildren(ph);
        }
      }
    }, { root: scroller });
    // The turns of the response being generated stay rendered: the page writes into them.
    const liveTurn = (content) => { const r = state.running?.response; return !!r && [r.pending, r.answerTurn, r.thoughtTurn].some(t => t && t.content === content); };
    return { watch(turn, content) { kept.set(turn, content); io.observe(turn); } };
  })();

  // ---- the A/B comparison view (legacy): two candidates instead of the answer turn, Skip / Submit ----
  function showComparison(response) {
    const turn = response.answerTurn.turn;
    turn.remove();
    const option = (side, md) => {
      const root = cmark();
      renderMarkdown(root, md);
      return el('button', { type: 'button', class: 'inline-preference-option', 'data-test-side': side },
        el('div', { class: 'inline-preference-option-content' }, el('part-renderer', {}, root)));
    };
    const skip = el('button', { type: 'button', 'data-test-id': 'skip-button', 'aria-label': 'Skip preference vote', text: 'Skip' });
    const submitVote = el('button', { type: 'button', 'data-test-id': 'submit-button', 'aria-label': 'Submit preference vote', text: 'Submit', disabled: '' });
    const box = el('ms-opaque-container-397968108', {},
      el('div', { class: 'inline-preference-header' }, el('p', { class: 'title', text: 'Which response do you prefer?' })),
      option('left', response.raw), option('right', response.raw + '\n\n(Another take on the same answer.)'), skip, submitVote);
    chat.after(box);
    skip.addEventListener('click', () => { box.remove(); chat.append(turn); });
  }

  // ---- the run button. current: Run becomes Stop (aria-label) with a spinner; legacy: the same
  // button gets class "stoppable", type=button and a timer, and its aria-label stays "Run" ----
  // The prompt box takes so much: above it the page counts the prompt as too long and will not run
  // it (the live box is known to stop working somewhere above ~180k tokens; this keeps under that).
  const INPUT_LIMIT_CHARS = 500000;
  const tooLong = $('[data-sim-too-long]');
  function syncRunButton() {
    if (state.running) return;
    const over = textarea.value.length > INPUT_LIMIT_CHARS;
    tooLong.hidden = !over;
    const empty = (!textarea.value.trim() && state.attachments.length === 0) || over;
    runButton.disabled = empty;
    if (LEGACY) {
      runButton.classList.toggle('disabled', empty);
      runButton.setAttribute('aria-disabled', String(empty));
      const box = textarea.parentElement;
      box.setAttribute('data-value', textarea.value || 'Type something');
      box.classList.toggle('empty', !textarea.value);
    }
  }
  let timer = null;
  const newChatButton = $('button[aria-label="New chat"]');
  function setRunning(running) {
    // The live page will not start a new chat while a run goes on: the button is locked.
    newChatButton.disabled = running;
    const spinner = () => {
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      const circle = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
      circle.setAttribute('class', 'stoppable-spinner');
      svg.append(circle);
      return svg;
    };
    if (LEGACY) {
      clearInterval(timer);
      runButton.classList.toggle('stoppable', running);
      runButton.setAttribute('type', running ? 'button' : 'submit');
      if (running) {
        const started = Date.now();
        runButton.disabled = false;
        runButton.classList.remove('disabled');
        runButton.setAttribute('aria-disabled', 'false');
        const label = el('span', { class: 'label', text: '0.0s' });
        runButton.replaceChildren(spinner(), label);
        timer = setInterval(() => { label.textContent = ((Date.now() - started) / 1000).toFixed(1) + 's'; }, 100);
      } else {
        runButton.replaceChildren(el('span', { class: 'label', text: 'Run' }));
        syncRunButton();
      }
      return;
    }
    if (running) {
      runButton.setAttribute('aria-label', 'Stop generating');
      runButton.disabled = false;
      runButton.replaceChildren(el('span', { class: 'spinner' }, spinner()), el('span', { class: 'label', text: 'Stop' }));
    } else {
      runButton.removeAttribute('aria-label');
      runButton.replaceChildren(el('span', { class: 'label', text: 'Run' }), el('span', { class: 'shortcut', text: 'Ctrl ⏎' }));
      syncRunButton();
    }
  }
  textarea.addEventListener('input', syncRunButton);
  textarea.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); if (!runButton.disabled) runButton.click(); }
  });
  runButton.addEventListener('click', () => { if (state.running) stop(); else submit(); });

  // ---- streamed response: find every X = [[P],"model"] unit as soon as it is complete ----
  function closingIndex(t, i) {
    let depth = 0, inString = false;
    for (let j = i; j < t.length; j++) {
      const c = t[j];
      if (inString) { if (c === '\\') j++; else if (c === '"') inString = false; }
      else if (c === '"') inString = true;
      else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') { depth--; if (depth === 0) return j + 1; }
    }
    return -1;
  }
  function scan(run, text) {
    while (true) {
      const start = text.indexOf('[[[null,', run.pos);
      if (start < 0) { run.pos = Math.max(run.pos, text.length - 8); return; }
      const end = closingIndex(text, start);
      if (end < 0) { run.pos = start; return; }
      run.pos = end;
      let x;
      try { x = JSON.parse(text.slice(start, end)); } catch (e) { run.malformed = true; continue; }
      if (!Array.isArray(x) || x[1] !== 'model' || !Array.isArray(x[0]) || !Array.isArray(x[0][0])) continue;
      render(run.response, x[0][0]);
    }
  }
  function typedValue(v) {
    if (!Array.isArray(v) || v.length === 0) return null;
    if (v.length === 2) return v[1];
    if (v.length === 3) return v[2];
    if (v.length === 4) return v[3] === 1;
    if (v.length === 5) return params(v[4]);
    return v[5].map(typedValue);
  }
  function params(list) {
    const o = {};
    for (const [k, v] of list || []) o[k] = typedValue(v);
    return o;
  }
  function render(response, p) {
    if (p.length === 2) {
      response.addText(p[1]);
    } else if (p.length === 11 && p[1] == null && Array.isArray(p[10])) {
      response.addCall(p[10][0], JSON.stringify(params(p[10][1])));
    } else if (p.length > 2) {
      response.addThought(p[1]);
    }
  }

  function failure(run, kind, message, report) {
    if (kind === 'quota') run.response.container().append(el('ms-callout', { class: 'error-callout', role: 'alert' }, el('div', { class: 'message', text: message })));
    else toast(kind, message);
    reportError(report);
  }

  async function submit() {
    const prompt = textarea.value;
    const parts = [[null, prompt]];
    for (const a of state.attachments) parts.push([null, null, null, null, [a.mime, a.b64]]);
    userTurn(prompt);
    const config = new Array(17).fill(null);
    config[0] = state.stops.length ? [...state.stops] : null;
    config[3] = Number($('input[aria-label="Maximum output tokens"]', advancedBody).value);
    config[4] = Number($('ms-slider[data-test-id="temperature"] input[type="number"]').value);
    config[5] = Number($('ms-slider[data-test-id="top-p"] input[type="number"]', advancedBody).value);
    config[6] = 64;
    config[16] = thinking.config();
    const system = siText.value;
    const contents = state.history.map(h => [[[null, h.text]], h.role]);
    contents.push([parts, 'user']);
    // The simulator's own field for the declarations (the real request's shape is not known here).
    const body = [state.model, contents, null, config, system ? [[[null, system]], 'user'] : null, functionCalling.tools()];
    textarea.value = '';
    state.attachments = [];
    renderAttachments();
    state.generations++;
    // [[sim:freeze]]: the page's JavaScript stops answering (a busy loop), as a hung real page does.
    if (/\[\[sim:freeze\]\]/.test(prompt)) setTimeout(() => { for (;;) { /* frozen */ } }, 100);
    const ab = LEGACY && (/\[\[sim:ab\]\]/.test(prompt) || (CFG.abEvery > 0 && state.generations % CFG.abEvery === 0));
    const run = { prompt, response: modelResponse(), pos: 0, malformed: false, xhr: new XMLHttpRequest(), stopped: false, ab };
    state.running = run;
    setRunning(true);
    const xhr = run.xhr;
    xhr.open('POST', SERVICE + 'GenerateContent');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/json+protobuf');
    xhr.setRequestHeader('X-User-Agent', 'grpc-web-javascript/0.1');
    xhr.setRequestHeader('Authorization', await authorization());
    // Stopped while the auth header was computed: abort() on an unsent XHR does nothing, so never send it.
    if (run.stopped) { finish(run); return; }
    xhr.onprogress = () => scan(run, xhr.responseText);
    xhr.onload = () => {
      if (xhr.status === 200) {
        scan(run, xhr.responseText);
        let complete = true;
        try { JSON.parse(xhr.responseText); } catch (e) { complete = false; }
        if (run.malformed || !complete) failure(run, 'error', 'Failed to generate content. Please try again.', 'Failed to generate content: malformed response');
      } else if (xhr.status === 429 && xhr.responseText.includes('RESOURCE_EXHAUSTED')) {
        failure(run, 'quota', 'Failed to generate content, quota exceeded: you have reached the limit of requests for this model. Please try again later.',
          'Failed to generate content: RESOURCE_EXHAUSTED: You exceeded your current quota');
      } else if (xhr.status === 429) {
        failure(run, 'warning', "You've reached your rate limit. Please try again later.", 'Failed to generate content: 429 rate limit');
      } else {
        failure(run, 'error', 'An internal error has occurred.', 'Failed to generate content: HTTP ' + xhr.status);
      }
      finish(run);
    };
    xhr.onerror = () => {
      scan(run, xhr.responseText);
      failure(run, 'error', 'Failed to generate content. Please try again.', 'Failed to generate content: network error');
      finish(run);
    };
    xhr.onabort = () => finish(run);
    xhr.send(JSON.stringify(body));
  }

  function stop() {
    const run = state.running;
    if (!run) return;
    run.stopped = true;
    run.response.container().setAttribute('data-stopped', 'true');
    run.xhr.abort();
  }

  function finish(run) {
    if (state.running !== run) return;
    if (!state.incognito) rpc('CreatePrompt', [null, run.prompt]).catch(() => {});
    state.history.push({ role: 'user', text: run.prompt }, { role: 'model', text: run.response.raw });
    run.response.finish();
    if (run.ab && !run.stopped && run.response.answerTurn && run.response.raw) showComparison(run.response);
    state.running = null;
    setRunning(false);
  }

  // ---- new chat, with the discard confirmation ----
  newChatButton.addEventListener('click', () => {
    if (!chat.children.length) return;
    const cancel = el('button', { type: 'button', class: 'ms-button-borderless', text: 'Cancel' });
    const confirm = el('button', { type: 'button', class: 'ms-button-primary', text: 'Discard and continue' });
    const pane = openOverlay(el('mat-dialog-container', { role: 'dialog', class: 'discard-dialog' },
      el('h2', { text: 'Discard unsaved changes?' }), cancel, confirm), false);
    cancel.addEventListener('click', () => closeOverlay(pane));
    confirm.addEventListener('click', () => {
      stop();
      chat.replaceChildren();
      state.history = [];
      setIncognito(false);
      document.querySelectorAll('[data-test-side]').forEach(o => o.closest('ms-opaque-container-397968108')?.remove());
      closeOverlay(pane);
    });
  });

  // ---- first-visit dialog, in the way of every click until closed ----
  if (CFG.welcomeDialog && !localStorage.getItem('sim-welcome-seen')) {
    const close = el('button', { type: 'button', 'aria-label': 'Close', text: '×' });
    const pane = openOverlay(el('mat-dialog-container', { role: 'dialog', class: 'welcome-dialog' },
      el('h2', { text: 'Welcome to AI Studio' }), el('p', { text: 'Try the newest Gemini models.' }), close), false);
    close.addEventListener('click', () => { localStorage.setItem('sim-welcome-seen', '1'); closeOverlay(pane); });
  }

  loadModels().catch(e => { toast('error', 'Failed to load models'); reportError('ListModels failed: ' + e.message); });
})();
