// Authoring pages: live Markdown preview (rendered and sanitized by the server, so the
// preview shows exactly what students will get, math included) and code editors.
// Without JavaScript the forms still work: textareas post, the server re-renders.

function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function setupPreview(textarea) {
  const target = document.getElementById(textarea.dataset.preview);
  const url = textarea.dataset.previewUrl;
  if (!target || !url) return;
  let timer = null;
  let controller = null;
  const refresh = async () => {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ markdown: textarea.value }),
        signal: controller.signal,
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const data = await response.json();
      // The HTML was sanitized by the server (nh3): the same markup the student page shows.
      target.innerHTML = data.html;
      target.dataset.previewErrors = (data.errors || []).join("; ");
    } catch (error) {
      if (error.name !== "AbortError") target.dataset.previewErrors = String(error);
    }
  };
  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  refresh();
}

async function upgradeEditors() {
  const areas = [...document.querySelectorAll("textarea[data-editor]")];
  const holder = document.querySelector("[data-editor-module]");
  const url = holder ? holder.dataset.editorModule : "";
  if (!areas.length || !url) return;
  try {
    const module = await import(url);
    if (typeof module.upgradeTextarea !== "function") return;
    for (const area of areas) module.upgradeTextarea(area, {});
  } catch {
    // No editor bundle built: plain textareas are a fine fallback.
  }
}

document.querySelectorAll("textarea[data-preview]").forEach(setupPreview);
upgradeEditors();
