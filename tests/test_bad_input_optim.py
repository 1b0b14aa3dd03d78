"""Bad calls to micrograd.optim: each row's error names the argument and what it should be."""

import itertools
import math

import numpy as np
import pytest
from bad_input_harness import bad, check, ids, ok

from micrograd import MLP, Value
from micrograd.optim import SGD, AdamW

NAN, INF = math.nan, math.inf
LR = "lr (the learning rate) must be"


def ps():
    return [Value(1.0), Value(2.0)]


def _twice(make):
    p = Value(1.0)
    return make([p, p])


def _steps_from_a_generator():
    params = ps()
    for p in params:
        p.grad = 1.0
    opt = SGD((p for p in params), lr=0.5)
    opt.step()
    return [p.data for p in params]


def _changed_then_step(make, **settings):
    params = ps()
    opt = make(params)
    for key, value in settings.items():
        setattr(opt, key, value)
    for p in params:
        p.grad = 1.0
    opt.step()
    return [p.data for p in params]


def _grad_is_a_value(make):
    params = ps()
    opt = make(params)
    params[0].grad = Value(1.0)
    opt.step()


def _parameters_replaced(make):
    opt = make(ps())
    opt.parameters = ps() + ps()
    opt.step()


CASES = []
for name, make in [("SGD", SGD), ("AdamW", AdamW)]:
    CASES += [
        bad(
            f"{name}(model)",
            lambda make=make: make(MLP(2, [2, 1], seed=0)),
            TypeError,
            "parameters must be a list",
            "model.parameters()",
        ),
        bad(
            f"{name}(Value)",
            lambda make=make: make(Value(1.0)),
            TypeError,
            "parameters must be a list",
            "[v]",
        ),
        bad(
            f"{name}([])",
            lambda make=make: make([]),
            ValueError,
            "no parameters",
            "model.parameters()",
        ),
        bad(f"{name}(None)", lambda make=make: make(None), TypeError, "parameters must be a list"),
        bad(f"{name}([1.0])", lambda make=make: make([1.0]), TypeError, "list of Values", "float"),
        bad(f'{name}(["w"])', lambda make=make: make(["w"]), TypeError, "list of Values", "str"),
        bad(f"{name}([p, p])", lambda make=make: _twice(make), ValueError, "twice"),
        bad(f"{name} lr=-0.1", lambda make=make: make(ps(), lr=-0.1), ValueError, LR, "> 0"),
        bad(f"{name} lr=0", lambda make=make: make(ps(), lr=0), ValueError, LR, "> 0"),
        bad(f"{name} lr=nan", lambda make=make: make(ps(), lr=NAN), ValueError, LR, "finite"),
        bad(f"{name} lr=inf", lambda make=make: make(ps(), lr=INF), ValueError, LR, "finite"),
        bad(f'{name} lr="0.1"', lambda make=make: make(ps(), lr="0.1"), TypeError, LR, "a number"),
        bad(f"{name} lr=None", lambda make=make: make(ps(), lr=None), TypeError, LR, "a number"),
        bad(f"{name} lr=True", lambda make=make: make(ps(), lr=True), TypeError, LR, "a number"),
        # Issue 20: settings changed after construction are checked at step()
        bad(
            f"{name} opt.lr = -0.1",
            lambda make=make: _changed_then_step(make, lr=-0.1),
            ValueError,
            LR,
            "> 0",
        ),
        bad(
            f"{name} opt.lr = nan",
            lambda make=make: _changed_then_step(make, lr=NAN),
            ValueError,
            LR,
            "finite",
        ),
        bad(
            f"{name} opt.lr = inf",
            lambda make=make: _changed_then_step(make, lr=INF),
            ValueError,
            LR,
            "finite",
        ),
        bad(
            f'{name} opt.lr = "0.1"',
            lambda make=make: _changed_then_step(make, lr="0.1"),
            TypeError,
            LR,
            "a number",
        ),
        bad(
            f"{name} opt.lr = True",
            lambda make=make: _changed_then_step(make, lr=True),
            TypeError,
            LR,
            "a number",
        ),
        bad(
            f"{name} opt.lr = 10**400",
            lambda make=make: _changed_then_step(make, lr=10**400),
            ValueError,
            LR,
            "finite",
        ),
        bad(
            f"{name} p.grad is a Value",
            lambda make=make: _grad_is_a_value(make),
            TypeError,
            "parameter #0",
            "grad=Value",
            ".data",
        ),
        bad(
            f"{name} opt.parameters replaced",
            lambda make=make: _parameters_replaced(make),
            ValueError,
            "4 parameters",
            "new optimiser",
        ),
        bad(
            f"{name}(set)",
            lambda make=make: make(set(ps())),
            TypeError,
            "parameters",
            "in order",
            "set",
        ),
        bad(
            f"{name}(dict)",
            lambda make=make: make(dict.fromkeys(ps())),
            TypeError,
            "parameters",
            "dict",
        ),
        bad(
            f"{name}(count())",
            lambda make=make: make(itertools.count()),
            ValueError,
            "parameters",
            "endless",
        ),
        ok(
            f"{name} lr=np.float64(0.5)",
            lambda make=make: make(ps(), lr=np.float64(0.5)).lr,
            lambda r: type(r) is float and r == 0.5,
        ),
        bad(
            f"{name} lr=np.True_",
            lambda make=make: make(ps(), lr=np.True_),
            TypeError,
            LR,
            "a number",
        ),
    ]

