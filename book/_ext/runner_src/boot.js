// The book's in-page runner, the part every page loads (a few KB): it adds Run / Edit / Reset to
// each code cell and "Run all" / "Stop" / "Download my notebook" to the page, and loads the rest
// (the editor, the worker, Python itself) when the reader is likely to need it: once the page is
// idle with a runnable cell in view, on hovering or focusing a control, or when a cell scrolls
// into view; pressing a button says "Starting Python …" at once. Saved edits (store.js) are
// restored as soon as the page has loaded. The page's cells are listed in a JSON file beside the
// runner's assets. On every page it marks the sidebar's exercise links with the reader's progress,
// and fills the "Your progress" page. `window.bookRunner` is the test interface.
import { forget, pages, read, tally } from "./store.js";
import { renderProgress } from "./progress.js";

(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.dataset.runnerPage) return;
  const base = new URL("./", script.src);
  const root = new URL("../../", base);
  const version = script.dataset.runnerVersion;
  const served = location.protocol === "http:" || location.protocol === "https:";
  markSidebar();
  const board = document.getElementById("runner-progress");
  if (board) renderProgress(board, { base, root, exercises: (script.dataset.runnerExercises || "").split(",").filter(Boolean), read, tally, pages, forget });
  const hosts = Array.from(document.querySelectorAll(".runner-host"));
  if (!hosts.length || !script.dataset.runnerData) return;
  let ui = null;
  let loaded = false;

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
    ? "You can edit and run every code cell on this page, right here (Python runs in your browser). " +
      "Your edits are kept in this browser only."
    : "Running the code needs this site to be served, not opened as a file: in the site's folder " +
      "run `python -m http.server` and open http://localhost:8000/ in your browser.";
  bar.append(button("Run all", "Run all cells of this page", "run-all"),
    button("Stop", "Stop the running code", "stop"),
    button("Download my notebook", "Download my notebook (this page with your code, as .ipynb)", "download"), status);
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
    // a folded cell (its code behind "Show code cell source"): the tools go under the fold's
    // toggle, next to the output they make, not above the fold
    const fold = host.querySelector(":scope > details");
    if (fold) fold.after(tools);
    else host.prepend(tools);
  });

  function load() {
    if (!served) return Promise.reject(new Error(status.textContent));
    if (!ui) {
      ui = import(new URL(`ui.js?v=${version}`, base).href).then((module) =>
        module.attach({ base, root, version, page: script.dataset.runnerPage, dataHash: script.dataset.runnerData, hosts, bar, status }));
      ui.then(() => { loaded = true; }, (error) => { status.textContent = `The runner could not start: ${error.message}`; ui = null; });
    }
    return ui;
  }

  function warm() {
    if (served) load().then((runner) => runner.warm(), () => {});
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest(".runner-button");
    if (!target || !bar.isConnected) return;
    if (!served) { status.textContent = status.textContent; status.classList.add("runner-alert"); return; }
    const index = Number(target.dataset.index);
    const action = target.dataset.action;
    if (!loaded && (action === "run" || action === "run-all")) {
      // feedback at once: the runner's code and Python itself take a few seconds to arrive
      status.textContent = "Starting Python … (loading the runner)";
      const host = hosts.find((h) => Number(h.dataset.runnerIndex) === index);
      const state = host && host.querySelector(".runner-state");
      if (state) state.textContent = "starting Python …";
    }
    load().then((runner) => runner.act(action, index), () => {});
  });
  for (const node of [bar, ...hosts]) {
    node.addEventListener("pointerenter", warm, { once: true });
    node.addEventListener("focusin", warm, { once: true });
  }

  // Start Python early, without delaying the page: after the load event, when the browser is
  // idle and a runnable cell is on screen (or as soon as one scrolls into view).
  function whenIdle(task) {
    if ("requestIdleCallback" in window) requestIdleCallback(task, { timeout: 3000 });
    else setTimeout(task, 1000);
  }
  function preload() {
    if (!served || !("IntersectionObserver" in window)) return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { seen.disconnect(); whenIdle(warm); }
    });
    hosts.forEach((host) => seen.observe(host));
  }
  const saved = read(script.dataset.runnerPage);
  const afterLoad = () => {
    if (saved && Object.keys(saved.cells || {}).length && served) load(); // restore the edits
    preload();
  };
  if (document.readyState === "complete") afterLoad();
  else window.addEventListener("load", afterLoad, { once: true });

  const call = (method) => (...args) => load().then((runner) => runner[method](...args));
  window.bookRunner = {
    runAll: call("runAll"), run: call("run"), setSource: call("setSource"),
    stop: call("stop"), reset: call("reset"), results: call("results"),
    notebook: call("notebook"), served,
  };

  // The sidebar's links to exercise pages get "2 of 5 passed" from the saved progress.
  function markSidebar() {
    for (const link of document.querySelectorAll(".bd-sidebar-primary a.reference.internal")) {
      const url = new URL(link.getAttribute("href"), location.href);
      if (url.hash || !url.pathname.startsWith(root.pathname)) continue;
      const page = url.pathname.slice(root.pathname.length).replace(/\.html$/, "");
      const data = read(page);
      if (!data || !Object.keys(data.checks || {}).length) continue;
      const { passed, total } = tally(data);
      const badge = el("span", { class: "runner-progress-badge" }, ` ${passed} of ${total} passed`);
      link.append(badge);
    }
  }
})();
