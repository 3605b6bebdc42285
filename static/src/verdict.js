// Renders a submission (as returned by the submission JSON endpoint) into the verdict panel.
//
// The DOM it builds mirrors templates/exercises/_verdict.html, which renders the same thing on
// the server for pages loaded without JavaScript (this one also says each hint once and groups
// repeated messages wherever they are; the page re-renders the server's verdict with it). Student-controlled text (printed output, error
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

/** A test's message without its hint (the grader appends "\nHint: <hint>"; hints are said once). */
function messageWithoutHint(test) {
  const message = test.message || "";
  if (!test.hint) return message;
  const suffix = `\nHint: ${test.hint}`;
  return message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

/**
 * The tests of a verdict, quietened: failing tests grouped by identical message (in test order),
 * each distinct hint once with the number of tests it applies to, the passing tests as one group.
 * Pure, so it is easy to reason about.
 */
export function summarizeTests(tests) {
  const failing = new Map();
  const hints = new Map();
  const passed = [];
  for (const test of tests) {
    if (test.passed) {
      passed.push(test.name);
      continue;
    }
    const message = messageWithoutHint(test);
    if (!failing.has(message)) failing.set(message, []);
    failing.get(message).push(test.name);
    if (test.hint) hints.set(test.hint, (hints.get(test.hint) || 0) + 1);
  }
  return {
    failing: [...failing].map(([message, names]) => ({ message, names })),
    hints: [...hints].map(([text, count]) => ({ text, count })),
    passed,
  };
}

const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** The summary line: badge, score (Submit) or examples passed (Run), kind, grading time. */
function summary(data, state, verdict, tests) {
  const run = data.kind === "run";
  const passedCount = tests.filter((t) => t.passed).length;
  // A Run grades the visible examples only: it is never shown as a full pass or a percentage.
  const label = run && state === "passed" ? "Examples pass" : STATUS_LABELS[state] || state;
  const badgeClass = run && state === "passed" ? "badge-examples" : `badge-${state}`;
  let score = null;
  if (data.status === "graded") {
    const text = run
      ? `${passedCount} of ${plural(tests.length, "example")} ${passedCount === 1 ? "passes" : "pass"}`
      : `Score ${formatScore(verdict.score || 0)}`;
    score = el("strong", { class: "verdict-score", "data-verdict-score": verdict.score, text });
  }
  const meta = [run ? "Run · examples only" : "Submit"];
  if (!run) meta.push(tests.length ? `${passedCount} of ${tests.length} tests passed` : "all tests");
  if (data.grading_ms != null) meta.push(`graded in ${Math.round(data.grading_ms)} ms`);
  return el("div", { class: "verdict-summary" },
    el("span", { class: `badge ${badgeClass}`, "data-verdict-status": state, text: label }),
    score,
    el("span", { class: "verdict-meta", text: meta.join(" · ") }));
}

/** One sentence for "every test failed the same way", without repeating the verdict's message. */
function allSame(message, verdict, tests) {
  const notRun = message.startsWith("not run: ");
  const cause = notRun ? message.slice("not run: ".length) : message;
  const start = `None of the ${tests.length} tests ${notRun ? "ran" : "passed"}`;
  // The cause is often the verdict's message (or its first line): already said above.
  if (verdict.message && (cause.includes(verdict.message) || verdict.message.startsWith(cause))) {
    return `${start}.`;
  }
  return `${start}: ${cause}`;
}

function namesLine(names) {
  return el("p", { class: "test-names", text: names.join(" · ") });
}

/** The finished verdict: summary, the one message, hints, grouped tests, printed output. */
export function renderVerdict(container, data) {
  const state = overallState(data);
  container.replaceChildren();
  container.dataset.state = state;
  container.dataset.kind = data.kind || "";
  container.removeAttribute("aria-busy");
  const verdict = data.verdict || {};
  const tests = verdict.tests || [];
  container.append(summary(data, state, verdict, tests));

  if (data.kind === "run" && data.status === "graded") {
    container.append(el("p", { class: "verdict-note",
      text: "Run checks the visible examples only. Submit to be graded on every test"
        + (state === "passed" ? " — passing the examples is not yet a pass." : ".") }));
  }
  if (data.status === "error") {
    container.append(el("p", { class: "verdict-message", text: data.error_reason || "" }));
  } else if (verdict.message) {
    // Syntax errors carry a caret under the offending column: keep the monospace layout.
    container.append(el("pre", { class: "verdict-message", text: verdict.message }));
  }

  const { failing, hints, passed } = summarizeTests(tests);
  if (hints.length) {
    const list = el("ul", { class: "verdict-hints", "aria-label": "Hints" });
    for (const hint of hints) {
      list.append(el("li", {},
        el("strong", { text: "Hint" }),
        hint.count > 1 ? el("span", { class: "test-count", text: ` (${hint.count} tests)` }) : null,
        ": ",
        el("span", { class: "pre-wrap", text: hint.text })));
    }
    container.append(list);
  }

  if (failing.length === 1 && !passed.length && failing[0].names.length > 1) {
    // Nothing ran (a syntax error, a missing function): one sentence, not one row per test.
    container.append(el("p", { class: "verdict-all-same" }, allSame(failing[0].message, verdict, tests)));
  } else if (tests.length) {
    const list = el("ul", { class: "verdict-tests", "aria-label": "Tests" });
    failing.forEach((group, index) => {
      const [first, ...others] = group.names;
      list.append(el("li", { class: "test-group test-fail" },
        el("details", { open: index === 0 },
          el("summary", {},
            el("span", { class: "test-result", text: "✗ failed:" }), " ",
            el("span", { class: "test-name", text: first }),
            others.length
              ? el("span", { class: "test-count",
                text: ` and ${others.length} more with the same message` })
              : null),
          el("div", { class: "test-body" },
            others.length ? namesLine(group.names) : null,
            group.message ? el("pre", { class: "test-message", text: group.message }) : null))));
    });
    if (passed.length) {
      list.append(el("li", { class: "test-group test-pass" },
        el("details", {},
          el("summary", {},
            el("span", { class: "test-result", text: "✓ passed:" }), ` ${plural(passed.length, "test")}`),
          el("div", { class: "test-body" }, namesLine(passed)))));
    }
    container.append(list);
  }

  if (verdict.output) {
    container.append(el("details", { class: "verdict-output", open: true },
      el("summary", { text: "Printed output" }),
      el("pre", { text: verdict.output, tabindex: "0" })));
  }
}
