// The book's in-page runner, the part every page loads (a few KB): it adds Run / Edit / Reset to
// each code cell and "Run all" / "Stop" to the page, and loads the rest (the editor, the worker,
// Python itself) only when the reader shows interest: hovering or focusing a runner control
// warms it up, pressing a button runs it. The page's cells are listed in a JSON file beside the
// runner's assets (the chapter's hidden helper cells and an exercise's starting code are not in
// the HTML). `window.bookRunner` is the test interface: runAll(), run(i), setSource(i, code), stop().
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.dataset.runnerPage) return;
  const base = new URL("./", script.src);
  const version = script.dataset.runnerVersion;
  const served = location.protocol === "http:" || location.protocol === "https:";
  const hosts = Array.from(document.querySelectorAll(".runner-host"));
  if (!hosts.length) return;
  let ui = null;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text) node.textContent = text;
    return node;
  }

  function button(label, name, action) {
    const b = el("button", { type: "button", class: "runner-button", "aria-label": name }, label);
    b.dataset.action = action;
    return b;
  }

  const bar = el("div", { class: "runner-bar", role: "group", "aria-label": "Run this page's code" });
  const status = el("p", { class: "runner-status", role: "status" });
  status.textContent = served
    ? "You can edit and run every code cell on this page, right here (Python runs in your browser)."
    : "Running the code needs this site to be served, not opened as a file: in the site's folder " +
      "run `python -m http.server` and open http://localhost:8000/ in your browser.";
  bar.append(button("Run all", "Run all cells of this page", "run-all"),
    button("Stop", "Stop the running code", "stop"), status);
  hosts[0].before(bar);

  hosts.forEach((host, position) => {
    const index = Number(host.id.replace("runner-cell-", ""));
    const label = String(position + 1);
    host.dataset.runnerIndex = index;
    host.dataset.runnerLabel = label;
    const tools = el("div", { class: "runner-tools", role: "group", "aria-label": `Cell ${label}` });
    const state = el("span", { class: "runner-state" });
    for (const [text, verb, action] of [["Run", "Run", "run"], ["Edit", "Edit", "edit"], ["Reset", "Reset", "reset"]]) {
      const b = button(text, `${verb} cell ${label}`, action);
      b.dataset.index = index;
      tools.append(b);
    }
    tools.append(state);
    host.prepend(tools);
  });

  function load() {
    if (!served) return Promise.reject(new Error(status.textContent));
    if (!ui) {
      ui = import(new URL(`ui.js?v=${version}`, base).href).then((module) =>
        module.attach({ base, version, page: script.dataset.runnerPage, dataHash: script.dataset.runnerData, hosts, bar, status }));
      ui.catch((error) => { status.textContent = `The runner could not start: ${error.message}`; ui = null; });
    }
    return ui;
  }

  function warm() {
    if (served) load().then((runner) => runner.warm(), () => {});
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest(".runner-button");
    if (!target) return;
    if (!served) { status.textContent = status.textContent; status.classList.add("runner-alert"); return; }
    const index = Number(target.dataset.index);
    load().then((runner) => runner.act(target.dataset.action, index), () => {});
  });
  for (const node of [bar, ...hosts]) {
    node.addEventListener("pointerenter", warm, { once: true });
    node.addEventListener("focusin", warm, { once: true });
  }

  const call = (method) => (...args) => load().then((runner) => runner[method](...args));
  window.bookRunner = {
    runAll: call("runAll"), run: call("run"), setSource: call("setSource"),
    stop: call("stop"), reset: call("reset"), results: call("results"), served,
  };
})();
