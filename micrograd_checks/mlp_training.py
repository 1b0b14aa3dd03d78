"""Self-checks for the exercises of chapter 6, training an MLP (see micrograd_checks).

Expected values come from micrograd itself: `micrograd.losses` and `micrograd.optim.SGD`.
"""

from micrograd.engine import Value
from micrograd.losses import cross_entropy
from micrograd.losses import softmax as reference_softmax

from micrograd_checks import own_code
from micrograd_checks.core import Hint, expect_value, is_close, number
from micrograd_checks.wrapper import checker, function

_PACKAGE = {own_code.LOSSES, own_code.NN}
_OWN = "your own softmax and cross-entropy, built from Value operations"
_LOGITS = [0.0, 3.0, -2.0, 1.0]
_SOFTMAX_CASES = [
    _LOGITS,
    [1000.0, 1001.0, 999.0],
    [5.0],
    [-1.0, -1.0],
    [0.5, -1.0, 2.0],
    [-800.0, 0.0, 5.0],  # e^(z - min) would overflow: subtract the largest
]
_OVERFLOW = {
    OverflowError: "exp() of a big logit is too large for a float. Subtract the largest logit from every logit "
    "first: the probabilities do not change, and exp() can no longer overflow."
}


@checker("6.1", "softmax()", function("softmax"))
def check_softmax(check, softmax):
    """Exercise 6.1: softmax(logits) -> probabilities as Values, numerically stable."""
    for logits in _SOFTMAX_CASES:
        case = f"softmax({logits})"
        inputs = [Value(z) for z in logits]
        with own_code.calls_into(own_code.LOSSES, own_code.NN) as seen:
            got = check.call(softmax, list(inputs), case=case, hints=_OVERFLOW)
        own_code.refuse_delegation(check, seen, _PACKAGE, case, _OWN)
        probs = check.sequence(got, len(logits), case)
        total = sum(number(p) for p in probs) if all(number(p) is not None for p in probs) else 1.0
        if not is_close(total, 1.0, 1e-9):
            hint = (
                "Probabilities must add up to 1: divide each exponential by the sum of all of them."
            )
            raise check.fail(
                "the probabilities do not add up to 1",
                case=case,
                got=probs,
                hint=hint,
            )
        ref_inputs = [Value(z) for z in logits]
        ref = reference_softmax(ref_inputs)
        for i, (p, r) in enumerate(zip(probs, ref, strict=False)):
            check.close(
                p,
                r.data,
                case,
                what=f"probability {i}",
                tol=1e-9,
                hint="softmax(z)_i = e^(z_i) / Σ_j e^(z_j).",
            )
        last = expect_value(check, probs[-1], case)
        check.call(last.backward, case=case)
        ref[-1].backward()
        for i, (z, r) in enumerate(zip(inputs, ref_inputs, strict=False)):
            hint = "Build the probabilities from Value operations on the logits, so gradients flow back to them."
            check.close(
                z.grad,
                r.grad,
                case + ", gradient of the last probability",
                what=f"d/dz{i}",
                tol=1e-9,
                hint=hint,
            )
    check.passed()


_CE_CASES = [
    (_LOGITS, 1),
    (_LOGITS, 2),
    ([2.0, -1.0], 0),
    ([1000.0, 1001.0, 999.0], 0),
    ([-800.0, 0.0, 5.0], 2),
]


@checker("6.2", "cross_entropy()", function("cross_entropy_fn"))
def check_cross_entropy(check, cross_entropy_fn):
    """Exercise 6.2: cross_entropy(logits, target) = -log(softmax(logits)[target]) as a Value."""
    for logits, target in _CE_CASES:
        case = f"logits {logits}, target class {target}"
        ref_inputs = [Value(z) for z in logits]
        ref = cross_entropy([ref_inputs], [target])
        others = [cross_entropy([[Value(z) for z in logits]], [j]).data for j in range(len(logits))]
        inputs = [Value(z) for z in logits]
        with own_code.calls_into(own_code.LOSSES, own_code.NN) as seen:
            got = check.call(cross_entropy_fn, list(inputs), target, case=case, hints=_OVERFLOW)
        own_code.refuse_delegation(check, seen, _PACKAGE, case, _OWN)
        loss = expect_value(check, got, case)

        def hint(got, want=ref.data, others=others, target=target):
            if want and is_close(got, -want, 1e-9):
                return "The sign is flipped: the loss is −log(p), which is never negative."
            wrong = [j for j, o in enumerate(others) if j != target and is_close(got, o, 1e-9)]
            if wrong:
                return Hint(
                    f"That is the loss of class {wrong[0]}, not of the target class {target}.",
                    "Take the probability at index `target` of the softmax.",
                    key="other class",
                )
            return "The loss is −log(p), where p is the probability softmax gives the target class."

        check.close(loss.data, ref.data, case, what="loss", tol=1e-9, hint=hint)
        check.call(loss.backward, case=case)
        ref.backward()
        for i, (z, r) in enumerate(zip(inputs, ref_inputs, strict=False)):
            hint = "Build the loss from Value operations (your softmax, then .log()), so gradients reach the logits."
            check.close(z.grad, r.grad, case, what=f"dL/dz{i}", tol=1e-9, hint=hint)
    check.passed()


@checker("6.3", "cross_entropy_grad()", function("cross_entropy_grad"))
def check_cross_entropy_grad(check, cross_entropy_grad):
    """Exercise 6.3: the gradient of the cross-entropy with respect to the logits, as plain numbers."""
    for logits, target in _CE_CASES:
        case = f"logits {logits}, target class {target}"
        with own_code.calls_into(own_code.LOSSES, own_code.NN, own_code.ENGINE) as seen:
            got = check.call(cross_entropy_grad, list(logits), target, case=case)
        backward = (own_code.ENGINE, "Value.backward")
        own_code.refuse_delegation(
            check, seen, _PACKAGE | {backward}, case, "the gradient worked out by hand"
        )
        got = check.sequence(got, len(logits), case)
        inputs = [Value(z) for z in logits]
        cross_entropy([inputs], [target]).backward()
        probs = [p.data for p in reference_softmax(logits)]
        for i, z in enumerate(inputs):

            def hint(value, i=i, want=z.grad, target=target, probs=probs):
                if is_close(value, -want, 1e-9) and want:
                    return "The sign is flipped: raising the target's logit should lower the loss."
                if i == target and is_close(value, probs[i], 1e-9):
                    return (
                        "Close: every class gets its probability, but the target class also gets the derivative "
                        "of the −z_target part of the loss (write it as log Σ_j e^(z_j) − z_target)."
                    )
                return "Write the loss as log Σ_j e^(z_j) − z_target and differentiate with respect to each z_i."

            check.close(got[i], z.grad, case, what=f"dL/dz{i}", tol=1e-9, hint=hint, plain=True)
    check.passed()
