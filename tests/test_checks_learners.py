"""Simulated learners: for every exercise, the self-check tells a stub, a mistake and a solution apart.

The cells of each notebook are exec'd in order in one namespace, as a learner runs them:

(a) the generated student notebook, untouched: every check says "not implemented yet", and only
    the cells tagged `raises-exception` raise;
(b) the solution with one plausible mistake (MISTAKES below): the check fails, with the message
    that mistake deserves, and does not claim the exercise is unimplemented;
(c) the solution notebook: every check passes.
"""

import contextlib
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
sys.path.insert(0, str(ROOT / "scripts"))
import exercise_gen  # noqa: E402

from micrograd.checks import CheckFailed, NotImplementedYet  # noqa: E402

NAMES = sorted(p.stem for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))

# exercise -> (replacements in the solution: (old, new), or (None, new body of its first region),
#              what the check must say about the mistake)
MISTAKES = {
    "1.1": ([("(f(x + h) - f(x)) / h", "(f(x) - f(x + h)) / h")], "sign is flipped"),
    "1.2": ([("/ (2 * h)", "/ h")], "2h apart"),
    "1.3": (
        [
            (
                "up[i] += h\n        down[i] -= h",
                "up = [p + h for p in point]\n        down = [p - h for p in point]",
            )
        ],
        "nudged every input at once",
    ),
    "1.4": ([("3 * math.cos(3 * b)", "math.cos(3 * b)")], "3 times as fast"),
    "2.1": ([("dL_dx = y * dL_de", "dL_dx = x * dL_de")], "the other factor"),
    "2.2": ([("dL_dq += 1.0 * dL_dr", "pass")], "two paths"),
    "2.3": ([("df_dx = 1.0 * df_ds + y * df_du", "df_dx = y * df_du")], "two paths"),
    "2.4": (
        [("grads[first] += values[second] * g", "grads[first] = values[second] * g")],
        "accumulate with +=",
    ),
    "3.1": ([('(1.0, -1.0), "-"', '(1.0, 1.0), "-"')], "makes a − b smaller"),
    "3.2": ([("-a / b**2", "a / b**2")], "−a/b²"),
    "3.3": ([("(1.0 / self.data,)", "(self.data,)")], "slope of log(x)"),
    "3.4": ([("return Scalar(other) - self", "return self - other")], "compute other − self"),
    "3.5": ([("n * self.data ** (n - 1)", "n * self.data**n")], "Power rule"),
    "4.1": (
        [
            (
                "for child in node._children:\n                visit(child)\n            order.append(node)",
                "order.append(node)\n            for child in node._children:\n                visit(child)",
            )
        ],
        "comes before its child",
    ),
    "4.2": ([(None, "return topo_sort(root)")], "still recurses"),
    "4.3": (
        [("child.grad += local_grad * node.grad", "child.grad = local_grad * node.grad")],
        "child.grad +=",
    ),
    "4.4": (
        [
            (
                None,
                "order, seen, queue = [], {root}, deque([root])\n"
                "while queue:\n"
                "    node = queue.popleft()\n"
                "    order.append(node)\n"
                "    for child in node._children:\n"
                "        if child not in seen:\n"
                "            seen.add(child)\n"
                "            queue.append(child)\n"
                "return order",
            )
        ],
        "comes before its parent",
    ),
    "5.1": ([("total = b\n", "total = 0.0\n")], "Add the bias"),
    "5.2": ([("(s * (1.0 - s),)", "(s,)")], "That is s itself"),
    "5.3": ([("return self.w + [self.b]", "return self.w")], "bias is a parameter too"),
    "5.4": ([("return x[0] if len(x) == 1 else x", "return x")], "not a list of one"),
    "6.1": ([("(z - biggest).exp()", "z.exp()")], "Subtract the largest logit"),
    "6.2": (
        [("return -softmax(logits)[target].log()", "return softmax(logits)[target].log()")],
        "sign is flipped",
    ),
    "6.3": ([(" - (1.0 if i == target else 0.0)", "")], "every class gets its probability"),
    "6.4": ([("    model.zero_grad()\n", "")], "Reset them"),
    "6.5": ([("lr = 1.0 - 0.9 * k / steps", "lr = 0.001")], "below 95 %"),
}


