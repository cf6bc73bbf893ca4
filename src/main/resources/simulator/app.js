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
  const state = { models: [], model: null, running: null, attachments: [], stops: [] };

  const textarea = $('ms-prompt-box ms-autosize-textarea textarea');
  const runButton = $('ms-run-button button');
  const chat = $('ms-chat-session .chat-container');
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
    state.models = JSON.parse(text)[0].map(e => ({ id: e[0], name: e[3], description: e[4], maxOutput: e[6], topP: e[9] }));
    let pref = {};
    try { pref = JSON.parse(localStorage.getItem('aiStudioUserPreference') || '{}'); } catch (e) { pref = {}; }
    const wanted = state.models.find(m => m.id === pref.promptModel);
    selectModel((wanted || state.models[0]).id);
  }

  function selectModel(id) {
    const m = state.models.find(x => x.id === id);
    if (!m) return;
    state.model = m.id;
    $('[data-test-id="model-name"]').textContent = m.name;
    $('[data-test-id="model-id"]').textContent = m.id.replace(/^models\//, '');
    const max = $('input[aria-label="Maximum output tokens"]');
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
  }

  function openOverlay(content, backdropCloses) {
    const backdrop = el('div', { class: 'cdk-overlay-backdrop' });
    const pane = el('div', { class: 'cdk-overlay-pane' }, content);
    if (backdropCloses) backdrop.addEventListener('click', () => closeOverlay(pane));
    overlays.append(backdrop, pane);
    return pane;
  }

  $('ms-model-selector button').addEventListener('click', () => {
    const list = el('ms-model-picker', { role: 'listbox' });
    for (const m of state.models) {
      const b = el('button', { class: 'model-option', type: 'button', role: 'option', 'data-model-id': m.id,
        'aria-selected': String(m.id === state.model) },
        el('span', { class: 'model-option-name', text: m.name }), el('span', { class: 'model-option-description', text: m.description }));
      b.addEventListener('click', () => { selectModel(m.id); closeOverlay(pane); });
      list.append(b);
    }
    const pane = openOverlay(list, true);
  });

  // ---- settings ----
  for (const slider of document.querySelectorAll('ms-slider')) {
    const range = $('input[type="range"]', slider), number = $('input[type="number"]', slider);
    range.addEventListener('input', () => { number.value = range.value; });
    for (const ev of ['input', 'change']) number.addEventListener(ev, () => { range.value = number.value; });
  }

  const stopInput = $('input[aria-label="Add stop token"]');
  function renderStops() {
    const set = $('mat-chip-set.stop-sequences');
    set.replaceChildren(...state.stops.map(s => {
      const remove = el('button', { type: 'button', 'aria-label': 'Remove ' + s, class: 'chip-remove' });
      remove.textContent = '×';
      remove.addEventListener('click', () => { state.stops = state.stops.filter(x => x !== s); renderStops(); });
      return el('mat-chip-row', {}, el('span', { class: 'chip-text', text: s }), remove);
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

  for (const toggle of document.querySelectorAll('mat-slide-toggle button[role="switch"]')) {
    toggle.addEventListener('click', () => {
      toggle.setAttribute('aria-checked', String(toggle.getAttribute('aria-checked') !== 'true'));
      syncBudget();
    });
  }
  function checked(name) {
    return $(`mat-slide-toggle[data-test-toggle="${name}"] button`).getAttribute('aria-checked') === 'true';
  }
  function syncBudget() {
    $('input[aria-label="Thinking budget"]').disabled = !(checked('enable-thinking') && checked('manual-budget'));
  }

  $('ms-system-instructions .si-toggle').addEventListener('click', () => {
    const panel = $('ms-system-instructions .si-panel');
    panel.hidden = !panel.hidden;
  });

  // ---- attachments ----
  const fileInput = $('ms-add-chunk-menu input[type="file"]');
  $('ms-add-chunk-menu button').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    for (const f of fileInput.files) {
      const data = await new Promise(res => { const r = new FileReader(); r.onload = () => res(r.result); r.readAsDataURL(f); });
      state.attachments.push({ name: f.name, mime: f.type || 'application/octet-stream', b64: String(data).split(',')[1] || '' });
    }
    fileInput.value = '';
    renderAttachments();
  });
  function renderAttachments() {
    $('ms-prompt-box .attachments').replaceChildren(...state.attachments.map(a =>
      el('ms-image-chunk', { 'data-file-name': a.name }, el('img', { alt: a.name, src: 'data:' + a.mime + ';base64,' + a.b64, width: '48' }))));
    syncRunButton();
  }

  // ---- chat turns ----
  function addTurn(role) {
    const container = el('div', { class: 'chat-turn-container ' + role });
    const turn = el('ms-chat-turn', { role: 'listitem' }, container);
    chat.append(turn);
    return container;
  }

  function modelTurn() {
    const container = addTurn('model');
    const thoughts = el('ms-thought-chunk', {}, el('mat-expansion-panel', {},
      el('mat-expansion-panel-header', { text: 'Thoughts' }), el('div', { class: 'mat-expansion-panel-content' })));
    thoughts.hidden = true;
    const text = el('ms-text-chunk', {}, el('ms-cmark-node', { class: 'cmark-node', style: 'white-space: pre-wrap' }));
    container.append(thoughts, text);
    return { container, thoughts, text: $('ms-cmark-node', text), calls: new Set() };
  }

  // ---- the run button: Run, or Stop with a spinner while generating ----
  function syncRunButton() {
    if (state.running) return;
    runButton.disabled = !textarea.value.trim() && state.attachments.length === 0;
  }
  function setRunning(running) {
    if (running) {
      runButton.setAttribute('aria-label', 'Stop');
      runButton.classList.add('stoppable');
      runButton.disabled = false;
      runButton.replaceChildren(el('span', { class: 'spinner' }), el('span', { class: 'label', text: 'Stop' }));
      runButton.firstChild.append(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
      runButton.firstChild.firstChild.setAttribute('class', 'stoppable-spinner');
    } else {
      runButton.setAttribute('aria-label', 'Run');
      runButton.classList.remove('stoppable');
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
      render(run.turn, x[0][0]);
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
  function render(turn, p) {
    if (p.length === 2) {
      turn.text.textContent += p[1];
    } else if (p.length === 11 && p[1] == null && Array.isArray(p[10])) {
      const args = JSON.stringify(params(p[10][1]));
      const key = p[10][0] + args;
      if (turn.calls.has(key)) return;
      turn.calls.add(key);
      turn.container.append(el('ms-function-call-chunk', { 'data-name': p[10][0] },
        el('span', { class: 'function-name', text: p[10][0] }), el('pre', { class: 'function-args', text: args })));
    } else if (p.length > 2) {
      turn.thoughts.hidden = false;
      $('.mat-expansion-panel-content', turn.thoughts).textContent += p[1];
    }
  }

  function failure(run, kind, message, report) {
    if (kind === 'quota') run.turn.container.append(el('ms-callout', { class: 'error-callout', role: 'alert', text: message }));
    else toast(kind, message);
    reportError(report);
  }

  async function submit() {
    const prompt = textarea.value;
    const parts = [[null, prompt]];
    for (const a of state.attachments) parts.push([null, null, null, null, [a.mime, a.b64]]);
    const userTurn = addTurn('user');
    userTurn.append(el('ms-text-chunk', {}, el('ms-cmark-node', { class: 'cmark-node', text: prompt })));
    const config = new Array(17).fill(null);
    config[0] = state.stops.length ? [...state.stops] : null;
    config[3] = Number($('input[aria-label="Maximum output tokens"]').value);
    config[4] = Number($('ms-slider[data-test-id="temperature"] input[type="number"]').value);
    config[5] = Number($('ms-slider[data-test-id="top-p"] input[type="number"]').value);
    config[6] = 64;
    config[16] = [checked('enable-thinking') ? 1 : 0, checked('manual-budget') ? Number($('input[aria-label="Thinking budget"]').value) : -1];
    const system = $('ms-system-instructions textarea').value;
    const body = [state.model, [[parts, 'user']], null, config, system ? [[[null, system]], 'user'] : null];
    textarea.value = '';
    state.attachments = [];
    renderAttachments();
    const run = { turn: modelTurn(), pos: 0, malformed: false, xhr: new XMLHttpRequest(), stopped: false };
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
    run.turn.container.setAttribute('data-stopped', 'true');
    run.xhr.abort();
  }

  function finish(run) {
    if (state.running !== run) return;
    state.running = null;
    setRunning(false);
  }

  // ---- new chat, with the discard confirmation ----
  $('button[aria-label="New chat"]').addEventListener('click', () => {
    if (!chat.children.length) return;
    const cancel = el('button', { type: 'button', class: 'ms-button-borderless', text: 'Cancel' });
    const confirm = el('button', { type: 'button', class: 'ms-button-primary', text: 'Discard and continue' });
    const pane = openOverlay(el('mat-dialog-container', { role: 'dialog', class: 'discard-dialog' },
      el('h2', { text: 'Discard unsaved changes?' }), cancel, confirm), false);
    cancel.addEventListener('click', () => closeOverlay(pane));
    confirm.addEventListener('click', () => {
      stop();
      chat.replaceChildren();
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
