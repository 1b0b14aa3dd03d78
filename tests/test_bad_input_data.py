"""Bad calls to micrograd.data: each row's error names the argument and what it should be."""

import math

import numpy as np
import pytest
from bad_input_harness import bad, check, ids, ok

from micrograd.data import make_blobs, make_circles, make_moons, make_yinyang

NAN, INF = math.nan, math.inf
MAKERS = [make_moons, make_circles, make_blobs, make_yinyang]

CASES = []
for make in MAKERS:
    name = make.__name__
    CASES += [
        bad(f"{name}(-1)", lambda m=make: m(-1), ValueError, "n_samples must be at least 1", "-1"),
        bad(f"{name}(0)", lambda m=make: m(0), ValueError, "n_samples must be at least 1"),
        bad(f"{name}(2.5)", lambda m=make: m(2.5), TypeError, "n_samples must be a whole number"),
        bad(f'{name}("10")', lambda m=make: m("10"), TypeError, "n_samples must be a whole number"),
        bad(f"{name}(None)", lambda m=make: m(None), TypeError, "n_samples must be a whole number"),
        bad(
            f"{name}(True)", lambda m=make: m(True), TypeError, "n_samples", "whole number", "bool"
        ),
        bad(
            f"{name}(np.float64(10))",
            lambda m=make: m(np.float64(10.0)),
            TypeError,
            "n_samples",
            "whole number",
        ),
        bad(
            f"{name}(10**9)",
            lambda m=make: m(10**9),
            ValueError,
            "n_samples must be at most",
            "would not finish",
        ),
        bad(f"{name}(10**100)", lambda m=make: m(10**100), ValueError, "n_samples must be at most"),
        bad(
            f"{name} seed=True",
            lambda m=make: m(10, seed=True),
            TypeError,
            "seed must be a whole number",
        ),
        bad(
            f"{name} seed=np.True_",
            lambda m=make: m(10, seed=np.True_),
            TypeError,
            "seed must be a whole number",
        ),
        ok(
            f"{name}(np.int64(20), seed=np.int64(3))",
            lambda m=make: m(np.int64(20), seed=np.int64(3)) == m(20, seed=3),
            lambda r: r is True,
        ),
        bad(
            f'{name} seed="a"',
            lambda m=make: m(10, seed="a"),
            TypeError,
            "seed must be a whole number",
        ),
    ]
for make in [make_moons, make_circles]:
    name = make.__name__
    CASES += [
        bad(
            f"{name} noise=-0.1",
            lambda m=make: m(10, noise=-0.1),
            ValueError,
            "noise must be",
            ">= 0",
        ),
        bad(
            f"{name} noise=nan",
            lambda m=make: m(10, noise=NAN),
            ValueError,
            "noise must be",
            "finite",
        ),
        bad(
            f"{name} noise=1e300",
            lambda m=make: m(10, noise=1e300),
            ValueError,
            "noise must be",
            "<= 1e+06",
        ),
        bad(
            f"{name} noise=True",
            lambda m=make: m(10, noise=True),
            TypeError,
            "noise must be a number",
        ),
        bad(
            f'{name} noise="0.1"',
            lambda m=make: m(10, noise="0.1"),
            TypeError,
            "noise must be a number",
        ),
    ]