def notebook(kind, name):
    return nbformat.read(ROOT / kind / f"{name}.ipynb", as_version=4)


def all_exercises():
    numbers = []
    for name in NAMES:
        for number in exercise_gen.exercise_numbers(notebook("solutions", name)):
            if number and number not in numbers:
                numbers.append(number)
    return numbers


def run_cell(namespace, cell, where):
    """Exec one cell like a learner would; returns (printed text, exception or None)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. plt.show() on the non-interactive backend
        try:
            exec(compile(cell.source, where, "exec"), namespace)
        except Exception as error:  # noqa: BLE001 - the caller decides which errors are expected
            return out.getvalue(), error
    return out.getvalue(), None


def fresh_namespace():
    return {"__name__": "__main__", "display": lambda *args, **kwargs: None}


def code_cells(nb):
    """(index, cell, exercise number) for every code cell after the bootstrap cell."""
    numbers = exercise_gen.exercise_numbers(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "bootstrap" not in exercise_gen.tags(cell):
            yield i, cell, numbers[i]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("name", NAMES)
def test_solutions_pass_every_check(name):
    namespace, passed = fresh_namespace(), []
    for i, cell, number in code_cells(notebook("solutions", name)):
        printed, error = run_cell(namespace, cell, f"<{name} cell {i}>")
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
    for i, cell, number in code_cells(notebook("exercises", name)):
        _, error = run_cell(namespace, cell, f"<{name} exercise cell {i}>")
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


def with_mistake(source, replacements):
    for old, new in replacements:
        if old is None:  # replace the body of the first solution region
            lines = source.splitlines()
            begin, end, indent = exercise_gen.solution_regions(source)[0]
            body = [indent + line if line else line for line in new.splitlines()]
            source = "\n".join(lines[: begin + 1] + body + lines[end:])
        else:
            assert source.count(old) == 1, (
                f"the mistake's text {old!r} is not in the solution exactly once"
            )
            source = source.replace(old, new)
    return source


def test_every_exercise_has_a_mistake_to_simulate():
    assert sorted(MISTAKES) == sorted(all_exercises())


@pytest.mark.parametrize("number", sorted(MISTAKES))
def test_a_mistake_gets_its_own_message(number):
    replacements, message = MISTAKES[number]
    name = next(n for n in NAMES if n.startswith(f"{int(number.split('.')[0]):02d}_"))
    namespace, error = fresh_namespace(), None
    cells = [(i, c, n) for i, c, n in code_cells(notebook("solutions", name))]
    region_cells = [i for i, c, n in cells if n == number and exercise_gen.has_solution(c)]
    check_cell = next(i for i, c, n in cells if n == number and exercise_gen.is_check_cell(c))
    for i, cell, n in cells:
        if i == region_cells[0]:
            cell = nbformat.from_dict({**cell, "source": with_mistake(cell.source, replacements)})
        _, error = run_cell(namespace, cell, f"<{name} cell {i}>")
        if i == check_cell:
            break
        assert error is None or (
            n == number and exercise_gen.NEEDS_TAG in exercise_gen.tags(cell)
        ), f"{name} cell {i} raised {error!r}"
    assert isinstance(error, CheckFailed), (
        f"exercise {number}: the mistake was not caught (got {error!r})"
    )
    assert not isinstance(error, NotImplementedYet), (
        f"exercise {number}: a wrong answer is not 'not implemented'"
    )
    said = " ".join(str(error).split())  # long hints are wrapped over several lines
    assert message in said, (
        f"exercise {number}: expected {message!r} in the check's message:\n{error}"
    )
