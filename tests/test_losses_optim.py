"""Losses and optimisers against values and steps worked out by hand."""

import math

import pytest

from micrograd import MLP, Value
from micrograd.losses import (
    accuracy,
    binary_cross_entropy,
    cross_entropy,
    hinge_loss,
    l2_penalty,
    mse_loss,
    softmax,
)
from micrograd.optim import SGD, AdamW


def values(*numbers):
    return [Value(x) for x in numbers]


def grads(vs):
    return [v.grad for v in vs]


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


# ----- losses -----


def test_mse_loss():
    preds = values(1.0, 2.0)
    loss = mse_loss(preds, [0.0, 4.0])
    assert loss.data == 2.5  # ((1 - 0)^2 + (2 - 4)^2) / 2
    loss.backward()
    assert grads(preds) == [1.0, -2.0]  # 2 (p - t) / n


def test_hinge_loss():
    scores = values(0.5, -2.0, 3.0, 2.0)
    loss = hinge_loss(scores, [1, 1, -1, 1])
    assert loss.data == pytest.approx((0.5 + 3.0 + 4.0 + 0.0) / 4)
    loss.backward()
    assert grads(scores) == [-0.25, -0.25, 0.25, 0.0]  # -y / n inside the margin, 0 outside


def test_hinge_loss_rejects_0_1_labels():
    with pytest.raises(ValueError, match=r"-1 or \+1"):
        hinge_loss(values(0.5, 0.5), [0, 1])


def test_l2_penalty():
    params = values(1.0, -2.0, 3.0)
    penalty = l2_penalty(params, alpha=0.1)
    assert penalty.data == pytest.approx(1.4)
    penalty.backward()
    assert grads(params) == pytest.approx([0.2, -0.4, 0.6])  # 2 alpha p
    assert l2_penalty(values(2.0)).data == pytest.approx(4e-4)  # default alpha 1e-4


def test_binary_cross_entropy():
    logits = values(0.0, 2.0, -1.0)
    labels = [1, 0, 1]
    loss = binary_cross_entropy(logits, labels)
    by_hand = (math.log(2) + math.log(1 + math.exp(2)) + math.log(1 + math.e)) / 3
    assert loss.data == pytest.approx(by_hand, rel=1e-14)
    loss.backward()
    assert grads(logits) == pytest.approx(
        [(sigmoid(z) - y) / 3 for z, y in zip([0, 2, -1], labels, strict=True)]
    )


def test_binary_cross_entropy_is_stable_for_huge_logits():
    logits = values(1000.0, 1000.0, -1000.0, -1000.0)
    loss = binary_cross_entropy(logits, [1, 0, 0, 1])
    assert loss.data == pytest.approx((0 + 1000 + 0 + 1000) / 4)
    loss.backward()
    assert grads(logits) == pytest.approx([0.0, 0.25, 0.0, -0.25])
    assert all(math.isfinite(g) for g in grads(logits))


def test_binary_cross_entropy_rejects_other_labels():
    with pytest.raises(ValueError, match="0 or 1"):
        binary_cross_entropy(values(0.5), [-1])


def test_softmax():
    logits = values(1.0, 2.0, 3.0)
    probs = softmax(logits)
    total = sum(math.exp(k) for k in (1, 2, 3))
    assert [p.data for p in probs] == pytest.approx(
        [math.exp(k) / total for k in (1, 2, 3)], rel=1e-14
    )
    assert sum(p.data for p in probs) == pytest.approx(1.0, rel=1e-15)
    probs[0].backward()
    p = [q.data for q in probs]
    assert grads(logits) == pytest.approx(
        [p[0] * (1 - p[0]), -p[0] * p[1], -p[0] * p[2]], rel=1e-12
    )


def test_softmax_subtracts_the_largest_logit():
    probs = softmax(values(1000.0, 1001.0))
    assert [p.data for p in probs] == pytest.approx(
        [1 / (1 + math.e), math.e / (1 + math.e)], rel=1e-14
    )
    assert [p.data for p in softmax([1e6, 0.0])] == [1.0, 0.0]  # plain numbers work too


def test_cross_entropy():
    batch = [values(1.0, 2.0, 3.0), values(0.5, -0.5, 0.0)]
    loss = cross_entropy(batch, [2, 0])
    lse = [math.log(sum(math.exp(z.data) for z in logits)) for logits in batch]
    assert loss.data == pytest.approx(((lse[0] - 3.0) + (lse[1] - 0.5)) / 2, rel=1e-14)
    loss.backward()
    for logits, target, log_total in zip(batch, [2, 0], lse, strict=True):
        expected = [
            (math.exp(z.data - log_total) - (k == target)) / 2 for k, z in enumerate(logits)
        ]
        assert grads(logits) == pytest.approx(expected, rel=1e-12)


