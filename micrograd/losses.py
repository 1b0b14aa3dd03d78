"""Loss functions: one number that says how wrong a batch of predictions is.

Each returns the *mean* over the batch as a `Value`, so `loss.backward()`
sends gradients to every parameter that produced the predictions.
"""

import math
import operator
from numbers import Integral, Real

from micrograd._validate import is_bool, number, numbers_, sequence
from micrograd.engine import Value


def mse_loss(predictions, targets):
    """Mean squared error: mean((prediction - target)^2)."""
    predictions, targets = _batch(predictions, targets)
    return _mean([(p - t) ** 2 for p, t in zip(predictions, targets)])


def hinge_loss(scores, labels):
    """SVM max-margin loss: mean(relu(1 - label * score)), labels are -1 or +1.

    A point costs nothing once it is on the right side with a margin of 1.
    """
    scores, labels = _batch(scores, labels, "scores", "labels")
    if any(y not in (-1, 1) for y in labels):
        raise ValueError(
            "hinge_loss needs labels of -1 or +1; "
            "for 0/1 labels use [2 * y - 1 for y in labels]"
        )
    return _mean([(1 - y * s).relu() for s, y in zip(scores, labels)])


def l2_penalty(parameters, alpha=1e-4):
    """alpha * sum(p^2): pulls weights towards zero (weight decay)."""
    parameters = _scores(parameters, "parameters")
    alpha = number(alpha, "alpha", low=0)
    return alpha * sum((p * p for p in parameters), Value(0.0))


def binary_cross_entropy(logits, labels):
    """Mean of -[y log(sigmoid(z)) + (1 - y) log(1 - sigmoid(z))] for raw scores z, labels 0 or 1.

    Written as max(z, 0) - z*y + log(1 + exp(-|z|)), which never overflows.
    """
    logits, labels = _batch(logits, labels, "logits", "labels", finite=True)
    if any(y not in (0, 1) for y in labels):
        raise ValueError(
            "binary_cross_entropy needs labels of 0 or 1; "
            "for -1/+1 labels use [(y + 1) // 2 for y in labels]"
        )
    losses = []
    for z, y in zip(logits, labels):
        if z.data >= 0:
            losses.append(z - z * y + (1 + (-z).exp()).log())
        else:
            losses.append(-z * y + (1 + z.exp()).log())
    return _mean(losses)


def softmax(logits):
    """Turn raw scores into probabilities that sum to 1 (largest logit subtracted first)."""
    logits = _scores(logits, "logits", finite=True)
    if not logits:
        raise ValueError("softmax needs at least one logit, got an empty list")
    biggest = max(z.data for z in logits)
    exps = [(z - biggest).exp() for z in logits]
    total = sum(exps, Value(0.0))
    return [e / total for e in exps]


def cross_entropy(batch_logits, targets):
    """Mean of -log(softmax(logits)[target]) over a batch: one list of logits and one class index each.

    Uses log-sum-exp with the largest logit subtracted, so big logits cannot overflow.
    """
    batch_logits = sequence(batch_logits, "batch_logits", "lists of logits")
    targets = sequence(targets, "targets", "class indices")
    _same_length(batch_logits, targets, "batch_logits", "targets")
    losses = []
    for logits, target in zip(batch_logits, targets):
        logits = _scores(logits, "each entry of batch_logits", finite=True)
        target = _class_index(target)
        if not 0 <= target < len(logits):
            raise ValueError(
                f"target class {target} is out of range for {len(logits)} logits"
            )
        biggest = max(z.data for z in logits)
        shifted = [z - biggest for z in logits]
        log_sum_exp = sum((s.exp() for s in shifted), Value(0.0)).log()
        losses.append(log_sum_exp - shifted[target])
    return _mean(losses)


def accuracy(scores, labels):
    """Fraction of points whose score has the label's sign (labels -1/+1 or 0/1)."""
    scores, labels = _batch(scores, labels, "scores", "labels")
    kinds = set(labels)
    if not (kinds <= {-1, 1} or kinds <= {0, 1}):
        raise ValueError(
            "accuracy needs labels that are all -1/+1 or all 0/1, "
            f"got {sorted(kinds, key=repr)[:6]}"
        )
    hits = [(s.data > 0) == (y > 0) for s, y in zip(scores, labels)]
    return sum(hits) / len(hits)


def _mean(values):
    return sum(values, Value(0.0)) * (1.0 / len(values))


def _scores(xs, name, finite=False):
    """A list of Values from a list of Values or numbers (finite ones if asked)."""
    xs = sequence(xs, name, "numbers or Values")
    for x in xs:
        if not isinstance(x, (Value, Real)) or is_bool(x):
            raise TypeError(
                f"{name} must hold numbers or Values, got "
                f"{type(x).__name__} {x!r:.40}"
            )
        data = x.data if isinstance(x, Value) else x
        if finite and math.isinf(data):  # NaN stays NaN; inf would become NaN
            raise ValueError(
                f"{name} must be finite, got {data}: an infinite score "
                "makes this loss NaN; is the model's output overflowing?"
            )
    return [x if isinstance(x, Value) else Value(x) for x in xs]


def _class_index(target):
    if is_bool(target) or not isinstance(target, Integral):
        raise TypeError(
            "targets must be class indices (whole numbers), "
            f"got {type(target).__name__} {target!r:.40}"
        )
    return operator.index(target)


def _batch(
    predictions, targets, pname="predictions", tname="targets", finite=False
):
    predictions = _scores(predictions, pname, finite)
    targets = numbers_(targets, tname, finite=True)
    _same_length(predictions, targets, pname, tname)
    return predictions, targets


def _same_length(predictions, targets, pname, tname):
    if len(predictions) != len(targets):
        raise ValueError(
            f"got {len(predictions)} {pname} but {len(targets)} {tname}: "
            "they must match one to one"
        )
    if not predictions:
        raise ValueError(
            f"the batch is empty: a loss needs at least one of the {pname}"
        )
