"""From what the worker sent on its channel to one row per exercise, decided here.

A row is `passed` only if the released check, run on the learner's code, passed in the worker
AND every number the learner's code gave a comparison agrees (to the check's tolerance) with the
number the reference solution gave the same check, with the same salted cases, in the grader's
own reference run. The worker's word alone never passes anyone.
"""

import json
import math

STATUSES = ("passed", "failed", "not done", "error", "timed out", "check changed")
STUB_ERRORS = ("NotImplementedError",)
# Checks whose expected numbers come from the learner's own objects (their random weights, their
# training run): there the learner's numbers are compared with the check's expectations as the
# worker computed them, and the grader compares the shape of the transcript with the reference.
OWN_OBJECTS = ("check_my_neuron", "check_my_mlp", "check_moons_training", "check_own_mlp")
OWN_OBJECTS += ("check_own_training",)
# The package's functions that would do an exercise's work: the learner's code must not call them
# while the check runs (the worker watches with a profiler). The capstone hides the engine instead.
_ORDER = ("micrograd.engine:topological_order", "micrograd.engine:Value.backward")
_NN = ("micrograd.nn:Neuron.__call__", "micrograd.nn:Layer.__call__", "micrograd.nn:MLP.__call__")
_LOSSES = ("micrograd.losses:softmax", "micrograd.losses:cross_entropy")
SOLVED_BY = {
    "check_topo_sort": _ORDER,
    "check_topo_sort_iterative": _ORDER,
    "check_backward": _ORDER,
    "check_kahn_order": _ORDER,
    "check_neuron_forward": _NN,
    "check_my_neuron": _NN,
    "check_my_mlp": _NN,
    "check_softmax": _LOSSES,
    "check_cross_entropy": _LOSSES,
    "check_cross_entropy_grad": _LOSSES,
}


def parse(data, token):
    """The channel's messages that carry this run's token (anything else is ignored)."""
    messages = []
    for line in data.split(b"\n"):
        try:
            message = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(message, dict) and message.get("token") == token:
            messages.append(message)
    return messages


def outcome_of(messages):
    """{"cells": {index: error}, "started": last cell index, "results": {ex: outcome}, "end"}."""
    report = {"cells": {}, "started": None, "results": {}, "end": None}
    for m in messages:
        event = m.get("event")
        if event == "start" and report["end"] is None:
            report["started"] = m.get("index")
        elif event == "cell":
            report["cells"][m.get("index")] = m.get("error")
        elif event == "result" and m.get("exercise") not in report["results"]:
            report["results"][m.get("exercise")] = m.get("outcome")
        elif event in ("done", "crash") and report["end"] is None:
            report["end"] = m
    return report


def _close(a, b, tol):
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b, tol)):
        return False
    return math.isfinite(a) and abs(a - b) <= tol * max(1.0, abs(b))


def agrees(mine, reference, own_objects):
    """Does the learner's transcript agree with the reference's? (True, "") or (False, why)."""
    if not isinstance(mine, list) or len(mine) != len(reference):
        count = len(mine) if isinstance(mine, list) else 0
        return False, f"the check made {count} comparisons, the reference {len(reference)}"
    for i, (got, ref) in enumerate(zip(mine, reference), 1):
        if not isinstance(got, list) or len(got) != 4 or got[0] != ref[0]:
            return False, f"comparison {i} is not the one the reference made"
        if ref[0] != "close":
            continue
        tol = ref[3] if isinstance(ref[3], (int, float)) else 1e-6
        target = got[2] if own_objects else ref[2]
        if target is None and ref[1] is not None:
            target = ref[1]
        if not _close(got[1], target, tol):
            return (
                False,
                f"comparison {i}: your code gave {got[1]!r}, the grader expected {target!r}",
            )
    return True, ""


def check_class(ename):
    """The class of micrograd_checks.core's hierarchy called `ename` (None if it is not one)."""
    import micrograd_checks  # noqa: F401  (loads every module, so every subclass is known)
    from micrograd_checks import core

    def subclasses(cls):
        return [cls] + [s for sub in cls.__subclasses__() for s in subclasses(sub)]

    return {cls.__name__: cls for cls in subclasses(core.CheckFailed)}.get(ename)


def status_of_error(ename):
    """NotImplementedYet and below: not done; LearnerError: error; other CheckFailed: failed;
    anything else: error."""
    from micrograd_checks import core

    cls = check_class(ename)
    if cls is None or issubclass(cls, core.LearnerError):
        return "error"
    return "not done" if issubclass(cls, core.NotImplementedYet) else "failed"


def describe(cells, index):
    if index is None or not 0 <= index < len(cells):
        return "a cell"
    lines = [s for s in cells[index][1].strip().splitlines() if s.strip()]
    first = lines[0].strip() if lines else ""
    return f"cell {index + 1} ({first[:59] + '…' if len(first) > 60 else first})"


def exercise_row(number, section, cells, report, reference, *, own_objects, how, limits):
    """(status, message) for one exercise, before any note about changed check cells."""
    outcome = report["results"].get(number)
    if how == "memory":
        return "error", (
            f"over the {limits[1]} MB memory limit (all the notebook's processes and files "
            f"together), in {describe(cells, report['started'])}"
        )
    if not isinstance(outcome, list) or len(outcome) != 3:
        where = describe(cells, report["started"])
        if how == "timeout":
            return "timed out", f"over the {limits[0]:g} s limit, in {where}"
        if how == "overflow":
            return "error", "the notebook sent the grader too much data (over the output limit)"
        end = report["end"]
        if end and end.get("event") == "crash":
            return "error", f"the grader's worker failed: {str(end.get('message'))[:200]}"
        return "error", (
            f"the notebook's process died in {where} (it exited, crashed, or went over the "
            f"{limits[1]} MB memory limit or the process limit)"
        )
    ename, message, transcript = outcome
    message = str(message).lstrip("✘⏳ ").strip()[:300]
    if ename == "passed":
        if reference is None:
            return "error", "the grader has no reference run for this exercise"
        ok, why = agrees(transcript, reference, own_objects)
        if not ok:
            return "failed", f"your code's numbers differ from the grader's: {why}"
        if not reference:
            return "passed", "the released check passed in the sandbox (it records no numbers)"
        return "passed", "its numbers on fresh hidden cases agree with the grader's own run"
    from micrograd_checks.grader.notebook import CHECK_CALL

    check = next((i for i in section if CHECK_CALL.search(cells[i][1])), None)
    before = [i for i in section if check is None or i < check]
    crashed = [
        i for i in before if report["cells"].get(i) and report["cells"][i][0] not in STUB_ERRORS
    ]
    if crashed:
        ename_, evalue = report["cells"][crashed[0]]
        crash = f"{describe(cells, crashed[0])} raised {ename_}: {evalue}"
        if status_of_error(ename) == "failed":  # the check still diagnosed the learner's code
            return "failed", f"{message} (before the check, {crash})"
        return "error", crash
    if check_class(ename) is None:
        return "error", f"the check cell raised {ename}: {message}"
    return status_of_error(ename), message
