"""The runner's files in the site (`_static/runner/`), built once from pinned packages.

- `boot.js` (every page, a few KB), `ui.js` (controller + CodeMirror editor) and `worker.js`
  (the Web Worker with @viz-js/viz): bundled by esbuild from `book/_ext/runner_src/`.
- `pyodide/`: Pyodide's core files, copied from `node_modules/pyodide`.
- `packages.zip`: what the page's Python imports beyond the standard library: this checkout's
  `micrograd/` and `micrograd_checks/`, the pure-Python `graphviz` package of the build's environment, and the runner's
  own Python (`runner_src/python/`). Built with fixed timestamps, so the same inputs give the
  same bytes.

The assets are built into `_build/.runner/<version>/` where `version` is a hash of every input,
so a rebuild with unchanged inputs reuses them and the pages' asset URLs change exactly when the
assets do.
"""

import hashlib
import importlib.util
import shutil
import subprocess
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE.parent / "runner_src"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
BUNDLES = {"boot.js": ["--format=iife"], "ui.js": ["--format=esm"], "worker.js": ["--format=esm"]}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class AssetError(RuntimeError):
    """The runner's assets cannot be built (e.g. the npm packages are not installed)."""


def _python_files(folder):
    return sorted(p for p in Path(folder).rglob("*.py") if "__pycache__" not in p.parts)


def package_sources(root):
    """[(path inside the zip, file)] for every Python file the page's Python gets."""
    spec = importlib.util.find_spec("graphviz")
    if spec is None or not spec.submodule_search_locations:
        raise AssetError("the runner needs the `graphviz` Python package: run `make setup`")
    graphviz = Path(spec.submodule_search_locations[0])
    pairs = [
        (p.relative_to(root).as_posix(), p)
        for package in ("micrograd", "micrograd_checks")
        for p in _python_files(Path(root) / package)
    ]
    pairs += [(p.relative_to(graphviz.parent).as_posix(), p) for p in _python_files(graphviz)]
    python = SOURCES / "python"
    pairs += [(p.relative_to(python).as_posix(), p) for p in _python_files(python)]
    return sorted(pairs)


def inputs(root):
    """Every file the assets are made from (the version hashes them all)."""
    node = Path(root) / "node_modules"
    files = [(f"runner/{p.name}", p) for p in sorted(HERE.glob("*.py"))]
    files += [
        (p.relative_to(SOURCES).as_posix(), p) for p in sorted(SOURCES.glob("*.*"))
    ]  # incl. imports
    files += [(f"zip/{name}", path) for name, path in package_sources(root)]
    files.append(("package-lock.json", Path(root) / "package-lock.json"))
    files.append(("exercise_gen.py", Path(root) / "scripts" / "exercise_gen.py"))  # the stubs
    files += [(f"pyodide/{name}", node / "pyodide" / name) for name in ("package.json",)]
    return files


def version(root):
    digest = hashlib.sha256()
    for name, path in inputs(root):
        digest.update(name.encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def write_zip(target, pairs):
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in pairs:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, Path(path).read_bytes())


def _esbuild(root, source, target, options):
    esbuild = Path(root) / "node_modules" / ".bin" / "esbuild"
    command = [str(esbuild), str(source), "--bundle", "--minify", f"--outfile={target}"]
    result = subprocess.run(command + options, cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssetError(f"esbuild failed on {source.name}:\n{result.stderr}")


def build(root, cache):
    """Build (or reuse) the assets; returns (folder holding `runner/`, version)."""
    root, cache = Path(root), Path(cache)
    node = root / "node_modules"
    if not (node / "pyodide" / "package.json").exists() or not (node / ".bin" / "esbuild").exists():
        raise AssetError(
            "the in-page runner needs the pinned npm packages (Pyodide, Viz.js, CodeMirror, "
            "esbuild) in node_modules: run `make node` (npm ci) first"
        )
    tag = version(root)
    done = cache / tag
    if (done / ".complete").exists():
        return done, tag
    for old in cache.glob("*"):
        shutil.rmtree(old, ignore_errors=True)
    out = done / "runner"
    (out / "pyodide").mkdir(parents=True)
    for name, options in BUNDLES.items():
        _esbuild(root, SOURCES / name, out / name, options)
    shutil.copyfile(SOURCES / "runner.css", out / "runner.css")
    for name in PYODIDE_FILES:
        shutil.copyfile(node / "pyodide" / name, out / "pyodide" / name)
    write_zip(out / "packages.zip", package_sources(root))
    (done / ".complete").write_text(tag)
    return done, tag
