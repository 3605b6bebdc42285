// The exercise page: editor, Run/Submit without a reload, live verdict, history, drafts.
//
// Everything here is an enhancement of a page that works without JavaScript: the form posts,
// the server redirects back with the verdict, history rows are links. Page data comes from
// <script type="application/json" id="exercise-data"> (the CSP forbids inline script bodies).
import { undo } from "@codemirror/commands";
import { upgradeTextarea } from "./editor.js";
import { pollSubmission } from "./poll.js";
import { renderProgress, renderVerdict, overallState, formatScore } from "./verdict.js";

const DRAFT_SAVE_DELAY_MS = 400;

function readPageData() {
  const node = document.getElementById("exercise-data");
  if (!node) return null;
  try {
    return JSON.parse(node.textContent);
  } catch {
    return null;
  }
}

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

function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit",
  });
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
    this.buttons = [...this.form.querySelectorAll("button[name=kind]")];
    this.baseId = data.baseSubmissionId ?? null;
    this.busy = false;
    this.draftTimer = null;
    this.controller = null;

    this.editor = upgradeTextarea(this.textarea, {
      onSubmit: () => this.requestKind("submit"),
      onChange: (code) => this.scheduleDraftSave(code),
    });
    this.form.addEventListener("submit", (event) => this.onSubmit(event));
    root.addEventListener("click", (event) => this.onClick(event));
    this.restoreDraft();
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
    for (const node of this.root.querySelectorAll("[data-solved-badge]")) node.hidden = false;
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
    const row = document.createElement("tr");
    row.dataset.submissionId = data.id;
    row.dataset.url = data.url;
    const cells = [
      formatTime(data.created),
      data.kind === "run" ? "Run" : "Submit",
      null,
      data.status === "graded" ? formatScore(data.verdict.score) : "—",
      null,
    ];
    for (const text of cells) {
      const td = document.createElement("td");
      if (text !== null) td.textContent = text;
      row.append(td);
    }
    const badge = document.createElement("span");
    badge.className = `badge badge-${state}`;
    badge.textContent = { passed: "Passed", failed: "Not yet", error: "Could not grade" }[state] || state;
    row.children[2].append(badge);
    const actions = row.children[4];
    for (const [action, label] of [["view", "View"], ["restore", "Restore code"]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.dataset.historyAction = action;
      button.textContent = label;
      actions.append(button, " ");
    }
    this.historyBody.prepend(row);
    if (this.historyEmpty) this.historyEmpty.hidden = true;
    this.historyBody.closest("[data-history]").hidden = false;
  }

  async onClick(event) {
    const target = event.target.closest("[data-reset], [data-history-action]");
    if (!target) return;
    event.preventDefault();
    if (target.matches("[data-reset]")) {
      this.editor.setCode(this.data.starter);
      this.editor.focus();
      this.notify("Starter code restored.", { action: "Undo", onAction: () => this.undoReset() });
      return;
    }
    const row = target.closest("[data-submission-id]");
    if (!row) return;
    const action = target.dataset.historyAction;
    const url = `${row.dataset.url}${action === "restore" ? "?code=1" : ""}`;
    let data;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      data = await response.json();
    } catch {
      this.notify("Could not load that attempt. Please try again.", { kind: "error" });
      return;
    }
    if (action === "restore") {
      this.editor.setCode(data.code);
      this.editor.focus();
      this.notify(`Restored the code of your attempt from ${formatTime(data.created)}.`);
    } else if (data.done) {
      renderVerdict(this.verdictBox, data);
      this.verdictBox.scrollIntoView({ block: "nearest" });
    } else {
      this.follow(data.url, data);
    }
  }

  undoReset() {
    // The reset went through an editor transaction, so the editor's own undo reverts it.
    undo(this.editor.view);
  }
}

function init() {
  const root = document.querySelector("[data-exercise]");
  const data = readPageData();
  if (!root || !data) return;
  window.mlquizExercise = new ExercisePage(root, data);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
