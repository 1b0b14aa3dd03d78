"""Simulated learners: for every exercise, the self-check tells a stub, each mistake and a solution apart.

The cells of each notebook are exec'd in order in one namespace, as a learner runs them (an
exception is kept in sys.last_value, as IPython does):

(a) the generated student notebook, untouched: every check says "not implemented yet", and only
    the cells tagged `raises-exception` raise;
(b) the solution with one plausible mistake (tests/learner_mistakes_*.py, at least three per
    exercise): the check fails with that mistake's own hint, no other mistake's hint, and does
    not claim the exercise is unimplemented;
(c) the solution: every check passes.
"""

import contextlib
import functools
import io
import sys
import warnings
from pathlib import Path

import matplotlib
import nbformat
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
import learner_designs_1_4  # noqa: E402
import learner_mistakes_1_4  # noqa: E402
import learner_mistakes_5_8  # noqa: E402
import learner_parts  # noqa: E402

from micrograd_checks import CheckFailed, NotImplementedYet, core  # noqa: E402
from scripts import exercise_gen  # noqa: E402

NAMES = sorted(p.stem for p in (ROOT / "solutions").glob("[0-9][0-9]_*.md"))
MISTAKES = {**learner_mistakes_1_4.MISTAKES, **learner_mistakes_5_8.MISTAKES}
SUPPORT = {**learner_mistakes_1_4.SUPPORT, **learner_mistakes_5_8.SUPPORT}


@functools.cache
def solution(name):  # read-only for every caller
    return exercise_gen.read_source(ROOT / "solutions" / f"{name}.md")


def exercise(name):
    return nbformat.read(ROOT / "exercises" / f"{name}.ipynb", as_version=4)


def all_exercises():
    numbers = []
    for name in NAMES:
        for number in exercise_gen.exercise_numbers(solution(name)):
            if number and number not in numbers:
                numbers.append(number)
    return numbers


def run_cell(namespace, source, where):
    """Exec one cell like a learner would; returns (printed text, exception or None)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. plt.show() on the non-interactive backend
        try:
            exec(compile(source, where, "exec"), namespace)
        except Exception as error:  # noqa: BLE001 - the caller decides which errors are expected
            sys.last_value = error  # what IPython keeps of a failed cell
            return out.getvalue(), error
    return out.getvalue(), None


def fresh_namespace():
    sys.last_value = None
    if hasattr(sys, "last_exc"):
        sys.last_exc = None
    return {"__name__": "__main__", "display": lambda *args, **kwargs: None}


def code_cells(nb):
    """(index, cell, exercise number) for every code cell after the bootstrap cell."""
    numbers = exercise_gen.exercise_numbers(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "bootstrap" not in exercise_gen.tags(cell):
            yield i, cell, numbers[i]


@pytest.fixture(autouse=True)
def fresh_session():
    core.reset_hints()
    yield
    plt.close("all")


@pytest.mark.parametrize("name", NAMES)
def test_solutions_pass_every_check(name):
    namespace, passed = fresh_namespace(), []
    for i, cell, number in code_cells(solution(name)):
        printed, error = run_cell(namespace, cell.source, f"<{name} cell {i}>")
        assert error is None, (
            f"{name} cell {i} (exercise {number}) raised {error!r}:\n{cell.source}"
        )
        if exercise_gen.is_check_cell(cell):
            assert f"✔ Exercise {number} passed" in printed, (
                f"{name}: check of exercise {number} printed {printed!r}"
            )
            passed.append(number)
    assert passed, f"{name} has no check cells"


@pytest.mark.parametrize("name", NAMES)
def test_untouched_exercises_are_not_implemented_yet(name):
    namespace = fresh_namespace()
    for i, cell, number in code_cells(exercise(name)):
        _, error = run_cell(namespace, cell.source, f"<{name} exercise cell {i}>")
        where = f"exercises/{name}.ipynb cell {i} (exercise {number})"
        if exercise_gen.is_check_cell(cell):
            assert isinstance(error, NotImplementedYet), (
                f"{where}: the check raised {error!r}, not NotImplementedYet"
            )
            assert f"Exercise {number}, " in str(error) and "not implemented yet" in str(error)
            assert "Traceback" not in "\n".join(error._render_traceback_())
        elif exercise_gen.RAISES_TAG in exercise_gen.tags(cell):
            assert isinstance(error, (NotImplementedError, NameError)), f"{where} raised {error!r}"
        else:
            assert error is None, (
                f"{where} is not tagged raises-exception but raised {error!r}:\n{cell.source}"
            )


def with_mistake(sources, regions, replacements):
    """The exercise's cell sources {index: source} with the replacements made."""
    sources = dict(sources)
    for old, new in replacements:
        if old is None:  # replace the body of the exercise's first solution region
            i = regions[0]
            lines = sources[i].splitlines()
            begin, end, indent = exercise_gen.solution_regions(sources[i])[0]
            body = [indent + line if line else line for line in new.splitlines()]
            sources[i] = "\n".join(lines[: begin + 1] + body + lines[end:])
            continue
        hits = [i for i, s in sources.items() if old in s]
        assert sum(sources[i].count(old) for i in hits) == 1, (
            f"the mistake's text {old!r} is not in the exercise's cells exactly once"
        )
        sources[hits[0]] = sources[hits[0]].replace(old, new)
    return sources


