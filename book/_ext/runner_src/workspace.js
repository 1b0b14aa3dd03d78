// The reader's workspace, mixed into the runner (ui.js): notices in the page's bar, saving every
// edit as it is typed (store.js), restoring it on the next visit (unless the book changed that
// cell since), and "Download my notebook".
import { hash, write } from "./store.js";
import { notebookWithEdits } from "./notebook.js";

export const workspace = {
  // A notice in the page's bar: `role` "status" (polite) or "alert" (storage problems).
  notice(name, role, parts) {
    let box = this.bar.querySelector(`.runner-notice-${name}`);
    if (!box) {
      box = document.createElement("p");
      box.className = `runner-notice runner-notice-${name}`;
      box.setAttribute("role", role);
      this.bar.append(box);
    }
    box.textContent = "";
    for (const part of parts) box.append(part);
    if (!parts.length) box.remove();
    return box;
  },

  linkButton(text, action) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "runner-link-button";
    b.textContent = text;
    b.addEventListener("click", action);
    return b;
  },

  restore() {
    const restored = [];
    const changed = [];
    for (const view of this.cells) {
      const saved = this.record.cells[view.cell.index];
      if (!saved || !view.host) continue;
      if (saved.hash !== hash(view.cell.source)) { changed.push(view); continue; }
      view.source = saved.source;
      view.edit(() => this.run(view.cell.index), false);
      restored.push(view);
    }
    for (const view of this.cells) {
      const check = this.record.checks[view.cell.index];
      if (check && view.host && check.state) view.setState(`${check.state} last time`);
    }
    if (restored.length) {
      const which = restored.map((v) => v.label).join(", ");
      this.notice("restored", "status", [
        `Restored your edits (cell${restored.length > 1 ? "s" : ""} ${which}) · `,
        this.linkButton("reset them to the book's code", () => {
          for (const view of restored) this.reset(view.cell.index);
          this.notice("restored", "status", []);
        }),
      ]);
    }
    if (changed.length) {
      const which = changed.map((v) => v.label).join(", ");
      this.notice("changed", "status", [
        `The book changed cell${changed.length > 1 ? "s" : ""} ${which} since you edited ` +
          `${changed.length > 1 ? "them" : "it"}, so your old code was kept but not put back · `,
        this.linkButton("put my old code back anyway", () => {
          for (const view of changed) {
            view.edit(() => this.run(view.cell.index), false);
            view.setSource(this.record.cells[view.cell.index].source);
          }
          this.notice("changed", "status", []);
        }),
      ]);
    }
  },

  save() {
    try {
      write(this.pageName, this.record);
      this.notice("storage", "alert", []);
    } catch (error) {
      this.notice("storage", "alert", [
        `Your edits are NOT saved: ${error.message}. They stay on this page until you leave it; ` +
          "to keep them, ",
        this.linkButton("download my notebook", () => this.download()),
        " (or free some space for this site).",
      ]);
    }
  },

  edited(view, code) {
    if (code === view.cell.source) delete this.record.cells[view.cell.index];
    else this.record.cells[view.cell.index] = { hash: hash(view.cell.source), source: code };
    this.save();
    if (view.ranSource !== undefined && view.ranSource !== null && view.ranSource !== code) {
      view.setState("edited: not run yet");
    }
  },

  async notebook() {
    const url = new URL(this.page.notebook, this.root);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the page's notebook is missing (HTTP ${response.status})`);
    return notebookWithEdits(await response.json(), this.cells);
  },

  async download() {
    try {
      const nb = await this.notebook();
      const name = this.page.notebook.split("/").pop().replace(/\.ipynb$/, "");
      const blob = new Blob([JSON.stringify(nb, null, 1)], { type: "application/x-ipynb+json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `${name}-my-code.ipynb`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      this.say(`Downloaded ${link.download}: open it in Jupyter or upload it to Colab.`);
    } catch (error) {
      this.say(`The notebook could not be made: ${error.message}`);
    }
  },
};
