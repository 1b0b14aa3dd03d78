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

const progress = (text) => self.postMessage({ type: "progress", text });

// The runner's big files (Python's WebAssembly, its standard library, the book's packages) are
// kept in the Cache API under this version, so the next page (or visit) starts without fetching
// them again; older versions are dropped. Without the Cache API (e.g. not a secure context) the
// HTTP cache does what it can.
const CACHE = `micrograd-book-runner-${version}`;
const networkFetch = self.fetch.bind(self);
async function cachedFetch(input, init) {
  const url = new URL(input instanceof Request ? input.url : String(input), here);
  if (!self.caches || url.origin !== here.origin || !url.pathname.startsWith(new URL("./", here).pathname)) {
    return networkFetch(input, init);
  }
  try {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(url.href);
    if (hit) return hit;
    const response = await networkFetch(input, init);
    if (response.ok) await cache.put(url.href, response.clone());
    return response;
  } catch (error) {
    return networkFetch(input, init);
  }
}
self.fetch = cachedFetch;
if (self.caches) {
  caches.keys().then((names) => names
    .filter((n) => n.startsWith("micrograd-book-runner-") && n !== CACHE)
    .forEach((n) => caches.delete(n)), () => {});
}

async function start() {
  progress("(1 of 3: fetching Python, about 15 MB the first time, then kept in this browser)");
  const [{ loadPyodide }, viz, archive] = await Promise.all([
    import(asset("pyodide/pyodide.mjs")),
    vizInstance(),
    cachedFetch(asset("packages.zip")).then((r) => {
      if (!r.ok) throw new Error(`packages.zip: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  ]);
  progress("(2 of 3: starting the interpreter)");
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", here).href, packages: [] });
  progress("(3 of 3: unpacking the book's code)");
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
