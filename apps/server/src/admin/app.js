// The admin page's one module: plain DOM, no framework, no build step. It uses the same HTTP API
// as every other client, with the token entered once (kept for this tab in sessionStorage). Every
// change is sent with `If-Match: "<version>"`, so a change based on a stale view is refused (412)
// instead of silently undoing someone else's; the page then shows what is there now.
// Text from the server is only ever set with textContent (never parsed as HTML).

const TOKEN_KEY = "switchyard-token";
const params = new URLSearchParams(location.search);
/** How often the page refreshes on its own, in ms (`?poll=0` turns it off). */
const POLL_MS = Number(params.get("poll") ?? 15000);

const state = {
  token: sessionStorage.getItem(TOKEN_KEY) ?? "",
  /** name → { name, version, ...definition } */
  flags: new Map(),
  /** The flag whose history is shown; undefined for all flags. */
  historyFlag: undefined,
};

const $ = (id) => document.getElementById(id);
/**
 * A count with its noun, as config-schema's `plural` (the page has no build step, so it cannot
 * import it): `plural(1, "error")` is `1 error`, `plural(2, "error")` is `2 errors`.
 */
const plural = (count, singular, pluralForm = `${singular}s`) =>
  `${count} ${count === 1 ? singular : pluralForm}`;

/** An element with text and attributes. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== undefined) node.append(child);
  return node;
}

/** Say something in the status line (`kind`: info, ok, warn, error). */
function say(text, kind = "info") {
  const message = $("message");
  message.textContent = text;
  message.dataset.kind = kind;
}