MOMENTUM = ("momentum must be", ">= 0 and < 1")
BETA1, BETA2 = "betas[0] (beta1) must be", "betas[1] (beta2) must be"
PAIR = "betas must be a pair (beta1, beta2)"
CASES += [
    bad("momentum=-0.5", lambda: SGD(ps(), momentum=-0.5), ValueError, *MOMENTUM),
    bad("momentum=1.0", lambda: SGD(ps(), momentum=1.0), ValueError, *MOMENTUM),
    bad("momentum=nan", lambda: SGD(ps(), momentum=NAN), ValueError, *MOMENTUM),
    bad(
        'momentum="0.9"', lambda: SGD(ps(), momentum="0.9"), TypeError, "momentum must be a number"
    ),
    bad("betas=(0.9, 1.0)", lambda: AdamW(ps(), betas=(0.9, 1.0)), ValueError, BETA2, "< 1"),
    bad("betas=(1.0, 0.999)", lambda: AdamW(ps(), betas=(1.0, 0.999)), ValueError, BETA1, "< 1"),
    bad("betas=(-0.1, 0.9)", lambda: AdamW(ps(), betas=(-0.1, 0.9)), ValueError, BETA1, ">= 0"),
    bad("betas=(nan, 0.9)", lambda: AdamW(ps(), betas=(NAN, 0.9)), ValueError, BETA1, "finite"),
    bad(
        'betas=("0.9", 0.99)',
        lambda: AdamW(ps(), betas=("0.9", 0.99)),
        TypeError,
        BETA1,
        "a number",
    ),
    bad("betas=0.9", lambda: AdamW(ps(), betas=0.9), TypeError, PAIR),
    bad("betas=(0.9,)", lambda: AdamW(ps(), betas=(0.9,)), TypeError, PAIR),
    bad("betas=(0.9, 0.99, 0.999)", lambda: AdamW(ps(), betas=(0.9, 0.99, 0.999)), TypeError, PAIR),
    bad('betas="ab"', lambda: AdamW(ps(), betas="ab"), TypeError, PAIR),
    bad("eps=-1e-8", lambda: AdamW(ps(), eps=-1e-8), ValueError, "eps must be", "> 0"),
    bad("eps=0", lambda: AdamW(ps(), eps=0.0), ValueError, "eps must be", "> 0"),
    bad("eps=nan", lambda: AdamW(ps(), eps=NAN), ValueError, "eps must be", "finite"),
    bad(
        "weight_decay=-0.01",
        lambda: AdamW(ps(), weight_decay=-0.01),
        ValueError,
        "weight_decay must be",
        ">= 0",
    ),
    bad(
        "weight_decay=nan",
        lambda: AdamW(ps(), weight_decay=NAN),
        ValueError,
        "weight_decay must be",
        "finite",
    ),
    bad(
        'weight_decay="0"',
        lambda: AdamW(ps(), weight_decay="0"),
        TypeError,
        "weight_decay must be a number",
    ),
    ok("SGD of a generator steps", _steps_from_a_generator, lambda r: r == [0.5, 1.5]),
    bad("opt.momentum = 1.5", lambda: _changed_then_step(SGD, momentum=1.5), ValueError, *MOMENTUM),
    bad("opt.momentum = nan", lambda: _changed_then_step(SGD, momentum=NAN), ValueError, *MOMENTUM),
    bad("opt.beta1 = 1.0", lambda: _changed_then_step(AdamW, beta1=1.0), ValueError, BETA1, "< 1"),
    bad("opt.beta2 = -1", lambda: _changed_then_step(AdamW, beta2=-1), ValueError, BETA2, ">= 0"),
    bad(
        "opt.eps = 0", lambda: _changed_then_step(AdamW, eps=0.0), ValueError, "eps must be", "> 0"
    ),
    bad(
        "opt.weight_decay = nan",
        lambda: _changed_then_step(AdamW, weight_decay=NAN),
        ValueError,
        "weight_decay must be",
        "finite",
    ),
    bad("betas={0.9, 0.999}", lambda: AdamW(ps(), betas={0.9, 0.999}), TypeError, PAIR),
    bad("betas={0.9: 0.999}", lambda: AdamW(ps(), betas={0.9: 0.999, 0.99: 1}), TypeError, PAIR),
    bad("momentum=True", lambda: SGD(ps(), momentum=True), TypeError, "momentum must be a number"),
    ok(
        "SGD momentum np.float32",
        lambda: _changed_then_step(SGD, momentum=np.float32(0.5)),
        lambda r: r == [0.9, 1.9],
    ),
    ok(
        "AdamW betas np.array",
        lambda: AdamW(ps(), betas=np.array([0.8, 0.9])).beta1,
        lambda r: r == 0.8,
    ),
]


@pytest.mark.parametrize("row", CASES, ids=ids(CASES))
def test_bad_call_fails_clearly(row):
    check(row)
