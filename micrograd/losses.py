"""Loss functions: one number that says how wrong a batch of predictions is.

Each returns the *mean* over the batch as a `Value`, so `loss.backward()`
sends gradients to every parameter that produced the predictions.
"""

from micrograd.engine import Value


def mse_loss(predictions, targets):
    """Mean squared error: mean((prediction - target)^2)."""
    _check_batch(predictions, targets)
    return _mean([(p - t) ** 2 for p, t in zip(predictions, targets)])


def hinge_loss(scores, labels):
    """SVM max-margin loss: mean(relu(1 - label * score)), labels are -1 or +1.

    A point costs nothing once it is on the right side with a margin of 1.
    """
    _check_batch(scores, labels)
    if any(y not in (-1, 1) for y in labels):
        raise ValueError(
            "hinge_loss needs labels of -1 or +1; "
            "for 0/1 labels use [2 * y - 1 for y in labels]"
        )
    return _mean([(1 - y * _value(s)).relu() for s, y in zip(scores, labels)])


def l2_penalty(parameters, alpha=1e-4):
    """alpha * sum(p^2): pulls weights towards zero (weight decay)."""
    return alpha * sum((p * p for p in parameters), Value(0.0))


def binary_cross_entropy(logits, labels):
    """Mean of -[y log(sigmoid(z)) + (1 - y) log(1 - sigmoid(z))] for raw scores z, labels 0 or 1.

    Written as max(z, 0) - z*y + log(1 + exp(-|z|)), which never overflows.
    """
    _check_batch(logits, labels)
    if any(y not in (0, 1) for y in labels):
        raise ValueError("binary_cross_entropy needs labels of 0 or 1")
    losses = []
    for z, y in zip(logits, labels):
        z = _value(z)
        if z.data >= 0:
            losses.append(z - z * y + (1 + (-z).exp()).log())
        else:
            losses.append(-z * y + (1 + z.exp()).log())
    return _mean(losses)


def softmax(logits):
    """Turn raw scores into probabilities that sum to 1 (largest logit subtracted first)."""
    biggest = max(_data(z) for z in logits)
    exps = [(_value(z) - biggest).exp() for z in logits]
    total = sum(exps, Value(0.0))
    return [e / total for e in exps]


def cross_entropy(batch_logits, targets):
    """Mean of -log(softmax(logits)[target]) over a batch: one list of logits and one class index each.

    Uses log-sum-exp with the largest logit subtracted, so big logits cannot overflow.
    """
    _check_batch(batch_logits, targets)
    losses = []
    for logits, target in zip(batch_logits, targets):
        if not 0 <= target < len(logits):
            raise ValueError(
                f"target class {target} is out of range for {len(logits)} logits"
            )
        biggest = max(_data(z) for z in logits)
        shifted = [_value(z) - biggest for z in logits]
        log_sum_exp = sum((s.exp() for s in shifted), Value(0.0)).log()
        losses.append(log_sum_exp - shifted[target])
    return _mean(losses)


def accuracy(scores, labels):
    """Fraction of points whose score has the label's sign (labels -1/+1 or 0/1)."""
    _check_batch(scores, labels)
    hits = [(_data(s) > 0) == (y > 0) for s, y in zip(scores, labels)]
    return sum(hits) / len(hits)


def _mean(values):
    return sum(values, Value(0.0)) * (1.0 / len(values))


def _value(x):
    return x if isinstance(x, Value) else Value(x)


def _data(x):
    return x.data if isinstance(x, Value) else float(x)


def _check_batch(predictions, targets):
    if len(predictions) != len(targets):
        raise ValueError(
            f"got {len(predictions)} predictions but {len(targets)} targets: they must match one to one"
        )
    if not predictions:
        raise ValueError(
            "the batch is empty: a loss needs at least one prediction"
        )