/** One API call: JSON in and out, the token, and `If-Match` for changes. */
async function api(path, { method = "GET", body, ifMatch } = {}) {
  const headers = {};
  if (state.token !== "") headers.authorization = `Bearer ${state.token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  if (ifMatch !== undefined) headers["if-match"] = `"${ifMatch}"`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    return { status: 0, data: { error: { message: `The server cannot be reached (${error.message})` } } };
  }
  const text = await res.text();
  let data;
  try {
    data = text === "" ? undefined : JSON.parse(text);
  } catch {
    data = undefined;
  }
  return { status: res.status, data, headers: res.headers };
}

/** A failed answer in words. */
function problem(status, data) {
  const message = data?.error?.message ?? `HTTP ${status}`;
  if (status === 401) return `${message}. Enter a token above.`;
  if (status === 403) return `${message}.`;
  if (status === 429) return `Too many changes; try again in a moment (${message}).`;
  if (status === 503) return `The flag store cannot be changed right now: ${message}`;
  return message;
}

// --- token ---------------------------------------------------------------------------------------

function showTokenState() {
  $("token-state").textContent = state.token === "" ? "no token" : "token set for this tab";
  $("token-forget").hidden = state.token === "";
}

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.token = $("token-input").value.trim();
  $("token-input").value = "";
  if (state.token === "") sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, state.token);
  showTokenState();
  void refreshAll();
});

$("token-forget").addEventListener("click", () => {
  state.token = "";
  sessionStorage.removeItem(TOKEN_KEY);
  showTokenState();
  say("Token forgotten.");
});

// --- flags ---------------------------------------------------------------------------------------

async function loadFlags() {
  const { status, data } = await api("/api/v1/features");
  if (status !== 200) {
    say(problem(status, data), "error");
    return false;
  }
  state.flags = new Map(data.flags.map((flag) => [flag.name, flag]));
  renderFlags();
  return true;
}

/** Send a change of one flag on top of the version on screen; handle a conflict. */
async function change(name, path, body) {
  const flag = state.flags.get(name);
  if (flag === undefined) return;
  const { status, data } = await api(`/api/v1/features/${encodeURIComponent(name)}${path}`, {
    method: "POST",
    body,
    ifMatch: flag.version,
  });
  if (status === 200) {
    // The definition replaces the old one whole (a key it lacks, e.g. an emptied list, is gone).
    state.flags.set(name, {
      name,
      ...data.definition,
      version: data.version,
      ...(flag.override ? { override: flag.override } : {}),
    });
    renderFlags();
    say(data.changed ? `${name}: saved as version ${data.version}.` : `${name}: nothing to change.`, "ok");
    await loadHistory();
    return;
  }
  if (status === 412) {
    const now = data?.error?.actualVersion;
    await loadFlags();
    await loadHistory();
    say(
      `${name} was changed by someone else meanwhile${now ? ` (now version ${now})` : ""}; your change was not applied. The page shows the current state — apply your change again if it still makes sense.`,
      "warn",
    );
    return;
  }
  say(`${name}: ${problem(status, data)}`, "error");
  if (status === 404) await loadFlags();
}

function describe(flag) {
  const parts = [];
  if (flag.description) parts.push(flag.description);
  if (flag.owner) parts.push(`owner: ${flag.owner}`);
  if (flag.start_date || flag.end_date)
    parts.push(`window: ${flag.start_date ?? "…"} → ${flag.end_date ?? "…"}`);
  if (flag.blacklist?.length) parts.push(`blacklist: ${flag.blacklist.join(", ")}`);
  if (flag.override) parts.push("an environment override is in force on this server");
  return parts.join(" · ");
}

function flagRow(flag) {
  const name = flag.name;
  const rollout = flag.rollout_percentage ?? 100;
  const label = el("output", { class: "rollout-value", text: `${rollout} %` });
  const slider = el("input", {
    type: "range",
    min: 0,
    max: 100,
    step: 1,
    value: rollout,
    "aria-label": `Rollout of ${name}`,
    class: "rollout",
    oninput: (event) => {
      label.textContent = `${event.target.value} %`;
    },
    onchange: (event) => void change(name, `/rollout/${event.target.value}`),
  });
  const chips = el("ul", { class: "chips" });
  for (const user of flag.whitelist ?? []) {
    chips.append(
      el(
        "li",
        { class: "chip" },
        el("span", { text: user }),
        el("button", {
          type: "button",
          class: "chip-remove",
          "aria-label": `Remove ${user} from the whitelist of ${name}`,
          text: "×",
          onclick: () => void change(name, "/whitelist", { remove: [user] }),
        }),
      ),
    );
  }
  const input = el("input", {
    type: "text",
    class: "whitelist-input",
    placeholder: "add user id",
    "aria-label": `Add a user to the whitelist of ${name}`,
  });
  const add = () => {
    const user = input.value.trim();
    if (user !== "") void change(name, "/whitelist", { add: [user] });
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") add();
  });
  return el(
    "tr",
    { "data-flag": name },
    el(
      "th",
      { scope: "row" },
      el("span", { class: "flag-name", text: name }),
      (flag.tags ?? []).length > 0 ? el("span", { class: "tags", text: flag.tags.join(", ") }) : undefined,
      el("div", { class: "muted small", text: describe(flag) }),
    ),
    el(
      "td",
      {},
      el("button", {
        type: "button",
        class: "toggle",
        "aria-pressed": flag.enabled ? "true" : "false",
        "aria-label": `${name} is ${flag.enabled ? "on" : "off"}; switch it ${flag.enabled ? "off" : "on"}`,
        text: flag.enabled ? "On" : "Off",
        onclick: () => void change(name, flag.enabled ? "/disable" : "/enable"),
      }),
    ),
    el("td", { class: "rollout-cell" }, slider, label),
    el(
      "td",
      {},
      chips,
      el(
        "div",
        { class: "add" },
        input,
        el("button", { type: "button", class: "whitelist-add", text: "Add", onclick: add }),
      ),
    ),
    el("td", { class: "version", text: `v${flag.version}` }),
    el(
      "td",
      {},
      el("button", {
        type: "button",
        class: "show-history",
        text: "History",
        onclick: () => {
          state.historyFlag = name;
          void loadHistory();
        },
      }),
    ),
  );
}

function renderFlags() {
  const body = $("flags").tBodies[0];
  const rows = document.createDocumentFragment();
  for (const flag of state.flags.values()) rows.append(flagRow(flag));
  body.replaceChildren(rows);
  $("flags-empty").hidden = state.flags.size > 0;
}

// --- history -------------------------------------------------------------------------------------

function show(value) {
  if (value === undefined) return "—";
  return Array.isArray(value) ? `[${value.join(", ")}]` : String(value);
}

/** What a change did, field by field. */
function summary(record) {
  if (record.before === null) return "created";
  const keys = new Set([...Object.keys(record.before), ...Object.keys(record.after)]);
  keys.delete("version");
  const parts = [];
  for (const key of keys) {
    const before = record.before[key];
    const after = record.after[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    if (Array.isArray(before) || Array.isArray(after)) {
      const added = (after ?? []).filter((u) => !(before ?? []).includes(u));
      const removed = (before ?? []).filter((u) => !(after ?? []).includes(u));
      parts.push(`${key}: ${[...added.map((u) => `+${u}`), ...removed.map((u) => `−${u}`)].join(" ")}`);
    } else parts.push(`${key}: ${show(before)} → ${show(after)}`);
  }
  return parts.length > 0 ? parts.join("; ") : "no change";
}

async function loadHistory() {
  const path =
    state.historyFlag === undefined
      ? "/api/v1/history?limit=50"
      : `/api/v1/features/${encodeURIComponent(state.historyFlag)}/history?limit=50`;
  const { status, data } = await api(path);
  $("history-scope").textContent =
    state.historyFlag === undefined ? "All flags, newest first." : `${state.historyFlag}, newest first.`;
  const list = $("history");
  if (status !== 200) {
    list.replaceChildren(el("li", { class: "muted", text: problem(status, data) }));
    return;
  }
  if (data.history.length === 0) {
    list.replaceChildren(el("li", { class: "muted", text: "No changes recorded." }));
    return;
  }
  const entries = document.createDocumentFragment();
  for (const record of data.history) {
    entries.append(
      el(
        "li",
        { class: "history-entry", "data-flag": record.flag, "data-version": record.version },
        el("time", { datetime: record.at, text: record.at.replace("T", " ").replace(/\.\d+Z$/, "Z") }),
        el("span", { class: "history-flag", text: record.flag }),
        el("span", { class: "version", text: `v${record.version}` }),
        el("span", { class: "actor", text: record.actor }),
        el("span", { class: "history-summary", text: summary(record) }),
      ),
    );
  }
  list.replaceChildren(entries);
}

$("history-all").addEventListener("click", () => {
  state.historyFlag = undefined;
  void loadHistory();
});

// --- status of the store and the config ----------------------------------------------------------

function pill(id, text, kind) {
  const node = $(id);
  node.textContent = text;
  node.dataset.kind = kind;
}

async function loadStatus() {
  const ready = await api("/ready");
  const status = ready.data?.status ?? "unreachable";
  pill(
    "store-status",
    `store: ${status}${ready.data?.store ? ` (${ready.data.store})` : ""}`,
    status === "ready" ? "ok" : "warn",
  );
  const validation = await api("/api/v1/config/validate");
  if (validation.status === 200) {
    const { error, warning } = validation.data.summary;
    pill(
      "validation-status",
      error > 0
        ? `validation: ${plural(error, "error")}`
        : `validation: valid${warning > 0 ? `, ${plural(warning, "warning")}` : ""}`,
      error > 0 ? "error" : warning > 0 ? "warn" : "ok",
    );
  } else
    pill(
      "validation-status",
      `validation: ${validation.status === 404 ? "no config directory" : `HTTP ${validation.status}`}`,
      "warn",
    );
  const audit = await api("/api/v1/audit");
  if (audit.status === 200 && typeof audit.data.overall === "number") {
    const score = Math.round(audit.data.overall);
    pill("audit-status", `audit: ${score}/100`, score >= 80 ? "ok" : score >= 60 ? "warn" : "error");
  } else
    pill("audit-status", `audit: ${audit.status === 200 ? "not scored" : `HTTP ${audit.status}`}`, "warn");
}

// --- start ---------------------------------------------------------------------------------------

async function refreshAll() {
  if (await loadFlags()) say(`${state.flags.size} flags loaded.`);
  await Promise.all([loadHistory(), loadStatus()]);
}

$("refresh").addEventListener("click", () => void refreshAll());

showTokenState();
void refreshAll();
if (POLL_MS > 0) {
  setInterval(() => {
    // Never redraw under someone typing.
    if (document.activeElement?.tagName === "INPUT") return;
    void loadFlags();
  }, POLL_MS);
}
