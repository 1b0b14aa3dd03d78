"""Bad calls to micrograd.optim: each row's error names the argument and what it should be."""

import math

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
]


@pytest.mark.parametrize("row", CASES, ids=ids(CASES))
def test_bad_call_fails_clearly(row):
    check(row)
