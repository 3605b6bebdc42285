// Regrade progress: poll the job's small JSON every second and move the bar. Without
// JavaScript the page reloads itself (<noscript> refresh) instead.
(function () {
  "use strict";
  const box = document.querySelector("[data-regrade]");
  if (!box) return;
  const url = box.getAttribute("data-progress-url");
  const bar = box.querySelector("[data-bar]");
  const set = (sel, text) => { const el = box.querySelector(sel); if (el) el.textContent = text; };
  async function poll() {
    let job;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      job = await response.json();
    } catch (error) {
      setTimeout(poll, 3000);
      return;
    }
    bar.setAttribute("aria-valuemax", job.total);
    bar.setAttribute("aria-valuenow", job.done);
    bar.firstElementChild.style.width = job.percent + "%";
    set("[data-status]", job.status_label);
    set("[data-done]", job.done);
    set("[data-total]", job.total);
    set("[data-changed]", job.changed);
    const error = box.querySelector("[data-error]");
    if (error && job.error) { error.textContent = job.error; error.hidden = false; }
    if (!job.finished) setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
})();
