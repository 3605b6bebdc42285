// Typesets the math the server leaves as escaped TeX (catalog/rendering.py):
// <span class="math inline">TeX</span> in running text, <div class="math ...">TeX</div> for
// display math. KaTeX comes from this bundle (no CDN); its fonts are served from static/dist.
// Previews that insert rendered Markdown later (authoring, quiz composer) are typeset as they
// arrive. Wide display math scrolls in its own box, with faded edges showing there is more.
import katex from "katex";
import "katex/dist/katex.css";
import "./math.css";
import { KATEX_OPTIONS } from "./katex-options.js";

const SELECTOR = ".math.inline, .math.block";

function typeset(el) {
  if (el.dataset.typeset !== undefined) return;
  const tex = el.textContent.trim();
  // $$...$$ (div) is display math; $...$ (span) sits in the line.
  katex.render(tex, el, { ...KATEX_OPTIONS, displayMode: el.tagName === "DIV" });
  el.dataset.typeset = "";
  if (el.tagName === "DIV") watchOverflow(el);
}

// data-overflow lists the sides with hidden math ("left", "right"): math.css fades those
// edges, the cue a phone gives no other way (its scrollbars stay hidden until touched).
const resizes = typeof ResizeObserver === "function" ? new ResizeObserver((entries) => {
  for (const entry of entries) markOverflow(entry.target);
}) : null;

function markOverflow(el) {
  const hidden = el.scrollWidth - el.clientWidth;
  const sides = [];
  if (hidden > 1) {
    if (el.scrollLeft > 1) sides.push("left");
    if (el.scrollLeft < hidden - 1) sides.push("right");
  }
  if (sides.length) {
    el.dataset.overflow = sides.join(" ");
    el.tabIndex = 0; // reachable by keyboard, so arrow keys can scroll it
  } else {
    delete el.dataset.overflow;
    el.removeAttribute("tabindex");
  }
}

function watchOverflow(el) {
  markOverflow(el);
  el.addEventListener("scroll", () => markOverflow(el), { passive: true });
  resizes?.observe(el);
}

function typesetWithin(root) {
  if (root.matches?.(SELECTOR)) typeset(root);
  for (const el of root.querySelectorAll?.(SELECTOR) ?? []) typeset(el);
}

typesetWithin(document);
// KaTeX's fonts arrive after the first layout: widths change, so measure again.
document.fonts?.ready.then(() => document.querySelectorAll("div.math[data-typeset]").forEach(markOverflow));

new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && !node.closest(".katex")) typesetWithin(node);
    }
  }
}).observe(document.body, { childList: true, subtree: true });
