"""Self-checks for the exercises of chapter 6, training an MLP (see micrograd_checks).

Expected values come from micrograd itself: `micrograd.losses` and `micrograd.optim.SGD`.
"""

from micrograd.engine import Value
from micrograd.losses import cross_entropy
from micrograd.losses import softmax as reference_softmax

from micrograd_checks import own_code
from micrograd_checks.core import Hint, expect_value, hidden_rng, is_close, number
from micrograd_checks.value_structure import require_value_ops
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


def _unchanged(check, what, given, logits, case):
    """Fail if the learner's code changed the logits it was given (the list, or a Value's data)."""
    now = [number(z) for z in given]
    if len(given) != len(logits) or any(a is None or a != b for a, b in zip(now, logits)):
        raise check.fail(
            f"{what} changed the logits it was given",
            case=case,
            expected=list(logits),
            got=now if None not in now else given,
            hint="The logits belong to the caller (the network's outputs, used again by backward() "
            "and by the next call): compute with new Values and new lists, never change them.",
        )


def _same_list(check, what, handed, inputs, case):
    """Fail if the learner's code put other items into (or took some out of) the list it was given."""
    if len(handed) != len(inputs) or any(h is not z for h, z in zip(handed, inputs, strict=False)):
        raise check.fail(
            f"{what} replaced the items of the list it was given",
            case=case,
            got=handed,
            hint=Hint(
                "The caller's list still holds your intermediate results: the caller (the network, "
                "the next call) needs its logits back as they were.",
                "Put what you compute into a new list (a list comprehension, or append to an empty "
                "list) and leave the one you were given alone.",
                key="list replaced",
            ),
        )


