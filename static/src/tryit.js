// "Try it" on the exercise page: your function and the reference on arguments you type.
// The server runs both in the sandbox (the input is evaluated only there) and this module shows
// the result; without JavaScript the same form posts and the page renders the result itself.

function row(list, term, value) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  const code = document.createElement("code");
  code.textContent = value;
  dd.append(code);
  list.append(dt, dd);
}

function paragraph(text, state) {
  const p = document.createElement("p");
  p.className = "try-verdict";
  p.dataset.state = state;
  p.textContent = text;
  return p;
}

function output(text) {
  const pre = document.createElement("pre");
  pre.className = "output";
  pre.tabIndex = 0; // scrollable: reachable by keyboard
  pre.textContent = text;
  return pre;
}

/** Render a finished try ({status, message, call, got, expected, agree, output}). */
export function renderTry(box, result) {
  box.replaceChildren();
  if (result.status !== "ok") {
    box.append(paragraph(result.message || "This could not be tried.", result.status));
    if (result.output) box.append(output(result.output));
    return;
  }
  const list = document.createElement("dl");
  list.className = "try-result";
  row(list, "Call", result.call);
  row(list, "Your function", result.got);
  row(list, "Reference", result.expected);
  box.append(list);
  box.append(result.agree
    ? paragraph("✓ The same, within this exercise's tolerance.", "passed")
    : paragraph(`✗ Different${result.message ? `: ${result.message}` : ""}`, "failed"));
  if (result.output) {
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = "What your function printed:";
    box.append(note, output(result.output));
  }
}

/**
 * @param {HTMLButtonElement} button  the Try it button (its formaction is the endpoint)
 * @param {{code: () => string, csrf: string}} page
 */
export async function runTry(button, { code, csrf }) {
  const form = button.form;
  const box = form.querySelector("[data-try-result]");
  const input = form.querySelector("[data-try-args]");
  const body = new URLSearchParams();
  body.set("code", code());
  body.set("args", input.value);
  button.disabled = true;
  box.replaceChildren(paragraph("Running your function and the reference…", "running"));
  try {
    let response = await fetch(`${button.formAction}?wait=3000`, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf },
    });
    let payload = await response.json().catch(() => ({}));
    for (let polls = 0; response.status === 202 && payload.url && polls < 10; polls += 1) {
      response = await fetch(`${payload.url}?wait=3000`, { credentials: "same-origin", headers: { Accept: "application/json" } });
      payload = await response.json().catch(() => ({}));
    }
    if (response.ok && payload.done) renderTry(box, payload.result);
    else box.replaceChildren(paragraph(payload.error || "No result yet: the graders are busy. Try again in a moment.", "error"));
  } catch {
    box.replaceChildren(paragraph("Could not reach the server. Try again in a moment.", "error"));
  } finally {
    button.disabled = false;
  }
}