def run_with_mistake(number, replacements):
    """Run the solution up to the exercise's check with the mistake made; the check's exception."""
    name = next(n for n in NAMES if n.startswith(f"{int(number.split('.')[0]):02d}_"))
    cells = list(code_cells(solution(name)))
    mine = {i: c.source for i, c, n in cells if n == number}
    regions = [i for i, c, n in cells if n == number and exercise_gen.has_solution(c)]
    check_cell = next(i for i, c, n in cells if n == number and exercise_gen.is_check_cell(c))
    changed = with_mistake(mine, regions, replacements)
    namespace, error = fresh_namespace(), None
    if number in SUPPORT:
        run_cell(namespace, SUPPORT[number], "<support>")
    for i, cell, n in cells:
        if n != number and exercise_gen.is_check_cell(cell):
            continue  # earlier exercises' checks define nothing (test_solutions_pass_every_check)
        _, error = run_cell(namespace, changed.get(i, cell.source), f"<{name} cell {i}>")
        if i == check_cell:
            return error
        assert error is None or (
            n == number and exercise_gen.NEEDS_TAG in exercise_gen.tags(cell)
        ), f"{name} cell {i} raised {error!r}"


CASES = [(number, k) for number in sorted(MISTAKES) for k in range(len(MISTAKES[number]))]


def test_every_exercise_has_mistakes_with_their_own_markers():
    assert sorted(MISTAKES) == sorted(all_exercises())
    for number, mistakes in MISTAKES.items():
        markers = [marker for _, marker in mistakes]
        assert len(set(markers)) == len(markers), f"{number}: two mistakes share a marker"


def cells_of(number):
    name = next(n for n in NAMES if n.startswith(f"{int(number.split('.')[0]):02d}_"))
    return [(i, c.source) for i, c, n in code_cells(solution(name)) if n == number]


def test_every_part_of_every_exercise_has_five_mistakes():
    """A part is a function the learner completes (tests/learner_parts.py); each needs five."""
    table, _ = learner_parts.count(MISTAKES, cells_of)
    assert len(table) >= len(all_exercises())
    short = {repr(p): len(m) for p, m in table.items() if len(m) < learner_parts.LEAST}
    assert not short, f"parts with fewer than {learner_parts.LEAST} simulated mistakes: {short}"


