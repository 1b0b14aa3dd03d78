// The in-page Python, in a Web Worker: Pyodide (the CPython interpreter compiled to WebAssembly)
// plus Graphviz compiled to WebAssembly (@viz-js/viz) for the `dot` program the book's graphs need.
// Every file comes from this site (`_static/runner/`); nothing is fetched from another host.
//
// Messages in:  {type: "run", id, source, name, flags}
// Messages out: {type: "ready"} | {type: "failed", message} | {type: "stream"|"display", id, ...}
//               | {type: "done", id, result}
import { instance as vizInstance } from "@viz-js/viz";

const here = new URL(import.meta.url);
const version = here.searchParams.get("v") || "";
const asset = (path) => new URL(`${path}?v=${version}`, here).href;
let current = null; // id of the cell being run

function post(kind, payload) {
  const data = payload.toJs ? payload.toJs({ dict_converter: Object.fromEntries }) : payload;
  self.postMessage({ type: kind, id: current, ...data });
}

async function start() {
  const [{ loadPyodide }, viz, archive] = await Promise.all([
    import(asset("pyodide/pyodide.mjs")),
    vizInstance(),
    fetch(asset("packages.zip")).then((r) => {
      if (!r.ok) throw new Error(`packages.zip: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  ]);
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", here).href, packages: [] });
  pyodide.registerJsModule("_book_viz", {
    render: (source, engine, format) => viz.renderString(source, { engine, format }),
  });
  const site = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(archive, "zip", { extractDir: site });
  const runner = pyodide.pyimport("_book_runner");
  runner.start(post);
  return runner;
}

const ready = start();
ready.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", message: String(error && error.message || error) }),
);

self.onmessage = async ({ data }) => {
  if (data.type !== "run") return;
  const runner = await ready;
  current = data.id;
  let result;
  try {
    const proxy = runner.run_cell(data.source, data.name, data.flags);
    result = proxy.toJs({ dict_converter: Object.fromEntries });
    proxy.destroy();
  } catch (error) {
    // A fatal error (e.g. the browser's stack overflowed): this Python cannot be used again.
    result = {
      status: "error",
      fatal: true,
      error: `The in-page Python crashed (${error && error.message}) and has to restart, so ` +
        "everything it had computed is lost. Very deep recursion (for example freeing or walking " +
        "a graph of many thousands of nodes) needs more stack than a browser gives.",
    };
  }
  self.postMessage({ type: "done", id: data.id, result });
  current = null;
};
