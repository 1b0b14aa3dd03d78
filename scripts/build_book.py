"""Build the book with Jupyter Book so that a rebuild always gives the site a clean build gives.

    python scripts/build_book.py          # incremental where that is safe
    python scripts/build_book.py --all    # re-read and re-write every page (keeps executed notebooks)

- Sphinx warnings are errors (-W), and a notebook cell error fails the build.
- The chapters run against *this* checkout's `micrograd`: the kernel gets this checkout first on its
  path (PYTHONPATH), and before building the script starts the kernel the chapters use and checks
  where `micrograd` comes from. A virtual environment or PYTHONPATH pointing at another copy cannot
  leak into the book: the build stops and says which copy the kernel found.
- Executed notebooks are cached by jupyter-cache, which only looks at a notebook's own code. What
  else the outputs depend on is fingerprinted (`_build/.build-fingerprint.json`):
    execution: `micrograd/` and `micrograd_checks/` (every source file), the kernel's Python and
               the installed distributions (the kernel's and the build's)
               -> clear the execution cache, re-execute every page;
    render:    `book/_ext/` (every file), `book/lecture.yml`, `_config.yml`, `_toc.yml`, which `.ipynb` twins exist
               -> re-read and re-write every page (`--all`), reusing the execution cache.
- After a successful build, the values the chapters glue into their prose are copied to
  book/_glue.json (committed: the notebooks readers launch show them, see book_index.py);
  `make book` regenerates the notebooks afterwards.
- Sphinx re-writes only pages whose own source changed, but every page shows the other pages'
  titles (sidebar, previous/next links) and may show their numbers, labels and citations. After
  each incremental build the script digests that cross-page data from Sphinx's saved environment
  (canonically: the order in which a partial build registered citations or labels does not
  count); if it changed (a renamed chapter, a new label ...) it runs once more with `--all`.
- A no-op is cheap: the kernel's facts are cached (`_build/.kernel-facts.json`), keyed by the
  kernel spec, the kernel's interpreter, the names in its site-packages, the mtimes of its .pth
  files, and the PYTHONPATH entries; and when every input of the site (`inputs_digest`) is what the last
  successful build had, Sphinx is not started at all.
"""

import hashlib
import json
import os
import pickle
import re
import shutil
import stat
import subprocess
import sys
import time
from functools import cache
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
CACHE = BUILD / ".jupyter_cache"
STAMP = BUILD / ".build-fingerprint.json"
FACTS_CACHE = BUILD / ".kernel-facts.json"
ENVIRONMENT = BUILD / ".doctrees" / "environment.pickle"
KERNEL_TIMEOUT = 120  # seconds to start the kernel and import micrograd on a loaded machine

# Run inside the kernel: where micrograd comes from and what the kernel's outputs depend on.
KERNEL_PROBE = """\
import json, sys
from functools import cache
from importlib import metadata
try:
    import micrograd
    _where = micrograd.__file__
except Exception as error:
    _where = f"<cannot import micrograd: {type(error).__name__}: {error}>"
print(json.dumps({
    "micrograd": _where,
    "python": sys.version,
    "executable": sys.executable,
    "distributions": sorted(
        f"{d.metadata['Name']}=={d.version}".lower() for d in metadata.distributions()
    ),
}))
"""


ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class BuildError(Exception):
    """A reason the book cannot be built correctly, said in words a maintainer can act on."""


def tree_digest(*paths):
    """sha256 over the names and bytes of every file under `paths` (folders recursively)."""
    digest = hashlib.sha256()
    for top in paths:
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in files:
            inside = path.relative_to(top).parts if top.is_dir() else ()
            # tool caches (.ruff_cache, __pycache__ ...) are not sources
            if not path.is_file() or any(p.startswith(".") or p == "__pycache__" for p in inside):
                continue
            if path.suffix == ".pyc":
                continue
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def installed_distributions():
    """Every distribution installed for the Python running the build, as "name==version"."""
    return sorted(f"{d.metadata['Name']}=={d.version}".lower() for d in metadata.distributions())


def kernel_env():
    """The environment the build (and so every kernel) runs with: this checkout first on the path."""
    env = dict(os.environ)
    rest = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *rest])
    # The self-checks draw fresh hidden cases on every run; a seed makes the pages' check cells
    # (e.g. "got all 59 hidden checks right") the same in every build.
    env.setdefault("MICROGRAD_CHECKS_SEED", "book")
    return env