def test_cross_entropy_is_stable_for_huge_logits():
    logits = values(1000.0, 0.0, -1000.0)
    loss = cross_entropy([logits], [1])
    assert loss.data == pytest.approx(1000.0)
    loss.backward()
    assert grads(logits) == pytest.approx([1.0, -1.0, 0.0])
    assert cross_entropy([values(1000.0, 0.0)], [0]).data == 0.0


def test_cross_entropy_rejects_bad_targets():
    with pytest.raises(ValueError, match="target class 3 is out of range for 3 logits"):
        cross_entropy([values(1.0, 2.0, 3.0)], [3])


@pytest.mark.parametrize("loss", [mse_loss, hinge_loss, binary_cross_entropy, accuracy])
def test_batches_must_match_and_not_be_empty(loss):
    with pytest.raises(
        ValueError, match=r"got 2 (predictions|scores|logits) but 1 (targets|labels)"
    ):
        loss(values(1.0, 1.0), [1])
    with pytest.raises(ValueError, match="empty"):
        loss([], [])


def test_accuracy():
    assert accuracy(values(0.5, -0.2, 0.1), [1, -1, -1]) == pytest.approx(2 / 3)
    assert accuracy([0.5, -0.2, 0.1], [1, 0, 1]) == 1.0


# ----- optimisers -----


def test_sgd_step():
    p = Value(1.0)
    p.grad = 0.5
    SGD([p], lr=0.1).step()
    assert p.data == pytest.approx(0.95, rel=1e-15)


def test_sgd_momentum_steps():
    p = Value(1.0)
    opt = SGD([p], lr=0.1, momentum=0.9)
    p.grad = 0.5
    opt.step()  # velocity starts as the first gradient (as in PyTorch): v = 0.5
    assert p.data == pytest.approx(1.0 - 0.1 * 0.5, rel=1e-15)
    p.grad = 0.2
    opt.step()  # v = 0.9 * 0.5 + 0.2 = 0.65
    assert p.data == pytest.approx(0.95 - 0.1 * 0.65, rel=1e-15)
    p.grad = 0.0
    opt.step()  # v = 0.9 * 0.65 = 0.585: it keeps rolling
    assert p.data == pytest.approx(0.885 - 0.1 * 0.585, rel=1e-15)


def test_adamw_first_steps():
    lr, b1, b2, eps, wd = 0.1, 0.9, 0.999, 1e-8, 0.01
    p = Value(1.0)
    opt = AdamW([p], lr=lr, betas=(b1, b2), eps=eps, weight_decay=wd)
    expected, m, v = 1.0, 0.0, 0.0
    for t, g in enumerate([0.5, -0.3, 0.8], start=1):
        p.grad = g
        opt.step()
        expected *= 1 - lr * wd  # decoupled weight decay
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        expected -= lr * m_hat / (math.sqrt(v_hat) + eps)
        assert p.data == pytest.approx(expected, rel=1e-12)
    assert opt.t == 3


def test_adamw_first_step_moves_by_about_lr():
    p = Value(2.0)
    p.grad = 123.0
    AdamW([p], lr=0.01, weight_decay=0.0).step()
    assert p.data == pytest.approx(2.0 - 0.01, rel=1e-9)  # m_hat / sqrt(v_hat) = sign(g) on step 1


def test_optimiser_zero_grad_and_empty_parameters():
    ps = values(1.0, 2.0)
    for p in ps:
        p.grad = 3.0
    opt = SGD(ps)
    opt.zero_grad()
    assert grads(ps) == [0.0, 0.0]
    with pytest.raises(ValueError, match="no parameters"):
        AdamW([])


@pytest.mark.parametrize(
    "make_opt", [lambda ps: SGD(ps, lr=0.05, momentum=0.9), lambda ps: AdamW(ps, lr=0.05)]
)
def test_optimisers_reduce_a_training_loss(make_opt):
    model = MLP(2, [8, 1], activation="tanh", seed=1)
    xs, ys = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [-1.0, 1.0, 1.0, -1.0]
    opt = make_opt(model.parameters())
    losses = []
    for _ in range(40):
        loss = mse_loss([model(x) for x in xs], ys)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.data)
    assert losses[-1] < 0.5 * losses[0]


def test_hinge_loss_accepts_plain_number_scores():
    loss = hinge_loss([1.7, 0.3], [1, 1])
    assert loss.data == pytest.approx((0.0 + 0.7) / 2)
