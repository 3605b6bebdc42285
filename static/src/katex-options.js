// KaTeX settings shared by the browser (static/src/math.js) and the content check
// (catalog/katex_check.mjs), so a formula the check accepts renders the same on the page.
export const KATEX_OPTIONS = Object.freeze({
  // A formula KaTeX cannot parse is shown as red TeX with the message as its tooltip instead
  // of breaking the page; `sync_content --check` refuses it before it gets there.
  throwOnError: false,
  // No \href, \url, \includegraphics, \htmlClass...: author TeX never becomes a link or markup.
  trust: false,
  // Bounds on \def expansion and \rule sizes, so a hostile formula cannot hang a tab.
  maxExpand: 1000,
  maxSize: 20,
  output: "htmlAndMathml", // the HTML is what sighted readers see, the MathML what screen readers read
});