CASES += [
    # Issue 20: numpy counts, sets where order matters, huge sizes, extreme scales
    ok(
        "blobs centers=np.int64(3)",
        lambda: make_blobs(30, centers=np.int64(3)) == make_blobs(30, centers=3),
        lambda r: r is True,
    ),
    bad(
        "blobs centers=True",
        lambda: make_blobs(10, centers=True),
        TypeError,
        "centers (a count)",
        "whole number",
    ),
    bad(
        "blobs centers=10**9",
        lambda: make_blobs(10, centers=10**9),
        ValueError,
        "centers (a count) must be at most",
    ),
    bad(
        "blobs centers=np.float64(3)",
        lambda: make_blobs(10, centers=np.float64(3.0)),
        TypeError,
        "centers (a count)",
        "whole number",
    ),
    bad(
        "blobs centers a set",
        lambda: make_blobs(10, centers={(0, 0), (1, 1)}),
        TypeError,
        "centers",
        "in order",
        "set",
    ),
    bad(
        "blobs centre a set",
        lambda: make_blobs(10, centers=[{0.0, 1.0}]),
        TypeError,
        "each centre",
        "in order",
        "set",
    ),
    bad(
        "blobs centre a dict",
        lambda: make_blobs(10, centers=[{"x": 0, "y": 1}]),
        TypeError,
        "each centre",
        "dict",
    ),
    bad(
        "blobs box a set",
        lambda: make_blobs(10, box={-4.0, 4.0}),
        TypeError,
        "box",
        "in order",
        "set",
    ),
    bad(
        "blobs box=(-1e308, 1e308)",
        lambda: make_blobs(10, box=(-1e308, 1e308)),
        ValueError,
        "box[0] (low) must be",
    ),
    bad(
        "blobs centre (1e308, 0)",
        lambda: make_blobs(10, centers=[(1e308, 0.0)]),
        ValueError,
        "centre's coordinates must be",
    ),
    bad(
        "blobs std=1e300", lambda: make_blobs(10, std=1e300), ValueError, "std must be", "<= 1e+06"
    ),
    bad(
        "yinyang radius=1e-320",
        lambda: make_yinyang(30, radius=1e-320),
        ValueError,
        "radius must be",
        ">= 1e-100",
    ),
    bad(
        "yinyang radius=1e300",
        lambda: make_yinyang(30, radius=1e300),
        ValueError,
        "radius must be",
        "<= 1e+100",
    ),
    ok(
        "yinyang radius=1e-90 stays in its disc",
        lambda: max(math.hypot(*p) for p in make_yinyang(60, radius=1e-90)[0]) / 1e-90,
        lambda r: r <= 1.0,
    ),
    ok(
        "blobs box=np.array",
        lambda: make_blobs(9, box=np.array([-1.0, 1.0])) == make_blobs(9, box=(-1.0, 1.0)),
        lambda r: r is True,
    ),
]
FACTOR = ("factor (inner radius / outer radius) must be", "> 0 and < 1")
CASES += [
    bad("circles factor=0", lambda: make_circles(10, factor=0), ValueError, *FACTOR),
    bad("circles factor=1", lambda: make_circles(10, factor=1), ValueError, *FACTOR),
    bad("circles factor=1.5", lambda: make_circles(10, factor=1.5), ValueError, *FACTOR),
    bad("circles factor=nan", lambda: make_circles(10, factor=NAN), ValueError, *FACTOR),
    bad(
        'circles factor="0.5"',
        lambda: make_circles(10, factor="0.5"),
        TypeError,
        "factor",
        "a number",
    ),
    bad(
        "yinyang radius=0",
        lambda: make_yinyang(10, radius=0),
        ValueError,
        "radius must be",
        ">= 1e-100",
    ),
    bad(
        "yinyang radius=-1",
        lambda: make_yinyang(10, radius=-1),
        ValueError,
        "radius must be",
        ">= 1e-100",
    ),
    bad(
        "yinyang radius=nan",
        lambda: make_yinyang(10, radius=NAN),
        ValueError,
        "radius must be",
        "finite",
    ),
    bad(
        "yinyang radius=inf",
        lambda: make_yinyang(10, radius=INF),
        ValueError,
        "radius must be",
        "finite",
    ),
    bad(
        'yinyang radius="1"',
        lambda: make_yinyang(10, radius="1"),
        TypeError,
        "radius must be a number",
    ),
    bad("blobs std=-1", lambda: make_blobs(10, std=-1), ValueError, "std must be", ">= 0"),
    bad("blobs std=nan", lambda: make_blobs(10, std=NAN), ValueError, "std must be", "finite"),
    bad(
        "blobs centers=0",
        lambda: make_blobs(10, centers=0),
        ValueError,
        "centers (a count) must be at least 1",
    ),
    bad(
        "blobs centers=-1",
        lambda: make_blobs(10, centers=-1),
        ValueError,
        "centers (a count) must be at least 1",
    ),
    bad(
        "blobs centers=2.5",
        lambda: make_blobs(10, centers=2.5),
        TypeError,
        "centers (a count)",
        "whole number",
    ),
    bad(
        "blobs centers=[]",
        lambda: make_blobs(10, centers=[]),
        ValueError,
        "centers must list at least one",
    ),
    bad(
        "blobs centers=[(1,)]",
        lambda: make_blobs(10, centers=[(1,)]),
        TypeError,
        "list of (x, y) centres",
    ),
    bad(
        'blobs centers="abc"',
        lambda: make_blobs(10, centers="abc"),
        TypeError,
        "list of (x, y) centres",
    ),
    bad(
        'blobs centers=[("a", "b")]',
        lambda: make_blobs(10, centers=[("a", "b")]),
        TypeError,
        "centre's coordinates must be a number",
    ),
    bad(
        "blobs centers=[(nan, 0)]",
        lambda: make_blobs(10, centers=[(NAN, 0.0)]),
        ValueError,
        "centre's coordinates must be a finite number",
    ),
    bad(
        "blobs box=(4, -4)",
        lambda: make_blobs(10, box=(4, -4)),
        ValueError,
        "box must have low < high",
    ),
    bad("blobs box=5", lambda: make_blobs(10, box=5), TypeError, "box must be a pair (low, high)"),
    bad(
        "blobs box=(0, nan)",
        lambda: make_blobs(10, box=(0, NAN)),
        ValueError,
        "box[1] (high) must be",
    ),
]

CASES += [
    bad(
        "blobs 2 * 10**6 centres",
        lambda: make_blobs(10, centers=[(0.0, 0.0)] * (2 * 10**6)),
        ValueError,
        "the number of centres must be at most",
    ),
]


@pytest.mark.parametrize("row", CASES, ids=ids(CASES))
def test_bad_call_fails_clearly(row):
    check(row)
