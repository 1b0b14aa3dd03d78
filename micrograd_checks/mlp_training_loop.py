"""Self-checks for exercises 6.4 and 6.5, the training loop (see micrograd_checks).

Expected values come from micrograd itself (`micrograd.losses.hinge_loss`, `micrograd.optim.SGD`);
the learner's loop is also watched from the inside (`training_probe`): zero_grad, the update.
"""

from micrograd.data import make_moons
from micrograd.engine import Value
from micrograd.losses import accuracy, hinge_loss
from micrograd.nn import MLP
from micrograd.optim import SGD

from micrograd_checks import own_code, training_probe
from micrograd_checks.core import Hint, hidden_rng, is_close, number, plain_number
from micrograd_checks.wrapper import anything, checker, function


def unchanged_data(check, what, given_X, given_y, X, y, case):
    """Fail if the learner's code changed the points or labels it was given."""
    if [list(x) for x in given_X] != [list(x) for x in X] or list(given_y) != list(y):
        raise check.fail(
            f"{what} changed the X or y it was given",
            case=case,
            hint="The same X and y are used again at every step: compute the labels −1/+1 into a new "
            "list (labels = [...]) and never change X or y.",
        )


def _loss_hint(want, partial, n):
    """The diagnosis of a wrong returned loss: a sum, a subset of the points, or something else."""

    def hint(got):
        if want and is_close(got, n * want, 1e-9):
            return Hint(
                f"Your loss is {n} times too large, one per point: that is the sum of the points' "
                "losses, and the loss is their mean.",
                "Divide the sum by the number of points (or use hinge_loss, which takes the mean).",
                key="sum",
            )
        if any(is_close(got, p, 1e-9) for p in partial) and not is_close(got, want, 1e-6):
            return Hint(
                "That is the loss over a subset of the points: one step of train_step() uses every "
                "point of X, not a minibatch.",
                "Compute the scores of every x in X and the hinge loss over all of them.",
                key="subset",
            )
        return Hint(
            "Return the loss of this step, computed before the update.",
            "The hinge loss of the model's scores on every point of X, with labels 2·y − 1 (−1 or +1).",
            key="loss",
        )

    return hint


@checker("6.4", "train_step()", function("train_step"))
def check_train_step(check, train_step):
    """Exercise 6.4: one step of gradient descent on the hinge loss."""
    rng = hidden_rng("6.4")
    X, y = make_moons(16, noise=0.1, seed=rng.randrange(10**6))
    model, reference = MLP(2, [4, 1], seed=7), MLP(2, [4, 1], seed=7)
    params = model.parameters()
    for step in (1, 2):
        lr = round(rng.uniform(0.12, 0.3), 3)  # hidden: a learning rate typed into the loop fails
        case = f"step {step} on 16 moons points with MLP(2, [4, 1]) and lr = {lr}"
        optimizer = SGD(reference.parameters(), lr=lr)
        before = [p.data for p in params]
        scores, labels = [reference(x) for x in X], [2 * t - 1 for t in y]
        loss = hinge_loss(scores, labels)
        # the loss of the first k points only (a minibatch where the whole of X was asked for)
        partial = [hinge_loss(scores[:k], labels[:k]).data for k in range(1, len(X))]
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        given_X, given_y = [list(x) for x in X], list(y)
        with training_probe.Spy(Value, params) as spy, own_code.calls_into(own_code.OPTIM) as seen:
            got = check.call(train_step, model, given_X, given_y, lr, case=case)
        own_code.refuse_delegation(
            check,
            seen,
            {own_code.OPTIM},
            case,
            "the update written by you (a loop over the parameters)",
        )
        unchanged_data(check, "train_step()", given_X, given_y, X, y, case)
        if step == 2 and spy.records and any(spy.records[0]["before"]):
            raise check.fail(
                "the second step's backward() started from the first step's gradients",
                case=case,
                hint=Hint(
                    "backward() adds to the parameters' gradients, so the first step's gradients "
                    "were still there: you did not reset them.",
                    "Call model.zero_grad() before loss.backward().",
                    key="zero_grad",
                ),
            )
        if spy.records and not any(any(r["after"]) for r in spy.records):
            raise check.fail(
                "backward() never reached the parameters of the model train_step() was given",
                case=case,
                hint="Compute the scores with the `model` argument, not with a model of your own.",
            )
        hint = _loss_hint(loss.data, partial, len(X))
        check.close(got, loss.data, case, what="loss", tol=1e-9, hint=hint, plain=True)
        after = [p.data for p in params]
        want = [p.data for p in reference.parameters()]
        grads = [p.grad for p in params]
        if after == before and spy.records and any(spy.records[-1]["after"]) and not any(grads):
            hint = Hint(
                "The gradients were all zero when you updated: zero_grad() after backward() wipes "
                "what backward() just computed.",
                "Reset first, then backward(), then update: model.zero_grad(); loss.backward(); ...",
                key="zero_grad late",
            )
        elif after == before:
            hint = Hint(
                "Nothing moved: the step must change the parameters. (`p -= lr * p.grad` in a "
                "`for p in ...` loop makes a new Value and rebinds the name p; the model's stays.)",
                "After backward(), move every parameter against its gradient by lr · grad.",
                key="nothing moved",
            )
        elif any(a == b0 for a, b0, g in zip(after, before, grads, strict=False) if g):
            hint = Hint(
                "Only some of the parameters moved: the step must update every one of "
                "model.parameters(), every layer's.",
                "Loop over model.parameters() (all of them) and move each by −lr · grad.",
                key="some moved",
            )
        elif all(
            is_close(a - b0, -(w - b0), 1e-6) for a, b0, w in zip(after, before, want, strict=False)
        ):
            hint = Hint(
                "The parameters moved uphill, towards a larger loss.",
                "Subtract lr · grad (gradient descent), don't add it.",
                key="uphill",
            )
        elif _factor(after, before, want) is not None and not is_close(
            _factor(after, before, want), round(_factor(after, before, want)), 1e-6
        ):
            used = _factor(after, before, want) * lr
            hint = Hint(
                f"Every parameter moved by {used:.3g} times its gradient, but this call's learning "
                f"rate was lr = {lr}: use the lr argument, not a number of your own.",
                "p.data −= lr · p.grad, with the lr that train_step() was given.",
                key="lr argument",
            )
        else:
            hint = Hint(
                "The parameters moved, but not by the right amount.",
                "Forward pass, loss, zero the gradients, backward(), then p.data −= lr · p.grad for every parameter.",
                key="step",
            )
        for i, (a, w) in enumerate(zip(after, want, strict=False)):
            check.close(
                a,
                w,
                case,
                what=f"parameter {i} after the step",
                tol=1e-9,
                hint=hint,
            )
    check.passed()


