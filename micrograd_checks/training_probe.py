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
    """Run the learner's train() on the model under watch; (losses, records, final data).

    The last record also keeps the gradients train() left behind ("final_grads")."""
    given = ([list(x) for x in X], list(y))
    with Spy(Value, params) as spy:
        losses = check.call(train, model, X, y, steps, case=case, hints=_OVERFLOW)
    if ([list(x) for x in X], list(y)) != given:
        which = "X" if [list(x) for x in X] != given[0] else "y"
        raise check.fail(
            f"train() changed the X or y it was given: the {which}",
            case=case,
            hint=Hint(
                f"train() wrote into the list {which} itself, so the caller's data changed: a "
                "second training run (or the plot) gets different data.",
                "Build new lists for what you need (labels = [2 * t - 1 for t in y]) and leave "
                "X and y as they are.",
                key="changed data",
            ),
        )
    if spy.records:
        spy.records[-1]["final_grads"] = spy.snapshot()[1]
    return losses, spy.records, [number(p.data) for p in params]


def _finite(xs):
    return all(x is not None and math.isfinite(x) for x in xs)


def diagnose(check, losses, records, final, steps, case):
    """Fail with the mistake the records show, if any (see the module's docstring)."""
    if records and isinstance(losses, (list, tuple)) and len(losses) == len(records) != steps:
        raise check.fail(
            f"train() ran {len(records)} steps, not the {steps} it was asked for",
            case=case,
            hint=Hint(
                f"train(model, X, y, {steps}) should run {steps} steps and return the losses, "
                "one per step.",
                "Loop `for k in range(steps):`, with the `steps` train() was given.",
                key="steps",
            ),
        )
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
    if final == records[0]["data"] and not any(records[-1].get("final_grads", [1.0])):
        raise check.fail(
            "your parameters stayed where they were: their gradients were reset between backward() and "
            "the update",
            case=case,
            hint=Hint(
                "The update read gradients that were 0 already: zero_grad() ran after backward().",
                "Each step: zero_grad(), loss.backward(), then the update.",
                key="zero_grad late",
            ),
        )
    left = records[-1].get("final_grads")
    if final == records[0]["data"] and left is not None and left != records[-1]["after"]:
        raise check.fail(
            "the update changed the parameters' gradients, not their data",
            case=case,
            hint=Hint(
                "The parameters stayed where they were; what moved was p.grad.",
                "Move the number inside each parameter: `p.data -= lr * p.grad`.",
                key="grad moved",
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
    same = {r["loss"] for r in records}
    if len(records) > 1 and len(same) == 1 and None not in same:
        raise check.fail(
            "every step ran backward() on the same loss",
            case=case,
            hint=Hint(
                "The loss was built once, before the parameters moved: its graph holds the old "
                "numbers, so every step follows the first step's gradients.",
                "Compute the scores and the loss inside the loop, in every step.",
                key="stale loss",
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


def same(a, b):
    """Two losses that are equal (NaN equals NaN)."""
    a, b = number(a), number(b)
    if a is None or b is None:
        return False
    return _same(a, b)


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


def check_falling(check, losses, case):
    """Fail unless the last loss of a run is below the first (the steps were watched already, so
    a loss that climbs means steps that are too large, and a flat one steps that are too small)."""
    first, last = number(losses[0]), number(losses[-1])
    if last < first:
        check.ok()
        return
    went_up = last > first
    hint = Hint(
        "Your steps go the right way (the check watched them), so they are too large: the "
        "loss jumps over the valley and climbs."
        if went_up
        else "Your steps go the right way (the check watched them), but the loss did not move.",
        "Lower the learning rate (start at 1.0 or below and let it shrink as training goes on)."
        if went_up
        else "Train for more steps, or with a larger learning rate.",
        key="loss up" if went_up else "loss flat",
    )
    raise check.fail(
        "the loss went up over the run" if went_up else "the loss did not go down",
        case=case,
        got=[losses[0], losses[-1]],
        hint=hint,
    )
