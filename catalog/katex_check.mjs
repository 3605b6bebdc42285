// Parses formulas with the same KaTeX (and options) the browser uses; run by
// catalog.rendering.katex_errors, once per batch.
// stdin: JSON [[tex, displayMode], ...]; stdout: JSON [message or null, ...] in the same order.
// A message is a parse error, a non-strict input KaTeX would typeset differently than LaTeX,
// or a command the page refuses to run (\href, \includegraphics...: trust is off), which
// KaTeX shows as red text rather than failing.
import katex from "katex";
import { KATEX_OPTIONS } from "../static/src/katex-options.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const formulas = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const results = formulas.map(([tex, displayMode]) => {
  const warnings = [];
  try {
    katex.renderToString(tex, {
      ...KATEX_OPTIONS,
      displayMode,
      throwOnError: true,
      strict: (code, message) => {
        warnings.push(`${message} [${code}]`);
        return "ignore";
      },
      trust: ({ command }) => {
        warnings.push(`${command} is not allowed on mlquiz pages`);
        return false;
      },
    });
  } catch (error) {
    if (!(error instanceof katex.ParseError)) return String(error);
    // rawMessage: without the underlined excerpt KaTeX appends for a terminal.
    const where = error.position === undefined ? "" : ` at character ${error.position + 1}`;
    return `${error.rawMessage}${where}`;
  }
  return warnings.length ? warnings.join("; ") : null;
});
process.stdout.write(JSON.stringify(results));
