"""Hand-made mutations of the package: does some test fail for each one?

Each mutant (tests/mutant_list.py) replaces one piece of behaviour in micrograd/ (a local
derivative, a check, a default...). The tool copies the repository's files to scratch folders,
checks that the unmutated tests pass there, then applies one mutant at a time and runs the test
files that claim to check that file (stopping at the first failure). A mutant that no test
catches is a *survivor*: a test is missing or too weak.

The tool can fail, and says so: if pytest cannot run (an import error, an internal error, no
tests collected, an exit code other than 0 or 1, exit 1 without a failed test), or the tests
fail on the unmutated code, or the scratch copy imports another `micrograd`, it stops with
exit code 2 and never counts anything as caught.

    python tests/mutants.py                 # every mutant, two at a time
    python tests/mutants.py viz data        # only the mutants of these files
    python tests/mutants.py --what "d tanh" # one mutant
    python tests/mutants.py --jobs 1        # one at a time

Exit codes: 0 every mutant caught, 1 survivors, 2 the tool could not run.
Not collected by pytest (the name does not start with test_); tests/test_mutants.py runs it.
"""

import argparse
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mutant_list import MUTANTS, TESTS

ROOT = Path(__file__).resolve().parent.parent
SLOW = "tests/test_backward.py::test_million_step_chain_backprops_and_frees_under_the_default_recursion_limit"
SUMMARY = re.compile(r"(\d+) (passed|failed|error|errors)\b")
PRINT = threading.Lock()


class CannotRun(Exception):
    """The tool could not run the tests: no verdict is possible."""


def copy_repository(omit=()):
    """The repository's files (tracked and new, not ignored) in a new scratch folder."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    scratch = Path(tempfile.mkdtemp(prefix="micrograd-mutants-"))
    for name in listed:
        if any(name == o or name.startswith(o.rstrip("/") + "/") for o in omit):
            continue
        source = ROOT / name
        if source.is_file() and not name.endswith(".ipynb"):
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, scratch / name)
    return scratch


def pytest(scratch, test_files, python, stop_at_first=True):
    """(exit code, failed test ids, counts, output) of one pytest run in the scratch copy."""
    env = {"PYTHONPATH": str(scratch), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"}
    command = [python, "-m", "pytest", "-q", "--tb=no", "-p", "no:cacheprovider"]
    command += ["-x"] if stop_at_first else []
    command += ["--deselect", SLOW, *test_files]
    done = subprocess.run(command, cwd=scratch, env=env, capture_output=True, text=True)
    out = done.stdout + done.stderr
    failed = [line.split()[1] for line in out.splitlines() if line.startswith("FAILED ")]
    counts = {kind.rstrip("s"): int(n) for n, kind in SUMMARY.findall(out)}
    return done.returncode, failed, counts, out


def verdict(code, failed, counts, out, what):
    """The failing test's id (caught), None (survived), or CannotRun."""
    if code == 0 and counts.get("passed", 0) > 0:
        return None
    if code == 1 and failed and counts.get("failed", 0) == len(failed):
        return failed[0]
    tail = "\n".join(out.strip().splitlines()[-8:])
    raise CannotRun(f"{what}: pytest exit {code}, {counts or 'no summary'}:\n{tail}")


def check_scratch(scratch, modules, python):
    """The copy imports its own micrograd and its tests pass unmutated."""
    check_scratch_imports(scratch, python)
    files = sorted({f for m in modules for f in TESTS[m]})
    code, failed, counts, out = pytest(scratch, files, python, stop_at_first=False)
    if verdict(code, failed, counts, out, "the unmutated tests") is not None:
        raise CannotRun(f"the unmutated tests fail ({failed[:3]}): fix them first")
    return counts.get("passed", 0)


def run_one(scratch, mutant, python):
    module, what, old, new = mutant
    path = scratch / "micrograd" / f"{module}.py"
    original = path.read_text()
    if original.count(old) != 1:
        raise CannotRun(f"{module}: {what}: the text to mutate is not found exactly once")
    path.write_text(original.replace(old, new))
    start = time.time()
    try:
        result = pytest(scratch, TESTS[module], python)
        caught = verdict(*result, what=f"mutant {module}: {what}")
    finally:
        path.write_text(original)
    seconds = time.time() - start
    with PRINT:
        mark = f"caught by {caught}" if caught else "SURVIVED"
        print(f"{module:14} {what:36} {seconds:5.0f} s  {mark}", flush=True)
    return module, what, caught, seconds


def run(modules=(), what=None, jobs=2, python=sys.executable, omit=()):
    """Apply the selected mutants; returns the survivors. Raises CannotRun."""
    chosen = [
        m for m in MUTANTS if (not modules or m[0] in modules) and (what is None or m[1] == what)
    ]
    if not chosen:
        raise CannotRun(f"no mutant matches {sorted(modules)} {what or ''}")
    start = time.time()
    scratches = [copy_repository(omit) for _ in range(max(1, min(jobs, len(chosen))))]
    try:
        passed = check_scratch(scratches[0], {m[0] for m in chosen}, python)
        print(
            f"unmutated: {passed} tests pass in the copy ({time.time() - start:.0f} s)", flush=True
        )
        for scratch in scratches[1:]:
            check_scratch_imports(scratch, python)
        chunks = [chosen[i :: len(scratches)] for i in range(len(scratches))]

        def work(i):
            return [run_one(scratches[i], mutant, python) for mutant in chunks[i]]

        with ThreadPoolExecutor(len(scratches)) as pool:
            results = [r for chunk in pool.map(work, range(len(scratches))) for r in chunk]
    finally:
        for scratch in scratches:
            shutil.rmtree(scratch, ignore_errors=True)
    survivors = [(module, what) for module, what, caught, _ in results if not caught]
    print(
        f"\n{len(results)} mutants, {len(results) - len(survivors)} caught, {len(survivors)} survivors"
    )
    print(f"in {time.time() - start:.0f} s with {len(scratches)} at a time")
    for s in survivors:
        print("   SURVIVED", *s)
    return survivors


def check_scratch_imports(scratch, python):
    """Every module of micrograd/ imports from the copy (not from an installed one)."""
    names = sorted(p.stem for p in (ROOT / "micrograd").glob("*.py") if p.stem != "__init__")
    code = "import importlib\n" + "".join(
        f"print(importlib.import_module('micrograd.{n}').__file__)\n" for n in names
    )
    where = subprocess.run(
        [python, "-c", code],
        cwd=scratch,
        env={"PYTHONPATH": str(scratch), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"},
        capture_output=True,
        text=True,
    )
    files = where.stdout.split()
    if (
        where.returncode
        or len(files) != len(names)
        or not all(f.startswith(str(scratch)) for f in files)
    ):
        raise CannotRun(
            f"the copy does not import its own micrograd: {where.stdout}{where.stderr[-1000:]}"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="only the mutants of these micrograd files")
    parser.add_argument("--what", help="only the mutant with this description")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at a time")
    parser.add_argument("--python", default=sys.executable, help=argparse.SUPPRESS)
    parser.add_argument("--omit", nargs="*", default=(), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    # killed (e.g. by a test's timeout): leave through `finally`, removing the copies
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))
    try:
        survivors = run(set(args.modules), args.what, args.jobs, args.python, args.omit)
    except CannotRun as e:
        print(f"ERROR: the mutation tool could not run, so it has no verdict.\n{e}", flush=True)
        return 2
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
