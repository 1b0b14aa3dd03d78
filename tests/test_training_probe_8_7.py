"""More wrong training loops, each with its own diagnosis (training_probe and 8.7's _probe).

Which wrong code makes each case fail: a probe that did not compare X and y after train() passes
`changes y`; one that took any list length as "one per step" passes `stops early` with the
wrong diagnosis; one that only looked at the update's direction passes `loss built once`; one
that did not tell zero_grad() placement (or an update of p.grad) from a rebound `p` names
`p -= ...` for `zero_grad late` (`moves grad`);
a _probe that never ran train() on other data passes `ignores X` and `ignores y`.
"""

import pytest

from micrograd.data import make_moons
from micrograd_checks import training_probe
from micrograd_checks.core import Check, CheckFailed
from tests.test_training_probe import run  # the probe on a closure-design MLP


def _hinge(model, X, labels):
    scores = [model(x) for x in X]
    return sum((1 - t * s).relu() for t, s in zip(labels, scores)) * (1.0 / len(X))


def _descend(model, lr=0.5):
    for p in model.parameters():
        p.data -= lr * p.grad


def zero_grad_late(model, X, y, steps):
    losses = []
    for _ in range(steps):
        loss = _hinge(model, X, [2 * t - 1 for t in y])
        loss.backward()
        model.zero_grad()
        _descend(model)
        losses.append(loss.data)
    return losses


def moves_grad(model, X, y, steps):
    losses = []
    for _ in range(steps):
        loss = _hinge(model, X, [2 * t - 1 for t in y])
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.grad -= 0.5 * p.grad
        losses.append(loss.data)
    return losses


def changes_y(model, X, y, steps):
    for i in range(len(y)):
        y[i] = 2 * y[i] - 1
    losses = []
    for _ in range(steps):
        loss = _hinge(model, X, y)
        model.zero_grad()
        loss.backward()
        _descend(model)
        losses.append(loss.data)
    return losses


def stops_early(model, X, y, steps):
    losses = []
    for _ in range(steps - 1):
        loss = _hinge(model, X, [2 * t - 1 for t in y])
        model.zero_grad()
        loss.backward()
        _descend(model)
        losses.append(loss.data)
    return losses


def loss_built_once(model, X, y, steps):
    loss, losses = _hinge(model, X, [2 * t - 1 for t in y]), []
    for _ in range(steps):
        model.zero_grad()
        loss.backward()
        _descend(model)
        losses.append(loss.data)
    return losses


MOONS = make_moons(100, noise=0.1, seed=0)


def _ignoring(which):
    def train(model, X, y, steps):
        X = [list(x) for x in MOONS[0][: len(X)]] if which == "X" else X
        y = list(MOONS[1][: len(y)]) if which == "y" else y
        losses = []
        for _ in range(steps):
            loss = _hinge(model, X, [2 * t - 1 for t in y])
            model.zero_grad()
            loss.backward()
            _descend(model)
            losses.append(loss.data)
        return losses

    return train


@pytest.mark.parametrize(
    ("train", "says"),
    [
        (zero_grad_late, "reset between backward() and the update"),
        (moves_grad, "gradients, not their data"),
        (changes_y, "changed the X or y it was given: the y"),
        (stops_early, "steps, not the"),
        (loss_built_once, "every step ran backward() on the same loss"),
        (_ignoring("X"), "does not use the X it was given"),
        (_ignoring("y"), "does not use the y it was given"),
    ],
    ids=[
        "zero_grad late",
        "moves grad",
        "changes y",
        "stops early",
        "loss built once",
        "ignores X",
        "ignores y",
    ],
)
def test_each_wrong_loop_gets_its_own_diagnosis(train, says):
    with pytest.raises(CheckFailed) as info:
        run(train)
    assert says in " ".join(str(info.value).split())


def test_a_falling_loss_passes_and_a_flat_or_rising_one_fails():
    check = Check("8.7", "training your MLP")
    training_probe.check_falling(check, [1.0, 0.5], "a run")
    assert check.count == 1
    for losses, says in (([1.0, 1.0], "did not go down"), ([1.0, 2.0], "went up")):
        with pytest.raises(CheckFailed, match=says):
            training_probe.check_falling(check, losses, "a run")
