"""The mutation tool (tests/exercise_mutants.py): every exercise's check kills at least 95 % of the
non-equivalent mutants of its reference solution, and the tool fails loudly when it cannot run.

The proof itself is slow (a subprocess per exercise, every mutant run against the check): marked
`slow`, so `make test` runs it and `make check` does not. The tests of the tool's own failures
are fast.
"""

import textwrap

import exercise_mutants as em
import pytest
from mutation_ops import mutants

# Chapters whose checks are still being brought up to the bar (issue 15): none now.
PENDING = set()
NUMBERS = em.exercises()
# `make test` (CI: 2 cores) gets a seeded sample of each exercise's mutants, sized so that this
# file takes about 4 minutes; `python tests/exercise_mutants.py` runs them all. The exercises
# that train a network per mutant get a smaller sample, and go first (the longest jobs).
SAMPLE = {"*": 20, "4.4": 12, "8.5": 12, "8.6": 12, "6.5": 5, "8.7": 5}
SLOWEST_FIRST = sorted(NUMBERS, key=lambda n: n not in ("8.7", "6.5"))


@pytest.fixture(scope="module")
def reports():
    return {r.number: r for r in em.run(SLOWEST_FIRST, jobs=2, limit=SAMPLE)}


@pytest.mark.slow
@pytest.mark.parametrize(
    "number",
    [
        pytest.param(
            n,
            marks=pytest.mark.xfail(reason="issue 15: chapters 5, 6, 8 pending", strict=False)
            if n.split(".")[0] in PENDING
            else (),
        )
        for n in NUMBERS
    ],
)
def test_the_check_kills_the_mutants_of_its_solution(reports, number):
    r = reports[number]
    assert r.tried >= min(5, r.generated), r.details()
    assert not r.raw_errors, f"a mutant got a raw traceback, not a report:\n{r.details()}"
    assert r.score >= em.THRESHOLD, r.details()


def _source(tmp_path, solution, check):
    """A one-exercise chapter 1 source: `solution` (a function body), `check` (a check's body)."""
    text = textwrap.dedent(
        """\
        ---
        jupytext:
          text_representation:
            extension: .md
            format_name: myst
        kernelspec:
          display_name: Python 3
          language: python
          name: python3
        ---

        # Exercises: a test

        ```{code-cell} ipython3
        class checks:
            @staticmethod
            def check_double(fn):
        @CHECK@
        ```

        ## Exercise 1.1: Double (warm-up)

        ```{code-cell} ipython3
        def double(x):
            ### BEGIN SOLUTION
        @SOLUTION@
            ### END SOLUTION
        ```

        ```{code-cell} ipython3
        checks.check_double(double)
        ```
        """
    )
    text = text.replace("@CHECK@", textwrap.indent(check, " " * 8))
    text = text.replace("@SOLUTION@", textwrap.indent(solution, " " * 4))
    (tmp_path / "01_test.md").write_text(text)
    return tmp_path


def _prove(number, solutions, equivalents):
    """The tool in this process (the subprocess path is tested once, below)."""
    return em.report(em.prove(number, solutions), equivalents)


PASS = 'print("✔ Exercise 1.1 passed: ok")'
STRICT = f'assert fn(3) == 6 and fn(-2) == -4, "wrong"\n{PASS}'


@pytest.mark.slow
def test_a_check_that_passes_everything_scores_zero(tmp_path):
    solutions = _source(tmp_path, "return 2 * x", PASS)
    (r,) = em.run(["1.1"], solutions, equivalents={})  # in a subprocess, as `make test` runs it
    assert r.tried > 3 and r.score == 0 and len(r.survivors) == r.tried
    assert em.main(["--solutions", str(solutions), "1.1"]) == 1  # below the bar: exit status 1
    broken = _source(tmp_path, "return 3 * x", STRICT)
    assert em.main(["--solutions", str(broken), "1.1"]) == 2  # cannot prove: exit status 2


def test_a_strict_check_kills_its_mutants(tmp_path):
    solutions = _source(tmp_path, "return 2 * x", STRICT)
    r = _prove("1.1", solutions, {})
    assert r.score == 1.0 and not r.survivors
    # the check raised AssertionError, not a report: the tool says so
    assert r.raw_errors


