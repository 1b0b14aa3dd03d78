// The runner's controller, loaded on first use: it keeps the page's cells, runs them in order in
// one Python (a Web Worker), and restarts that Python when the reader presses Stop.
import { CellView } from "./view.js";

class Runner {
  constructor({ base, version, page, hosts, status }) {
    this.base = base;
    this.version = version;
    this.status = status;
    this.exercise = page.exercise;
    const byIndex = new Map(hosts.map((host) => [Number(host.dataset.runnerIndex), host]));
    this.cells = page.cells.map((cell) => new CellView(cell, byIndex.get(cell.index) || null));
    this.byIndex = new Map(this.cells.map((view) => [view.cell.index, view]));
    this.results = new Map();
    this.worker = null;
    this.generation = 0;
    this.queue = Promise.resolve();
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
        if (data.type === "ready") resolve();
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
      await this.warm();
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
    if (result.fatal) {
      this.generation += 1; // a queued Run all stops here: the next cells would miss this state
      this.queue = Promise.resolve();
      this.restart(`Cell ${view.label || "(a hidden helper)"} crashed the in-page Python`);
    }
    const entry = { index: view.cell.index, status: result.status, text, seconds, hidden: !view.host };
    this.results.set(view.cell.index, entry);
    return entry;
  }

  // Run cell `index`, after every earlier cell that has not run yet.
  run(index) {
    const target = this.view(index);
    return this.enqueue(async (generation) => {
      for (const view of this.cells) {
        if (generation !== this.generation) return null;
        if (view === target) break;
        if (!view.ran) await this.exec(view, generation);
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
      const errors = out.filter((entry) => entry.status === "error").length;
      if (generation === this.generation) this.say(`Ran ${out.length} cells: ${errors ? `${errors} with an error` : "no errors"}.`);
      return out;
    });
  }

  // Throw the worker away and start a fresh one: nothing computed so far survives.
  restart(why) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
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
  }

  act(action, index) {
    if (action === "run-all") return this.runAll();
    if (action === "stop") return this.stop();
    const view = this.view(index);
    if (action === "run") return this.run(index);
    if (action === "edit") return view.edit(() => this.run(index));
    if (action === "reset") return this.reset(index);
    return null;
  }
}

export async function attach(options) {
  const response = await fetch(new URL(`pages/${options.page}.json?v=${options.dataHash}`, options.base));
  if (!response.ok) throw new Error(`the page's cell list is missing (HTTP ${response.status})`);
  const runner = new Runner({ ...options, page: await response.json() });
  const api = { warm: () => runner.warm(), act: (a, i) => runner.act(a, i) };
  for (const name of ["run", "runAll", "setSource", "stop", "reset"]) api[name] = runner[name].bind(runner);
  api.results = () => Array.from(runner.results.values());
  return api;
}
