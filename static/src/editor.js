// Upgrades a <textarea data-editor> into a CodeMirror 6 Python editor.
//
// The textarea stays in the form (hidden) and is kept in sync on every change, so the form posts
// the same field whether or not the editor loaded, and a plain textarea still works without JS.
import { Compartment, EditorState } from "@codemirror/state";
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  drawSelection,
  rectangularSelection,
} from "@codemirror/view";
import {
  defaultKeymap,
  history,
  historyKeymap,
  indentWithTab,
} from "@codemirror/commands";
import {
  bracketMatching,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
  HighlightStyle,
} from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { python } from "@codemirror/lang-python";

// Colours come from CSS custom properties (static/css/app.css), so the editor follows the site's
// light or dark theme (prefers-color-scheme today, or any switch that changes those properties)
// without being rebuilt. The fallbacks are the light theme, for a page without app.css.
const theme = EditorView.theme({
  "&": {
    fontSize: "14px",
    color: "var(--text, #1d2433)",
    backgroundColor: "var(--surface, #ffffff)",
    border: "1px solid var(--border-strong, #b8bcc4)",
    borderRadius: "8px",
  },
  "&.cm-focused": { outline: "3px solid var(--accent, #3b5bdb)", outlineOffset: "1px" },
  ".cm-scroller": {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace",
    lineHeight: "1.5",
    minHeight: "var(--editor-min-height, 16em)",
    maxHeight: "var(--editor-max-height, 70vh)",
  },
  ".cm-content": { caretColor: "var(--text, #1d2433)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--text, #1d2433)" },
  ".cm-gutters": {
    backgroundColor: "var(--code-bg, #f2f4f8)",
    color: "var(--muted, #5b6478)",
    borderRight: "1px solid var(--border, #dde2ec)",
    borderRadius: "8px 0 0 8px",
  },
  ".cm-activeLine": { backgroundColor: "var(--cm-active-line, #f3f6ff)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--cm-active-line, #f3f6ff)", color: "var(--text, #1d2433)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": {
    backgroundColor: "var(--cm-selection, #c9d6ff)",
  },
  ".cm-selectionMatch": { backgroundColor: "var(--cm-selection-match, #e2e8ff)" },
  "&.cm-focused .cm-matchingBracket": {
    backgroundColor: "var(--cm-bracket, #d7f0dd)", outline: "1px solid var(--ok, #1f7a3a)",
  },
  ".cm-panels": { backgroundColor: "var(--code-bg, #f2f4f8)", color: "var(--text, #1d2433)" },
  ".cm-panels input, .cm-panels button": { color: "inherit" },
  ".cm-tooltip": {
    backgroundColor: "var(--surface, #ffffff)", color: "var(--text, #1d2433)",
    border: "1px solid var(--border, #dde2ec)",
  },
});

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword,
    tags.operatorKeyword], color: "var(--cm-keyword, #cf222e)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--cm-string, #0a3069)" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--cm-constant, #0550ae)" },
  { tag: [tags.comment, tags.lineComment], color: "var(--cm-comment, #57606a)", fontStyle: "italic" },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.function(tags.variableName)],
    color: "var(--cm-function, #8250df)" },
  { tag: [tags.definition(tags.className), tags.className], color: "var(--cm-class, #953800)" },
  { tag: tags.standard(tags.variableName), color: "var(--cm-constant, #0550ae)" },
  { tag: tags.self, color: "var(--cm-keyword, #cf222e)" },
  { tag: tags.invalid, color: "var(--bad, #b42318)" },
]);

// On a phone a long line would scroll the editor sideways and hide its start: wrap instead.
const NARROW = "(max-width: 640px)";
const wrapping = (narrow) => (narrow ? EditorView.lineWrapping : []);

/**
 * @param {HTMLTextAreaElement} textarea
 * @param {{onSubmit?: () => void, onChange?: (code: string) => void}} hooks
 * @returns {{getCode: () => string, setCode: (code: string) => void, focus: () => void, view: EditorView}}
 */
export function upgradeTextarea(textarea, hooks = {}) {
  const submitKey = {
    key: "Mod-Enter",
    preventDefault: true,
    run: () => {
      if (hooks.onSubmit) hooks.onSubmit();
      return true;
    },
  };

  const syncBack = EditorView.updateListener.of((update) => {
    if (!update.docChanged) return;
    const code = update.state.doc.toString();
    textarea.value = code;
    if (hooks.onChange) hooks.onChange(code);
  });

  const narrow = window.matchMedia(NARROW);
  const wrap = new Compartment();

  const state = EditorState.create({
    doc: textarea.value,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      EditorState.allowMultipleSelections.of(true),
      indentOnInput(),
      indentUnit.of("    "),
      EditorState.tabSize.of(4),
      syntaxHighlighting(highlight),
      bracketMatching(),
      closeBrackets(),
      rectangularSelection(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      python(),
      // Order matters: our Mod-Enter must win over insertBlankLine in defaultKeymap.
      // indentWithTab traps Tab for indentation; CodeMirror's own escape hatch still applies:
      // Esc then Tab (within 2 s) moves focus on, and Ctrl-M toggles Tab-moves-focus mode.
      keymap.of([submitKey, ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap,
        ...historyKeymap, indentWithTab]),
      syncBack,
      theme,
      wrap.of(wrapping(narrow.matches)),
      EditorView.contentAttributes.of({
        // Already focusable (contenteditable); the explicit tabindex tells checkers such as
        // axe-core that the scrolling editor can be reached from the keyboard.
        tabindex: "0",
        "aria-label": textarea.getAttribute("aria-label") || "Code editor",
        "aria-describedby": textarea.getAttribute("aria-describedby") || "",
      }),
    ],
  });

  const wrapper = document.createElement("div");
  wrapper.className = "code-editor";
  textarea.insertAdjacentElement("afterend", wrapper);
  const view = new EditorView({ state, parent: wrapper });
  narrow.addEventListener("change", (event) => {
    view.dispatch({ effects: wrap.reconfigure(wrapping(event.matches)) });
  });
  textarea.hidden = true;
  textarea.dataset.upgraded = "true";
  // Labels pointing at the textarea should focus the editor instead.
  if (textarea.id) {
    for (const label of document.querySelectorAll(`label[for="${CSS.escape(textarea.id)}"]`)) {
      label.addEventListener("click", (event) => {
        event.preventDefault();
        view.focus();
      });
    }
  }

  return {
    view,
    getCode: () => view.state.doc.toString(),
    // A replacement through a transaction stays undoable (Ctrl-Z brings the old code back).
    setCode: (code) => {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    focus: () => view.focus(),
  };
}
