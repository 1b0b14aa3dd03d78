"""The mutation tool (tests/mutants.py): every mutant is caught, and the tool fails when it cannot run.

The full run is `slow` (a few minutes on 2 cores: `make test` runs it, `make check` does not);
the tests that the tool refuses to give a verdict when pytest cannot run are fast.
"""

import subprocess
import sys
from pathlib import Path

import mutants
import pytest
from mutant_list import EQUIVALENT, MUTANTS, TESTS

ROOT = Path(__file__).resolve().parent.parent
TOOL = [sys.executable, str(ROOT / "tests" / "mutants.py")]


def tool(*args, timeout=900):
    return subprocess.run([*TOOL, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_every_mutant_is_caught():
    done = tool("--jobs", "2", timeout=1800)  # a few minutes; more under load
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"{len(MUTANTS)} mutants, {len(MUTANTS)} caught, 0 survivors" in done.stdout


def test_every_mutant_applies_to_the_code_once_and_has_tests():
    for module, what, old, _new in MUTANTS:
        text = (ROOT / "micrograd" / f"{module}.py").read_text()
        assert text.count(old) == 1, f"{module}: {what}: the text to mutate is not there once"
        assert all((ROOT / f).is_file() for f in TESTS[module])
    for what, reason in EQUIVALENT.items():
        assert len(reason) > 20, f"equivalent mutant {what!r} needs its reason"


@pytest.mark.parametrize(
    "args, says",
    [
        # the bug the tool had: scripts/ missing from the copy, every pytest run crashed
        (["--omit", "scripts", "--what", "highlight"], "the unmutated tests"),
        # pytest itself cannot start (here: an interpreter that is not Python)
        (["--python", "/bin/false", "--what", "highlight"], "does not import its own micrograd"),
        # the package cannot be imported in the copy
        (["--omit", "micrograd/engine.py", "--what", "highlight"], "does not import its own"),
        # nothing to run
        (["--what", "no such mutant"], "no mutant matches"),
    ],
    ids=["missing scripts", "no pytest", "import error", "no mutant"],
)
def test_the_tool_fails_loudly_when_it_cannot_run(args, says):
    done = tool(*args, timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "could not run" in done.stdout and says in done.stdout, done.stdout
    assert "caught" not in done.stdout


def test_a_pytest_run_without_a_verdict_is_never_caught():
    """Exit codes other than 0/1, exit 1 without a failed test, or no tests: CannotRun."""
    for code, failed, counts in [
        (2, [], {"error": 1}),  # collection error (e.g. an import error)
        (3, [], {}),  # pytest's internal error
        (4, [], {}),  # usage error, e.g. a missing test file
        (5, [], {}),  # no tests collected
        (1, [], {"error": 1}),  # exit 1 without a failed test
        (0, [], {}),  # exit 0 but nothing passed
    ]:
        with pytest.raises(mutants.CannotRun):
            mutants.verdict(code, failed, counts, "output", "a mutant")
    assert mutants.verdict(1, ["tests/t.py::x"], {"failed": 1}, "", "m") == "tests/t.py::x"
    assert mutants.verdict(0, [], {"passed": 3}, "", "m") is None