@checker("6.1", "softmax()", function("softmax"))
def check_softmax(check, softmax):
    """Exercise 6.1: softmax(logits) -> probabilities as Values, numerically stable."""
    rng = hidden_rng()
    for logits in _SOFTMAX_CASES:
        case = f"softmax({logits})"
        inputs = [Value(z) for z in logits]
        with own_code.calls_into(own_code.LOSSES, own_code.NN) as seen:
            got = check.call(softmax, handed := list(inputs), case=case, hints=_OVERFLOW)
        own_code.refuse_delegation(check, seen, _PACKAGE, case, _OWN)
        _same_list(check, "softmax()", handed, inputs, case)
        _unchanged(check, "softmax()", inputs, logits, case)
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
            require_value_ops(check, p, inputs, case, "softmax()", "-, exp, +, /")
        # the gradient of a hidden mix of every probability, so each one must be connected
        mix = [round(rng.uniform(-2, 2), 3) for _ in probs]
        mixed = sum((c * expect_value(check, p, case) for c, p in zip(mix, probs)), Value(0.0))
        check.call(mixed.backward, case=case)
        sum((c * r for c, r in zip(mix, ref)), Value(0.0)).backward()
        for i, (z, r) in enumerate(zip(inputs, ref_inputs, strict=False)):
            hint = "Build the probabilities from Value operations on the logits, so gradients flow back to them."
            check.close(
                z.grad,
                r.grad,
                case + f", gradient of {' + '.join(f'{c}·p{j}' for j, c in enumerate(mix))}",
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
            got = check.call(
                cross_entropy_fn, handed := list(inputs), target, case=case, hints=_OVERFLOW
            )
        own_code.refuse_delegation(check, seen, _PACKAGE, case, _OWN)
        _same_list(check, "cross_entropy()", handed, inputs, case)
        _unchanged(check, "cross_entropy()", inputs, logits, case)
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
            if is_close(got * len(others), want, 1e-9) and want:
                return (
                    f"That is the loss divided by {len(others)}, the number of classes: the loss of "
                    "one example is −log(p) itself (averaging is over examples, not classes)."
                )
            return "The loss is −log(p), where p is the probability softmax gives the target class."

        check.close(loss.data, ref.data, case, what="loss", tol=1e-9, hint=hint)
        require_value_ops(check, loss, inputs, case, "cross_entropy()", "your softmax, log, -")
        check.call(loss.backward, case=case)
        ref.backward()
        for i, (z, r) in enumerate(zip(inputs, ref_inputs, strict=False)):
            hint = "Build the loss from Value operations (your softmax, then .log()), so gradients reach the logits."
            check.close(z.grad, r.grad, case, what=f"dL/dz{i}", tol=1e-9, hint=hint)
    check.passed()


def _not_kept(check, earlier, key, logits, got, want, case):
    """Fail if the answer is an earlier call's, for other logits of the same length and target."""
    now = [number(g) for g in got]
    before = earlier.get(key)
    earlier[key] = (list(logits), now, want)
    if before is None or before[0] == list(logits) or now != before[1] or want == before[2]:
        return
    raise check.fail(
        f"cross_entropy_grad() gave the same answer for a different input (logits {before[0]} "
        "before, with the same target)",
        case=case,
        expected=want,
        got=now,
        hint=Hint(
            "Does it keep something from an earlier call? Each call must work the gradient out "
            "afresh from the logits it is given.",
            "Compute everything from `logits` inside the function, in local variables; keep "
            "nothing between calls (no global cache, no attribute, no default argument).",
            key="kept from an earlier call",
        ),
    )


@checker("6.3", "cross_entropy_grad()", function("cross_entropy_grad"))
def check_cross_entropy_grad(check, cross_entropy_grad):
    """Exercise 6.3: the gradient of the cross-entropy with respect to the logits, as plain numbers."""
    rng, earlier = hidden_rng(), {}
    # each case twice: again with other logits of the same length and target (nothing may be kept)
    moved = [([z + round(rng.uniform(-2, 2), 3) for z in zs], t) for zs, t in _CE_CASES]
    for logits, target in [c for pair in zip(_CE_CASES, moved, strict=True) for c in pair]:
        case = f"logits {logits}, target class {target}"
        given = list(logits)
        with own_code.calls_into(own_code.LOSSES, own_code.NN, own_code.ENGINE) as seen:
            got = check.call(cross_entropy_grad, given, target, case=case, hints=_OVERFLOW)
        backward = (own_code.ENGINE, "Value.backward")
        own_code.refuse_delegation(
            check, seen, _PACKAGE | {backward}, case, "the gradient worked out by hand"
        )
        _unchanged(check, "cross_entropy_grad()", given, logits, case)
        got = check.sequence(got, len(logits), case)
        inputs = [Value(z) for z in logits]
        cross_entropy([inputs], [target]).backward()
        _not_kept(
            check, earlier, (len(logits), target), logits, got, [z.grad for z in inputs], case
        )
        probs = [p.data for p in reference_softmax(logits)]
        for i, z in enumerate(inputs):

            def hint(value, i=i, want=z.grad, target=target, probs=probs):
                if is_close(value, want, 1e-5):
                    return Hint(
                        "Close, but not exact: that is what a finite difference gives (nudging a "
                        "logit and watching the loss). This exercise asks for the exact formula.",
                        "Differentiate log Σ_j e^(z_j) − z_target: you get softmax(z)_i, minus 1 for "
                        "the target class.",
                        key="finite difference",
                    )
                one = [
                    j
                    for j in range(len(probs))
                    if j != target and is_close(value, probs[i] - (i == j), 1e-9)
                ]
                if i != target and one and i in one:
                    return f"The −1 belongs to the target class {target}, not to class {i}."
                if is_close(value, -want, 1e-9) and want:
                    return "The sign is flipped: raising the target's logit should lower the loss."
                if i == target and is_close(value, probs[i], 1e-9):
                    return (
                        "Close: every class gets its probability, but the target class also gets the derivative "
                        "of the −z_target part of the loss (write it as log Σ_j e^(z_j) − z_target)."
                    )
                return "Write the loss as log Σ_j e^(z_j) − z_target and differentiate with respect to each z_i."

            check.close(got[i], z.grad, case, what=f"dL/dz{i}", tol=1e-12, hint=hint, plain=True)
    check.passed()