def _factor(after, before, want):
    """k if every parameter moved k times the right step (one k for all), else None."""
    ks = [(a - b) / (w - b) for a, b, w in zip(after, before, want, strict=False) if w != b]
    if ks and all(is_close(k, ks[0], 1e-6) for k in ks):
        return ks[0]
    return None


def _moons_probe(check, train):
    """Run the learner's train() a few steps on a fresh small network, watching backward()."""
    rng = hidden_rng()
    X, y = make_moons(24, noise=0.1, seed=rng.randrange(10**6))
    steps = rng.randint(3, 5)
    case = f"train(MLP(2, [4, 1]), X, y, {steps}) on 24 moons points"
    model = MLP(2, [4, 1], seed=rng.randrange(10**6))
    params = model.parameters()
    given_X, given_y = [list(x) for x in X], list(y)
    with own_code.calls_into(own_code.OPTIM) as seen:
        losses, records, final = training_probe.probe(
            check, Value, train, model, given_X, given_y, steps, case, params
        )
    own_code.refuse_delegation(
        check, seen, {own_code.OPTIM}, case, "steps taken with your train_step()"
    )
    unchanged_data(check, "train()", given_X, given_y, X, y, case)
    training_probe.diagnose(check, losses, records, final, steps, case)


@checker(
    "6.5",
    "train()",
    function("train"),
    function("get_result", "lambda: (model, losses)"),
    anything("X"),
    anything("y"),
)
def check_moons_training(check, train, get_result, X, y):
    """Exercise 6.5: train() does gradient descent, and the trained model gets >= 95 % of the moons."""
    _moons_probe(check, train)
    model, losses = check.sequence(
        check.call(get_result, case="the training run above"),
        2,
        "(model, losses)",
    )
    own_X, own_y = make_moons(100, noise=0.1, seed=0)
    if [list(x) for x in X] != [list(x) for x in own_X] or list(y) != list(own_y):
        raise check.fail(
            "X and y are not the exercise's moons",
            case="the X and y given to the check",
            hint="Pass the X and y of `make_moons(100, noise=0.1, seed=0)`, unchanged.",
        )
    X, y = own_X, own_y
    case = f"the trained model on the {len(X)} moons points"
    if not isinstance(losses, (list, tuple)) or not losses:
        hint = "train() should return the list of losses, one number per step."
        raise check.fail("`losses` should be a non-empty list", case=case, got=losses, hint=hint)
    if any(plain_number(v) is None for v in losses):
        hint = "Append the loss as a plain number (loss.data, or what train_step returns), not a Value."
        raise check.fail("`losses` should hold plain numbers", case=case, got=losses[0], hint=hint)
    scores = [check.call(model, x, case=case) for x in X]
    if not all(number(s) is not None for s in scores):
        hint = (
            "Your model returns a list holding one Value: return the Value itself."
            if isinstance(scores[0], (list, tuple)) and len(scores[0]) == 1
            else "The model should give one score (a Value) per point."
        )
        raise check.fail(
            "the model's output should be one Value", case=case, got=scores[0], hint=hint
        )
    training_probe.check_finite(check, model, [*scores, *losses], case)
    training_probe.check_falling(check, losses, case)
    acc = accuracy([number(s) for s in scores], y)
    if acc < 0.95:
        hint = Hint(
            f"Only {acc:.0%} of the points are classified correctly.",
            "Train for more steps or with a larger learning rate (one that shrinks over the steps "
            "helps at the end).",
            key="accuracy",
        )
        raise check.fail(f"accuracy {acc:.0%} is below 95 %", case=case, hint=hint)
    check.ok()
    check.passed(f"the trained model classifies {acc:.0%} of the moons correctly.")
