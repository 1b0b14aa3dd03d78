// The "Your progress" page: every exercise part of the book with its state in this browser
// (passed, failed, not tried), a download of everything saved, and a reset.
const STATES = { passed: "✔ passed", failed: "✘ failed" };

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

export async function renderProgress(board, { base, root, exercises, read, tally, pages, forget }) {
  board.textContent = "";
  delete board.dataset.ready;
  const summary = el("p", { class: "runner-progress-summary", role: "status" });
  board.append(summary);
  let passed = 0;
  let total = 0;
  for (const page of exercises) {
    let data;
    try {
      const response = await fetch(new URL(`pages/${page}.json`, base));
      data = await response.json();
    } catch (error) {
      continue;
    }
    const saved = read(page) || { checks: {}, cells: {} };
    const checks = data.cells.filter((c) => c.check);
    const section = el("section", { class: "runner-progress-page" });
    const heading = el("h2", {});
    heading.append(el("a", { href: new URL(`${page}.html`, root).href }, data.title || page));
    section.append(heading);
    const list = el("ul", {});
    for (const cell of checks) {
      const state = (saved.checks[cell.index] || {}).state;
      const item = el("li", { class: `runner-progress-${state || "untried"}` });
      item.append(el("span", { class: "runner-progress-state" }, STATES[state] || "not tried"), ` ${cell.check}`);
      list.append(item);
      passed += state === "passed" ? 1 : 0;
      total += 1;
    }
    const edited = Object.keys(saved.cells || {}).length;
    section.append(list);
    if (edited) section.append(el("p", {}, `Your edits to ${edited} cell${edited > 1 ? "s" : ""} of this page are saved in this browser.`));
    board.append(section);
  }
  summary.textContent = `${passed} of ${total} exercise parts passed in this browser. ` +
    "Nothing is sent anywhere: your code and progress stay in this browser.";
  const tools = el("p", { class: "runner-progress-tools" });
  const exportButton = el("button", { type: "button", class: "runner-button" }, "Download my progress and code (JSON)");
  exportButton.addEventListener("click", () => {
    const everything = Object.fromEntries(pages().map((page) => [page, read(page)]));
    const blob = new Blob([JSON.stringify(everything, null, 1)], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "micrograd-book-progress.json" });
    document.body.append(link);
    link.click();
    link.remove();
  });
  const resetButton = el("button", { type: "button", class: "runner-button" }, "Reset: forget all my code and progress");
  resetButton.addEventListener("click", () => {
    if (!window.confirm("Forget every edit and every exercise result saved in this browser?")) return;
    for (const page of pages()) forget(page);
    renderProgress(board, { base, root, exercises, read, tally, pages, forget });
  });
  tools.append(exportButton, " ", resetButton);
  board.append(tools);
  board.dataset.ready = "true";
}
