// Quiz composer: add slot rows and show a live preview of a fresh variant of a generator.
(function () {
  "use strict";
  const rows = document.getElementById("slot-rows");
  const template = document.getElementById("slot-template");
  const total = document.getElementById("id_slots-TOTAL_FORMS");
  const preview = document.getElementById("preview");
  const fresh = document.getElementById("fresh-variant");
  if (!rows || !preview) return;
  let current = "";

  async function showPreview(name) {
    current = name;
    fresh.disabled = !name;
    if (!name) return;
    preview.setAttribute("aria-busy", "true");
    const url = preview.dataset.url + "?generator=" + encodeURIComponent(name);
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      preview.innerHTML = response.ok ? await response.text() : "<p class='empty'>Preview failed.</p>";
    } catch (err) {
      preview.innerHTML = "<p class='empty'>Preview failed.</p>";
    } finally {
      preview.removeAttribute("aria-busy");
    }
  }

  rows.addEventListener("change", function (event) {
    if (event.target.matches("select[name$='-generator']")) showPreview(event.target.value);
  });
  rows.addEventListener("click", function (event) {
    if (!event.target.matches(".preview-button")) return;
    const select = event.target.closest("tr").querySelector("select");
    showPreview(select.value);
  });
  fresh.addEventListener("click", function () { showPreview(current); });

  document.getElementById("add-slot").addEventListener("click", function () {
    const index = Number(total.value);
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
  });
})();
