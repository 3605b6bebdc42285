// The exercise page: editor, Run/Submit without a reload, live verdict, history, drafts.
//
// Everything here is an enhancement of a page that works without JavaScript: the form posts,
// the server redirects back with the verdict, history rows are links. Page data comes from
// <script type="application/json" id="exercise-data"> (the CSP forbids inline script bodies).
import { undo } from "@codemirror/commands";
import { upgradeTextarea } from "./editor.js";
import { pollSubmission } from "./poll.js";
import { renderProgress, renderVerdict, overallState, formatScore } from "./verdict.js";
import { runTry } from "./tryit.js";

const DRAFT_SAVE_DELAY_MS = 400;
const SPLIT_KEY = "mlquiz:exercise-split";
const SPLIT_MIN = 25;
const SPLIT_MAX = 70;
const SPLIT_DEFAULT = 42;

function readJson(id) {
  const node = document.getElementById(id);
  if (!node) return null;
  try {
    return JSON.parse(node.textContent);
  } catch {
    return null;
  }
}

const readPageData = () => readJson("exercise-data");

function csrfToken(form) {
  const input = form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

// localStorage can throw (private mode, quota, disabled storage): a draft is a convenience only.
const drafts = {
  load(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch {
      return null;
    }
  },
  save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch {
      /* ignore */
    }
  },
  clear(key) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      /* ignore */
    }
  },
};

// One format for every timestamp on the page ("Dec 5, 14:03:22", the browser's time zone):
// server-rendered <time> elements are rewritten with it, new history rows use it.
const TIME_FORMAT = new Intl.DateTimeFormat("en-US", {
  month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit",
  hourCycle: "h23",
});

function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return TIME_FORMAT.format(date);
}

function timeElement(iso) {
  const node = document.createElement("time");
  node.dateTime = iso;
  node.textContent = formatTime(iso);
  return node;
}

