"""Prove each exercise's self-check: mutate its reference solution, and the check must fail every mutant.

    python tests/exercise_mutants.py             # every exercise, two processes at a time
    python tests/exercise_mutants.py 3.2 4       # exercise 3.2 and every exercise of chapter 4
    python tests/exercise_mutants.py -v 1.3      # also print each survivor's diff

For each exercise the tool reads its source (`solutions/NN_*.md`, parsed by
`scripts/exercise_gen.py`), takes the code between the solution markers, and makes mutants of it
with `tests/mutation_ops.py` (at most LIMIT, a seeded sample). One subprocess per exercise imports
the checks once and, for each mutant in a fresh namespace, runs the notebook's cells as a learner
would (the earlier exercises with their reference solutions), then the exercise's cells with the
mutant, up to its check cell. Only the check's verdict counts (an error in a demo cell does not):
a mutant is *killed* when the check fails (or hangs past the time limit, so gives no verdict
either); it *survives* when the check prints its pass line. Survivors that compute the same thing as the
solution are listed, with the reason, in `tests/mutant_equivalents.py`; the score is killed /
(mutants - equivalents), and `tests/test_exercise_mutants.py` wants at least 95 % per exercise.

The tool fails loudly (`ToolError`, exit status 2) instead of reporting "all caught" when it
cannot prove anything: an unknown exercise, no solution region or no check cell, no mutants, a
reference solution that fails its own check, a worker that crashes or prints no result, and an
equivalents entry that matches no mutant or that the check kills.
"""

import argparse
import contextlib
import difflib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
EQUIVALENTS = ROOT / "tests" / "mutant_equivalents.py"
LIMIT = 150  # mutants per exercise at most (a seeded sample beyond that)
THRESHOLD = 0.95
SEED = "20261206"  # hidden inputs of the checks, fixed so that a run is reproducible
RESULT = "MUTANTS-RESULT "

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from mutation_ops import mutants  # noqa: E402

from scripts import exercise_gen  # noqa: E402


class ToolError(RuntimeError):
    """The tool cannot prove this check (so it must not report that every mutant was caught)."""


class _Timeout(BaseException):  # not an Exception: the checks must not turn it into a report
    pass


@dataclass
class Plan:
    number: str
    name: str
    prefix: list  # [(where, source)]: the cells before the exercise, reference solutions
    cells: list  # [(index, source)]: the exercise's cells up to and including its check cell
    regions: dict  # {index: [solution line numbers]} for the cells holding solution regions


def chapter_file(number, solutions=SOLUTIONS):
    chapter = number.split(".")[0]
    found = sorted(Path(solutions).glob(f"{int(chapter):02d}_*.md")) if chapter.isdigit() else []
    if not found:
        raise ToolError(f"no exercise source for chapter {chapter!r} in {solutions}")
    return found[0]


def exercises(solutions=SOLUTIONS):
    """Every exercise number, in book order."""
    numbers = []
    for path in sorted(Path(solutions).glob("[0-9][0-9]_*.md")):
        for n in exercise_gen.exercise_numbers(exercise_gen.read_source(path)):
            if n and n not in numbers:
                numbers.append(n)
    return numbers


