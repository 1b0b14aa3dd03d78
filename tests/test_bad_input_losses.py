"""Bad calls to micrograd.losses: each row's error names the argument and what it should be."""

import itertools
import math

import numpy as np
import pytest
from bad_input_harness import bad, check, ids, ok

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


def vs(*numbers):
    return [Value(x) for x in numbers]


EMPTY = ("the batch is empty",)
HOLD = "must hold numbers or Values"

SET = ("in order", "set")
CASES = [
    # Issue 20: sets and dicts where order matters, bools, numpy scalars, NaN/inf, generators
    bad("mse targets a set", lambda: mse_loss(vs(1, 2), {1.0, 2.0}), TypeError, "targets", *SET),
    bad(
        "mse predictions a set",
        lambda: mse_loss(set(vs(1, 2)), [1.0, 2.0]),
        TypeError,
        "predictions",
        *SET,
    ),
    bad(
        "hinge labels a dict",
        lambda: hinge_loss(vs(1, 2), {1: 0, -1: 1}),
        TypeError,
        "labels",
        "dict",
    ),
    bad("accuracy scores a set", lambda: accuracy({0.5, -0.5}, [1, -1]), TypeError, "scores", *SET),
    bad("softmax a set", lambda: softmax({1.0, 2.0}), TypeError, "logits", *SET),
    bad(
        "cross_entropy batch a set",
        lambda: cross_entropy({(1.0, 2.0)}, [0]),
        TypeError,
        "batch_logits",
        *SET,
    ),
    bad(
        "cross_entropy logits a set",
        lambda: cross_entropy([{1.0, 2.0}], [0]),
        TypeError,
        "batch_logits",
        *SET,
    ),
    bad(
        "cross_entropy targets a set",
        lambda: cross_entropy([vs(1, 2), vs(3, 4)], {0, 1}),
        TypeError,
        "targets",
        *SET,
    ),
    bad("l2_penalty a set", lambda: l2_penalty(set(vs(1, 2))), TypeError, "parameters", *SET),
    bad(
        "mse targets [True]",
        lambda: mse_loss(vs(1), [True]),
        TypeError,
        "targets must be numbers",
        "bool",
    ),
    bad(
        "hinge labels [True]",
        lambda: hinge_loss(vs(1), [True]),
        TypeError,
        "labels must be numbers",
        "bool",
    ),
    bad(
        "bce labels [np.True_]",
        lambda: binary_cross_entropy(vs(1), [np.True_]),
        TypeError,
        "labels must be numbers",
    ),
    bad(
        "mse predictions [np.True_]",
        lambda: mse_loss([np.True_], [1.0]),
        TypeError,
        "predictions",
        HOLD,
    ),
    bad(
        "l2 alpha=True",
        lambda: l2_penalty(vs(1), alpha=True),
        TypeError,
        "alpha must be a number",
        "bool",
    ),
    bad(
        "mse target nan", lambda: mse_loss(vs(1), [math.nan]), ValueError, "targets must be finite"
    ),
    bad(
        "hinge label inf",
        lambda: hinge_loss(vs(1), [math.inf]),
        ValueError,
        "labels must be finite",
    ),
    bad(
        "mse target 10**400",
        lambda: mse_loss(vs(1), [10**400]),
        ValueError,
        "targets must be finite",
    ),
    bad(
        "softmax inf logit",
        lambda: softmax([Value(math.inf), Value(1.0)]),
        ValueError,
        "logits must be finite",
        "inf",
    ),
    bad(
        "cross_entropy inf logit",
        lambda: cross_entropy([[math.inf, 1.0]], [0]),
        ValueError,
        "batch_logits must be finite",
    ),
    bad(
        "l2 alpha=10**400",
        lambda: l2_penalty(vs(1), alpha=10**400),
        ValueError,
        "alpha must be a finite number",
    ),
    bad("softmax(count())", lambda: softmax(itertools.count()), ValueError, "logits", "endless"),
    ok(
        "cross_entropy target np.int64",
        lambda: cross_entropy([vs(1, 2)], [np.int64(1)]).data,
        lambda r: abs(r - math.log(1 + math.exp(-1))) < 1e-12,
    ),
    ok(
        "hinge labels np.int64", lambda: hinge_loss(vs(2.0), [np.int64(1)]).data, lambda r: r == 0.0
    ),
    ok(
        "mse targets np.float32 array",
        lambda: mse_loss(vs(1, 2), np.array([1.0, 4.0], dtype=np.float32)).data,
        lambda r: r == 2.0,
    ),
    ok(
        "l2 alpha=np.float64",
        lambda: l2_penalty(vs(2), alpha=np.float64(0.5)).data,
        lambda r: r == 2.0,
    ),
    ok(
        "accuracy labels np.int64",
        lambda: accuracy([0.5, -1.0], [np.int64(1), np.int64(-1)]),
        lambda r: r == 1.0,
    ),
    bad("mse_loss([], [])", lambda: mse_loss([], []), ValueError, *EMPTY, "predictions"),
    bad("mse lengths", lambda: mse_loss(vs(1, 1), [1]), ValueError, "2 predictions but 1 targets"),
    bad(
        "mse_loss(Value, ...)",
        lambda: mse_loss(Value(1.0), [1]),
        TypeError,
        "predictions must be a list",
        "[v]",
    ),
    bad("mse targets=1.0", lambda: mse_loss(vs(1), 1.0), TypeError, "targets must be a list"),
    bad(
        'mse targets=["a"]',
        lambda: mse_loss(vs(1), ["a"]),
        TypeError,
        "targets must be numbers",
        "str",
    ),
    bad(
        "mse targets=[None]", lambda: mse_loss(vs(1), [None]), TypeError, "targets must be numbers"
    ),
    bad('mse predictions=["a"]', lambda: mse_loss(["a"], [1]), TypeError, "predictions", HOLD),
    bad("mse predictions=[None]", lambda: mse_loss([None], [1]), TypeError, "predictions", HOLD),
    bad(
        "mse predictions=[[v, v]]",
        lambda: mse_loss([vs(1, 2)], [1]),
        TypeError,
        "predictions",
        HOLD,
        "list",
    ),
    bad(
        "hinge 0/1 labels",
        lambda: hinge_loss(vs(0.5, 0.5), [0, 1]),
        ValueError,
        "-1 or +1",
        "2 * y - 1",
    ),
    bad("hinge label 2", lambda: hinge_loss(vs(0.5), [2]), ValueError, "-1 or +1"),
    bad("hinge label 0.5", lambda: hinge_loss(vs(0.5), [0.5]), ValueError, "-1 or +1"),
    bad("hinge_loss([], [])", lambda: hinge_loss([], []), ValueError, *EMPTY, "scores"),
    bad("hinge lengths", lambda: hinge_loss(vs(1, 1), [1]), ValueError, "2 scores but 1 labels"),
    bad(
        'hinge labels=["1"]', lambda: hinge_loss(vs(1), ["1"]), TypeError, "labels must be numbers"
    ),
    bad(
        "hinge_loss(Value, ...)",
        lambda: hinge_loss(Value(1.0), [1]),
        TypeError,
        "scores must be a list",
    ),
    bad(
        "bce label -1",
        lambda: binary_cross_entropy(vs(0.5), [-1]),
        ValueError,
        "0 or 1",
        "(y + 1) // 2",
    ),
    bad(
        "bce label 0.5",
        lambda: binary_cross_entropy(vs(0.5), [0.5]),
        ValueError,
        "labels of 0 or 1",
    ),
    bad("bce([], [])", lambda: binary_cross_entropy([], []), ValueError, *EMPTY, "logits"),
    bad(
        "bce lengths",
        lambda: binary_cross_entropy(vs(1, 1), [1]),
        ValueError,
        "2 logits but 1 labels",
    ),
    bad('bce logits=["x"]', lambda: binary_cross_entropy(["x"], [1]), TypeError, "logits", HOLD),
    bad("softmax([])", lambda: softmax([]), ValueError, "softmax needs at least one logit"),
    bad("softmax(Value)", lambda: softmax(Value(1.0)), TypeError, "logits must be a list", "[v]"),
    bad('softmax(["a"])', lambda: softmax(["a"]), TypeError, "logits", HOLD),
    bad("softmax(None)", lambda: softmax(None), TypeError, "logits must be a list"),
    bad(
        "cross_entropy target 3 of 3",
        lambda: cross_entropy([vs(1, 2, 3)], [3]),
        ValueError,
        "target class 3 is out of range for 3 logits",
    ),
    bad(
        "cross_entropy target -1",
        lambda: cross_entropy([vs(1, 2)], [-1]),
        ValueError,
        "target class -1 is out of range",
    ),
    bad(
        "cross_entropy target 1.5",
        lambda: cross_entropy([vs(1, 2)], [1.5]),
        TypeError,
        "targets must be class indices",
    ),
    bad(
        "cross_entropy target True",
        lambda: cross_entropy([vs(1, 2)], [True]),
        TypeError,
        "targets must be class indices",
    ),
    bad(
        "cross_entropy no logits",
        lambda: cross_entropy([[]], [0]),
        ValueError,
        "out of range for 0 logits",
    ),
    bad(
        "cross_entropy flat logits",
        lambda: cross_entropy(vs(1, 2), [0, 1]),
        TypeError,
        "each entry of batch_logits must be a list",
    ),
    bad(
        "cross_entropy lengths",
        lambda: cross_entropy([vs(1, 2)], [0, 1]),
        ValueError,
        "1 batch_logits but 2 targets",
    ),
    bad("cross_entropy([], [])", lambda: cross_entropy([], []), ValueError, *EMPTY),
    bad(
        "cross_entropy targets=0",
        lambda: cross_entropy([vs(1, 2)], 0),
        TypeError,
        "targets must be a list",
    ),
    bad(
        "accuracy label 2", lambda: accuracy(vs(1, -1), [2, -1]), ValueError, "all -1/+1 or all 0/1"
    ),
    bad(
        "accuracy labels 0 and -1",
        lambda: accuracy(vs(1, -1), [0, -1]),
        ValueError,
        "all -1/+1 or all 0/1",
    ),
    bad("accuracy label 0.5", lambda: accuracy(vs(1), [0.5]), ValueError, "all -1/+1 or all 0/1"),
    bad("accuracy([], [])", lambda: accuracy([], []), ValueError, *EMPTY),
    bad("accuracy lengths", lambda: accuracy(vs(1, 1), [1]), ValueError, "2 scores but 1 labels"),
    bad(
        "accuracy of multi-output scores",
        lambda: accuracy([vs(1, 2)], [1]),
        TypeError,
        "scores",
        HOLD,
    ),
    bad(
        "l2_penalty(model)",
        lambda: l2_penalty(MLP(2, [2, 1], seed=0)),
        TypeError,
        "parameters must be a list",
        "model.parameters()",
    ),
    bad("l2_penalty(5)", lambda: l2_penalty(5), TypeError, "parameters must be a list"),
    bad('l2_penalty(["a"])', lambda: l2_penalty(["a"]), TypeError, "parameters", HOLD),
    bad("alpha=-1", lambda: l2_penalty(vs(1), alpha=-1), ValueError, "alpha must be", ">= 0"),
    bad(
        "alpha=nan",
        lambda: l2_penalty(vs(1), alpha=math.nan),
        ValueError,
        "alpha must be",
        "finite",
    ),
    bad('alpha="0.1"', lambda: l2_penalty(vs(1), alpha="0.1"), TypeError, "alpha must be a number"),
    ok(
        "mse of a generator",
        lambda: mse_loss((v for v in vs(1, 2)), [0, 4]).data,
        lambda r: r == 2.5,
    ),
    bad(
        "accuracy with bool labels",
        lambda: accuracy([0.5, -1.0], [True, False]),
        TypeError,
        "labels must be numbers",
        "bool",
    ),
]

CASES += [
    bad(
        "bce inf logit",
        lambda: binary_cross_entropy([math.inf], [1]),
        ValueError,
        "logits must be finite",
    ),
]


@pytest.mark.parametrize("row", CASES, ids=ids(CASES))
def test_bad_call_fails_clearly(row):
    check(row)