class ExercisePage {
  constructor(root, data) {
    this.root = root;
    this.data = data;
    this.form = root.querySelector("[data-exercise-form]");
    this.textarea = root.querySelector("textarea[data-editor]");
    this.verdictBox = root.querySelector("[data-verdict]");
    this.formMessage = root.querySelector("[data-form-message]");
    this.historyBody = root.querySelector("[data-history] tbody");
    this.historyEmpty = root.querySelector("[data-history-empty]");
    // Run and Submit; "Try it" (data-try-button) has its own endpoint and result box.
    this.buttons = [...this.form.querySelectorAll("button[name=kind]:not([data-try-button])")];
    this.contextBox = root.querySelector("[data-verdict-context]");
    this.latest = null; // the newest finished verdict, to come back to after viewing an old one
    this.baseId = data.baseSubmissionId ?? null;
    this.busy = false;
    this.draftTimer = null;
    this.controller = null;

    this.editor = upgradeTextarea(this.textarea, {
      onSubmit: () => this.requestKind("submit"),
      onChange: (code) => this.scheduleDraftSave(code),
    });
    this.form.addEventListener("submit", (event) => this.onSubmit(event));
    // Enter in the arguments field tries (the form's first button would run the examples).
    const tryArgs = root.querySelector("[data-try-args]");
    const tryButton = root.querySelector("[data-try-button]");
    tryArgs?.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      this.form.requestSubmit(tryButton);
    });
    root.addEventListener("click", (event) => this.onClick(event));
    this.restoreDraft();
    for (const node of root.querySelectorAll("time[datetime]")) node.textContent = formatTime(node.dateTime);
    // The server rendered the verdict for pages without JavaScript; this renderer also says
    // each hint once and groups repeated messages wherever they are.
    const shown = readJson("verdict-data");
    if (shown && shown.done) {
      renderVerdict(this.verdictBox, shown);
      if (this.contextBox && !this.contextBox.hidden) this.showViewing(shown);
      else this.latest = shown;
    }
    this.splitter = makeSplitter(root);
    if (data.pending) this.follow(data.pending.url, data.pending);
  }

  // --- drafts: the server's last code is the truth; a newer local draft is offered on top ----
  scheduleDraftSave(code) {
    if (!this.data.draftKey) return;
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      drafts.save(this.data.draftKey, { base: this.baseId, code, savedAt: Date.now() });
    }, DRAFT_SAVE_DELAY_MS);
  }

  restoreDraft() {
    if (!this.data.draftKey || !this.data.restoreDraft) return;
    const draft = drafts.load(this.data.draftKey);
    // A draft typed on top of an older attempt is stale once a newer attempt exists.
    if (!draft || draft.base !== this.baseId || typeof draft.code !== "string") return;
    const serverCode = this.editor.getCode();
    if (draft.code === serverCode) return;
    this.editor.setCode(draft.code);
    this.notify("Restored the unsaved changes you made in this browser.", {
      action: "Discard them",
      onAction: () => {
        this.editor.setCode(serverCode);
        drafts.clear(this.data.draftKey);
      },
    });
  }

  // --- messages above the editor ------------------------------------------------------------
  notify(text, { kind = "info", action, onAction } = {}) {
    if (!this.formMessage) return;
    this.formMessage.replaceChildren();
    this.formMessage.dataset.kind = kind;
    this.formMessage.hidden = !text;
    if (!text) return;
    const span = document.createElement("span");
    span.textContent = text;
    this.formMessage.append(span);
    if (action) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.textContent = action;
      button.addEventListener("click", () => {
        onAction();
        this.notify("");
      });
      this.formMessage.append(" ", button);
    }
  }

  // --- submitting ------------------------------------------------------------------------
  requestKind(kind) {
    const button = this.buttons.find((b) => b.value === kind);
    if (button && !button.disabled) this.form.requestSubmit(button);
  }

  setBusy(busy) {
    this.busy = busy;
    this.form.setAttribute("aria-busy", busy ? "true" : "false");
    for (const button of this.buttons) button.disabled = busy;
  }

  async onSubmit(event) {
    event.preventDefault();
    if (event.submitter && event.submitter.hasAttribute("data-try-button")) {
      runTry(event.submitter, { code: () => this.editor.getCode(), csrf: csrfToken(this.form) });
      return;
    }
    if (this.busy) return;
    const kind = event.submitter && event.submitter.value === "run" ? "run" : "submit";
    // urlencoded, like the plain form: the server reads the raw bytes to validate UTF-8.
    const body = new URLSearchParams(new FormData(this.form));
    body.set("kind", kind);
    body.set("code", this.editor.getCode());
    this.notify("");
    this.setBusy(true);
    renderProgress(this.verdictBox, { status: "queued" }, 0);
    let response;
    let payload = {};
    try {
      // The server holds the answer briefly and usually returns the verdict itself.
      response = await fetch(`${this.form.action}?wait=1500`, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken(this.form) },
      });
      payload = await response.json().catch(() => ({}));
    } catch {
      this.setBusy(false);
      this.verdictBox.replaceChildren();
      this.notify("Could not reach the server. Your code is still here; try again in a moment.",
        { kind: "error" });
      return;
    }
    if (response.ok && payload.done) {
      this.setBusy(false);
      this.showFinal(payload);
      return;
    }
    if (response.status === 202 || response.ok) {
      this.follow(payload.url, payload);
      return;
    }
    if (response.status === 409 && payload.pending) {
      // Already grading this exercise (another tab, a double click): show that one instead.
      this.notify(payload.error, { kind: "info" });
      this.follow(payload.pending.url, payload.pending);
      return;
    }
    this.setBusy(false);
    this.verdictBox.replaceChildren();
    this.notify(payload.error || `The server answered ${response.status}. Please try again.`,
      { kind: "error" });
  }

  async follow(url, initial) {
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    this.setBusy(true);
    const started = performance.now();
    renderProgress(this.verdictBox, initial, 0);
    let final;
    try {
      final = await pollSubmission(url, {
        signal: this.controller.signal,
        onUpdate: (data) => {
          if (!data.done) renderProgress(this.verdictBox, data, performance.now() - started);
        },
      });
    } catch (error) {
      if (error.name !== "AbortError") throw error;
      return;
    } finally {
      this.setBusy(false);
    }
    this.showFinal(final);
  }

  showFinal(data) {
    this.latest = data;
    this.hideViewing();
    renderVerdict(this.verdictBox, data);
    this.verdictBox.focus({ preventScroll: true });
    this.afterVerdict(data);
  }

  afterVerdict(data) {
    // The code just graded is now the server's "last code": older local drafts no longer apply.
    this.baseId = data.id;
    if (this.data.draftKey) drafts.clear(this.data.draftKey);
    this.addHistoryRow(data);
    if (data.solved) this.markSolved(data);
  }

  markSolved(data) {
    for (const node of this.root.querySelectorAll("[data-solved-badge], [data-next-link]")) {
      node.hidden = false;
    }
    const link = this.root.querySelector("[data-solution-link]");
    if (link) {
      if (data.solution_url) link.href = data.solution_url;
      link.hidden = false;
    }
  }

  // --- history ----------------------------------------------------------------------------
  addHistoryRow(data) {
    if (!this.historyBody || this.historyBody.querySelector(`[data-submission-id="${data.id}"]`)) return;
    const state = overallState(data);
    const run = data.kind === "run";
    const row = document.createElement("tr");
    row.dataset.submissionId = data.id;
    row.dataset.url = data.url;
    row.dataset.created = data.created;
    const cell = (label, ...children) => {
      const td = document.createElement("td");
      if (label) td.dataset.label = label;
      td.append(...children);
      row.append(td);
      return td;
    };
    const muted = (text) => {
      const span = document.createElement("span");
      span.className = "muted";
      span.textContent = text;
      return span;
    };
    cell("When", timeElement(data.created));
    cell("Action", ...(run ? ["Run ", muted("(examples)")] : ["Submit"]));
    const badge = document.createElement("span");
    const examplesPass = run && state === "passed";
    badge.className = `badge ${examplesPass ? "badge-examples" : `badge-${state}`}`;
    badge.textContent = examplesPass
      ? "Examples pass"
      : { passed: "Passed", failed: "Not yet", error: "Could not grade" }[state] || state;
    cell("Result", badge);
    if (run) cell("Score", muted("examples only"));
    else cell("Score", data.status === "graded" ? formatScore(data.verdict.score) : "—");
    const actions = cell(null);
    actions.className = "attempt-actions";
    for (const [action, label, extra] of [["view", "View", " this verdict"], ["restore", "Restore code", ""]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.dataset.historyAction = action;
      button.textContent = label;
      if (extra) {
        const hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = extra;
        button.append(hidden);
      }
      actions.append(button, " ");
    }
    this.historyBody.prepend(row);
    if (this.historyEmpty) this.historyEmpty.hidden = true;
    this.historyBody.closest("[data-history]").hidden = false;
  }

  // --- viewing an older attempt's verdict --------------------------------------------------
  // The editor keeps the current code; the note above the verdict says so and offers to load
  // that attempt's code or to go back to the latest verdict.
  showViewing(data) {
    if (!this.contextBox) return;
    const isLatest = this.latest && this.latest.id === data.id;
    if (isLatest) {
      this.hideViewing();
      return;
    }
    const text = document.createElement("p");
    text.append("You are looking at the verdict of your attempt from ", timeElement(data.created),
      ". The editor still holds your current code.");
    const load = document.createElement("button");
    load.type = "button";
    load.className = "button button-small button-secondary";
    load.dataset.loadAttempt = data.id;
    load.textContent = "Load this attempt's code";
    const back = document.createElement("button");
    back.type = "button";
    back.className = "link-button";
    back.dataset.showLatest = "";
    back.textContent = "Back to the latest verdict";
    const actions = document.createElement("p");
    actions.className = "actions";
    actions.append(load, " ", back);
    this.contextBox.replaceChildren(text, actions);
    this.contextBox.dataset.viewing = data.id;
    this.contextBox.hidden = false;
  }

  hideViewing() {
    if (!this.contextBox) return;
    this.contextBox.hidden = true;
    delete this.contextBox.dataset.viewing;
  }

  async fetchAttempt(url) {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      return await response.json();
    } catch {
      this.notify("Could not load that attempt. Please try again.", { kind: "error" });
      return null;
    }
  }

  async restoreCode(url) {
    const data = await this.fetchAttempt(`${url}?code=1`);
    if (!data) return;
    this.editor.setCode(data.code);
    this.editor.focus();
    this.notify(`The editor now holds the code of your attempt from ${formatTime(data.created)}.`, {
      action: "Undo", onAction: () => undo(this.editor.view),
    });
  }

  async onClick(event) {
    const target = event.target.closest(
      "[data-reset], [data-history-action], [data-load-attempt], [data-show-latest]");
    if (!target) return;
    event.preventDefault();
    if (target.matches("[data-reset]")) {
      this.editor.setCode(this.data.starter);
      this.editor.focus();
      this.notify("Starter code restored.", { action: "Undo", onAction: () => this.undoReset() });
      return;
    }
    if (target.matches("[data-show-latest]")) {
      if (!this.latest) {
        // Opened on an old attempt (?submission=): the page itself shows the latest one.
        window.location.assign(window.location.pathname);
        return;
      }
      this.hideViewing();
      if (this.latest) renderVerdict(this.verdictBox, this.latest);
      else this.verdictBox.replaceChildren();
      this.verdictBox.focus({ preventScroll: true });
      return;
    }
    if (target.matches("[data-load-attempt]")) {
      const row = this.historyBody
        && this.historyBody.querySelector(`[data-submission-id="${target.dataset.loadAttempt}"]`);
      if (row) await this.restoreCode(row.dataset.url);
      this.hideViewing();
      return;
    }
    const row = target.closest("[data-submission-id]");
    if (!row) return;
    if (target.dataset.historyAction === "restore") {
      await this.restoreCode(row.dataset.url);
      return;
    }
    const data = await this.fetchAttempt(row.dataset.url);
    if (!data) return;
    if (data.done) {
      renderVerdict(this.verdictBox, data);
      this.showViewing(data);
      (this.contextBox && !this.contextBox.hidden ? this.contextBox : this.verdictBox)
        .scrollIntoView({ block: "nearest" });
      this.verdictBox.focus({ preventScroll: true });
    } else {
      this.follow(data.url, data);
    }
  }

  undoReset() {
    // The reset went through an editor transaction, so the editor's own undo reverts it.
    undo(this.editor.view);
  }
}