def test_a_mistake_belongs_to_the_part_whose_code_it_changes():
    cells = [
        (
            3,
            "def f(a):\n    ### BEGIN SOLUTION\n    return a + 1\n    ### END SOLUTION\n\n\n"
            "def g(a):\n    ### BEGIN SOLUTION\n    return a * 2\n    ### END SOLUTION\n\n\n"
            "T.g = g\n",
        )
    ]
    found = learner_parts.parts("9.9", cells)
    assert [p.name for p in found] == ["f", "g"]
    assert learner_parts.owners([("a * 2", "a * 3")], cells, found) == [found[1]]
    assert learner_parts.owners([("T.g = g\n", "")], cells, found) == [found[1]]
    assert learner_parts.owners([(None, "return a")], cells, found) == [found[0]]
    assert learner_parts.owners([("a + 1", "a"), ("a * 2", "a")], cells, found) == found


@pytest.mark.parametrize(("number", "k"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_a_mistake_gets_its_own_message(number, k):
    replacements, marker = MISTAKES[number][k]
    error = run_with_mistake(number, replacements)
    assert isinstance(error, CheckFailed), f"exercise {number}: mistake {k} not caught ({error!r})"
    assert not isinstance(error, NotImplementedYet), (
        f"{number}: a wrong answer is not 'not implemented'"
    )
    said = " ".join(str(error).split())  # long hints are wrapped over several lines
    assert marker in said, (
        f"exercise {number}: expected {marker!r} in the check's message:\n{error}"
    )
    others = [m for j, (_, m) in enumerate(MISTAKES[number]) if j != k and m in said]
    assert not others, f"exercise {number}: mistake {k} also got the hint for {others}:\n{error}"
    assert "Traceback" not in "\n".join(error._render_traceback_())


DESIGNS = [
    (n, k)
    for n in sorted(learner_designs_1_4.DESIGNS)
    for k in range(len(learner_designs_1_4.DESIGNS[n]))
]


@pytest.mark.parametrize(("number", "k"), DESIGNS, ids=[f"{n}-{k}" for n, k in DESIGNS])
def test_an_unusual_correct_design_passes(number, k, capsys):
    replacements, what = learner_designs_1_4.DESIGNS[number][k]
    error = run_with_mistake(number, replacements)
    assert error is None, f"exercise {number}: the correct design '{what}' was refused:\n{error}"


# exercise, mistake, the recipe a repeat of that mistake unlocks (and the first failure must not give)
RECIPES = [
    ("3.1", 1, "Its local derivative is −1"),
    ("3.2", 0, "−a/b² (for b)"),
    ("3.3", 0, "The slope of log(x) (the natural logarithm) is 1/x"),
    ("3.3", 9, "Compute math.log(self.data) and the local derivative 1 / self.data"),
    ("2.4", 10, "keep anything you work out (such as 1 − t² for a tanh)"),
    ("3.4", 6, "Return self + other."),
    ("3.4", 12, "The number comes first: return Scalar(other) - self"),
    ("3.4", 24, "Return Scalar(other) - self: your operations already know"),
    ("3.5", 5, "the local derivative n · aⁿ⁻¹ (the power rule)"),
    ("3.5", 7, "Multiply x by 2 before exp()."),
    ("3.5", 13, "every node comes from an operation"),
    ("5.1", 2, "call .tanh() on the sum"),
    ("6.4", 4, "move every parameter against its gradient by lr · grad"),
    ("8.2", 3, "Both local derivatives of a + b are 1"),
    ("8.2", 9, "the local derivative for a is b"),
    ("8.2", 20, "with respect to one factor is the other factor"),
    ("8.2", 2, "The local derivative for a is b, and the one for b is a"),
]


@pytest.mark.parametrize(("number", "k", "recipe"), RECIPES, ids=[r[0] for r in RECIPES])
def test_a_hint_gives_the_recipe_only_when_the_mistake_comes_back(number, k, recipe):
    replacements, marker = MISTAKES[number][k]
    first = " ".join(str(run_with_mistake(number, replacements)).split())
    second = " ".join(str(run_with_mistake(number, replacements)).split())
    assert marker in first and recipe not in first, first
    assert marker in second and recipe in second, second
