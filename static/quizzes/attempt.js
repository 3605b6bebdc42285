// Quiz attempt page: a countdown to the server-side deadline and background autosave.
// The server is the authority on time; this only shows it and saves answers as you type.
(function () {
  "use strict";
  const form = document.getElementById("attempt-form");
  if (!form) return;
  const status = document.getElementById("save-status");
  const timer = document.getElementById("quiz-timer");

  function setStatus(text) { if (status) status.textContent = text; }

  let pending = null;
  let inFlight = false;
  async function autosave() {
    if (inFlight) { schedule(); return; }
    inFlight = true;
    const body = new FormData(form);
    body.delete("action");
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      if (!response.ok) { setStatus("Could not save just now; use Save progress."); return; }
      const data = await response.json();
      if (data.closed) { window.location.assign(data.redirect); return; }
      form.querySelectorAll(".answer-field").forEach(function (field) {
        const input = field.querySelector("input");
        const position = input.name.slice("answer-".length);
        const message = (data.problems || {})[position] || "";
        field.classList.toggle("field-invalid", Boolean(message));
        field.querySelector(".field-error").textContent = message;
      });
      setStatus("Saved " + new Date().toLocaleTimeString());
    } catch (err) {
      setStatus("Offline? Answers will be saved when you press Save progress.");
    } finally {
      inFlight = false;
    }
  }
  function schedule() {
    clearTimeout(pending);
    pending = setTimeout(autosave, 800);
  }
  form.addEventListener("input", function () { setStatus("Saving…"); schedule(); });

  if (timer) {
    const deadline = Date.parse(timer.dataset.deadline);
    const value = timer.querySelector(".timer-value");
    let warned = false;
    function tick() {
      const left = Math.max(0, deadline - Date.now());
      const minutes = Math.floor(left / 60000);
      const seconds = Math.floor((left % 60000) / 1000);
      value.textContent = minutes + ":" + String(seconds).padStart(2, "0");
      timer.classList.toggle("timer-low", left < 60000);
      // The timer itself is not a live region (it would be read every second); announce once.
      if (left < 60000 && left > 0 && !warned) { warned = true; setStatus("One minute left."); }
      if (left <= 0) {
        clearInterval(handle);
        // The server already submitted (or will on this request) with what was saved.
        window.location.reload();
      }
    }
    const handle = setInterval(tick, 1000);
    tick();
  }
})();
