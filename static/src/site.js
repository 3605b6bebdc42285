// Every page: the phone menu button (a disclosure: aria-expanded on the button, Escape closes
// and gives focus back, a click outside closes). On wide screens the button is not shown and
// the links are always there (static/css/app.css).
function initMenu() {
  const button = document.querySelector("[data-nav-toggle]");
  const menu = document.querySelector("[data-nav-menu]");
  if (!button || !menu) return;

  const setOpen = (open, { focusButton = false } = {}) => {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
    if (!open && focusButton) button.focus();
  };

  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    setOpen(open);
    if (open) {
      const first = menu.querySelector("a, button");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.classList.contains("is-open")) setOpen(false, { focusButton: true });
  });
  document.addEventListener("click", (event) => {
    if (menu.classList.contains("is-open") && !event.target.closest(".nav")) setOpen(false);
  });
  // Focus leaving the open menu (Tab past its last link) closes it.
  menu.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !event.relatedTarget.closest(".nav")) setOpen(false);
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initMenu);
else initMenu();

// Copy buttons: <button data-copy-target="ID"> copies the value (or text) of element ID, then
// says so on the button for a moment (the account page's once-shown API token).
function initCopyButtons() {
  for (const button of document.querySelectorAll("[data-copy-target]")) {
    button.addEventListener("click", async () => {
      const target = document.getElementById(button.dataset.copyTarget);
      if (!target) return;
      const text = "value" in target ? target.value : target.textContent;
      const label = button.textContent;
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = button.dataset.copiedLabel || "Copied";
      } catch {
        // No clipboard permission (http, old browser): select it for Ctrl-C instead.
        if (target.select) target.select();
        button.textContent = "Press Ctrl-C";
      }
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initCopyButtons);
else initCopyButtons();