// --- the statement | workspace split (wide screens) ---------------------------------------
// A window splitter (WAI-ARIA): a focusable separator with a value, dragged with the pointer
// or moved with the arrow keys (Shift for bigger steps), Home/End for the limits. The split is
// remembered in this browser. On narrow screens the panes stack and the handle is not shown.
function makeSplitter(root) {
  const statement = root.querySelector("[data-pane=statement]");
  const workspace = root.querySelector("[data-pane=workspace]");
  if (!statement || !workspace) return null;
  statement.id = statement.id || "exercise-statement";
  const handle = document.createElement("div");
  handle.className = "pane-handle";
  handle.tabIndex = 0;
  handle.setAttribute("role", "separator");
  handle.setAttribute("aria-orientation", "vertical");
  handle.setAttribute("aria-controls", statement.id);
  handle.setAttribute("aria-label", "Resize the statement and code panes");
  handle.setAttribute("aria-valuemin", String(SPLIT_MIN));
  handle.setAttribute("aria-valuemax", String(SPLIT_MAX));
  statement.after(handle);

  const set = (percent, { save = true } = {}) => {
    const value = Math.round(Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, percent)));
    root.style.setProperty("--split", `${value}%`);
    handle.setAttribute("aria-valuenow", String(value));
    handle.setAttribute("aria-valuetext", `Statement ${value}% of the width`);
    if (save) drafts.save(SPLIT_KEY, value);
    return value;
  };
  const current = () => Number(handle.getAttribute("aria-valuenow"));
  const saved = drafts.load(SPLIT_KEY);
  set(typeof saved === "number" ? saved : SPLIT_DEFAULT, { save: false });

  handle.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 10 : 2;
    const moves = {
      ArrowLeft: () => current() - step,
      ArrowRight: () => current() + step,
      Home: () => SPLIT_MIN,
      End: () => SPLIT_MAX,
    };
    if (!moves[event.key]) return;
    event.preventDefault();
    set(moves[event.key]());
  });
  handle.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    handle.setPointerCapture(event.pointerId);
    root.classList.add("is-resizing");
    const box = root.getBoundingClientRect();
    const move = (e) => set(((e.clientX - box.left) / box.width) * 100, { save: false });
    const up = (e) => {
      handle.releasePointerCapture(e.pointerId);
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
      handle.removeEventListener("pointercancel", up);
      root.classList.remove("is-resizing");
      set(current());
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
    handle.addEventListener("pointercancel", up);
  });
  handle.addEventListener("dblclick", () => set(SPLIT_DEFAULT));
  return { handle, set };
}

function init() {
  const root = document.querySelector("[data-exercise]");
  const data = readPageData();
  if (!root || !data) return;
  window.mlquizExercise = new ExercisePage(root, data);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