@pytest.mark.parametrize(
    ("solution", "check", "says"),
    [
        ("return 3 * x", STRICT, "reference solution does not pass its own check"),
        ("return 2 * x", "raise ImportError('no module')", "does not pass its own check"),
        ("pass", PASS, "no mutants"),
    ],
    ids=["wrong reference", "check cannot import", "nothing to mutate"],
)
def test_the_tool_fails_loudly_when_it_cannot_prove_anything(tmp_path, solution, check, says):
    solutions = _source(tmp_path, solution, check)
    with pytest.raises(em.ToolError, match=says):
        _prove("1.1", solutions, {})


def test_unknown_exercises_and_stale_equivalents_are_errors(tmp_path):
    solutions = _source(tmp_path, "return 2 * x", STRICT)
    with pytest.raises(em.ToolError, match="no exercise 1.2"):
        _prove("1.2", solutions, {})
    with pytest.raises(em.ToolError, match="no exercise source for chapter '7'"):
        _prove("7.1", solutions, {})
    with pytest.raises(em.ToolError, match="no exercises"):
        em.run([], solutions)
    stale = {("1.1", "operator: return x - y -> return (x + y)"): "gone"}
    with pytest.raises(em.ToolError, match="match no mutant"):
        _prove("1.1", solutions, stale)
    killed = {("1.1", "constant: return 2 * x -> return (1) * x"): "not really"}
    with pytest.raises(em.ToolError, match="listed as equivalent but the check kills it"):
        _prove("1.1", solutions, killed)
    assert em.main(["--solutions", str(solutions), "9.9"]) == 2


def test_a_sample_still_checks_every_equivalent_against_every_mutant(tmp_path):
    solutions = _source(tmp_path, "return 2 * x", STRICT)
    full = em.prove("1.1", solutions)
    sample = em.prove("1.1", solutions, limit=3)
    assert sample == em.prove("1.1", solutions, limit=3)  # seeded: the same sample each time
    assert len(sample["results"]) == 3 < len(full["results"])
    tried = {r["key"] for r in sample["results"]}
    (outside,) = [k for k in full["keys"] if k not in tried][:1]
    assert em.report(sample, {}).tried == 3
    # an equivalent the sample did not try is no error; one that matches no mutant still is
    assert not em.report(sample, {("1.1", outside): "not tried"}).equivalent
    with pytest.raises(em.ToolError, match="match no mutant"):
        em.report(sample, {("1.1", "operator: return x - y -> return (x + y)"): "gone"})
    with pytest.raises(em.ToolError, match="limit: want the number of mutants"):
        em.prove("1.1", solutions, limit=0)


def test_the_equivalents_file_gives_a_reason_for_each_entry():
    equivalents = em.load_equivalents()
    assert equivalents and all(reason.strip() for reason in equivalents.values())
    assert {n for n, _ in equivalents} <= set(NUMBERS)


def test_the_operators_stay_inside_the_lines_they_are_given():
    source = "def f(x, y):\n    a = x + 1\n    b = a * y\n    return b\n"
    inside = mutants(source, [3, 4])
    assert inside and all(m.line in (3, 4) for m in inside)
    kinds = {m.kind for m in inside}
    assert {"operator", "drop operand", "drop statement", "return another variable"} <= kinds
    loop = "def g(xs):\n    t = 0\n    for i in range(len(xs)):\n        t += xs[i]\n    return t\n"
    made = {m.key for m in mutants(loop, range(2, 6))}
    assert "off by one: for i in range(len(xs)): -> for i in range((len(xs)) - 1):" in made
    assert "augmented to plain: t += xs[i] -> t = xs[i]" in made
    assert "swap statements: t = 0 <-> for i in range(len(xs)):" in made
    assert any(k.startswith("reversed iteration") for k in made)
    assert any(k.startswith("swap statements") for k in made)
    copies = mutants("def h(p):\n    q = list(p)\n    q[0] = 1\n    return q\n", [2])
    assert "drop copy: q = list(p) -> q = (p)" in {m.key for m in copies}
