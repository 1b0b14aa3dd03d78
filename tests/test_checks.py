"""The self-check machinery (micrograd.checks.core): clear reports instead of tracebacks.

- a failure says which exercise and case, expected vs got, and a hint;
- code that still raises NotImplementedError (or a value that was never assigned because its
  cell raised) is "not implemented yet", not a crash;
- any other exception in the learner's code is reported with the line it came from;
- in Jupyter, the report replaces the traceback (`_render_traceback_`), and nbval still sees an error.
"""

import nbformat
import pytest
from nbclient import NotebookClient

from micrograd import checks
from micrograd.checks.core import Check, CheckFailed, NotImplementedYet


def test_failures_are_exceptions_with_a_short_report():
    error = CheckFailed(
        "1.2", "f()", "wrong slope", case="x = 2", expected=12.0, got=-12.0, hint="Mind the sign."
    )
    assert isinstance(error, Exception) and issubclass(NotImplementedYet, CheckFailed)
    assert str(error).splitlines() == [
        "✘ Exercise 1.2, f(): wrong slope",
        "  case:     x = 2",
        "  expected: 12",
        "  got:      -12",
        "  hint:     Mind the sign.",
    ]
    rendered = error._render_traceback_()
    assert (
        rendered[0] == "\x1b[1;31m✘ Exercise 1.2, f(): wrong slope\x1b[0m"
        and rendered[1:] == str(error).splitlines()[1:]
    )


def test_a_returned_none_is_reported_as_such():
    check = Check("9.9", "g()")
    with pytest.raises(CheckFailed, match="forget the `return`"):
        check.close(None, 1.0, "a case")
    with pytest.raises(CheckFailed, match="should be a number"):
        check.close("1.0", 1.0, "a case")
    assert check.close(1.0 + 1e-9, 1.0, "a case") == pytest.approx(1.0)
    assert check.count == 1


def stub():
    raise NotImplementedError("Exercise 9.9: write the body of stub()")


def test_a_stub_is_not_implemented_yet():
    with pytest.raises(NotImplementedYet) as info:
        Check("9.9", "stub()").call(stub)
    assert "not implemented yet" in str(info.value) and "write the body of stub()" in str(
        info.value
    )


def test_an_unassigned_result_is_not_implemented_yet():
    with pytest.raises(NotImplementedYet, match="`never_assigned` is not defined yet"):
        Check("9.9", "a value").call(lambda: never_assigned)  # noqa: F821


def buggy(x):
    return x / 0


def typo(x):
    return undefined_name + x  # noqa: F821


def test_a_crash_names_the_error_and_the_line():
    with pytest.raises(CheckFailed) as info:
        Check("9.9", "buggy()").call(
            buggy, 1.0, case="x = 1", hints={ZeroDivisionError: "Never divide by 0."}
        )
    report = str(info.value)
    assert not isinstance(info.value, NotImplementedYet)
    assert "your code raised ZeroDivisionError" in report and "in buggy(): return x / 0" in report
    assert "Never divide by 0." in report
    with pytest.raises(
        CheckFailed, match="NameError"
    ) as info:  # a typo inside a function is a bug, not a stub
        Check("9.9", "typo()").call(typo, 1.0)
    assert not isinstance(info.value, NotImplementedYet)


def test_the_checks_module_lists_every_check():
    names = [n for n in checks.__all__ if n.startswith("check_")]
    assert len(names) >= 20 and all(callable(getattr(checks, n)) for n in names)
    assert all(getattr(checks, n).__doc__.startswith("Exercise ") for n in names)


NOTEBOOK = [
    "from micrograd import checks",
    "def derivative(f, x, h=1e-6):\n    raise NotImplementedError('Exercise 1.1: write the body of derivative()')",
    "checks.check_derivative(derivative)",
    "def derivative(f, x, h=1e-6):\n    return (f(x) - f(x + h)) / h",
    "checks.check_derivative(derivative)",
    "def derivative(f, x, h=1e-6):\n    return (f(x + h) - f(x)) / h",
    "checks.check_derivative(derivative)",
]


def test_jupyter_shows_the_report_instead_of_a_traceback():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in NOTEBOOK]
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    stub, wrong, right = (nb.cells[i].outputs for i in (2, 4, 6))
    assert [o.output_type for o in stub] == ["error"] and stub[0].ename == "NotImplementedYet"
    assert (
        stub[0].traceback[0]
        == "\x1b[1;33m⏳ Exercise 1.1, derivative(): not implemented yet\x1b[0m"
    )
    assert [o.output_type for o in wrong] == ["error"] and wrong[0].ename == "CheckFailed"
    shown = "\n".join(wrong[0].traceback)
    assert "The sign is flipped" in shown and "Traceback" not in shown and "File " not in shown
    assert len(wrong[0].traceback) <= 8, "a short report, not a traceback wall"
    assert right[0].text.startswith("✔ Exercise 1.1 passed")
