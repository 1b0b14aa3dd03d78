"""Rows per minute of the teachers' grader on generated capstone submissions, at 1 and N jobs.

    python benchmarks/bench_grade.py [--count 200] [--jobs N] [--timeout 300]

Makes `--count` capstone notebooks in a temporary folder (every third one with `__mul__`'s local
gradients swapped, the rest copies of the solution), grades them with `python -m micrograd_checks.grade`
(in its bubblewrap sandbox) once with `--jobs 1` and once with `--jobs N` (default: the number of
CPU cores), and prints rows per minute for each and their ratio. It also checks the verdicts: the
copies of the solution must pass every row, the wrong ones must fail exercise 8.2, so a fast but
wrong grader does not look good here.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
RIGHT = "(self, other), (other.data, self.data))"
WRONG = "(self, other), (self.data, other.data))"  # the local gradients swapped


def make(folder, count):
    nb = nbformat.read(ROOT / "solutions" / "08_capstone.ipynb", as_version=4)
    wrong = nbformat.read(ROOT / "solutions" / "08_capstone.ipynb", as_version=4)
    for cell in wrong.cells:
        if RIGHT in cell.source:
            cell.source = cell.source.replace(RIGHT, WRONG, 1)
            break
    else:
        raise SystemExit(
            "cannot find value_mul's gradients in the capstone solution to make a wrong one"
        )
    kinds = {}
    for i in range(count):
        kind = "wrong" if i % 3 == 2 else "right"
        name = f"student_{i:03d}.ipynb"
        nbformat.write(wrong if kind == "wrong" else nb, folder / name)
        kinds[name] = kind
    return kinds


def grade(folder, jobs, timeout):
    out = folder.parent / f"rows_{jobs}.jsonl"
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "micrograd_checks.grade", "--jobs", str(jobs)]
        + ["--timeout", str(timeout), "--json", str(out), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        raise SystemExit(f"the grader failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    return rows, elapsed


def verify(rows, kinds):
    for name, kind in kinds.items():
        mine = {r["exercise"]: r["status"] for r in rows if Path(r["notebook"]).name == name}
        if kind == "right" and set(mine.values()) != {"passed"}:
            raise SystemExit(f"{name} (a copy of the solution) did not pass: {mine}")
        if kind == "wrong" and mine.get("8.2") != "failed":
            raise SystemExit(f"{name} (a wrong __mul__) was not failed on 8.2: {mine}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="submissions (default 200)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="N (default: cores)")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    if args.count < 1 or args.jobs < 1:
        parser.error("--count and --jobs must be positive")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "submissions"
        folder.mkdir()
        kinds = make(folder, args.count)
        speeds = {}
        for jobs in dict.fromkeys([1, args.jobs]):
            rows, elapsed = grade(folder, jobs, args.timeout)
            verify(rows, kinds)
            speeds[jobs] = len(rows) / elapsed * 60
            print(
                f"--jobs {jobs}: {len(rows)} rows in {elapsed:.1f} s: {speeds[jobs]:.1f} rows/minute"
            )
        if args.jobs != 1:
            print(f"speed-up at {args.jobs} jobs: {speeds[args.jobs] / speeds[1]:.2f}x")


if __name__ == "__main__":
    main()
