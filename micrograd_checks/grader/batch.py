"""Grading one notebook and a batch: the released list, the reference runs, rows as decided."""

import ast
import secrets
import threading
from pathlib import Path

from micrograd_checks.grader import notebook, sandbox, verdict

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB = 300.0, 2048
NEVER_RUN = "(not run before hand-in)"


def _check_function(source):
    try:
        call = ast.parse(source).body[0].value
        return call.func.attr
    except (SyntaxError, AttributeError, IndexError):
        return ""


class Grader:
    """Everything shared by a batch: the released notebooks, the salt, the reference runs."""

    def __init__(self, released=None, solutions=None, timeout=DEFAULT_TIMEOUT,
                 memory_mb=DEFAULT_MEMORY_MB, program=None, salt=None):  # fmt: skip
        self.released = notebook.released(released or ROOT / "exercises")
        self.solutions = Path(solutions or ROOT / "solutions")
        self.timeout, self.memory_mb, self.program = timeout, memory_mb, program
        self.salt = salt or secrets.token_hex(8)
        self._references, self._locks, self._lock = {}, {}, threading.Lock()

    def _job(self, stem, cells, token, trusted):
        released = self.released[stem]
        found = notebook.sections(cells)
        return {
            "token": token,
            "salt": self.salt,
            "own_engine": stem[:2] in notebook.OWN_ENGINE,
            "cells": notebook.learner_cells(cells),
            "checks": [
                [
                    n,
                    released["checks"][n],
                    _position(cells, found.get(n, [])),
                    trusted or _check_function(released["checks"][n]) in verdict.OWN_OBJECTS,
                    verdict.SOLVED_BY.get(_check_function(released["checks"][n]), ()),
                ]
                for n, _ in released["exercises"]
            ],
        }

    def _run(self, stem, cells, timeout, trusted=False):
        """Run `cells` in a sandbox; `trusted` (the solution) keeps the check's expectations."""
        token = secrets.token_hex(16)
        data, how = sandbox.run(
            self._job(stem, cells, token, trusted),
            timeout=timeout,
            memory_mb=self.memory_mb,
            program=self.program,
        )
        return verdict.outcome_of(verdict.parse(data, token)), how

    def reference(self, stem):
        """{exercise: transcript} of the solution notebook, run once per batch (same salt)."""
        with self._lock:
            lock = self._locks.setdefault(stem, threading.Lock())
        with lock:  # one run per chapter; chapters run side by side
            if stem not in self._references:
                path = self.solutions / f"{stem}.ipynb"
                cells = notebook.load(path)["cells"]
                report, how = self._run(stem, cells, max(self.timeout, 600), trusted=True)
                found = {}
                for number, outcome in report["results"].items():
                    if isinstance(outcome, list) and outcome[0] == "passed":
                        found[number] = outcome[2]
                self._references[stem] = found
            return self._references[stem]

    def grade(self, path):
        """The rows for one file; never raises (an internal error is that file's error row)."""
        name = str(path)

        def row(exercise, status, message):
            return {"notebook": name, "exercise": exercise, "status": status, "message": message}

        try:
            return self._grade(path, row)
        except notebook.NotGradable as error:
            return [row("", "error", str(error))]
        except Exception as error:  # noqa: BLE001 - one notebook's problem, not the batch's
            return [
                row("", "error", f"internal error of the grader: {type(error).__name__}: {error}")
            ]

    def _grade(self, path, row):
        nb = notebook.load(path)
        cells = nb["cells"]
        stem = notebook.which(cells, Path(path).name, self.released)
        if stem is None:
            return [row("", "error", "no exercises found (no '## Exercise N.M' headings)")]
        released = self.released[stem]
        reference = self.reference(stem)
        report, how = self._run(stem, cells, self.timeout)
        found = notebook.sections(cells)
        headings = [
            m.group(1)
            for kind, source in cells
            if kind == "markdown"
            for m in notebook.EXERCISE_HEADING.finditer(source)
        ]
        rows = []
        for number, _title in released["exercises"]:
            section = found.get(number, [])
            source = released["checks"][number]
            status, message = verdict.exercise_row(
                number,
                section,
                cells,
                report,
                reference.get(number),
                own_objects=_check_function(source) in verdict.OWN_OBJECTS,
                how=how,
                limits=(self.timeout, self.memory_mb),
            )
            changed = _changed(number, section, cells, source, headings)
            if changed:
                status, message = (
                    "check changed",
                    f"{changed}; the released check: {status}: {message}",
                )
            if not nb["ran"]:
                message += f" {NEVER_RUN}"
            rows.append(row(number, status, message))
        for number in dict.fromkeys(h for h in headings if h not in released["checks"]):
            rows.append(row(number, "check changed", f"an exercise {stem} does not have"))
        return rows


def _position(cells, section):
    """Where the exercise's check would run: its check cell, else the end of its section."""
    checks = [i for i in section if notebook.CHECK_CALL.search(cells[i][1])]
    return checks[0] if checks else (section[-1] + 1 if section else len(cells))


def _changed(number, section, cells, released_check, headings):
    """What the submission changed around an exercise's check, or ""."""
    if not section:
        return f"the heading of exercise {number} is missing"
    if headings.count(number) > 1:
        return f"exercise {number}'s heading appears {headings.count(number)} times"
    mine = notebook.check_cells(cells, section)
    if not mine:
        return "the check cell is missing"
    if len(mine) > 1:
        return f"{len(mine)} check cells instead of 1"
    if mine[0] != released_check:
        return "the check cell was edited"
    return ""
