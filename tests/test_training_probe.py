"""The training loop is judged from the inside (micrograd_checks.training_probe): unusual correct
loops pass, and each wrong one gets its own diagnosis (exercises 6.5 and 8.7's first part).

Which wrong code makes each case fail: a probe that ignored the gradients before backward() passes
`no zero_grad`; one that only compared the loss histories passes `rebound p` (losses look fine
for a step or two) and `last layer only`; one that never checked the list's length passes `short`.
"""

import pytest

from micrograd_checks.capstone_training import _probe
from micrograd_checks.core import Check, CheckFailed, reset_hints
from tests import capstone_designs


def _loop(zero="before", update="descend", per_point=False, keep=slice(None)):
    def train(model, X, y, steps):
        labels, losses = [2 * t - 1 for t in y], []
        for _ in range(steps):
            if zero == "before":
                model.zero_grad()
            if per_point:  # one backward() per point: the gradients add up over the step
                total = 0.0
                for x, t in zip(X, labels):
                    loss = (1 - t * model(x)).relu() * (1.0 / len(X))
                    loss.backward()
                    total += loss.data
            else:
                scores = [model(x) for x in X]
                loss = sum((1 - t * s).relu() for t, s in zip(labels, scores)) * (1.0 / len(X))
                loss.backward()
                total = loss.data
            params = model.parameters()
            for p in params[-5:] if update == "last layer" else params:
                if update in ("descend", "last layer"):
                    p.data -= 0.5 * p.grad
                elif update == "ascend":
                    p.data += 0.5 * p.grad
                else:  # rebinds the loop variable: nothing changes
                    p -= 0.5 * p.grad  # noqa: PLW2901
            if zero == "after":
                model.zero_grad()
            losses.append(total)
        return losses[keep]

    return train


def run(train):
    ns = capstone_designs.closure_design()
    reset_hints()
    check = Check("8.7", "training your MLP")
    _probe(check, ns["Value"], ns["MLP"], train, 1)
    return check


@pytest.mark.parametrize(
    "train",
    [_loop(), _loop(zero="after"), _loop(per_point=True)],
    ids=["zero_grad before backward", "zero_grad after the update", "one backward per point"],
)
def test_unusual_correct_loops_pass(train):
    assert run(train).count >= 1


@pytest.mark.parametrize(
    ("train", "says"),
    [
        (_loop(zero="never"), "did not reset them"),
        (_loop(update="ascend"), "moved uphill"),
        (_loop(update="rebind"), "did not change"),
        (_loop(keep=slice(1, None)), "one per step"),
        (_loop(update="last layer"), "for every parameter"),
    ],
    ids=["no zero_grad", "wrong sign", "rebound p", "short", "last layer only"],
)
def test_each_wrong_loop_gets_its_own_diagnosis(train, says):
    with pytest.raises(CheckFailed) as info:
        run(train)
    assert says in " ".join(str(info.value).split())
