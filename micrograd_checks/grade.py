"""Grade submitted exercise notebooks: one row per notebook and exercise, plus a total.

    python -m micrograd_checks.grade [--json FILE] [--timeout SECONDS] [--memory MB] NOTEBOOK...

A NOTEBOOK may be a folder: every `*.ipynb` in it is graded. Each row's status is one of
`STATUSES`: the exercise's check passed; it failed (the message is the check's first line); the
exercise is not done (its stub is untouched); an error (the learner's code crashed before or in
the check, the check cell is missing, the kernel died, the file is not a notebook); or the
notebook ran out of time. `--json FILE` writes the same rows as a list of
`{"notebook", "exercise", "status", "message"}` objects.

THIS RUNS THE STUDENTS' CODE. Each notebook runs in a fresh Jupyter kernel (nbclient), in its own
process and an empty temporary folder, from the first cell to the last, under a time limit for
the whole notebook (`--timeout`, wall clock, with a CPU-time limit behind it) and a memory limit
per process (`--memory`, address space). The limits stop runaway notebooks (an endless loop, a
huge list), not hostile ones: the code runs as your user, can read your files and reach the
network. Grade submissions you do not trust inside a throwaway container or virtual machine.

The grader never trusts outputs stored in a submission: it runs every notebook again.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATUSES = ("passed", "failed", "not done", "error", "timed out")
# The conventions of the exercise notebooks (scripts/exercise_gen.py uses these too).
EXERCISE_HEADING = re.compile(r"^#{2,3}\s+Exercise\s+(\d+\.\d+)\b", re.MULTILINE)
CHECK_CALL = re.compile(r"\bchecks\.check_\w+\(")
PASSED_LINE = re.compile(r"^✔ Exercise (\S+) passed\b.*$", re.MULTILINE)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELL_FILE = re.compile(r"\((?:[^()]*/)?\d+\.py, line (\d+)\)")  # the kernel's file for a cell
STUB_ERRORS = ("NotImplementedError",)
DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB = 300.0, 2048
NEVER_RUN = "(not run before hand-in)"


def _first_line(text, limit=200):
    line = next((s.strip() for s in ANSI.sub("", str(text)).splitlines() if s.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


# ----- the worker: runs one notebook in its own process, reporting each cell as a JSON line -----


def _emit(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def _limit_resources(seconds, memory_mb):
    """Limits this process and the kernel it starts (children inherit them)."""
    import resource

    memory = int(memory_mb) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(seconds) + 30
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 10))


def _summary(cell):
    error = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
    text = "".join(
        o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream"
    )
    return {
        "error": [
            error.get("ename", ""),
            CELL_FILE.sub(r"(line \1 of the cell)", _first_line(error.get("evalue", ""))),
        ]
        if error
        else None,
        "text": ANSI.sub("", text)[-2000:],
    }


def _worker(path, seconds, memory_mb):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    _limit_resources(seconds, memory_mb)
    nb = nbformat.read(path, as_version=4)
    deadline = time.monotonic() + seconds
    current = {"index": None}

    def on_start(cell, cell_index, **_):
        current["index"] = cell_index

    def on_executed(cell, cell_index, **_):
        _emit(event="cell", index=cell_index, **_summary(cell))

    def on_kernel(**_):  # the kernel runs in its own session: the grader may have to kill it
        _emit(event="kernel", pid=getattr(client.km.provisioner, "pid", None))

    with tempfile.TemporaryDirectory(prefix="grade-") as folder:
        client = NotebookClient(
            nb,
            kernel_name="python3",
            allow_errors=True,
            timeout_func=lambda cell: max(1, int(deadline - time.monotonic())),
            startup_timeout=120,
            resources={"metadata": {"path": folder}},
            on_notebook_start=on_kernel,
            on_cell_start=on_start,
            on_cell_executed=on_executed,
        )
        try:
            client.execute()
        except CellTimeoutError:
            _emit(event="timeout", index=current["index"])
        except DeadKernelError:
            _emit(event="dead", index=current["index"])
        else:
            _emit(event="done")


# ----- the grader: one worker per notebook, rows from what it reported -----


def _run_worker(path, seconds, memory_mb):
    """The worker's events for one notebook; never raises, never waits past the time limit."""
    cmd = [sys.executable, "-m", "micrograd_checks.grade", "--worker", str(path)]
    cmd += ["--timeout", str(seconds), "--memory", str(memory_mb)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True)
        try:
            process.wait(timeout=seconds + 60)  # the worker stops itself at `seconds`
            killed = False
        except subprocess.TimeoutExpired:
            killed = True
        out.seek(0)
        events = [json.loads(line) for line in out if line.startswith("{")]
        if killed:
            _kill(process, events)
            events.append({"event": "timeout", "index": None})
        if not events or events[-1]["event"] not in ("done", "timeout", "dead"):
            err.seek(0)
            lines = [line for line in err.read()[-4000:].splitlines() if line.strip()]
            events.append({"event": "crash", "message": _first_line(lines[-1] if lines else "")})
    return events


