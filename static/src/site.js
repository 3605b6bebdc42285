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

// A lesson's table of contents marks the section being read (aria-current="location", styled in
// lesson.css): the last heading above a line just under the sticky header. Measured on scroll,
// once a frame at most; the last section counts once the page is scrolled to the bottom.
function initTocHighlight() {
  const links = [...document.querySelectorAll(".lesson-toc a[href^='#']")];
  const sections = links
    .map((link) => [link, document.getElementById(decodeURIComponent(link.hash.slice(1)))])
    .filter(([, target]) => target);
  if (!sections.length) return;
  let current = null;
  let queued = false;
  const mark = () => {
    queued = false;
    // Where an in-page link puts a heading: below the sticky header (app.css's scroll-padding)
    // and the heading's own scroll margin; a little slack past that.
    const header = document.querySelector(".site-header");
    const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    const line = Math.max(header ? header.getBoundingClientRect().bottom : 0, padding) + 48;
    const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    let found = atBottom ? sections[sections.length - 1][0] : null;
    if (!found) {
      for (const [link, target] of sections) {
        if (target.getBoundingClientRect().top <= line) found = link;
        else break;
      }
    }
    if (found === current) return;
    current?.removeAttribute("aria-current");
    found?.setAttribute("aria-current", "location");
    current = found;
  };
  const schedule = () => {
    if (!queued) { queued = true; requestAnimationFrame(mark); }
  };
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule, { passive: true });
  window.addEventListener("hashchange", schedule);
  mark();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initTocHighlight);
else initTocHighlight();
