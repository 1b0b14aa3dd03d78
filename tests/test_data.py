"""The toy datasets: seeded, the right shapes, balanced classes, sensible geometry."""

import math
from collections import Counter

import pytest

from micrograd.data import make_blobs, make_circles, make_moons, make_yinyang

MAKERS = [
    pytest.param(make_moons, id="moons"),
    pytest.param(make_circles, id="circles"),
    pytest.param(make_blobs, id="blobs"),
    pytest.param(make_yinyang, id="yinyang"),
]


@pytest.mark.parametrize("make", MAKERS)
def test_same_seed_same_data_different_seed_different_data(make):
    assert make(60, seed=3) == make(60, seed=3)
    assert make(60, seed=3)[0] != make(60, seed=4)[0]


@pytest.mark.parametrize("make", MAKERS)
def test_does_not_use_the_global_random_state(make):
    import random

    random.seed(5)
    expected = random.random()
    random.seed(5)
    make(30, seed=1)
    assert random.random() == expected


@pytest.mark.parametrize("make", MAKERS)
@pytest.mark.parametrize("n", [1, 2, 7, 100])
def test_shapes(make, n):
    X, y = make(n, seed=0)
    assert len(X) == len(y) == n
    assert all(len(p) == 2 and all(isinstance(c, float) and math.isfinite(c) for c in p) for p in X)
    assert all(type(label) is int for label in y)


@pytest.mark.parametrize(
    "make, n, counts",
    [
        (make_moons, 100, {0: 50, 1: 50}),
        (make_moons, 101, {0: 50, 1: 51}),
        (make_circles, 100, {0: 50, 1: 50}),
        (make_blobs, 100, {0: 34, 1: 33, 2: 33}),
        (make_yinyang, 300, {0: 100, 1: 100, 2: 100}),
        (make_yinyang, 301, {0: 101, 1: 100, 2: 100}),
    ],
)
def test_classes_are_balanced(make, n, counts):
    assert Counter(make(n, seed=2)[1]) == counts


def test_labels_are_shuffled():
    y = make_moons(100, seed=0)[1]
    assert y != sorted(y)


def test_moons_geometry_without_noise():
    X, y = make_moons(100, noise=0.0, seed=0)
    for (a, b), label in zip(X, y, strict=True):
        if label == 0:  # upper half of the unit circle
            assert math.hypot(a, b) == pytest.approx(1.0) and b >= -1e-12
        else:  # lower half of the unit circle centred at (1, 0.5)
            assert math.hypot(a - 1, b - 0.5) == pytest.approx(1.0) and b <= 0.5 + 1e-12
    xs0 = sorted(p[0] for p, label in zip(X, y, strict=True) if label == 0)
    assert xs0[0] == pytest.approx(-1.0) and xs0[-1] == pytest.approx(
        1.0
    )  # the ends of the arc are included


def test_moons_noise_is_about_the_requested_size():
    X, y = make_moons(1000, noise=0.1, seed=0)
    distances = [
        math.hypot(a, b) - 1 if label == 0 else math.hypot(a - 1, b - 0.5) - 1
        for (a, b), label in zip(X, y, strict=True)
    ]
    rms = math.sqrt(sum(d * d for d in distances) / len(distances))
    assert 0.07 < rms < 0.13
    centroid = [sum(p[k] for p in X) / len(X) for k in range(2)]
    assert centroid == pytest.approx([0.5, 0.25], abs=0.05)


def test_circles_geometry_and_factor():
    X, y = make_circles(80, noise=0.0, factor=0.3, seed=0)
    for p, label in zip(X, y, strict=True):
        assert math.hypot(*p) == pytest.approx(1.0 if label == 0 else 0.3)
    with pytest.raises(ValueError, match="factor"):
        make_circles(10, factor=1.5)


def test_blobs_gather_around_their_centres():
    centres = [(-3.0, 0.0), (3.0, 3.0)]
    X, y = make_blobs(400, centers=centres, std=0.5, seed=1)
    for k, (cx, cy) in enumerate(centres):
        points = [p for p, label in zip(X, y, strict=True) if label == k]
        mean = [sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)]
        assert mean == pytest.approx([cx, cy], abs=0.1)
        spread = math.sqrt(sum((p[0] - cx) ** 2 for p in points) / len(points))
        assert 0.4 < spread < 0.6


def test_blob_count_picks_centres_inside_the_box():
    X, y = make_blobs(90, centers=4, std=0.0, seed=0)
    centres = {tuple(p) for p in X}
    assert len(centres) == 4 and set(y) == {0, 1, 2, 3}
    assert all(-4 <= c <= 4 for p in centres for c in p)


def test_yinyang_points_lie_in_the_disc_and_match_their_class():
    X, y = make_yinyang(300, radius=2.0, seed=0)
    assert all(math.hypot(*p) <= 2.0 for p in X)
    for (a, b), label in zip(X, y, strict=True):
        near_dot = min(math.hypot(a, b - 1.0), math.hypot(a, b + 1.0)) < 2.0 / 6
        assert (label == 2) == near_dot
