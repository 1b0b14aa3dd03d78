"""Watching a learner's training loop from the inside (exercises 6.5 and 8.7).

`probe(check, Value, train, model, X, y, steps, case)` runs `train(model, X, y, steps)` with the
class's `backward` wrapped, so that every backward() call leaves a record: the loss it was called
on, and the parameters' data and gradients before and after it. `diagnose` then decides from
those records alone (whatever loss, learning rate or schedule the learner chose):

- the returned losses: one plain number per step, each the loss that step's backward() ran on;
- zero_grad: after an update, the next backward() must start from zero gradients;
- the update: every parameter moved against its gradient, by the same factor lr (gradient
  descent), and something moved at all (`p -= lr * p.grad` in a `for p in ...` loop rebinds `p`);
- the model: backward() reached the parameters of the model `train` was given.
"""

import math

from micrograd_checks.core import Hint, number, plain_number


class Spy:
    def __init__(self, Value, params):
        self.Value, self.params, self.records = Value, params, []
        self.saved = Value.__dict__.get("backward")
        self.original = Value.backward

    def snapshot(self):
        return [number(p.data) for p in self.params], [number(p.grad) for p in self.params]

    def __enter__(self):
        spy = self

        def backward(node, *args, **kwargs):
            data, before = spy.snapshot()
            result = spy.original(node, *args, **kwargs)
            spy.records.append(
                {"loss": number(node), "data": data, "before": before, "after": spy.snapshot()[1]}
            )
            return result

        self.Value.backward = backward
        return self

    def __exit__(self, *exc):
        if self.saved is None:
            del self.Value.backward
        else:
            self.Value.backward = self.saved
        return False


_OVERFLOW = {
    OverflowError: "A number grew too large for a float: the training diverged. Lower the learning "
    "rate, and check the update's sign: `p.data -= lr * p.grad`."
}


def probe(check, Value, train, model, X, y, steps, case, params):
    """Run the learner's train() on the model under watch; (losses, records, final data)."""
    with Spy(Value, params) as spy:
        losses = check.call(train, model, X, y, steps, case=case, hints=_OVERFLOW)
    return losses, spy.records, [number(p.data) for p in params]


def _finite(xs):
    return all(x is not None and math.isfinite(x) for x in xs)


def diagnose(check, losses, records, final, steps, case):
    """Fail with the mistake the records show, if any (see the module's docstring)."""
    losses = check.sequence(
        losses,
        steps,
        case,
        what="the list train() returns",
        hint=Hint(
            f"train(model, X, y, {steps}) should return {steps} losses, one per step.",
            "Append the loss of every step to a list inside the loop, and return the list after it.",
            key="losses length",
        ),
    )
    for k, loss in enumerate(losses):
        if plain_number(loss) is None:
            raise check.fail(
                f"loss {k} should be a plain number",
                case=case,
                got=loss,
                hint="Append `loss.data`, the number, not the loss node itself (a graph per step "
                "would also keep every step's graph in memory).",
            )
    if not records:
        raise check.fail(
            "train() never called backward()",
            case=case,
            hint=Hint(
                "Without backward() the parameters have no gradients to follow.",
                "Each step: scores, loss, zero_grad(), loss.backward(), then the update.",
                key="no backward",
            ),
        )
    if all(not any(r["after"]) for r in records):
        raise check.fail(
            "backward() never reached the parameters of the model train() was given",
            case=case,
            hint="Compute the scores with the `model` argument of train(), not with another model.",
        )
    for k in range(1, len(records)):
        moved = records[k]["data"] != records[k - 1]["data"]
        if moved and any(records[k]["before"]):
            raise check.fail(
                "a step's backward() started from the previous step's gradients",
                case=case,
                hint=Hint(
                    "backward() adds to the parameters' gradients, so each step's gradients piled up "
                    "on top of the last step's: you did not reset them.",
                    "Call model.zero_grad() before loss.backward() in every step.",
                    key="zero_grad",
                ),
            )
    if final == records[0]["data"]:
        raise check.fail(
            "your parameters did not change",
            case=case,
            hint=Hint(
                "The update did not reach the parameters. `p -= lr * p.grad` in a `for p in ...` "
                "loop makes a new Value and rebinds the name p; the model's Value stays as it was.",
                "Change the number inside each parameter: `p.data -= lr * p.grad`.",
                key="nothing moved",
            ),
        )
    ends = [r["data"] for r in records[1:]] + [final]
    for k, (record, end) in enumerate(zip(records, ends)):
        if not (_finite(record["after"]) and _finite(end) and _finite(record["data"])):
            raise diverged(check, case)
        step = [b - a for a, b in zip(record["data"], end)]
        grad = record["after"]
        dot, norm = sum(s * g for s, g in zip(step, grad)), sum(g * g for g in grad)
        if not any(step) or not norm:
            continue
        if dot > 0:
            raise check.fail(
                "the parameters moved uphill, towards a larger loss",
                case=case + f", step {k}",
                hint=Hint(
                    "The gradient points uphill: the update must go the other way.",
                    "Subtract it: `p.data -= lr * p.grad`.",
                    key="uphill",
                ),
            )
        lr = -dot / norm
        off = math.sqrt(sum((s + lr * g) * (s + lr * g) for s, g in zip(step, grad)))
        if off > 1e-6 * math.sqrt(sum(s * s for s in step)) + 1e-12:
            raise check.fail(
                "the update is not lr · gradient for every parameter",
                case=case + f", step {k}",
                hint=Hint(
                    "Gradient descent moves every parameter (all of model.parameters()) by the same "
                    "lr times its own gradient.",
                    "for p in model.parameters(): p.data -= lr * p.grad",
                    key="update rule",
                ),
            )
    if len(records) != steps:  # e.g. one backward() per point: no loss per backward() to compare
        check.ok()
        return
    for k, (loss, record) in enumerate(zip(losses, records)):
        if record["loss"] is not None and not _same(loss, record["loss"]):
            raise check.fail(
                f"loss {k} is not the loss step {k} ran backward() on",
                case=case,
                expected=record["loss"],
                got=loss,
                hint="Append the loss you call backward() on, `loss.data`, once per step.",
            )
    check.ok()


def _same(a, b):
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def diverged(check, case):
    return check.fail(
        "the training diverged: some numbers became infinite or NaN (not a number)",
        case=case,
        hint=Hint(
            "The steps were so large that the parameters shot off to infinity. The loss may even "
            "print as 0 once the scores are NaN.",
            "Lower the learning rate (start at 1.0 or below and let it shrink), and check the "
            "update's sign: `p.data -= lr * p.grad`.",
            key="diverged",
        ),
    )


def check_finite(check, model, scores, case):
    """Fail with the divergence diagnosis if a parameter or a score is not finite."""
    values = [number(p.data) for p in model.parameters()] + [number(s) for s in scores]
    if not _finite([v for v in values if v is not None]):
        raise diverged(check, case)