def _kill(process, events):
    pids = [e["pid"] for e in events if e["event"] == "kernel" and e.get("pid")]
    for group in [process.pid, *pids]:
        try:
            os.killpg(group, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    process.wait()


def _sections(nb):
    """[(exercise number, [indexes of its cells])], in notebook order."""
    sections = []
    for i, cell in enumerate(nb.cells):
        match = EXERCISE_HEADING.search(cell.source) if cell.cell_type == "markdown" else None
        if match:
            sections.append((match.group(1), []))
        if sections:
            sections[-1][1].append(i)
    return sections


def _check_class(ename):
    """The class of micrograd_checks.core's hierarchy called `ename` (None if it is not one)."""
    import micrograd_checks  # noqa: F401  (loads every module, so every subclass is known)
    from micrograd_checks import core

    def subclasses(cls):
        return [cls] + [s for sub in cls.__subclasses__() for s in subclasses(sub)]

    return {cls.__name__: cls for cls in subclasses(core.CheckFailed)}.get(ename)


def _status_of_error(ename):
    """The status for a check cell that raised `ename`, found through the class hierarchy:
    NotImplementedYet and below: not done; LearnerError (the learner's code crashed), if the
    checks have it: error; any other CheckFailed: failed; anything else: error."""
    from micrograd_checks import core

    cls = _check_class(ename)
    learner_error = getattr(core, "LearnerError", None)
    if cls is None or (learner_error is not None and issubclass(cls, learner_error)):
        return "error"
    return "not done" if issubclass(cls, core.NotImplementedYet) else "failed"


def _describe(nb, index):
    source = nb.cells[index].source.strip().splitlines() if index is not None else []
    return f"cell {index + 1} ({_first_line(source[0], 60)})" if source else "a cell"


def _exercise_row(nb, number, cells, executed, stop, limits):
    code = [i for i in cells if nb.cells[i].cell_type == "code"]
    checks = [i for i in code if CHECK_CALL.search(nb.cells[i].source)]
    if not checks:
        return "error", f"no check cell: the cell calling checks.check_…() for {number} is gone"
    check = checks[0]
    if check not in executed:
        kind, where = stop
        if kind == "timeout":
            return "timed out", f"over the {limits[0]:g} s limit, in {_describe(nb, where)}"
        if kind == "dead":
            return "error", (
                f"the kernel died in {_describe(nb, where)} (a crash, or over the "
                f"{limits[1]} MB memory limit)"
            )
        return "error", f"the grader could not run the notebook: {where}"
    before = [i for i in cells if i < check and i in executed and executed[i]["error"]]
    crashed = [i for i in before if executed[i]["error"][0] not in STUB_ERRORS]
    result = executed[check]
    if result["error"] is None:
        passed = list(PASSED_LINE.finditer(result["text"]))
        if passed and passed[-1].group(1) == number:
            return "passed", _first_line(passed[-1].group(0)).split(" passed: ", 1)[-1]
        if passed:
            return "error", f"the check cell checks exercise {passed[-1].group(1)}, not {number}"
        return "error", "the check cell ran but printed no result (was it edited?)"
    if crashed:
        ename, evalue = executed[crashed[0]]["error"]
        return "error", f"{_describe(nb, crashed[0])} raised {ename}: {evalue}"
    ename, evalue = result["error"]
    if _check_class(ename) is None:
        return "error", f"the check cell raised {ename}: {evalue}"
    return _status_of_error(ename), evalue.lstrip("✘⏳ ").strip()


def grade_notebook(path, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB):
    """The rows for one notebook (a list of dicts with notebook, exercise, status, message)."""
    import nbformat

    name = str(path)

    def row(exercise, status, message):
        return {"notebook": name, "exercise": exercise, "status": status, "message": message}

    try:
        nb = nbformat.read(path, as_version=4)
    except FileNotFoundError:
        return [row("", "error", "no such file")]
    except Exception as error:  # noqa: BLE001 (anything unreadable is one row, not a traceback)
        return [row("", "error", f"not a valid notebook: {_first_line(error)}")]
    sections = _sections(nb)
    if not sections:
        return [row("", "error", "no exercises found (no '## Exercise N.M' headings)")]
    code = [c for c in nb.cells if c.cell_type == "code"]
    never_run = all(c.get("execution_count") is None and not c.get("outputs") for c in code)
    events = _run_worker(path, timeout, memory_mb)
    executed = {e["index"]: e for e in events if e["event"] == "cell"}
    last = events[-1]
    stop = (last["event"], last.get("index") if last["event"] != "crash" else last["message"])
    rows = []
    for number, cells in sections:
        status, message = _exercise_row(nb, number, cells, executed, stop, (timeout, memory_mb))
        if never_run:
            message += f" {NEVER_RUN}"
        rows.append(row(number, status, message))
    return rows


def notebooks(paths):
    for path in map(Path, paths):
        yield from sorted(path.glob("*.ipynb")) if path.is_dir() else [path]


def table(rows):
    """The rows as a text table, with each notebook's score and a total."""
    if not rows:
        return "No notebooks graded."
    heads = ("notebook", "exercise", "status", "message")
    width = [max(len(h), *(len(r[h]) for r in rows)) for h in heads[:3]]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, width + [0])).rstrip()]
    lines.append("  ".join("-" * w for w in width + [7]))
    for r in rows:
        message = r["message"] if len(r["message"]) <= 100 else r["message"][:99] + "…"
        cells = [r[h].ljust(w) for h, w in zip(heads, width)] + [message]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    for name in dict.fromkeys(r["notebook"] for r in rows):
        mine = [r for r in rows if r["notebook"] == name]
        passed = sum(r["status"] == "passed" for r in mine)
        lines.append(f"{name}: {passed} of {len(mine)} passed")
    counts = ", ".join(f"{sum(r['status'] == s for r in rows)} {s}" for s in STATUSES)
    lines.append(f"Total: {len(rows)} rows: {counts}")
    return "\n".join(lines)


def _positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not value > 0:
            raise argparse.ArgumentTypeError(f"must be a positive number, got {text!r}")
        return value

    return parse


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m micrograd_checks.grade",
        description="Run submitted exercise notebooks and tabulate their checks. "
        "This runs the students' code: see the module's documentation for its limits.",
    )
    parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK", help="a .ipynb, or a folder")
    parser.add_argument("--json", metavar="FILE", help="also write the rows to FILE as JSON")
    parser.add_argument(
        "--timeout",
        type=_positive(float),
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time limit for each whole notebook (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--memory",
        type=_positive(int),
        default=DEFAULT_MEMORY_MB,
        metavar="MB",
        help=f"memory limit per process, in MB (default {DEFAULT_MEMORY_MB})",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.notebooks[0], args.timeout, args.memory)
        return 0
    rows = []
    for path in notebooks(args.notebooks):
        rows += grade_notebook(path, args.timeout, args.memory)
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
