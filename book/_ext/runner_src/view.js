// One code cell in the page: its toolbar state, its editor and the live output under it.
import { createEditor } from "./editor.js";

const LABELS = { ok: "done", "expected-error": "raised an error, as expected", error: "error",
  failed: "failed", "not-done": "not done yet", unavailable: "cannot run here" };

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

export class CellView {
  constructor(cell, host) {
    this.cell = cell;
    this.host = host; // null for a cell the page does not show (a hidden helper)
    this.source = cell.source;
    this.editor = null;
    this.output = null;
    if (!host) return;
    this.label = host.dataset.runnerLabel;
    this.state = host.querySelector(".runner-state");
    this.code = host.querySelector(':scope > .cell_input, :scope > div[class^="highlight-"], :scope > details > .cell_input');
    this.built = host.querySelector(":scope > .cell_output");
  }

  currentSource() {
    return this.editor ? this.editor.state.doc.toString() : this.source;
  }

  setSource(code) {
    this.source = code;
    if (this.editor) this.editor.dispatch({ changes: { from: 0, to: this.editor.state.doc.length, insert: code } });
    else if (this.onChange) this.onChange(code);
  }

  // Show the editor (with the current source); `focus` false when restoring saved edits.
  edit(onRun, focus = true) {
    if (!this.host) return;
    if (!this.editor) {
      const box = el("div", { class: "runner-editor" });
      this.host.querySelector(".runner-tools").after(box);
      this.editor = createEditor(box, this.source, {
        label: this.label, onRun, onChange: (code) => this.onChange && this.onChange(code),
      });
      if (this.code) this.code.hidden = true;
    }
    if (focus) this.editor.focus();
  }

  reset(original) {
    this.source = original;
    this.ranSource = null;
    if (this.editor) {
      this.editor.dom.parentNode.remove();
      this.editor.destroy();
      this.editor = null;
    }
    if (this.code) this.code.hidden = false;
    this.clear();
    if (this.built) this.built.hidden = false;
  }

  clear() {
    if (this.output) this.output.remove();
    this.output = null;
    this.setState("");
  }

  setState(text) {
    if (this.state) this.state.textContent = text;
  }

  begin() {
    this.texts = [];
    this.rich = false;
    if (!this.host) return;
    this.clear();
    this.output = el("div", { class: "runner-output", role: "region", "aria-label": `Output of cell ${this.label}` });
    const place = this.built || null;
    if (place) place.before(this.output);
    else this.host.append(this.output);
    if (this.built) this.built.hidden = true;
    this.setState("running…");
  }

  stream(name, text) {
    this.texts.push(text);
    if (!this.output) return;
    const last = this.output.lastElementChild;
    if (last && last.dataset.stream === name) last.textContent += text;
    else {
      const block = el("pre", { class: `runner-stream runner-${name}` }, text);
      block.dataset.stream = name;
      this.output.append(block);
    }
  }

  display(bundle) {
    const svg = bundle["image/svg+xml"];
    const html = bundle["text/html"];
    if (!svg && !html) {
      this.texts.push(`${bundle["text/plain"]}\n`);
      if (this.output) this.output.append(el("pre", { class: "runner-result" }, bundle["text/plain"]));
      return;
    }
    this.rich = true;
    if (!this.output) return;
    const box = el("div", { class: svg ? "runner-figure" : "runner-html", tabindex: "0" });
    box.setAttribute("aria-label", `${svg ? "Picture" : "Result"} drawn by cell ${this.label}`);
    box.setAttribute("role", "group");
    box.innerHTML = svg ? svg.slice(Math.max(0, svg.indexOf("<svg"))) : html;
    const picture = svg && box.querySelector("svg");
    if (picture) {
      picture.setAttribute("role", "img");
      picture.setAttribute("aria-label", `Graph drawn by cell ${this.label}`);
    }
    this.output.append(box);
  }

  finish(result, seconds) {
    let text = this.texts.join("");
    if (result.status === "unavailable") {
      const figure = this.built && this.built.querySelector("img, svg, .runner-figure");
      const note = `This cell needs ${result.package}, which the in-page Python does not have` +
        (figure ? "; the figure below was computed when the book was built."
          : this.built ? "; the output below was computed when the book was built." : ".");
      if (this.built) this.built.hidden = false;
      if (this.output) this.output.append(el("p", { class: "runner-note" }, note));
      text += note;
    } else if (result.error) {
      if (this.output) this.output.append(el("pre", { class: `runner-${result.status}` }, result.error));
      text += result.error;
    }
    if (this.output && !this.output.childElementCount) this.output.remove();
    this.setState(`${LABELS[result.status]} (${seconds.toFixed(2)} s)`);
    return text;
  }
}
