// Upgrades a <textarea data-editor> into a CodeMirror 6 Python editor.
//
// The textarea stays in the form (hidden) and is kept in sync on every change, so the form posts
// the same field whether or not the editor loaded, and a plain textarea still works without JS.
import { EditorState } from "@codemirror/state";
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
  defaultHighlightStyle,
} from "@codemirror/language";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { python } from "@codemirror/lang-python";

const theme = EditorView.theme({
  "&": { fontSize: "14px", border: "1px solid #b8bcc4", borderRadius: "4px" },
  "&.cm-focused": { outline: "2px solid #2f6fde", outlineOffset: "1px" },
  ".cm-scroller": {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace",
    lineHeight: "1.5",
    minHeight: "16em",
    maxHeight: "70vh",
  },
  ".cm-gutters": { backgroundColor: "#f4f5f7", color: "#6b7280", borderRight: "1px solid #e1e3e8" },
});

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
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
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
      EditorView.contentAttributes.of({
        "aria-label": textarea.getAttribute("aria-label") || "Code editor",
        "aria-describedby": textarea.getAttribute("aria-describedby") || "",
      }),
    ],
  });

  const wrapper = document.createElement("div");
  wrapper.className = "code-editor";
  textarea.insertAdjacentElement("afterend", wrapper);
  const view = new EditorView({ state, parent: wrapper });
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