def toc_sources():
    """The source file of every page in _toc.yml."""
    from scripts import book_config

    return [book_config.source(name, root=ROOT) for name in book_config.pages(root=ROOT)]


def kernel_names():
    """The kernels the pages ask for (their kernelspec metadata), e.g. {"python3"}."""
    names = set()
    for path in toc_sources():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            meta = json.loads(text).get("metadata", {})
        elif text.startswith("---\n"):
            meta = yaml.safe_load(text.split("\n---", 1)[0][4:]) or {}
        else:
            continue
        name = meta.get("kernelspec", {}).get("name")
        if name:
            names.add(name)
    return names or {"python3"}


def kernel_facts(kernel_name, env):
    """Start `kernel_name` as the chapters get it (cwd book/, the build's env) and run the probe."""
    from jupyter_client.manager import start_new_kernel

    out = []

    def collect(msg):
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            out.append(msg["content"]["text"])

    try:
        manager, client = start_new_kernel(
            kernel_name=kernel_name, cwd=str(ROOT / "book"), env=env, startup_timeout=KERNEL_TIMEOUT
        )
    except Exception as error:
        raise BuildError(f"cannot start the Jupyter kernel {kernel_name!r}: {error}") from error
    try:
        reply = client.execute_interactive(
            KERNEL_PROBE, timeout=KERNEL_TIMEOUT, output_hook=collect
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    if reply["content"]["status"] != "ok":
        raise BuildError(f"the probe failed in kernel {kernel_name!r}: {reply['content']}")
    return json.loads("".join(out))


def _stat_key(path):
    """(path, mtime in ns, size) of a file, or (path, None) when it does not exist.

    A folder is keyed by the names in it, not by its mtime: Python creating a `__pycache__`
    there (any first import of a module in it) changes the mtime but not what can be imported."""
    try:
        info = os.stat(path)
    except OSError:
        return [str(path), None]
    if stat.S_ISDIR(info.st_mode):
        skip = ("__pycache__", "_build")  # caches and the build's own output
        names = sorted(n for n in os.listdir(path) if n not in skip and not n.startswith("."))
        return [str(path), names]
    return [str(path), info.st_mtime_ns, info.st_size]


def kernel_key(kernel_name, env):
    """What the kernel's facts depend on, cheap to compute: its spec (kernel.json), its
    interpreter (the venv's link and the real binary), the site-packages folders of that prefix
    and their .pth files (pip install/uninstall changes a folder's mtime), PYTHONPATH's entries
    and their site customisations. None when the spec cannot be read (then: no cache)."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except Exception:
        return None
    argv0 = spec.argv[0] if spec.argv else ""
    found = shutil.which(argv0, path=env.get("PATH")) if not os.path.isabs(argv0) else argv0
    if not found:
        return None
    exe = Path(found)
    prefix = exe.parent.parent
    stats = [_stat_key(exe), _stat_key(exe.resolve()), _stat_key(prefix / "pyvenv.cfg")]
    for site in sorted(prefix.glob("lib/python*/site-packages")):
        stats.append(_stat_key(site))
        stats += [_stat_key(p) for p in sorted(site.glob("*.pth"))]
        stats += [_stat_key(site / name) for name in ("sitecustomize.py", "usercustomize.py")]
    for entry in env.get("PYTHONPATH", "").split(os.pathsep):
        if entry:
            stats.append(_stat_key(entry))
            stats += [_stat_key(Path(entry) / n) for n in ("sitecustomize.py", "usercustomize.py")]
    return {
        "kernel": kernel_name,
        "spec": {"argv": spec.argv, "env": spec.env, "dir": spec.resource_dir},
        "root": str(ROOT),
        "pythonpath": env.get("PYTHONPATH", ""),
        "stats": stats,
    }


def cached_kernel_facts(kernel_name, env):
    """kernel_facts(), from FACTS_CACHE when nothing it depends on changed (see kernel_key)."""
    key = kernel_key(kernel_name, env)
    try:
        cached = json.loads(FACTS_CACHE.read_text())
    except (OSError, ValueError):
        cached = {}
    entry = cached.get(kernel_name)
    if key is not None and entry and entry.get("key") == key:
        return entry["facts"]
    facts = kernel_facts(kernel_name, env)
    if key is not None:
        cached[kernel_name] = {"key": key, "facts": facts}
        FACTS_CACHE.parent.mkdir(parents=True, exist_ok=True)
        FACTS_CACHE.write_text(json.dumps(cached, indent=1, sort_keys=True) + "\n")
    return facts


def check_micrograd(facts, kernel_name):
    """Fail unless the kernel imports micrograd from this checkout's micrograd/ folder."""
    package = (ROOT / "micrograd").resolve()
    where = facts["micrograd"]
    if where.startswith("<") or package not in Path(where).resolve().parents:
        raise BuildError(
            f"the chapters would run against the wrong micrograd.\n"
            f"  kernel {kernel_name!r} ({facts['executable']}) imports: {where}\n"
            f"  this checkout's package:  {package}\n"
            f"The book must show what this checkout's code does. Build with this checkout's own\n"
            f"environment (`make setup` creates .venv here) and check that nothing on PYTHONPATH,\n"
            f"in a .pth file or a Jupyter kernel spec puts another micrograd first."
        )


def fingerprints(facts):
    twins = "\n".join(sorted(p.name for p in (ROOT / "book").glob("*.ipynb")))
    execution = hashlib.sha256()
    # book/_ext/book_widgets.py makes the figures of two chapters' build cells
    widgets = ROOT / "book" / "_ext" / "book_widgets.py"
    execution.update(tree_digest(ROOT / "micrograd", ROOT / "micrograd_checks", widgets).encode())
    execution.update(json.dumps(facts, sort_keys=True).encode())
    execution.update("\n".join(installed_distributions()).encode())
    render = hashlib.sha256(twins.encode())
    render.update(
        tree_digest(
            ROOT / "book" / "_ext",
            ROOT / "book" / "lecture.yml",  # the watch-along links (book/_ext/lecture.py)
            ROOT / "_config.yml",
            ROOT / "_toc.yml",
        ).encode()
    )
    return {"execution": execution.hexdigest(), "render": render.hexdigest()}


def git_head():
    """The last commit that touched a page's source (pages show the date of their last commit,
    sphinx-last-updated-by-git), or "" without git: a commit elsewhere changes no page."""
    command = ["git", "log", "-1", "--format=%H", "--", "book", "solutions", "_toc.yml"]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def inputs_digest(now):
    """Digest of everything the site is made from: the fingerprints above, every page source and
    twin (`book/`, `solutions/`, `exercises/`), the scripts the extensions read, the config, the
    toc, the npm lock (the in-page runner) and the last commit of the pages (dates from git). Equal to the last
    successful build's and the site present: nothing to do."""
    digest = hashlib.sha256(json.dumps(now, sort_keys=True).encode())
    sources = [ROOT / name for name in ("book", "solutions", "exercises", "scripts")]
    sources += [ROOT / name for name in ("_config.yml", "_toc.yml", "package-lock.json")]
    digest.update(tree_digest(*[p for p in sources if p.exists()]).encode())
    digest.update(git_head().encode())
    return digest.hexdigest()


def _stable(value, bag=False):
    """A deterministic text form of Sphinx environment data (dicts, sets, docutils nodes ...)."""
    # bag=True: lists are multisets (Sphinx's domain registries list entries in the order the
    # pages were read, which differs after a partial build); elsewhere a list's order counts
    if isinstance(value, dict):
        items = [f"{_stable(k, bag)}:{_stable(v, bag)}" for k, v in value.items()]
        return "{" + ",".join(sorted(items)) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_stable(v, bag) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        items = [_stable(v, bag) for v in value]
        return "[" + ",".join(sorted(items) if bag else items) + "]"
    if hasattr(value, "pformat"):  # a docutils node: its whole tree, not just its text
        return value.pformat()
    return ADDRESS.sub("", repr(value))  # objects without a repr of their own: no memory address


def cross_page_digest():
    """Digest of what one page shows of the others: titles, tables of contents, section and figure
    numbers, labels and domain data (citations, equations ...). None if there is no environment."""
    if not ENVIRONMENT.exists():
        return None
    sys.path.insert(0, str(ROOT / "book" / "_ext"))  # the pickle may refer to the book's extension
    try:
        with ENVIRONMENT.open("rb") as f:
            env = pickle.load(f)
    except Exception:
        return None  # unreadable: treat as changed
    finally:
        sys.path.pop(0)
    parts = {
        name: getattr(env, name, None)
        for name in ("titles", "longtitles", "tocs", "toc_num_entries", "toctree_includes")
    }
    parts.update(numbers=(env.toc_secnumbers, env.toc_fignumbers), files=sorted(env.all_docs))
    domains = _stable(dict(env.domaindata), bag=True)
    return hashlib.sha256((_stable(parts) + domains).encode()).hexdigest()


def prune_images(html):
    """Delete the files of `html/_images` that no page shows any more; returns how many.

    Sphinx copies each picture a page shows into `_images/` (named by its content for notebook
    outputs) but never deletes one: after a figure changes, an incremental build would keep the
    old picture beside the new one, which a clean build does not have.
    """
    images = html / "_images"
    if not images.is_dir():
        return 0
    shown = set()
    for page in html.rglob("*.html"):
        shown.update(re.findall(r"_images/([^\"'?#)\s]+)", page.read_text(encoding="utf-8")))
    stale = [path for path in images.iterdir() if path.is_file() and path.name not in shown]
    for path in stale:
        path.unlink()
    return len(stale)


def store_glue(refresh):
    """The numbers the chapters glue into their prose, for the notebooks readers launch: copy them
    from this build into book/_glue.json (`make book` then regenerates the notebooks). Pages whose
    code did not change keep their stored values unless everything was re-executed (`refresh`).
    True when it wrote the file."""
    from scripts import book_index

    executed = BUILD / "jupyter_execute"
    if not any(executed.rglob("*.glue.json")):
        return False  # nothing was glued
    if book_index.write_glue(executed, refresh=refresh):
        print("glued values changed: book/_glue.json updated (now run `make notebooks`)")
        return True
    return False


def jupyter_book(extra, env):
    args = ["build", str(ROOT), "-W", "-n", "--keep-going", *extra]
    command = [str(Path(sys.executable).parent / "jupyter-book"), *args]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


def main(argv):
    env = kernel_env()
    try:
        facts = {}
        for name in sorted(kernel_names()):
            facts[name] = cached_kernel_facts(name, env)
            check_micrograd(facts[name], name)
    except BuildError as error:
        print(f"\nThe book build STOPPED: {error}", file=sys.stderr)
        return 2
    now = fingerprints(facts)
    previous = json.loads(STAMP.read_text()) if STAMP.exists() else {}
    inputs = inputs_digest(now)
    site_there = (BUILD / "html" / "index.html").exists()
    if "--all" not in argv and site_there and previous.get("inputs") == inputs:
        print("Nothing changed since the last build: _build/html is up to date")
        return 0
    extra = []
    if previous.get("execution") != now["execution"]:
        if previous:
            print("micrograd/ or the installed packages changed: re-executing every notebook")
        shutil.rmtree(CACHE, ignore_errors=True)
        extra = ["--all"]
    elif previous.get("render") != now["render"] or "--all" in argv:
        print("book/_ext, the config, the toc or the set of twins changed: re-writing every page")
        extra = ["--all"]
    start = time.perf_counter()
    # Until this build succeeds, the stamp says "executed with these inputs, pages not written":
    # a build that fails or is interrupted is followed by an `--all` one that keeps the cache.
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    STAMP.write_text(json.dumps({"execution": now["execution"]}) + "\n")
    code = jupyter_book(extra, env)
    site = cross_page_digest() if code == 0 else None
    if code == 0 and not extra and site != previous.get("site"):
        print("a title, number or label that other pages show changed: re-writing every page")
        code = jupyter_book(["--all"], env)
        site = cross_page_digest() if code == 0 else None
    if code != 0:
        print(
            "\nThe book build FAILED (see the errors above; warnings count as errors).",
            file=sys.stderr,
        )
        return code
    prune_images(BUILD / "html")
    # re-executed because the package or the environment changed (not a first build): new values
    if store_glue(refresh=bool(previous) and previous.get("execution") != now["execution"]):
        inputs = inputs_digest(now)  # book/_glue.json is an input: what this build wrote counts
    STAMP.write_text(json.dumps({**now, "site": site, "inputs": inputs}, indent=1) + "\n")
    print(f"Built the book in {time.perf_counter() - start:.1f} s: open _build/html/index.html")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # so that `scripts` is importable when run as a file
    sys.exit(main(sys.argv[1:]))
