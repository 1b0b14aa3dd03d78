// The runner's controller, loaded on first use: it keeps the page's cells, runs them in order in
// one Python (a Web Worker), and restarts that Python when the reader presses Stop. Every edit is
// saved in this browser as it is typed (store.js) and restored on the next visit; a cell edited
// since it last ran runs again before any later cell, so a check judges the code on screen.
import { read } from "./store.js";
import { CellView } from "./view.js";
import { workspace } from "./workspace.js";

const CHECK_STATE = { ok: "passed", failed: "failed" };

class Runner {
  constructor({ base, root, version, page, pageName, hosts, bar, status }) {
    this.base = base;
    this.root = root;
    this.version = version;
    this.bar = bar;
    this.status = status;
    this.page = page;
    this.pageName = pageName;
    this.exercise = page.exercise;
    const byIndex = new Map(hosts.map((host) => [Number(host.dataset.runnerIndex), host]));
    this.cells = page.cells.map((cell) => new CellView(cell, byIndex.get(cell.index) || null));
    this.byIndex = new Map(this.cells.map((view) => [view.cell.index, view]));
    this.results = new Map();
    this.worker = null;
    this.started = false;
    this.generation = 0;
    this.queue = Promise.resolve();
    this.record = read(pageName) || { cells: {}, checks: {} };
    this.record.total = this.cells.filter((v) => v.cell.check).length;
    for (const view of this.cells) view.onChange = (code) => this.edited(view, code);
    this.restore();
  }

  url(path) {
    return new URL(`${path}?v=${this.version}`, this.base).href;
  }

