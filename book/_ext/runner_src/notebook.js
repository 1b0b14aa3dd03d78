// "Download my notebook": the page's own notebook (the .ipynb the site offers for download, with
// the Colab set-up cell and the prose) with each code cell's source replaced by what the reader's
// editor holds. A cell is found by its original source; an edited cell loses its stale outputs.
const norm = (text) => text.replace(/\s+$/u, "");
const joined = (source) => (Array.isArray(source) ? source.join("") : String(source || ""));

export function notebookWithEdits(nb, views) {
  const out = JSON.parse(JSON.stringify(nb));
  const used = new Set();
  const extra = [];
  for (const view of views) {
    const code = view.currentSource();
    if (code === view.cell.source) continue;
    const want = norm(view.cell.source);
    const at = out.cells.findIndex((c, i) => !used.has(i) && c.cell_type === "code" && norm(joined(c.source)) === want);
    if (at < 0) { extra.push(code); continue; }
    used.add(at);
    Object.assign(out.cells[at], { source: code, outputs: [], execution_count: null });
  }
  for (const [n, code] of extra.entries()) {
    out.cells.push({
      cell_type: "code", id: `my-code-${n + 1}`, metadata: {}, outputs: [], execution_count: null,
      source: `# (your edit of a cell this notebook no longer has)\n${code}`,
    });
  }
  out.nbformat = 4;
  out.nbformat_minor = Math.max(5, out.nbformat_minor || 0);
  out.cells.forEach((cell, i) => { if (!cell.id) cell.id = `cell-${i + 1}`; });
  return out;
}
