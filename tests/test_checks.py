"""The self-check machinery (micrograd_checks.core): clear reports instead of tracebacks.

- a failure says which exercise and case, expected vs got, and a hint;
- code that still raises NotImplementedError (or a value that was never assigned because its
  cell raised) is "not implemented yet", not a crash;
- any other exception in the learner's code is reported with the line it came from;
- in Jupyter, the report replaces the traceback (`_render_traceback_`), and nbval still sees an error.
"""

import linecache
import sys

import nbformat
import pytest
from nbclient import NotebookClient

import micrograd_checks as checks
from micrograd_checks.core import Check, CheckFailed, NotImplementedYet


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
    "import micrograd_checks as checks",
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


# ----- the wrong object, the learner's own errors, hints that nudge first


@pytest.mark.parametrize(
    ("given", "says"),
    [
        (None, "`derivative` is None"),
        (2.0, "looks like a result"),
        ({"a": 1.0}, "looks like a result"),
    ],
)
def test_a_check_given_the_wrong_object_says_what_it_expected(given, says):
    with pytest.raises(checks.WrongInput) as info:
        checks.check_derivative(given)
    report = " ".join(str(info.value).split())
    assert "expected a function as `derivative`" in report and says in report
    assert "checks.check_derivative(derivative)" in report


def test_a_class_check_given_an_object_asks_for_the_class():
    class Scalar:
        pass

    with pytest.raises(checks.WrongInput, match="expected a class as `Scalar`"):
        checks.check_scalar_sub(Scalar())
    with pytest.raises(checks.WrongInput, match="takes 2 arguments, it was given 1"):
        checks.check_pow_and_tanh(Scalar)


def test_a_result_passed_instead_of_a_lambda_is_named():
    with pytest.raises(checks.WrongInput) as info:
        checks.check_backprop_by_hand({"L": 1.0})
    assert "a function that returns your result: pass `lambda: chain_grads`" in " ".join(
        str(info.value).split()
    )


def test_an_error_in_the_learners_cell_is_reported_with_its_line_not_as_a_stub():
    """`lambda: grads` where the cell computing `grads` stopped with a typo (IPython keeps it)."""
    namespace = {}
    cell = "x = 1.0\ndL_dx = 2.0 * dL_dy_typo\ngrads = {'x': dL_dx}"
    where = "/tmp/ipykernel_1/123.py"
    linecache.cache[where] = (len(cell), None, cell.splitlines(True), where)  # as IPython does
    try:
        exec(compile(cell, where, "exec"), namespace)
    except NameError as error:
        sys.last_value = error
    try:
        with pytest.raises(checks.LearnerError) as info:
            Check("9.9", "grads").call(lambda: grads)  # noqa: F821
    finally:
        sys.last_value = None
    report = str(info.value)
    assert not isinstance(info.value, NotImplementedYet)
    assert "`grads` does not exist" in report and "NameError" in report
    assert "line 2 of your cell: dL_dx = 2.0 * dL_dy_typo" in report


def test_a_never_run_stub_is_still_not_implemented():
    sys.last_value = NotImplementedError("Exercise 9.9: compute grads")
    try:
        with pytest.raises(NotImplementedYet):
            Check("9.9", "grads").call(lambda: grads)  # noqa: F821
    finally:
        sys.last_value = None


def test_an_unforeseen_crash_in_a_check_is_a_report_not_a_traceback():
    class Scalar:  # a learner's class without backward()
        def __init__(self, data, children=(), local_grads=(), op=""):
            self.data = data

        def __neg__(self):
            return Scalar(-self.data)

        def __sub__(self, other):
            return Scalar(self.data - getattr(other, "data", other))

    with pytest.raises(CheckFailed) as info:
        checks.check_scalar_sub(Scalar)
    assert "backward" in str(info.value) and "Traceback" not in str(info.value)


def test_a_hint_nudges_first_and_gives_the_recipe_when_the_mistake_comes_back():
    checks.core.reset_hints()

    def tanh_free_neuron(w, x, b):
        total = b
        for wi, xi in zip(w, x):
            total = total + wi * xi
        return total

    first = " ".join(
        str(pytest.raises(CheckFailed, checks.check_neuron_forward, tanh_free_neuron).value).split()
    )
    second = " ".join(
        str(pytest.raises(CheckFailed, checks.check_neuron_forward, tanh_free_neuron).value).split()
    )
    assert "not squashed yet" in first and ".tanh()" not in first and "says more" in first
    assert "not squashed yet" in second and "call .tanh() on the sum" in second


def test_in_jupyter_an_error_in_the_cell_before_the_check_is_named_with_its_line():
    nb = nbformat.v4.new_notebook()
    cells = [
        "import micrograd_checks as checks",
        "dL_dL = 1.0\nchain_grads = {'L': dL_dL, 'd': w_typo * dL_dL}",
        "checks.check_backprop_by_hand(lambda: chain_grads)",
    ]
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    (out,) = nb.cells[2].outputs
    shown = "\n".join(out.traceback)
    assert out.ename == "LearnerError", shown
    assert "`chain_grads` does not exist" in shown and "NameError" in shown
    assert "line 2 of your cell" in shown and "w_typo * dL_dL" in shown


def test_a_neuron_with_other_names_and_tuple_weights_passes(capsys):
    import random

    from micrograd import Value

    class MyNeuron:  # a correct design: a tuple of weights, a bias called `bias`
        def __init__(self, nin, seed=0):
            rng = random.Random(seed)
            self.weights = tuple(Value(rng.uniform(-1, 1)) for _ in range(nin))
            self.bias = Value(0.0)

        def __call__(self, x):
            if len(x) != len(self.weights):
                raise ValueError(f"{len(x)} inputs for {len(self.weights)} weights")
            return sum((w * xi for w, xi in zip(self.weights, x)), self.bias).tanh()

        def parameters(self):
            return self.weights + (self.bias,)

    checks.check_my_neuron(MyNeuron)
    assert capsys.readouterr().out.startswith("✔ Exercise 5.3 passed")


def test_a_model_returning_a_list_of_one_value_is_named():
    from micrograd import MLP
    from micrograd.data import make_moons
    from micrograd.losses import hinge_loss

    def train(model, X, y, steps):
        losses = []
        for _ in range(steps):
            loss = hinge_loss([model(x) for x in X], [2 * t - 1 for t in y])
            model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data -= 0.5 * p.grad
            losses.append(loss.data)
        return losses

    X, y = make_moons(100, noise=0.1, seed=0)
    model = MLP(2, [4, 1], seed=0)
    with pytest.raises(CheckFailed) as info:
        checks.check_moons_training(train, lambda: (lambda x: [model(x)], [1.0, 0.5]), X, y)
    assert "return the Value itself" in str(info.value)
