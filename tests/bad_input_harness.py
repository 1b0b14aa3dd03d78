"""The bad-input harness: call the public API wrongly and classify what happens.

Every row of a `tests/test_bad_input_*.py` table is one call. A `bad(...)` row
expects an exception of a given type whose message contains every fragment
(case-insensitively): the fragments name the argument and what it should be.
An `ok(...)` row is a call that used to give a silent wrong result: it must
now return the right one. Each call runs under a timeout, so a hang is a
failure, not a stuck test run.

Outcomes: "clear" (the row is satisfied), "opaque" (an exception of another
type, or a message without the fragments), "silent" (no exception, or a wrong
result) and "hang" (no answer within TIMEOUT seconds).

    python tests/bad_input_harness.py    # the counts per table
"""

import importlib
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT = 5.0  # seconds; the slowest good call in the tables takes < 0.5 s
MODULES = ["engine", "nn", "losses", "optim", "data", "gradcheck", "viz"]


class Hang(Exception):
    pass


@dataclass
class Row:
    name: str
    call: object
    error: type = None  # the exception a bad call must raise
    fragments: tuple = ()
    right: object = None  # for ok(): result -> True when the result is right
    marks: list = field(default_factory=list)

    def __repr__(self):
        return self.name


def bad(name, call, error, *fragments):
    return Row(name, call, error, fragments)


def ok(name, call, right):
    return Row(name, call, right=right)


def _on_alarm(signum, frame):
    raise Hang()


def outcome(row):
    """(kind, detail) for one row; kind is clear, opaque, silent or hang."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        result = row.call()
    except Hang:
        return "hang", f"no answer after {TIMEOUT} s"
    except Exception as e:  # noqa: BLE001 - classifying is the point
        message = str(e)
        if row.error is None:
            return "opaque", f"raised {type(e).__name__}: {message}"
        missing = [f for f in row.fragments if f.lower() not in message.lower()]
        if not isinstance(e, row.error) or missing:
            return "opaque", (
                f"raised {type(e).__name__}: {message!r}; expected "
                f"{row.error.__name__} mentioning {missing or row.fragments}"
            )
        return "clear", message
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if row.error is not None:
        return "silent", f"returned {result!r:.80} instead of raising"
    if not row.right(result):
        return "silent", f"wrong result {result!r:.80}"
    return "clear", "right result"


def check(row):
    kind, detail = outcome(row)
    assert kind == "clear", f"{row.name}: {kind}: {detail}"


def ids(rows):
    return [row.name for row in rows]


def counts():
    """{module: {kind: count}} over every table."""
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    table = {}
    for module in MODULES:
        rows = importlib.import_module(f"test_bad_input_{module}").CASES
        kinds = {"clear": 0, "opaque": 0, "silent": 0, "hang": 0}
        for row in rows:
            kinds[outcome(row)[0]] += 1
        table[module] = kinds
    return table


if __name__ == "__main__":
    import matplotlib

    matplotlib.use("Agg")
    total = {"clear": 0, "opaque": 0, "silent": 0, "hang": 0}
    print(f"{'module':10} {'cases':>5} {'clear':>5} {'opaque':>6} {'silent':>6} {'hang':>4}")
    for module, kinds in counts().items():
        for k, n in kinds.items():
            total[k] += n
        print(
            f"{module:10} {sum(kinds.values()):5} {kinds['clear']:5} "
            f"{kinds['opaque']:6} {kinds['silent']:6} {kinds['hang']:4}"
        )
    print(
        f"{'total':10} {sum(total.values()):5} {total['clear']:5} "
        f"{total['opaque']:6} {total['silent']:6} {total['hang']:4}"
    )
