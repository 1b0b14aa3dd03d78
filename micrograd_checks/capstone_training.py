"""Self-check for the capstone, part 8.7: your own training loop (see micrograd_checks.capstone).

Two runs are judged. First the check runs your `train()` itself, a few steps on a fresh small
network and a random sample of the moons, watching every backward() call (`training_probe`):
zero_grad, the update's direction and size, the list of losses. Then it judges your own run, the
`(model, losses)` your notebook made: finite numbers, a falling loss, 95 % of the moons right.
"""

from micrograd.data import make_moons

from micrograd_checks import own_code, training_probe
from micrograd_checks.capstone_nn import _score, _values_in
from micrograd_checks.core import CheckFailed, Hint, NotImplementedYet, hidden_rng, plain_number
from micrograd_checks.wrapper import checker, function, klass


def moons():
    """The capstone's training set: 100 moons points, noise 0.1, seed 0."""
    return make_moons(100, noise=0.1, seed=0)


def predicted_class(out):
    out = _score(out)
    if isinstance(out, (list, tuple)):  # one logit per class
        scores = [o.data for o in out]
        return scores.index(max(scores))
    return 1 if out.data > 0 else 0


def _probe(check, Value, MLP, train, nout):
    """Run train() a few steps on a fresh MLP(2, [4, nout]) and a random sample of the moons."""
    rng = hidden_rng()
    X, y = moons()
    sample = rng.sample(range(len(X)), 24)
    steps = rng.randint(3, 5)
    case = f"train(MLP(2, [4, {nout}]), X, y, {steps}) on {len(sample)} of the moons points"
    model = check.call(MLP, 2, [4, nout], case=case)
    params = list(check.call(model.parameters, case=case))
    start = [p.data for p in params]
    crash = None
    with own_code.calls_into(own_code.ENGINE, own_code.NN, own_code.OPTIM) as seen:
        try:
            run = training_probe.probe(
                check,
                Value,
                train,
                model,
                [list(X[i]) for i in sample],
                [y[i] for i in sample],
                steps,
                case,
                params,
            )
        except CheckFailed as error:  # micrograd's own code may be what crashed: say that first
            crash = error
    own_code.refuse_delegation(
        check, seen, {own_code.ENGINE, own_code.NN, own_code.OPTIM}, case, "your own training loop"
    )
    if crash is not None:
        raise crash
    losses, records, final = run
    training_probe.diagnose(check, losses, records, final, steps, case)
    others = [i for i in range(len(X)) if i not in sample][: len(sample)]
    for name, data, labels in (
        ("y", [list(X[i]) for i in sample], [1 - y[i] for i in sample]),
        ("X", [list(X[i]) for i in others], [y[i] for i in sample]),
    ):
        twin = check.call(MLP, 2, [4, nout], case=case)
        for p, d in zip(check.call(twin.parameters, case=case), start):
            p.data = d
        again = check.call(train, twin, data, labels, 1, case=case)
        if isinstance(again, (list, tuple)) and again and training_probe.same(again[0], losses[0]):
            raise check.fail(
                f"train() does not use the {name} it was given",
                case=case + f", and again with another {name}",
                hint=Hint(
                    f"With another {name} the first loss came out the same: the loss is computed "
                    "from other data than train()'s arguments.",
                    "Compute the scores of the X train() was given and the loss with its labels y.",
                    key=f"ignores {name}",
                ),
            )


@checker(
    "8.7",
    "training your MLP",
    klass("Value"),
    klass("MLP"),
    function("train"),
    function("get_result", "lambda: (model, losses)"),
)
def check_own_training(check, Value, MLP, train, get_result):
    """Exercise 8.7: your train() does gradient descent, and your trained MLP classifies >= 95 %."""
    own_code.refuse_classes(check, [Value, MLP], what="your own Value, MLP and training")
    try:
        result = check.call(get_result, case="the training run above")
    except NotImplementedYet:
        raise
    except CheckFailed:  # the training cell stopped: a mistake in train() itself says more
        _probe(check, Value, MLP, train, nout=1)
        raise
    model, losses = check.sequence(result, 2, "(model, losses)")
    if not isinstance(model, MLP):
        raise check.fail(
            f"your trained `model` is not one of your own {MLP.__name__}s",
            case="the training run above",
            got=type(model).__name__,
            hint="Train an MLP of your own class from exercise 8.6, made with MLP(...), and pass "
            "that model to the check.",
        )
    X, y = moons()
    outs = [check.call(model, x, case="your trained model") for x in X]
    _probe(check, Value, MLP, train, nout=len(_values_in(outs[0])))
    case = "the losses of your training run"
    if not isinstance(losses, (list, tuple)) or len(losses) < 2:
        raise check.fail(
            "`losses` should be a list with one number per step",
            case=case,
            got=losses,
            hint="Append the loss of every step (as a number: loss.data) to a list.",
        )
    for k, loss in enumerate(losses):
        if plain_number(loss) is None:
            raise check.fail(f"loss {k} should be a plain number", case=case, got=loss)
    scores = [v for o in outs for v in _values_in(o)]
    if any(not isinstance(v, Value) for v in scores):
        raise check.fail(
            f"the model's outputs should be your own {Value.__name__}s",
            case="your trained model",
            got=outs[0],
            hint="Train the MLP you built in exercise 8.6 on your own Value, not micrograd's.",
        )
    training_probe.check_finite(check, model, [*scores, *losses], "your trained model")
    check.ok()
    training_probe.check_falling(check, losses, case)
    case = f"your trained model on the {len(X)} moons points"
    acc = sum(predicted_class(o) == t for o, t in zip(outs, y)) / len(y)
    if acc < 0.3:  # far worse than guessing: it learned, but the other way round
        hint = Hint(
            f"{acc:.0%} right is far worse than guessing (50 %): the model learned something, "
            "but the opposite labels. Look at the sign in your loss: which score should make it "
            "small for a point of class +1?",
            "With the hinge loss relu(1 − label · score), a point is fine when label · score is "
            "large: check the sign of label · score in your loss, and that the labels are −1/+1 "
            "as predicted_class reads them.",
            key="accuracy opposite",
        )
        raise check.fail(
            f"accuracy {acc:.0%}: your model learned the opposite labels (loss or label sign)",
            case=case,
            hint=hint,
        )
    if acc < 0.95:
        hint = Hint(
            f"Only {acc:.0%} of the points are classified correctly.",
            "Train for more steps, try a larger learning rate that shrinks over the steps, and check "
            "that your loss uses the labels as −1/+1 (hinge loss) or as class indices (cross-entropy).",
            key="accuracy",
        )
        raise check.fail(f"accuracy {acc:.0%} is below 95 %", case=case, hint=hint)
    check.ok()
    check.passed(f"your own micrograd classifies {acc:.0%} of the moons correctly.")
