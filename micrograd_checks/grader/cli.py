"""The command line: a batch in parallel or in shards, rows written as they are decided."""

import argparse
import csv
import io
import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from micrograd_checks.grader import batch, sandbox
from micrograd_checks.grader.verdict import STATUSES

FIELDS = ("notebook", "exercise", "status", "message")


def notebooks(paths):
    """Every file to grade: each path given, and each `*.ipynb` in a folder given (not followed)."""
    for path in map(Path, paths):
        if path.is_dir() and not path.is_symlink():
            yield from sorted(path.glob("*.ipynb"))
        else:
            yield path


def table(rows):
    """The rows as a text table, with each notebook's score and a total."""
    if not rows:
        return "No notebooks graded."
    width = [max(len(h), *(len(str(r[h])) for r in rows)) for h in FIELDS[:3]]
    lines = ["  ".join(h.ljust(w) for h, w in zip(FIELDS, width + [0])).rstrip()]
    lines.append("  ".join("-" * w for w in width + [7]))
    for r in rows:
        message = r["message"] if len(r["message"]) <= 100 else r["message"][:99] + "…"
        cells = [str(r[h]).ljust(w) for h, w in zip(FIELDS, width)] + [message]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    for name in dict.fromkeys(r["notebook"] for r in rows):
        mine = [r for r in rows if r["notebook"] == name]
        passed = sum(r["status"] == "passed" for r in mine)
        lines.append(f"{name}: {passed} of {len(mine)} passed")
    counts = ", ".join(f"{sum(r['status'] == s for r in rows)} {s}" for s in STATUSES)
    lines.append(f"Total: {len(rows)} rows: {counts}")
    return "\n".join(lines)


def write_csv(rows, path):
    text = io.StringIO()
    writer = csv.DictWriter(text, FIELDS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    Path(path).write_text(text.getvalue(), encoding="utf-8")


def read_rows(path):
    """The rows of a --json file (JSON Lines; a cut-off last line is skipped)."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict) and set(FIELDS) <= set(row):
            rows.append({k: str(row[k]) for k in FIELDS})
    return rows


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


def _shard(text):
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        k = n = 0
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"must be K/N with 1 <= K <= N (e.g. 2/4), got {text!r}")
    return k, n


def parser():
    p = argparse.ArgumentParser(
        prog="python -m micrograd_checks.grade",
        description="Grade submitted exercise notebooks in a sandbox. See book/teaching.md.",
    )
    p.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="a .ipynb, or a folder")
    p.add_argument(
        "--json", metavar="FILE", help="write the rows to FILE as JSON Lines, as decided"
    )
    p.add_argument("--csv", metavar="FILE", help="write the rows to FILE as CSV at the end")
    p.add_argument("--timeout", type=_positive(float), default=batch.DEFAULT_TIMEOUT,
                   metavar="SECONDS", help="time limit for each notebook (default %(default)g)")  # fmt: skip
    p.add_argument("--memory", type=_positive(int), default=batch.DEFAULT_MEMORY_MB,
                   metavar="MB", help="memory limit for each notebook (default %(default)s)")  # fmt: skip
    p.add_argument("--jobs", type=_positive(int), default=1, metavar="N",
                   help="notebooks graded at once (default 1)")  # fmt: skip
    p.add_argument("--shard", type=_shard, metavar="K/N",
                   help="grade only the K-th of N equal shares of the notebooks")  # fmt: skip
    p.add_argument("--merge", action="store_true",
                   help="the NOTEBOOKs are --json files of shards: join them, grade nothing")  # fmt: skip
    p.add_argument("--no-sandbox", action="store_true",
                   help="run the notebooks without bubblewrap (only code you trust)")  # fmt: skip
    p.add_argument("--released", metavar="DIR", help="the released exercise notebooks")
    p.add_argument("--solutions", metavar="DIR", help="the solution notebooks (reference runs)")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    if not args.notebooks:
        parser().error("give at least one NOTEBOOK (a .ipynb file or a folder)")
    if args.merge:
        rows = [row for path in args.notebooks for row in read_rows(path)]
        rows.sort(key=lambda r: r["notebook"])
        return _finish(rows, args, write_json=True)
    program = None
    if not args.no_sandbox:
        program = sandbox.bwrap()
        if program is None:
            print(
                "error: no sandbox: bubblewrap (`bwrap`, Debian package bubblewrap) is missing or "
                "cannot create namespaces here. The grader runs students' code only in a sandbox; "
                "pass --no-sandbox to run it unprotected, as your user, on code you trust.",
                file=sys.stderr,
            )
            return 3
    print(f"sandbox: {'bubblewrap' if program else 'none'}; limits: {sandbox.limits_in_use(program)}",
          file=sys.stderr)  # fmt: skip
    paths = list(notebooks(args.notebooks))
    if args.shard:
        k, n = args.shard
        paths = [p for i, p in enumerate(paths) if i % n == k - 1]
    try:
        grader = batch.Grader(args.released, args.solutions, args.timeout, args.memory, program)
    except (RuntimeError, OSError, ValueError) as error:
        print(f"error: --released: {error}", file=sys.stderr)
        return 2
    if not grader.solutions.is_dir():
        print(
            f"error: --solutions: no folder {grader.solutions} (the solution notebooks)",
            file=sys.stderr,
        )
        return 2
    out = open(args.json, "w", encoding="utf-8") if args.json else None  # noqa: SIM115
    lock = threading.Lock()

    def one(path):
        rows = grader.grade(path)
        if out:
            with lock:
                out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
                out.flush()
        return rows

    try:
        with ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(one, paths))
    finally:
        if out:
            out.close()
    rows = [row for rows in results for row in rows]
    return _finish(rows, args, write_json=False)


def _finish(rows, args, write_json):
    print(table(rows))
    if write_json and args.json:
        Path(args.json).write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
    if args.csv:
        write_csv(rows, args.csv)
    return 0