  warm() {
    if (this.worker) return this.ready;
    this.worker = new Worker(this.url("worker.js"), { type: "module" });
    this.pending = new Map();
    const worker = this.worker;
    this.ready = new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === "progress") this.starting(data.text);
        else if (data.type === "ready") { this.startedAt = performance.now(); resolve(); }
        else if (data.type === "failed") reject(new Error(data.message));
        else this.pending.get(data.id)?.(data);
      };
      worker.onerror = (event) => {
        const error = new Error(`the in-page Python stopped: ${event.message || "unknown error"}`);
        reject(error);
        for (const handler of this.pending.values()) handler({ type: "crash", error });
      };
    });
    this.ready.catch(() => {});
    return this.ready;
  }

  say(text) {
    this.status.textContent = text;
  }

  // Progress of Python's start, shown while a Run waits for it.
  starting(text) {
    this.startText = text;
    if (this.waiting) this.say(`Starting Python … ${text}`);
  }

  view(index) {
    const view = this.byIndex.get(Number(index));
    if (!view) throw new Error(`no runnable code cell with index ${index} on this page`);
    return view;
  }

  enqueue(task) {
    const generation = this.generation;
    const next = this.queue.then(() => (generation === this.generation ? task(generation) : null));
    this.queue = next.catch(() => {});
    return next;
  }

  // Run one cell in the worker; resolves to {index, status, text, seconds}.
  async exec(view, generation) {
    const id = `${generation}:${view.cell.index}:${performance.now()}`;
    view.begin();
    const started = performance.now();
    let result;
    try {
      const ready = this.warm();
      if (!this.startedAt) {
        this.waiting = true;
        view.setState("starting Python …");
        this.say(`Starting Python … ${this.startText || ""}`);
      }
      await ready;
      this.waiting = false;
      view.setState("running…");
      result = await new Promise((resolve) => {
        this.pending.set(id, (data) => {
          if (data.type === "stream") view.stream(data.name, data.text);
          else if (data.type === "display") view.display(data);
          else if (data.type === "done") resolve(data.result);
          else if (data.type === "crash") resolve({ status: "error", error: data.error.message });
        });
        const flags = { expect_error: view.cell.expect_error, exercise: this.exercise };
        const name = view.host ? `cell ${view.label}` : "cell (a hidden helper)";
        this.worker.postMessage({ type: "run", id, source: view.currentSource(), name, flags });
      });
    } catch (error) {
      result = { status: "error", error: `The in-page Python could not start: ${error.message}` };
    }
    this.pending?.delete(id);
    if (generation !== this.generation) result = { status: "error", error: "Stopped." };
    const seconds = (performance.now() - started) / 1000;
    const text = view.finish(result, seconds);
    view.ran = true;
    view.ranSource = view.currentSource();
    this.progress(view, result.status);
    if (result.fatal) {
      this.generation += 1; // a queued Run all stops here: the next cells would miss this state
      this.queue = Promise.resolve();
      this.restart(`Cell ${view.label || "(a hidden helper)"} crashed the in-page Python`);
    }
    const entry = { index: view.cell.index, status: result.status, text, seconds, hidden: !view.host };
    this.results.set(view.cell.index, entry);
    return entry;
  }

  // An exercise check's outcome is saved with the edits (passed, failed; not tried otherwise).
  progress(view, status) {
    if (!view.cell.check) return;
    const state = CHECK_STATE[status];
    if (state) this.record.checks[view.cell.index] = { title: view.cell.check, state };
    else delete this.record.checks[view.cell.index];
    this.save();
  }

  // Run cell `index`, after every earlier cell that has not run yet or was edited since it ran
  // (so that what runs is what the editors show).
  run(index) {
    const target = this.view(index);
    return this.enqueue(async (generation) => {
      for (const view of this.cells) {
        if (generation !== this.generation) return null;
        if (view === target) break;
        if (!view.ran || view.ranSource !== view.currentSource()) {
          if (view.ran) this.say(`Cell ${view.label} was edited since it ran: running it again first…`);
          await this.exec(view, generation);
        }
      }
      this.say(`Running cell ${target.label || ""}…`);
      const entry = await this.exec(target, generation);
      if (generation === this.generation) this.say(`Cell ${target.label || ""}: ${entry.status}.`);
      return entry;
    });
  }

  runAll() {
    return this.enqueue(async (generation) => {
      const out = [];
      for (const view of this.cells) {
        if (generation !== this.generation) break;
        this.say(`Running cell ${view.label || "(hidden helper)"} of this page…`);
        out.push(await this.exec(view, generation));
      }
      const shown = out.filter((entry) => !entry.hidden);
      const errors = shown.filter((entry) => entry.status === "error").length;
      const failed = shown.filter((entry) => entry.status === "failed").length;
      const helpers = out.length - shown.length;
      const problems = [errors && `${errors} with an error`, failed && `${failed} check${failed > 1 ? "s" : ""} failed`].filter(Boolean);
      if (generation === this.generation) {
        this.say(`Ran ${shown.length} cells${helpers ? ` (and ${helpers} hidden helper${helpers > 1 ? "s" : ""} they need)` : ""}: ` +
          `${problems.length ? problems.join(", ") : "no errors"}.`);
      }
      return out;
    });
  }

  // Throw the worker away and start a fresh one: nothing computed so far survives.
  restart(why) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.startedAt = null;
    for (const view of this.cells) view.ran = false;
    this.say(`${why}. The in-page Python was restarted, so everything it had computed is lost: ` +
      "running a cell runs the cells above it again first.");
    this.warm();
  }

  stop() {
    this.generation += 1;
    this.queue = Promise.resolve();
    for (const handler of this.pending?.values() || []) handler({ type: "done", result: { status: "error", error: "Stopped by the reader." } });
    this.restart("Stopped");
  }

  setSource(index, code) {
    if (typeof code !== "string") throw new TypeError("setSource(index, code): code must be a string");
    this.view(index).setSource(code);
  }

  reset(index) {
    const view = this.view(index);
    view.reset(view.cell.source);
    delete this.record.cells[view.cell.index];
    this.save();
  }

  act(action, index) {
    if (action === "run-all") return this.runAll();
    if (action === "stop") return this.stop();
    if (action === "download") return this.download();
    const view = this.view(index);
    if (action === "run") return this.run(index);
    if (action === "edit") return view.edit(() => this.run(index));
    if (action === "reset") return this.reset(index);
    return null;
  }
}

Object.assign(Runner.prototype, workspace);

export async function attach(options) {
  const response = await fetch(new URL(`pages/${options.page}.json?v=${options.dataHash}`, options.base));
  if (!response.ok) throw new Error(`the page's cell list is missing (HTTP ${response.status})`);
  const runner = new Runner({ ...options, pageName: options.page, page: await response.json() });
  const api = { warm: () => runner.warm(), act: (a, i) => runner.act(a, i) };
  for (const name of ["run", "runAll", "setSource", "stop", "reset", "notebook"]) api[name] = runner[name].bind(runner);
  api.results = () => Array.from(runner.results.values());
  return api;
}
