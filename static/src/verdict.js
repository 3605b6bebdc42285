// Renders a submission (as returned by the submission JSON endpoint) into the verdict panel.
//
// The DOM it builds mirrors templates/exercises/_verdict.html, which renders the same thing on
// the server for pages loaded without JavaScript. Student-controlled text (printed output, error
// messages quoting their code) only ever goes in through textContent, never innerHTML.

const STATUS_LABELS = {
  queued: "Queued",
  running: "Running",
  unreachable: "Reconnecting",
  error: "Could not grade",
  passed: "Passed",
  failed: "Not yet",
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child);
  }
  return node;
}

/** The overall state of a submission in one word: queued, running, passed, failed or error. */
export function overallState(data) {
  if (data.status === "graded" && data.verdict) return data.verdict.status;
  return data.status;
}

export function formatScore(score) {
  return `${Math.round(score * 100)}%`;
}

/** A progress bar and a short line of text while a submission waits or runs. */
export function renderProgress(container, data, elapsedMs) {
  const state = overallState(data);
  container.replaceChildren();
  container.dataset.state = state;
  container.setAttribute("aria-busy", "true");
  let text;
  if (state === "queued") {
    text = data.queue_ahead > 0
      ? `Queued — ${data.queue_ahead} ahead of you…`
      : "Queued…";
  } else if (state === "running") {
    text = "Running your code…";
  } else {
    text = "Connection lost — still waiting for your verdict…";
  }
  const seconds = elapsedMs >= 1000 ? ` ${(elapsedMs / 1000).toFixed(1)} s` : "";
  container.append(
    el("div", { class: "verdict-progress" },
      el("progress", { "aria-label": "Grading progress" }),
      el("span", { class: "verdict-progress-text", text: text + seconds })),
  );
}

/** The finished verdict: status, score, per-test rows, printed output. */
export function renderVerdict(container, data) {
  const state = overallState(data);
  container.replaceChildren();
  container.dataset.state = state;
  container.removeAttribute("aria-busy");
  const verdict = data.verdict || {};
  const kindLabel = data.kind === "run" ? "Run (examples only)" : "Submit (all tests)";

  const header = el("div", { class: "verdict-header" },
    el("span", { class: `badge badge-${state}`, "data-verdict-status": state,
      text: STATUS_LABELS[state] || state }),
    data.status === "graded"
      ? el("span", { class: "verdict-score", "data-verdict-score": verdict.score,
        text: `Score ${formatScore(verdict.score || 0)}` })
      : null,
    el("span", { class: "verdict-kind", text: kindLabel }),
    data.grading_ms != null
      ? el("span", { class: "verdict-time", text: `${Math.round(data.grading_ms)} ms` })
      : null,
  );
  container.append(header);

  const message = data.status === "error" ? data.error_reason : verdict.message;
  if (message) container.append(el("p", { class: "verdict-message", text: message }));

  const tests = verdict.tests || [];
  if (tests.length) {
    const passed = tests.filter((t) => t.passed).length;
    const table = el("table", { class: "verdict-tests" },
      el("caption", { text: `${passed} of ${tests.length} test${tests.length === 1 ? "" : "s"} passed` }),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col", text: "Test" }),
        el("th", { scope: "col", text: "Kind" }),
        el("th", { scope: "col", text: "Result" }),
        el("th", { scope: "col", text: "Message" }))),
    );
    const body = el("tbody");
    for (const test of tests) {
      body.append(el("tr", { class: test.passed ? "test-pass" : "test-fail" },
        el("td", { text: test.name }),
        el("td", { class: "test-kind", text: test.kind }),
        el("td", { class: "test-result", text: test.passed ? "✓ pass" : "✗ fail" }),
        el("td", { class: "test-message" }, el("span", { class: "pre-wrap", text: test.message || "" }))));
    }
    table.append(body);
    container.append(table);
  }

  if (verdict.output) {
    container.append(el("details", { class: "verdict-output", open: true },
      el("summary", { text: "Printed output" }),
      el("pre", { text: verdict.output })));
  }
}
