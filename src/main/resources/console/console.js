// The web console: status, queue, log tail and a chat playground, all from the server's own API.
// Plain JavaScript, no build step. The API key (when the server asks for one) stays in this tab.
"use strict";

const KEY_ITEM = "aistudio-proxy-key";
const $ = (id) => document.getElementById(id);
let statusTimer = null;
let logsAbort = null;
let chatAbort = null;

function key() { return sessionStorage.getItem(KEY_ITEM) || ""; }

function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (key()) headers["Authorization"] = "Bearer " + key();
  return fetch(path, Object.assign({}, options, { headers }));
}

function text(el, value) { el.textContent = value == null || value === "" ? "–" : String(value); }

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
  return e;
}

function duration(seconds) {
  const s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${m} min` : m ? `${m} min ${s % 60} s` : `${s} s`;
}

function showLogin(message) {
  $("app").hidden = true;
  $("login").hidden = false;
  $("logout").hidden = true;
  $("login-error").hidden = !message;
  $("login-error").textContent = message || "";
  stopLive();
}

function stopLive() {
  if (statusTimer) clearInterval(statusTimer);
  statusTimer = null;
  if (logsAbort) logsAbort.abort();
  logsAbort = null;
}

async function start() {
  const r = await api("/api/status").catch(() => null);
  if (!r) { showLogin("The server does not answer."); return; }
  if (r.status === 401) { showLogin(key() ? "That key was not accepted." : ""); return; }
  $("login").hidden = true;
  $("app").hidden = false;
  $("logout").hidden = !key();
  renderStatus(await r.json());
  statusTimer = setInterval(refreshStatus, 1000);
  loadModels();
  followLogs();
}

async function refreshStatus() {
  const r = await api("/api/status").catch(() => null);
  if (!r) { $("overall").textContent = "unreachable"; $("overall").className = "badge bad"; return; }
  if (r.status === 401) { showLogin("The key is no longer accepted."); return; }
  renderStatus(await r.json());
}

function renderStatus(s) {
  const ok = s.status === "ok";
  $("overall").textContent = ok ? "ready" : "not ready";
  $("overall").className = "badge " + (ok ? "ok" : "warn");
  text($("version"), "v" + s.version);
  const page = $("page-state");
  page.textContent = s.page.ready ? "ready" : "not ready: " + (s.page.detail || "starting");
  page.className = s.page.ready ? "ok" : "warn";
  text($("page-model"), s.page.model);
  text($("page-browser"), s.page.browser);
  text($("auth-profile"), s.auth_profile);
  text($("uptime"), duration(s.uptime_seconds));
  const body = $("tiers").tBodies[0];
  body.replaceChildren(...s.tiers.map((t) => el("tr", { "data-tier": t.name },
    el("td", {}, t.name),
    el("td", { class: !t.enabled ? "muted" : t.healthy ? "ok" : "bad" }, !t.enabled ? "off" : t.healthy ? "healthy" : "unhealthy"),
    el("td", {}, t.answers), el("td", {}, t.fallbacks), el("td", {}, t.failures),
    el("td", { class: t.last_error ? "bad" : "muted" }, t.last_error || "none"))));
  renderAccounts(s.accounts || []);
  renderQueue(s.queue);
}

/** One row per account once there are two or more: state, queue, counters, the models it cools down for and until when. */
function renderAccounts(accounts) {
  $("accounts-block").hidden = accounts.length < 2;
  const good = { ready: "ok", busy: "ok", cooldown: "warn", starting: "warn", auth_required: "bad", broken: "bad" };
  $("accounts").tBodies[0].replaceChildren(...accounts.map((a) => el("tr", { "data-account": a.name },
    el("td", {}, a.name),
    el("td", { class: good[a.state] || "muted", title: a.detail || "" }, a.state.replace("_", " ")),
    el("td", {}, a.waiting), el("td", {}, a.requests), el("td", {}, a.quota_hits),
    el("td", { class: "muted" }, Object.entries(a.cooldown_until).map(([m, until]) => m + " until " + new Date(until).toLocaleTimeString()).join(", ") || "none"))));
}

function cancelButton(id) {
  return el("button", { class: "small", "data-cancel": id, onclick: () => cancel(id) }, "cancel");
}

function renderQueue(q) {
  const running = $("running");
  if (q.processing) {
    const p = q.processing;
    running.replaceChildren("Running ", el("code", {}, p.id), ` for ${(p.age_ms / 1000).toFixed(1)} s`,
      p.tier ? ` on ${p.tier}` : "", p.stream ? " (stream) " : " ", cancelButton(p.id));
  } else {
    running.textContent = "Nothing running.";
  }
  $("waiting").replaceChildren(...q.waiting.map((w) => el("li", { "data-id": w.id }, el("code", {}, w.id),
    ` waiting ${(w.waited_ms / 1000).toFixed(1)} s `, cancelButton(w.id))));
  $("cleaning").hidden = !q.cleaning_up;
  $("cleaning").textContent = q.cleaning_up ? "Cleaning up after " + q.cleaning_up : "";
}

async function cancel(id) {
  await api("/v1/cancel/" + encodeURIComponent(id), { method: "POST" }).catch(() => null);
  refreshStatus();
}

async function loadModels() {
  const r = await api("/v1/models").catch(() => null);
  if (!r || !r.ok) return;
  const list = (await r.json()).data || [];
  const select = $("model");
  const previous = select.value;
  select.replaceChildren(...list.map((m) => el("option", { value: m.id }, m.id)));
  if (list.some((m) => m.id === previous)) select.value = previous;
}

// Reads an SSE body, calling onEvent(data) for each data line and onComment(text) for comments.
async function readEvents(response, onEvent, onComment) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      for (const line of frame.split("\n")) {
        if (line.startsWith("data: ")) onEvent(line.slice(6));
        else if (line.startsWith(":")) onComment(line.slice(1).trim());
      }
    }
  }
}

async function followLogs() {
  logsAbort = new AbortController();
  const logs = $("logs");
  $("logs-state").textContent = "(live)";
  try {
    const r = await api("/api/logs", { signal: logsAbort.signal });
    if (!r.ok) throw new Error("HTTP " + r.status);
    await readEvents(r, (data) => {
      const e = JSON.parse(data);
      const line = e.line != null ? e.line : `… ${e.dropped} lines dropped`;
      const atEnd = logs.scrollTop + logs.clientHeight >= logs.scrollHeight - 4;
      logs.append(line + "\n");
      while (logs.childNodes.length > 500) logs.firstChild.remove();
      if (atEnd) logs.scrollTop = logs.scrollHeight;
    }, () => {});
  } catch (e) {
    if (e.name === "AbortError") return;
  }
  $("logs-state").textContent = "(reconnecting)";
  setTimeout(() => { if (logsAbort && !logsAbort.signal.aborted) followLogs(); }, 2000);
}

async function sendChat(event) {
  event.preventDefault();
  const messages = [];
  if ($("system").value.trim()) messages.push({ role: "system", content: $("system").value });
  messages.push({ role: "user", content: $("prompt").value });
  const stream = $("stream").checked;
  const body = { model: $("model").value, messages, stream, temperature: Number($("temperature").value) };
  $("answer").textContent = "";
  $("thinking").textContent = "";
  $("thinking-box").hidden = true;
  $("chat-error").hidden = true;
  text($("answer-tier"), null); text($("ttft"), null); text($("total"), null);
  $("send").disabled = true;
  $("stop").disabled = false;
  chatAbort = new AbortController();
  const started = performance.now();
  let first = null;
  const mark = () => { if (first == null) { first = performance.now(); $("ttft").textContent = Math.round(first - started) + " ms"; } };
  try {
    const r = await api("/v1/chat/completions", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body), signal: chatAbort.signal });
    if (r.headers.get("X-Response-Tier")) text($("answer-tier"), r.headers.get("X-Response-Tier"));
    if (!stream || !r.ok || !(r.headers.get("Content-Type") || "").startsWith("text/event-stream")) {
      const j = await r.json();
      if (j.error) throw new Error(j.error.message);
      mark();
      const m = j.choices[0].message;
      if (m.reasoning_content) { $("thinking-box").hidden = false; $("thinking").textContent = m.reasoning_content; }
      $("answer").textContent = m.content || "";
    } else {
      await readEvents(r, (data) => {
        if (data === "[DONE]") return;
        const chunk = JSON.parse(data);
        if (chunk.error) throw new Error(chunk.error.message);
        const delta = (chunk.choices && chunk.choices[0] && chunk.choices[0].delta) || {};
        if (delta.reasoning_content) { mark(); $("thinking-box").hidden = false; $("thinking").append(delta.reasoning_content); }
        if (delta.content) { mark(); $("answer").append(delta.content); }
      }, (comment) => {
        if (comment.startsWith("x-response-tier:")) text($("answer-tier"), comment.slice(16).trim());
      });
    }
    $("total").textContent = Math.round(performance.now() - started) + " ms";
  } catch (e) {
    $("chat-error").hidden = false;
    $("chat-error").textContent = e.name === "AbortError" ? "Stopped." : e.message;
  } finally {
    $("send").disabled = false;
    $("stop").disabled = true;
    chatAbort = null;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY_ITEM, $("key").value.trim());
    start();
  });
  $("logout").addEventListener("click", () => { sessionStorage.removeItem(KEY_ITEM); showLogin(""); });
  $("chat-form").addEventListener("submit", sendChat);
  $("stop").addEventListener("click", () => { if (chatAbort) chatAbort.abort(); });
  start();
});
