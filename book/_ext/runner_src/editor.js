// The code editor (CodeMirror 6) that replaces a cell's code when the reader presses Edit.
// Shift+Enter runs the cell; Tab indents (press Escape first to leave the editor with Tab).
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { EditorState, Prec } from "@codemirror/state";
import { drawSelection, EditorView, keymap, lineNumbers } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";

export function createEditor(parent, doc, { label, onRun, onChange }) {
  const runKey = Prec.highest(keymap.of([{ key: "Shift-Enter", run: () => { onRun(); return true; } }]));
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        runKey,
        lineNumbers(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        python(),
        syntaxHighlighting(classHighlighter),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.updateListener.of((update) => { if (update.docChanged && onChange) onChange(update.state.doc.toString()); }),
        EditorView.contentAttributes.of({ "aria-label": `Code of cell ${label} (Shift+Enter runs it)` }),
      ],
    }),
  });
}