def plan(number, solutions=SOLUTIONS):
    path = chapter_file(number, solutions)
    nb = exercise_gen.read_source(path)
    numbers = exercise_gen.exercise_numbers(nb)
    if number not in numbers:
        raise ToolError(f"{path.name} has no exercise {number}")
    prefix, cells, regions = [], [], {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "bootstrap" in exercise_gen.tags(cell):
            continue
        if numbers[i] != number:
            if not cells:
                prefix.append((f"<{path.stem} cell {i}>", cell.source))
            continue
        cells.append((i, cell.source))
        for begin, end, _ in exercise_gen.solution_regions(cell.source):
            regions.setdefault(i, []).extend(range(begin + 2, end + 1))
        if exercise_gen.is_check_cell(cell):
            break
    else:
        raise ToolError(f"exercise {number} ({path.name}) has no check cell")
    if not regions:
        raise ToolError(f"exercise {number} ({path.name}) has no solution region to mutate")
    return Plan(number, path.stem, prefix, cells, regions)


def attempt(p, sources, timeout):
    """Run the notebook with the exercise's cells `sources` {index: source}: (outcome, detail)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from micrograd_checks import CheckFailed, core

    core.reset_hints()
    namespace = {"__name__": "__main__", "display": lambda *args, **kwargs: None}
    sys.last_value = None
    limit = sys.getrecursionlimit()

    def alarm(signum, frame):
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    check_index = p.cells[-1][0]
    try:
        for where, source in p.prefix:
            try:
                with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    exec(compile(source, where, "exec"), namespace)
            except Exception as error:  # noqa: BLE001 - the earlier cells must run
                return "earlier cell failed", f"{where} raised {type(error).__name__}: {error}"
        for i, _ in p.cells:
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    exec(compile(sources[i], f"<{p.name} cell {i}>", "exec"), namespace)
            except CheckFailed as error:
                if i == check_index:
                    return "killed", str(error).splitlines()[0]
                sys.last_value = error
            except Exception as error:  # noqa: BLE001 - a mutant may raise anything
                if i == check_index:
                    return "raw error", f"{type(error).__name__}: {error}"[:200]
                sys.last_value = error  # as IPython keeps it; only the check's verdict counts
        printed = out.getvalue()
        if f"✔ Exercise {p.number} passed" in printed:
            return "passed", printed.strip()
        return "killed", f"no pass line: {printed.strip()[:200]}"
    except _Timeout:
        return "timeout", f"no verdict within {timeout:.0f} s"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.setrecursionlimit(limit)
        plt.close("all")


def _diff(old, new):
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return "\n".join(line for line in lines if not line.startswith(("---", "+++", "@@")))


def prove(number, solutions=SOLUTIONS, limit=LIMIT):
    """Run every (sampled) mutant of exercise `number` in this process: a JSON-able result."""
    os.environ["MICROGRAD_CHECKS_SEED"] = SEED
    if not isinstance(limit, int) or limit < 1:
        raise ToolError(f"limit: want the number of mutants to try (1 or more), got {limit!r}")
    p = plan(number, solutions)
    reference = dict(p.cells)
    start = time.perf_counter()
    outcome, detail = attempt(p, reference, timeout=120)
    elapsed = time.perf_counter() - start
    if outcome != "passed":
        raise ToolError(
            f"exercise {number}: the reference solution does not pass its own check "
            f"({outcome}: {detail})"
        )
    made = [(i, m) for i, lines in p.regions.items() for m in mutants(reference[i], lines)]
    if not made:
        raise ToolError(f"exercise {number}: no mutants could be made of its solution")
    chosen = made
    if len(made) > limit:
        keep = set(random.Random(f"exercise {number}").sample(range(len(made)), limit))
        chosen = [m for k, m in enumerate(made) if k in keep]
    timeout = max(5.0, 20 * elapsed)
    results = []
    for i, mutant in chosen:
        outcome, detail = attempt(p, {**reference, i: mutant.source}, timeout)
        results.append(
            {
                "key": mutant.key,
                "line": mutant.line,
                "diff": _diff(reference[i], mutant.source),
                "outcome": outcome,
                "detail": detail,
            }
        )
    return {
        "number": number,
        "generated": len(made),
        "keys": sorted({m.key for _, m in made}),
        "results": results,
    }


def load_equivalents():
    """{(exercise, mutant key): reason} from tests/mutant_equivalents.py."""
    from mutant_equivalents import EQUIVALENTS as entries

    out = {}
    for entry in entries:
        if len(entry) != 3 or not all(isinstance(x, str) and x.strip() for x in entry):
            raise ToolError(f"{EQUIVALENTS.name}: want (exercise, mutant, reason), got {entry!r}")
        if entry[:2] in out:
            raise ToolError(f"{EQUIVALENTS.name}: listed twice: {entry[:2]!r}")
        out[entry[:2]] = entry[2]
    return out


@dataclass
class Report:
    number: str
    generated: int
    tried: int
    killed: list = field(default_factory=list)
    timeouts: list = field(default_factory=list)
    survivors: list = field(default_factory=list)
    equivalent: list = field(default_factory=list)  # [(result, reason)]
    raw_errors: list = field(default_factory=list)

    @property
    def score(self):
        counted = self.tried - len(self.equivalent)
        return (len(self.killed) + len(self.timeouts)) / counted if counted else 1.0

    def line(self):
        return (
            f"{self.number:>5}  {self.generated:4d} made  {self.tried:4d} tried  "
            f"{len(self.killed):4d} killed  {len(self.timeouts):3d} hung  "
            f"{len(self.equivalent):3d} equivalent  {len(self.survivors):3d} survived  "
            f"score {100 * self.score:5.1f} %"
        )

    def details(self):
        rows = [self.line()]
        for r in self.survivors:
            rows += [f"  survivor, line {r['line']}: {r['key']}", _indent(r["diff"])]
        for r in self.timeouts:
            rows.append(f"  hung (no verdict), line {r['line']}: {r['key']}")
        for r in self.raw_errors:
            rows += [f"  check let a raw error through: {r['detail']}", _indent(r["diff"])]
        for r, reason in self.equivalent:
            rows.append(f"  equivalent: {r['key']}  ({reason})")
        return "\n".join(rows)


def _indent(text):
    return "\n".join("      " + line for line in text.splitlines())


def report(result, equivalents):
    number = result["number"]
    r = Report(number, result["generated"], len(result["results"]))
    listed = {key: reason for (n, key), reason in equivalents.items() if n == number}
    stale = sorted(set(listed) - set(result["keys"]))
    if stale:
        raise ToolError(f"exercise {number}: equivalents that match no mutant any more: {stale}")
    for res in result["results"]:
        if res["key"] in listed:
            if res["outcome"] != "passed":
                raise ToolError(
                    f"exercise {number}: {res['key']!r} is listed as equivalent but the check "
                    f"kills it ({res['detail']}): remove it from {EQUIVALENTS.name}"
                )
            r.equivalent.append((res, listed[res["key"]]))
        elif res["outcome"] == "passed":
            r.survivors.append(res)
        elif res["outcome"] == "timeout":
            r.timeouts.append(res)
        else:
            r.killed.append(res)
            if res["outcome"] == "raw error":
                r.raw_errors.append(res)
    return r


def _worker(number, solutions, limit, timeout):
    if isinstance(limit, dict):  # {exercise: limit}, "*" for the others
        limit = limit.get(number, limit.get("*", LIMIT))
    command = [sys.executable, __file__, "--worker", number, "--solutions", str(solutions)]
    command += ["--limit", str(limit)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
        )
    except subprocess.TimeoutExpired:
        raise ToolError(f"exercise {number}: the mutation run took over {timeout} s") from None
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
    if done.returncode == 2 and "cannot prove the checks: " in done.stderr:
        raise ToolError(done.stderr.split("cannot prove the checks: ", 1)[1].strip())
    if done.returncode != 0 or not lines:
        tail = "\n".join(done.stderr.strip().splitlines()[-6:])
        raise ToolError(f"exercise {number}: the mutation worker failed:\n{tail}")
    return json.loads(lines[-1][len(RESULT) :])


def run(numbers, solutions=SOLUTIONS, jobs=2, limit=LIMIT, timeout=3600, equivalents=None):
    """Prove the checks of `numbers` (exercise numbers), one subprocess each: [Report].

    `limit`: mutants per exercise at most (a seeded sample beyond), or {exercise: limit} with
    "*" for the others. Equivalents are matched against every mutant made, sampled or not.
    """
    if not numbers:
        raise ToolError("no exercises to prove")
    equivalents = load_equivalents() if equivalents is None else equivalents
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda n: _worker(n, solutions, limit, timeout), numbers))
    return [report(result, equivalents) for result in results]


def _select(wanted, solutions):
    every = exercises(solutions)
    if not wanted:
        return every
    chosen = [n for n in every if any(n == w or n.split(".")[0] == w for w in wanted)]
    unknown = [w for w in wanted if not any(n == w or n.split(".")[0] == w for n in every)]
    if unknown:
        raise ToolError(f"no such exercise or chapter: {', '.join(unknown)}")
    return chosen


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("exercises", nargs="*", help="exercise numbers (3.2) or chapters (3)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print survivors' diffs")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=LIMIT)
    parser.add_argument("--solutions", default=str(SOLUTIONS))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.worker:
            result = prove(args.worker, Path(args.solutions), args.limit)
            print(RESULT + json.dumps(result))
            return 0
        numbers = _select(args.exercises, Path(args.solutions))
        reports = run(numbers, Path(args.solutions), args.jobs, args.limit)
    except ToolError as error:
        print(f"exercise_mutants: cannot prove the checks: {error}", file=sys.stderr)
        return 2
    for r in reports:
        print(r.details() if args.verbose or r.score < THRESHOLD else r.line())
    weak = [r.number for r in reports if r.score < THRESHOLD]
    if weak:
        print(f"below {100 * THRESHOLD:.0f} %: {', '.join(weak)}")
    return 1 if weak else 0


if __name__ == "__main__":
    sys.exit(main())
