"""numerical_grad and gradcheck: accurate estimates, and a report that catches a wrong backward."""

import math

import pytest
from ops import OPS

from micrograd import Value
from micrograd.gradcheck import gradcheck, numerical_grad


def f(x, y):
    return x * y + x**3 - (y / x).tanh()


def f_grads(x, y):
    s = 1 - math.tanh(y / x) ** 2
    return [y + 3 * x**2 + s * y / x**2, x - s / x]


def test_numerical_grad_is_accurate():
    estimate = numerical_grad(f, [1.5, -2.0])
    assert estimate == pytest.approx(f_grads(1.5, -2.0), rel=1e-8)


def test_numerical_grad_accepts_functions_returning_numbers_and_a_step_size():
    assert numerical_grad(lambda x: x.data**2, [3]) == pytest.approx([6.0], rel=1e-8)
    coarse, fine = (
        numerical_grad(lambda x: x.exp(), [1.0], h=1e-1)[0],
        numerical_grad(lambda x: x.exp(), [1.0])[0],
    )
    assert abs(fine - math.e) < 1e-8 < abs(coarse - math.e) < 1e-2  # error shrinks like h^2


def test_gradcheck_passes_for_a_correct_backward():
    report = gradcheck(f, [1.5, -2.0])
    assert report.ok and bool(report)
    assert [r.name for r in report.rows] == ["x0", "x1"]
    assert [r.analytic for r in report.rows] == pytest.approx(f_grads(1.5, -2.0), rel=1e-12)
    assert all(r.ok and r.error < 1e-8 for r in report.rows)


def test_gradcheck_with_named_inputs():
    report = gradcheck(lambda w, b: (w * 2.0 + b).relu(), {"w": 0.5, "b": 0.3})
    assert report.ok and [r.name for r in report.rows] == ["w", "b"]
    assert [r.analytic for r in report.rows] == [2.0, 1.0]


def _wrong_tanh(self):
    t = math.tanh(self.data)
    return Value(t, (self,), "tanh", local_grads=(1.0 - t,))  # wrong on purpose: should be 1 - t*t


def test_gradcheck_catches_a_wrong_local_derivative(monkeypatch):
    monkeypatch.setattr(Value, "tanh", _wrong_tanh)
    report = gradcheck(lambda x, y: x.tanh() + y * y, [0.8, 1.5])
    assert not report.ok and not bool(report)
    assert [r.ok for r in report.rows] == [False, True]  # only the path through tanh is wrong
    wrong = report.rows[0]
    assert wrong.analytic == pytest.approx(1 - math.tanh(0.8))
    assert wrong.numeric == pytest.approx(1 - math.tanh(0.8) ** 2, rel=1e-8)
    text = str(report)
    assert "MISMATCH" in text and " NO" in text.splitlines()[1] and "yes" in text.splitlines()[2]


def test_report_text_is_a_readable_table():
    text = str(gradcheck(f, {"x": 1.5, "y": -2.0}))
    lines = text.splitlines()
    assert len(lines) == 4
    assert lines[0].split() == ["input", "backprop", "numerical", "rel.", "error", "ok"]
    assert lines[1].split()[0] == "x" and lines[2].split()[0] == "y"
    assert lines[-1] == "all gradients match"
    assert repr(gradcheck(f, [1.5, -2.0])).endswith("all gradients match")


def test_tolerance_decides():
    assert gradcheck(lambda x: x.exp(), [1.0], tol=1e-2, h=1e-1).ok
    assert not gradcheck(lambda x: x.exp(), [1.0], tol=1e-6, h=1e-1).ok


def test_gradcheck_flags_a_nan_gradient(monkeypatch):
    monkeypatch.setattr(
        Value,
        "relu",
        lambda self: Value(max(self.data, 0.0), (self,), "relu", local_grads=(math.nan,)),
    )
    report = gradcheck(lambda a, b: a.relu() + b, [2.0, 1.0])
    assert not report.ok and [r.ok for r in report.rows] == [False, True]
    assert "nan" in str(report).splitlines()[1]


def test_gradcheck_needs_a_value():
    with pytest.raises(TypeError, match="must return a Value"):
        gradcheck(lambda x: 3.0, [1.0])


@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
def test_gradcheck_agrees_with_every_op(op):
    for point in op.points():
        report = gradcheck(op.apply, list(point))
        assert report.ok, (op.name, point, str(report))
        assert [r.analytic for r in report.rows] == pytest.approx(
            [d(*point) for d in op.derivatives], rel=1e-12, abs=1e-15
        )
