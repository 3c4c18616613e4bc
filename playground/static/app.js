// The playground's chat page: a Telegram-like private chat with the bot, fed by
// the playground server's long-polled JSON state. Every piece of server text goes
// into the page through text nodes, never innerHTML, so nothing a user types can
// become markup.
(function () {
  "use strict";

  // ---------------------------------------------------------------------------
  // Pure helpers (no page state).

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value != null && value !== false) node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child != null) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // tg: is allowed because the bot may link to Telegram itself; anything else
  // (javascript:, data:, relative paths) stays plain text.
  const SAFE_SCHEMES = new Set(["http:", "https:", "tg:"]);

  function safeUrl(raw) {
    try {
      const url = new URL(String(raw));
      return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  function link(href) {
    return el("a", { href, target: "_blank", rel: "noopener" });
  }

  const TELEGRAM_HOSTS = new Set(["t.me", "www.t.me", "telegram.me", "www.telegram.me", "telegram.dog"]);

  function parseUrl(raw) {
    const text = String(raw == null ? "" : raw).trim();
    try {
      // A bare "t.me/..." (as a share dialog may carry it) means https.
      return new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : "https://" + text);
    } catch (_) {
      return null;
    }
  }

  // A link that opens a chat with the bot `username` as Telegram's apps read it:
  // t.me/<bot>, t.me/<bot>?start=<payload>, tg://resolve?domain=<bot>&start=<payload>.
  // Returns { start } (the start parameter as written, or null when there is none)
  // or null for any other link.
  function botLink(raw, username) {
    const url = parseUrl(raw);
    if (!url || !username) return null;
    let name = null;
    if (url.protocol === "tg:") {
      if (url.hostname === "resolve" || url.pathname.replace(/^\/+/, "") === "resolve") name = url.searchParams.get("domain");
    } else if ((url.protocol === "https:" || url.protocol === "http:") && TELEGRAM_HOSTS.has(url.hostname.toLowerCase())) {
      const parts = url.pathname.split("/").filter(Boolean);
      if (parts.length === 1) name = parts[0];
    }
    if (!name || name.toLowerCase() !== username.toLowerCase()) return null;
    return { start: url.searchParams.has("start") ? url.searchParams.get("start") : null };
  }

  // What Telegram's apps deliver after /start: up to 64 of A-Z, a-z, 0-9, _ and -.
  function validStart(start) {
    return /^[A-Za-z0-9_-]{1,64}$/.test(String(start));
  }

  // Telegram's share dialog (t.me/share/url?url=...&text=..., tg://msg_url?...):
  // { url, text } or null.
  function shareLink(raw) {
    const url = parseUrl(raw);
    if (!url) return null;
    const web = (url.protocol === "https:" || url.protocol === "http:")
      && TELEGRAM_HOSTS.has(url.hostname.toLowerCase())
      && /^\/share(\/url)?\/?$/.test(url.pathname);
    const app = url.protocol === "tg:" && (url.hostname === "msg_url" || url.pathname.replace(/^\/+/, "") === "msg_url");
    if (!(web || app) || !url.searchParams.get("url")) return null;
    return { url: url.searchParams.get("url"), text: url.searchParams.get("text") || "" };
  }

  // Returns [outer, inner] (inner receives the nested content) or null when the
  // entity renders as plain text.
  function entityNode(entity, segment) {
    const one = (node) => [node, node];
    switch (entity.type) {
      case "bold": return one(el("b"));
      case "italic": return one(el("i"));
      case "underline": return one(el("u"));
      case "strikethrough": return one(el("s"));
      case "code": return one(el("code"));
      case "pre": {
        const code = el("code", { "data-language": entity.language || null });
        return [el("pre", null, code), code];
      }
      case "text_link": {
        const href = safeUrl(entity.url);
        return href ? one(link(href)) : null;
      }
      case "url": {
        // Telegram detects bare "example.com" as a URL too; browsers need a scheme.
        const href = safeUrl(/^(https?|tg):/i.test(segment) ? segment : "http://" + segment);
        return href ? one(link(href)) : null;
      }
      case "spoiler": return one(el("span", { class: "spoiler" }));
      case "blockquote": return one(el("blockquote"));
      case "expandable_blockquote": return one(el("blockquote", { class: "expandable" }));
      case "bot_command": return one(el("span", { class: "bot-command", title: "Send this command" }));
      default: return null;
    }
  }

  const BLOCKS = new Set(["pre", "blockquote", "expandable_blockquote"]);

  // In Telegram a newline right after a quote or code block only ends the block;
  // under pre-wrap it would add a blank line, so it is kept (the text stays
  // whole) but not displayed.
  function appendText(parent, text, afterBlock) {
    if (afterBlock && text[0] === "\n") {
      parent.appendChild(el("span", { class: "block-break" }, "\n"));
      text = text.slice(1);
    }
    if (text) parent.appendChild(document.createTextNode(text));
  }

  // entities are sorted outer-first; each one is clipped to its parent and to
  // the end of its previous sibling, so a bad overlap loses formatting, not text.
  function fill(parent, text, from, to, entities) {
    let pos = from;
    let afterBlock = false;
    let i = 0;
    while (i < entities.length) {
      const entity = entities[i];
      const start = Math.max(entity.offset, pos);
      const end = Math.min(entity.end, to);
      let next = i + 1;
      while (next < entities.length && entities[next].offset < end) next++;
      if (start < end) {
        if (start > pos) appendText(parent, text.slice(pos, start), afterBlock);
        const made = entityNode(entity, text.slice(start, end));
        fill(made ? made[1] : parent, text, start, end, entities.slice(i + 1, next));
        if (made) parent.appendChild(made[0]);
        afterBlock = Boolean(made) && BLOCKS.has(entity.type);
        pos = end;
      }
      i = next;
    }
    if (pos < to) appendText(parent, text.slice(pos, to), afterBlock);
  }

  // Offsets and lengths are UTF-16 code units, the same units as JS string indices.
  function renderEntities(text, entities) {
    text = String(text == null ? "" : text);
    const sorted = (entities || [])
      .filter((e) => e && Number.isInteger(e.offset) && Number.isInteger(e.length) && e.length > 0)
      .map((e) => Object.assign({}, e, { offset: Math.max(0, e.offset), end: Math.min(text.length, e.offset + e.length) }))
      .filter((e) => e.offset < e.end)
      .sort((a, b) => a.offset - b.offset || b.end - a.end);
    const fragment = document.createDocumentFragment();
    fill(fragment, text, 0, text.length, sorted);
    return fragment;
  }

  function humanSize(bytes) {
    if (!(bytes >= 0)) return "? B";
    const units = ["B", "KB", "MB", "GB"];
    let n = bytes;
    let unit = 0;
    while (n >= 1024 && unit < units.length - 1) {
      n /= 1024;
      unit++;
    }
    return (unit === 0 ? String(n) : n < 10 ? n.toFixed(1) : String(Math.round(n))) + " " + units[unit];
  }

  // ---------------------------------------------------------------------------
  // Page state.

  const $ = (id) => document.getElementById(id);
  const box = $("messages");
  const area = $("text");

  // The server wants a person on every call and the page learns who exists only
  // from a state, so a first visit without a hash asks for the usual first person.
  const DEFAULT_PERSON = "ru";

  let person = personFromHash() || DEFAULT_PERSON;
  let loaded = false; // has the current person's first state arrived?
  let version = -1;
  let state = null;
  let poll = null; // AbortController of the pending long-poll
  let noticeFloor = -Infinity; // notices up to this id were there before we looked
  let pinned = true; // should the chat follow new content down?
  let autoTop = 0; // where the last automatic scroll left the list
  let scrollOnRender = false; // the user just sent something: follow it down
  let sending = false;
  const rendered = new Map(); // message id -> { sig, node }, so unchanged bubbles keep spoilers/images
  const sigs = new Map();
  const drafts = new Map();
  const alerts = [];
  let toastTimer = 0;
  let errorTimer = 0;
  // A link to the bot opened as someone whose chat has not loaded yet: { person, start }.
  let pendingStart = null;
  let linkChoice = null; // the open "share" / "open as" dialog: { start }

  function personFromHash() {
    try {
      return decodeURIComponent(location.hash.slice(1)) || null;
    } catch (_) {
      return null;
    }
  }

  function changed(key, value) {
    const sig = JSON.stringify(value);
    if (sigs.get(key) === sig) return false;
    sigs.set(key, sig);
    return true;
  }

  function firstPerson() {
    const people = (state && state.people) || [];
    return people.length ? people[0].key : DEFAULT_PERSON;
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // ---------------------------------------------------------------------------
  // Talking to the server.

  async function pollForever() {
    for (;;) {
      const asked = person;
      const controller = new AbortController();
      poll = controller;
      const query = new URLSearchParams({ person: asked, after: String(loaded ? version : -1) });
      try {
        const res = await fetch("/api/state?" + query, { signal: controller.signal, cache: "no-store" });
        if (res.status >= 400 && res.status < 500 && asked === person && asked !== firstPerson()) {
          // A stale hash names someone the server doesn't know: fall back to the first person.
          person = firstPerson();
          loaded = false;
          continue;
        }
        if (!res.ok) throw new Error("HTTP " + res.status);
        const next = await res.json();
        setStatus("");
        if (asked === person) applyState(next);
      } catch (err) {
        if (controller.signal.aborted) continue; // switched person: ask again at once
        console.warn("playground: state poll failed", err);
        // The server may have restarted with a younger version, which a long-poll
        // would sit on: come back as a fresh load.
        loaded = false;
        setStatus("reconnecting…");
        await sleep(1000);
      }
    }
  }

  async function post(path, body) {
    let res;
    try {
      res = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    } catch (_) {
      showError("Could not reach the playground server.");
      return false;
    }
    let answer = null;
    try {
      answer = await res.json();
    } catch (_) {
      // Not JSON: the status line is all there is to say.
    }
    if (res.ok && !(answer && answer.ok === false)) return true;
    showError((answer && answer.error) || `${res.status} ${res.statusText}`.trim());
    return false;
  }

  async function withBusy(button, action) {
    button.disabled = true;
    try {
      return await action();
    } finally {
      button.disabled = false;
    }
  }

  function sendText(text) {
    // Set before the request: the long-poll may bring the echo before the POST answers.
    scrollOnRender = true;
    return post("/api/send", { person, text });
  }

  function sendStart(start) {
    scrollOnRender = true;
    return post("/api/start", { person, payload: start });
  }

  async function copyText(text) {
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch (_) {
      // No clipboard permission (an http page, an embedded browser): the old way.
      const scratch = el("textarea", { readonly: true, class: "scratch" });
      scratch.value = text;
      document.body.appendChild(scratch);
      scratch.select();
      try {
        copied = document.execCommand("copy");
      } catch (_) {
        copied = false;
      }
      scratch.remove();
    }
    showToast(copied ? "Copied to clipboard" : "The browser did not let the page copy");
  }

  async function submitComposer() {
    const text = area.value.trim();
    if (!text || sending) return;
    sending = true;
    $("send").disabled = true;
    try {
      // Only clear what was sent: if the server refused, or the user kept typing, keep it.
      if ((await sendText(text)) && area.value.trim() === text) {
        area.value = "";
        autosize();
      }
    } finally {
      sending = false;
      $("send").disabled = false;
    }
  }

  // ---------------------------------------------------------------------------
  // Rendering the state.

  function applyState(next) {
    // A smaller version means the server restarted: treat it as a fresh load.
    const first = !loaded || next.version < version;
    // The clock runs on while nothing else changes: a long poll that ends empty still
    // brings its time.
    if (next.clock && next.person === person) {
      $("clock").textContent = `${next.clock.label} · ${next.clock.zone}`;
    }
    if (!first && next.version === version) return;
    if (next.person && next.person !== person) person = next.person;
    if (personFromHash() !== person) history.replaceState(null, "", "#" + encodeURIComponent(person));
    loaded = true;
    version = next.version;
    state = next;

    renderPeople();
    $("hint-text").textContent = state.hint || "";
    renderMessages(first);
    openPendingStart();
    renderReplyKeyboard();
    renderCommands();
    handleNotices(first);
    document.body.dataset.ready = "true";
  }

  function renderPeople() {
    const people = (state && state.people) || [];
    const nav = $("people");
    if (changed("people", people.map((p) => [p.key, p.label, p.about]))) {
      nav.replaceChildren(...people.map((p) => {
        const button = el("button", { type: "button", "data-person": p.key, title: p.about || null }, p.label);
        button.addEventListener("click", () => switchPerson(p.key));
        return button;
      }));
    }
    for (const button of nav.querySelectorAll("button[data-person]")) {
      button.setAttribute("aria-pressed", String(button.dataset.person === person));
    }
    const me = people.find((p) => p.key === person);
    const blocked = Boolean(me && me.blocked);
    const toggle = $("block-toggle");
    toggle.textContent = blocked ? "Unblock the bot" : "Block the bot";
    toggle.setAttribute("aria-pressed", String(blocked));
    document.body.classList.toggle("blocked", blocked);
    // As in Telegram: someone who blocked the bot cannot write to it until they unblock.
    for (const id of ["text", "send", "sticker", "photo", "menu-button"]) $(id).disabled = blocked;
  }

  function nearBottom() {
    return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  }

  function scrollToBottom() {
    box.scrollTop = box.scrollHeight;
    autoTop = box.scrollTop;
    pinned = true;
  }

  function renderMessages(forceBottom) {
    const follow = forceBottom || scrollOnRender || pinned || nearBottom();
    scrollOnRender = false;
    const keep = box.scrollTop;
    const messages = state.messages || [];
    const live = new Set();
    const nodes = [];
    let previousDay = null;
    for (const message of messages) {
      // A line with the day where it changes: the clock buttons jump days and weeks.
      if (message.day && message.day !== previousDay) {
        const key = `day:${message.id}:${message.day}`;
        if (!rendered.has(key)) rendered.set(key, { node: el("div", { class: "day" }, message.day) });
        live.add(key);
        nodes.push(rendered.get(key).node);
      }
      previousDay = message.day;
      const sig = JSON.stringify(message);
      let hit = rendered.get(message.id);
      if (!hit || hit.sig !== sig) {
        hit = { sig, node: buildMessage(message) };
        rendered.set(message.id, hit);
      }
      live.add(message.id);
      nodes.push(hit.node);
    }
    for (const id of rendered.keys()) if (!live.has(id)) rendered.delete(id);
    if (!nodes.length) nodes.push(emptyChat());

    // Move nodes into place rather than emptying the list, which would reset the scroll.
    nodes.forEach((node, i) => {
      if (box.children[i] !== node) box.insertBefore(node, box.children[i] || null);
    });
    while (box.children.length > nodes.length) box.lastElementChild.remove();

    if (follow) scrollToBottom();
    else box.scrollTop = keep;
  }

  function emptyChat() {
    // As in Telegram, a chat opened from a link with nothing in it yet waits for Start,
    // which sends the link's /start.
    const pending = pendingStart && pendingStart.person === person ? pendingStart : null;
    const start = el("button", { type: "button", class: "start-button" }, "Start");
    start.addEventListener("click", () => {
      const link = pendingStart && pendingStart.person === person ? pendingStart : null;
      pendingStart = null;
      if (link) sendStart(link.start);
      else sendText("/start");
    });
    let opened = null;
    if (pending) {
      const sends = pending.start != null && validStart(pending.start)
        ? "Start sends /start " + pending.start + "."
        : pending.start != null
          ? "Telegram does not deliver its start parameter: Start sends a plain /start."
          : "Start sends /start.";
      opened = el("p", { class: "opened-link" }, "Opened from a link to the bot. " + sends);
    }
    return el("div", { class: "empty-chat" }, el("p", null, "No messages here yet."), opened, start);
  }

  function buildMessage(m) {
    const from = m.from === "user" ? "user" : "bot";
    const hasText = m.text != null && m.text !== "";
    const text = hasText ? m.text : m.caption;
    const entities = hasText ? m.entities : m.caption_entities;
    const node = el("div", { class: "message", "data-id": m.id, "data-from": from });
    const bubble = el("div", { class: "bubble" });
    let tail = null; // the element that leaves room for the time in its last line

    if (m.photo) {
      const img = el("img", { class: "photo", src: m.photo, alt: "Photo" });
      // The picture grows the list after it was scrolled: keep following if we were.
      img.addEventListener("load", () => { if (pinned) scrollToBottom(); });
      bubble.appendChild(img);
    }
    if (m.sticker) bubble.appendChild(el("div", { class: "sticker", role: "img", "aria-label": "Sticker" }, m.sticker));
    if (m.document) {
      const doc = m.document;
      const href = /^\/(?!\/)/.test(doc.url || "") ? doc.url : safeUrl(doc.url);
      tail = el("a", { class: "document", href, download: doc.name || "" },
        `📎 ${doc.name || "file"} (${humanSize(doc.size)})`);
      bubble.appendChild(tail);
    }
    if (text != null && text !== "") {
      tail = el("div", { class: "text" }, renderEntities(text, entities));
      bubble.appendChild(tail);
    }
    if (tail) tail.classList.add("tail");
    else node.classList.add("media-only");
    if (m.sticker && !tail && !m.photo) node.classList.add("sticker-only");
    if (m.edited) node.classList.add("edited");
    bubble.appendChild(el("span", { class: "meta" }, (m.edited ? "edited " : "") + (m.time || "")));
    node.appendChild(bubble);

    const rows = m.inline_keyboard || [];
    if (rows.length) {
      const keyboard = el("div", { class: "inline-keyboard" });
      for (const row of rows) {
        keyboard.appendChild(el("div", { class: "row" }, ...row.map((b) => inlineButton(m.id, b))));
      }
      node.appendChild(keyboard);
    }
    return node;
  }

  function inlineButton(messageId, b) {
    const label = String(b.text == null ? "" : b.text);
    if (b.callback_data != null) {
      const button = el("button", { type: "button" }, label);
      button.addEventListener("click", () => {
        button.classList.add("pending");
        withBusy(button, () => post("/api/press", { person, message_id: messageId, data: b.callback_data }))
          .finally(() => button.classList.remove("pending"));
      });
      return button;
    }
    if (b.copy_text && typeof b.copy_text.text === "string") {
      const text = b.copy_text.text;
      const button = el("button", { type: "button", class: "copy-text", title: text }, label);
      button.addEventListener("click", () => copyText(text));
      return button;
    }
    const href = b.url && safeUrl(b.url);
    if (href) return el("a", { href, target: "_blank", rel: "noopener" }, label);
    // Web apps, inline queries, payments: nothing to do outside Telegram.
    return el("button", { type: "button", disabled: true, title: "Not available in the playground" }, label);
  }

  function renderReplyKeyboard() {
    const keyboard = state.reply_keyboard;
    const holder = $("reply-keyboard");
    const blocked = document.body.classList.contains("blocked");
    holder.hidden = !keyboard || blocked;
    area.placeholder = blocked
      ? "You blocked the bot: unblock it to write"
      : (keyboard && keyboard.placeholder) || "Message";
    if (!keyboard || !changed("reply", keyboard.rows)) return;
    holder.replaceChildren(...(keyboard.rows || []).map((row) => el("div", { class: "row" }, ...row.map((label) => {
      const button = el("button", { type: "button" }, String(label));
      button.addEventListener("click", () => sendText(String(label)));
      return button;
    }))));
  }

  function renderCommands() {
    const commands = state.commands || [];
    if (!changed("commands", commands)) return;
    const items = commands.map((c) => {
      const name = String(c.command).replace(/^\//, "");
      const item = el("button", { type: "button", role: "menuitem", "data-command": name },
        el("span", { class: "command" }, "/" + name),
        el("span", { class: "description" }, c.description || ""));
      item.addEventListener("click", () => {
        closeMenu();
        sendText("/" + name);
      });
      return item;
    });
    if (!items.length) items.push(el("p", { class: "menu-empty" }, "The bot has no commands."));
    $("command-menu").replaceChildren(...items);
  }

  // Notices that were already there when the chat was loaded are history:
  // replaying them on a reload or a switch of person would be noise.
  function handleNotices(first) {
    const notices = (state.notices || []).slice().sort((a, b) => a.id - b.id);
    if (first) {
      noticeFloor = notices.reduce((max, n) => Math.max(max, n.id), -Infinity);
      return;
    }
    for (const notice of notices) {
      if (notice.id <= noticeFloor) continue;
      noticeFloor = notice.id;
      if (notice.alert) queueAlert(notice.text);
      else showToast(notice.text);
    }
  }

  // ---------------------------------------------------------------------------
  // Transient UI: toast, alert, error banner, status, command menu.

  function showToast(text) {
    const toast = $("toast");
    toast.textContent = text || "";
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toast.hidden = true; }, 2500);
  }

  function queueAlert(text) {
    alerts.push(text || "");
    if ($("alert").hidden) nextAlert();
  }

  function nextAlert() {
    const dialog = $("alert");
    if (!alerts.length) {
      dialog.hidden = true;
      area.focus();
      return;
    }
    $("alert-text").textContent = alerts.shift();
    dialog.hidden = false;
    $("alert-ok").focus();
  }

  function showError(text) {
    const banner = $("error");
    banner.textContent = text;
    banner.hidden = false;
    clearTimeout(errorTimer);
    errorTimer = setTimeout(() => { banner.hidden = true; }, 6000);
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  function openMenu() {
    $("command-menu").hidden = false;
    $("menu-button").setAttribute("aria-expanded", "true");
  }

  function closeMenu() {
    $("command-menu").hidden = true;
    $("menu-button").setAttribute("aria-expanded", "false");
  }

  function autosize() {
    area.style.height = "auto";
    area.style.height = Math.min(area.scrollHeight + 2, 160) + "px";
  }

  // ---------------------------------------------------------------------------
  // Switching person.

  function switchPerson(key) {
    if (!key || key === person) return;
    if (pendingStart && pendingStart.person !== key) pendingStart = null;
    drafts.set(person, area.value);
    person = key;
    loaded = false;
    version = -1;
    area.value = drafts.get(key) || "";
    autosize();
    rendered.clear();
    box.replaceChildren();
    $("reply-keyboard").hidden = true;
    closeMenu();
    if (personFromHash() !== key) history.replaceState(null, "", "#" + encodeURIComponent(key));
    renderPeople();
    if (poll) poll.abort();
  }

  // ---------------------------------------------------------------------------
  // Links to this bot: opened as someone on the page, as Telegram opens them.

  function peopleOnPage() {
    return (state && state.people) || [];
  }

  // The person a link goes to unless the visitor picks another: the freelancer's
  // client, or the first one who is not the current person.
  function defaultRecipient(choices) {
    const client = state && state.client;
    if (client && client !== person && choices.some((p) => p.key === client)) return client;
    const other = choices.find((p) => p.key !== person);
    return (other || choices[0] || {}).key;
  }

  // A click on a link in a bubble or on a URL button: true when the page handles it.
  function handleLink(href) {
    const username = state && state.bot_username;
    const bot = botLink(href, username);
    if (bot) {
      if (state.client && person === state.client) openAs(person, bot.start);
      else chooseWho({ start: bot.start, share: null });
      return true;
    }
    const share = shareLink(href);
    const shared = share && botLink(share.url, username);
    if (shared) {
      chooseWho({ start: shared.start, share });
      return true;
    }
    return false;
  }

  // The dialog: "Share with…" (a share link: anyone but the sender) or "Open the link
  // as…" (anyone, the client first).
  function chooseWho({ start, share }) {
    const everyone = peopleOnPage();
    const choices = share ? everyone.filter((p) => p.key !== person) : everyone;
    if (!choices.length) return;
    const picked = defaultRecipient(choices);
    const command = start == null ? "the bot" : "/start " + start;
    $("link-title").textContent = share ? "Share with…" : "Open the link as…";
    $("link-note").textContent = share
      ? "In Telegram they get this message from you and open the link: the bot's chat opens and sends " +
        command + " as them. Here their chat opens right away."
      : "Telegram opens the bot's chat of whoever opens the link and sends " + command + " as them.";
    const preview = $("link-preview");
    preview.hidden = !share;
    // The message Telegram composes: the text, and the link unless the text has it.
    preview.textContent = share
      ? (share.text.includes(share.url) ? share.text : [share.text, share.url].filter(Boolean).join("\n"))
      : "";
    $("link-people").replaceChildren(...choices.map((p) => {
      const input = el("input", { type: "radio", name: "link-person", value: p.key, checked: p.key === picked });
      const you = p.key === person ? " (you)" : "";
      return el("label", { class: "link-person", "data-person": p.key }, input, p.label + you);
    }));
    $("link-go").textContent = share ? "Send" : "Open";
    linkChoice = { start };
    $("link-dialog").hidden = false;
    $("link-go").focus();
  }

  function closeLinkDialog() {
    $("link-dialog").hidden = true;
    linkChoice = null;
  }

  function confirmLinkDialog() {
    if (!linkChoice) return;
    const checked = $("link-people").querySelector("input:checked");
    const start = linkChoice.start;
    closeLinkDialog();
    if (checked) openAs(checked.value, start);
  }

  // The bot's chat of `key` opens; the link's /start is sent once their chat is on the
  // page: at once if it has messages, by its Start button if it is empty.
  function openAs(key, start) {
    pendingStart = { person: key, start };
    if (key !== person) {
      switchPerson(key);
    } else if (loaded) {
      renderMessages(false); // an empty chat shows what its Start button now sends
      openPendingStart();
    }
  }

  function openPendingStart() {
    if (!pendingStart || pendingStart.person !== person || !state || state.person !== person) return;
    if (!(state.messages || []).length) return; // the empty chat's Start button sends it
    const start = pendingStart.start;
    pendingStart = null;
    // A link without a start parameter only opens the chat.
    if (start != null) sendStart(start);
  }

  // ---------------------------------------------------------------------------
  // Wiring.

  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    submitComposer();
    area.focus();
  });
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitComposer();
    }
  });
  area.addEventListener("input", autosize);

  for (const [id, path] of [["sticker", "/api/sticker"], ["photo", "/api/photo"]]) {
    const button = $(id);
    button.addEventListener("click", () => {
      scrollOnRender = true;
      withBusy(button, () => post(path, { person }));
    });
  }

  for (const button of document.querySelectorAll("button[data-advance]")) {
    button.addEventListener("click", () => withBusy(button, () => post("/api/clock", { step: button.dataset.advance })));
  }

  $("block-toggle").addEventListener("click", (event) => {
    const me = ((state && state.people) || []).find((p) => p.key === person);
    if (!me) return;
    withBusy(event.currentTarget, () => post("/api/block", { person, blocked: !me.blocked }));
  });

  $("menu-button").addEventListener("click", () => {
    if ($("command-menu").hidden) openMenu();
    else closeMenu();
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest("#command-menu, #menu-button")) closeMenu();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (!$("alert").hidden) nextAlert();
    else if (!$("link-dialog").hidden) closeLinkDialog();
    else closeMenu();
  });

  $("alert-ok").addEventListener("click", nextAlert);
  $("link-go").addEventListener("click", confirmLinkDialog);
  $("link-cancel").addEventListener("click", closeLinkDialog);
  $("link-dialog").addEventListener("click", (event) => {
    if (event.target === event.currentTarget) closeLinkDialog();
  });
  $("error").addEventListener("click", () => { $("error").hidden = true; });

  // One listener for all bubbles, so bubbles kept across renders need no rewiring.
  box.addEventListener("click", (event) => {
    const spoiler = event.target.closest(".spoiler:not(.revealed)");
    if (spoiler) {
      spoiler.classList.add("revealed");
      event.preventDefault(); // a link under the spoiler opens only once it is seen
      return;
    }
    const anchor = event.target.closest("a[href]");
    if (anchor && !anchor.classList.contains("document") && handleLink(anchor.getAttribute("href"))) {
      event.preventDefault(); // a link to this bot opens on the page, not in a new tab
      return;
    }
    const command = event.target.closest(".bot-command");
    if (command) {
      sendText(command.textContent);
      return;
    }
    const quote = event.target.closest("blockquote.expandable");
    if (quote && !event.target.closest("a")) quote.classList.toggle("expanded");
  });
  // A picture that gets its size after an automatic scroll grows the list under
  // us; only a scroll up from where we left it means the user wants to stay put.
  box.addEventListener("scroll", () => { pinned = nearBottom() || box.scrollTop >= autoTop - 2; }, { passive: true });

  window.addEventListener("hashchange", () => switchPerson(personFromHash()));

  pollForever();
})();
