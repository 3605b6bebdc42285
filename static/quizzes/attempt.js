// Quiz attempt page: countdown, background autosave (also when the page is left), a question
// navigator and a confirmation before submitting. The server is the authority on time and
// answers; without this script the page is a plain form that saves and submits.
(function () {
  "use strict";
  const form = document.getElementById("attempt-form");
  if (!form) return;
  const url = form.dataset.autosaveUrl;
  const bar = document.getElementById("attempt-bar");
  const status = document.getElementById("save-status");
  const warning = document.getElementById("time-warning");
  const announcer = document.getElementById("save-announcer");
  const timer = document.getElementById("quiz-timer");
  const dialog = document.getElementById("submit-confirm");
  const submitButton = document.getElementById("submit-attempt");
  const answeredCount = document.getElementById("answered-count");
  const summary = document.getElementById("error-summary");
  // A question has one answer (a text box, radio buttons or checkboxes sharing a name) or one
  // per part (answer-3-a, answer-3-b); what is saved is keyed by name, what is counted by
  // question.
  const controls = Array.from(form.querySelectorAll(".answer-field input:not([type=hidden])"));
  const names = Array.from(new Set(controls.map(function (input) { return input.name; })));
  const fields = Array.from(form.querySelectorAll(".answer-field[data-position]"));
  const positions = fields.map(function (field) { return field.dataset.position; });
  const DEBOUNCE_MS = 300;

  // "answer-3-a" -> "3"
  function position(name) { return name.slice("answer-".length).split("-")[0]; }
  function fieldOf(pos) { return form.querySelector('.answer-field[data-position="' + pos + '"]'); }
  // What the server will store for a name: a text box's text, the ticked radio's value, the
  // ticked checkboxes' values joined with commas (as the view joins them).
  function valueOf(name) {
    return Array.from(form.querySelectorAll('[name="' + name + '"]'))
      .filter(function (el) { return (el.type !== "radio" && el.type !== "checkbox") || el.checked; })
      .map(function (el) { return el.value; })
      .filter(Boolean).join(",");
  }
  function answered(pos) {
    return names.some(function (name) { return position(name) === pos && valueOf(name).trim() !== ""; });
  }
  function navLink(pos) { return bar && bar.querySelector('.qnav[data-position="' + pos + '"]'); }

  // -- save status ---------------------------------------------------------------------------
  function clock(date) {
    return [date.getHours(), date.getMinutes(), date.getSeconds()]
      .map(function (n) { return String(n).padStart(2, "0"); }).join(":");
  }
  function setStatus(state, text) {
    if (!status) return;
    status.hidden = false;
    status.dataset.state = state;
    status.textContent = text;
  }
  // Only failures (and the recovery) are announced: "Saving…"/"Saved" after every pause in
  // typing would be noise.
  function announce(text) { if (announcer) announcer.textContent = text; }

  // -- what the server has -------------------------------------------------------------------
  // The value of each answer as last confirmed by the server; anything else is unsaved.
  const saved = {};
  names.forEach(function (name) { saved[name] = valueOf(name); });
  function dirtyInputs() {
    return names.filter(function (name) { return saved[name] !== valueOf(name); });
  }

  // -- navigator -----------------------------------------------------------------------------
  function markQuestion(pos, problem) {
    const link = navLink(pos);
    const field = fieldOf(pos);
    if (!field) return;
    if (problem !== undefined) {
      field.classList.toggle("field-invalid", Boolean(problem));
      field.querySelector(".field-error").textContent = problem;
      field.querySelectorAll("input[type=text]").forEach(function (input) {
        if (problem) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      });
    }
    if (!link) return;
    const isAnswered = answered(pos);
    const unreadable = field.classList.contains("field-invalid") && isAnswered;
    link.classList.toggle("qnav-answered", isAnswered && !unreadable);
    link.classList.toggle("qnav-unreadable", unreadable);
    link.querySelector(".qnav-state").textContent =
      unreadable ? ", cannot be read" : isAnswered ? ", answered" : ", unanswered";
  }
  function unanswered() {
    return positions.filter(function (pos) { return !answered(pos); });
  }
  function updateCount() {
    if (answeredCount) answeredCount.textContent = String(positions.length - unanswered().length);
  }
  function setCurrent(pos) {
    if (!bar) return;
    bar.querySelectorAll(".qnav").forEach(function (link) {
      if (link.dataset.position === pos) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    });
  }
  // A link to a question or its answer focuses the answer box (a plain jump would leave the
  // keyboard where it was); the sticky bar's height is kept clear by scroll-padding.
  document.addEventListener("click", function (event) {
    const link = event.target.closest('a[href^="#q"], a[href^="#answer-"]');
    if (!link) return;
    const pos = link.getAttribute("href").replace(/^#(q|answer-)/, "");
    const input = document.getElementById("answer-" + pos);
    if (!input) return;
    event.preventDefault();
    input.focus();
    history.replaceState(null, "", "#q" + pos);
  });
  form.addEventListener("focusin", function (event) {
    if (event.target.matches(".answer-field input")) setCurrent(position(event.target.name));
  });
  if ("IntersectionObserver" in window && bar) {
    // While scrolling (no focus in an answer), the current question is the one under the bar.
    const observer = new IntersectionObserver(function (entries) {
      if (form.contains(document.activeElement) && document.activeElement.matches("input")) return;
      entries.forEach(function (entry) {
        if (entry.isIntersecting) setCurrent(entry.target.dataset.position);
      });
    }, { rootMargin: "-35% 0px -60% 0px" });
    form.querySelectorAll(".question").forEach(function (q) { observer.observe(q); });
  }

  // Keep the sticky header + bar from covering whatever is scrolled or tabbed to.
  const header = document.querySelector(".site-header");
  function measure() {
    const top = header && getComputedStyle(header).position === "sticky" ? header.offsetHeight : 0;
    document.documentElement.style.setProperty("--attempt-bar-top", top + "px");
    const covered = top + (bar ? bar.offsetHeight : 0);
    document.documentElement.style.scrollPaddingTop = covered + 12 + "px";
  }
  measure();
  if ("ResizeObserver" in window) {
    const resize = new ResizeObserver(measure);
    if (header) resize.observe(header);
    if (bar) resize.observe(bar);
  } else {
    window.addEventListener("resize", measure);
  }

  // -- autosave ------------------------------------------------------------------------------
  let pending = null;
  let inFlight = false;
  let again = false;
  let retryDelay = 2000;
  let submitting = false;
  let leftUnconfirmed = false;

  function applyProblems(problems) {
    positions.forEach(function (pos) { markQuestion(pos, problems[pos] || ""); });
    if (!summary) return;
    // The summary from a refused submission shrinks as answers become readable.
    summary.querySelectorAll("li[data-position]").forEach(function (item) {
      if (!problems[item.dataset.position]) item.remove();
    });
    if (!summary.querySelector("li[data-position]")) summary.hidden = true;
  }

  // A formula answer shows how it was read ("1/2x" is a half times x), typeset by math.js,
  // which typesets any .math element added to the page.
  function applyPreviews(previews) {
    Object.keys(previews).forEach(function (name) {
      const box = form.querySelector('.symbolic-preview[data-preview-for="' + name + '"]');
      if (!box) return;
      const math = document.createElement("span");
      math.className = "math inline";
      math.textContent = previews[name];
      box.replaceChild(math, box.querySelector(".math"));
      box.hidden = !previews[name];
    });
  }

  async function autosave() {
    clearTimeout(pending);
    pending = null;
    if (submitting) return;
    if (inFlight) { again = true; return; }
    inFlight = true;
    const body = new FormData(form);
    body.delete("action");
    const sent = {};
    names.forEach(function (name) { sent[name] = valueOf(name); });
    try {
      const response = await fetch(url, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", "Accept": "application/json" },
      });
      if (response.status >= 500 || response.status === 429) throw new Error(String(response.status));
      if (!response.ok) {
        // 403 (signed out, stale token) or 404: retrying the same request will not help.
        setStatus("error", "Not saved — reload the page (your typing stays in the boxes until then)");
        announce("Your answers could not be saved. Reload the page.");
        return;
      }
      const data = await response.json();
      if (data.closed) { window.location.assign(data.redirect); return; }
      Object.assign(saved, sent);
      applyProblems(data.problems || {});
      applyPreviews(data.previews || {});
      retryDelay = 2000;
      if (status && status.dataset.state === "error") announce("Saved again.");
      setStatus(dirtyInputs().length ? "saving" : "saved",
        dirtyInputs().length ? "Saving…" : "Saved " + clock(new Date()));
    } catch (err) {
      setStatus("error", "Not saved — retrying");
      if (status && status.dataset.announced !== "1") {
        status.dataset.announced = "1";
        announce("Not saved — retrying. Keep this page open.");
      }
      pending = setTimeout(autosave, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
      return;
    } finally {
      inFlight = false;
    }
    if (status) delete status.dataset.announced;
    if (again || dirtyInputs().length) { again = false; schedule(DEBOUNCE_MS); }
  }
  function schedule(delay) {
    clearTimeout(pending);
    pending = setTimeout(autosave, delay);
  }
  form.addEventListener("input", function (event) {
    if (!event.target.matches(".answer-field input")) return;
    markQuestion(position(event.target.name));
    updateCount();
    if (status && status.dataset.state !== "error") setStatus("saving", "Saving…");
    schedule(DEBOUNCE_MS);
  });
  // Leaving a box saves at once.
  form.addEventListener("change", function () { if (dirtyInputs().length) autosave(); });

  // Leaving the page (tab switch, close, navigation, phone locking): send what is unsaved in a
  // request the browser finishes after the page is gone. The form's CSRF token travels in the
  // body, as with a normal form post, since a beacon cannot carry headers.
  function saveOnLeave() {
    if (submitting) return;
    const dirty = dirtyInputs();
    if (!dirty.length) return;
    clearTimeout(pending);
    const body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    // Every entry of a question with a dirty answer: a group of checkboxes posts its hidden ""
    // and each ticked box, and a multi-part question all its parts (the server stores the
    // parts it receives as the whole answer).
    const dirtyPositions = dirty.map(position);
    new FormData(form).forEach(function (value, name) {
      if (name.indexOf("answer-") === 0 && dirtyPositions.indexOf(position(name)) !== -1) {
        body.append(name, value);
      }
    });
    let queued = false;
    try { queued = Boolean(navigator.sendBeacon) && navigator.sendBeacon(url, body); } catch (err) { queued = false; }
    if (!queued) {
      fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: true })
        .catch(function () {});
    }
    // Assume it arrives; when the page comes back a normal save confirms it (or retries).
    names.forEach(function (name) {
      if (dirtyPositions.indexOf(position(name)) !== -1) saved[name] = valueOf(name);
    });
    leftUnconfirmed = true;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") saveOnLeave();
    else if (leftUnconfirmed) {
      leftUnconfirmed = false;
      names.forEach(function (name) { saved[name] = null; });
      autosave();
    }
  });
  window.addEventListener("pagehide", saveOnLeave);

  // -- submit confirmation -------------------------------------------------------------------
  let confirmed = false;
  form.addEventListener("submit", function (event) {
    const submitter = event.submitter;
    const isSubmit = submitter && submitter.value === "submit";
    if (isSubmit && !confirmed && dialog && typeof dialog.showModal === "function") {
      event.preventDefault();
      const empty = unanswered();
      const bad = positions.filter(function (pos) {
        return fieldOf(pos).classList.contains("field-invalid") && answered(pos);
      });
      const total = positions.length;
      dialog.querySelector(".confirm-unanswered").textContent = empty.length
        ? empty.length + " of " + total + " question" + (total === 1 ? "" : "s") + " unanswered ("
          + (empty.length === 1 ? "question " : "questions ") + empty.join(", ") + "). Unanswered questions score 0."
        : "All " + total + " questions have an answer.";
      const unreadable = dialog.querySelector(".confirm-unreadable");
      unreadable.hidden = !bad.length;
      unreadable.textContent = bad.length
        ? "The answer to " + (bad.length === 1 ? "question " : "questions ") + bad.join(", ")
          + " cannot be read yet; the submission will be refused until it is fixed."
        : "";
      dialog.returnValue = "";
      dialog.showModal();
      return;
    }
    submitting = true;
    clearTimeout(pending);
  });
  if (dialog) {
    dialog.addEventListener("close", function () {
      if (dialog.returnValue === "submit") {
        confirmed = true;
        form.requestSubmit(submitButton);
      } else {
        submitButton.focus();
      }
    });
  }

  // -- timer ---------------------------------------------------------------------------------
  if (timer) {
    // Count down from the server's "seconds left", not the browser clock, which may be off.
    const secondsLeft = Number(timer.dataset.secondsLeft);
    const deadline = Number.isFinite(secondsLeft) && timer.dataset.secondsLeft !== ""
      ? Date.now() + secondsLeft * 1000 : Date.parse(timer.dataset.deadline);
    const value = timer.querySelector(".timer-value");
    let warned = false;
    let handle = null;
    function tick() {
      const left = Math.max(0, deadline - Date.now());
      const total = Math.ceil(left / 1000);
      const hours = Math.floor(total / 3600);
      const minutes = Math.floor((total % 3600) / 60);
      const seconds = total % 60;
      value.textContent = (hours ? hours + ":" + String(minutes).padStart(2, "0") : String(minutes))
        + ":" + String(seconds).padStart(2, "0");
      timer.classList.toggle("timer-low", left <= 60000);
      // The timer is not a live region (it would be read every second): warn once, beside it.
      if (left <= 60000 && left > 0 && !warned) {
        warned = true;
        if (warning) warning.textContent = "One minute left. Answers saved by then are submitted automatically.";
        if (dirtyInputs().length) autosave();
      }
      if (left <= 0) {
        clearInterval(handle);
        // The server submits with what was saved; this request shows the result.
        window.location.reload();
      }
    }
    handle = setInterval(tick, 1000);
    tick();
  }

  updateCount();
  setStatus("idle", "Answers save as you type");
  const start = /^#q(\d+)$/.exec(location.hash);
  setCurrent(start ? start[1] : positions.length ? positions[0] : "");
  // A refused submission: take the keyboard (and screen reader) to the list of what to fix.
  if (summary) summary.focus();
})();
