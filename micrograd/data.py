"""Small 2-D toy datasets in pure Python, seeded so every run gives the same points.

Each function returns (X, y): X a list of [x1, x2] points, y a list of int labels.
"""

import math
import random
from numbers import Real

from micrograd._validate import (
    TOO_SLOW,
    is_bool,
    number,
    sequence,
    whole_number,
)

MAX_SAMPLES = 10**6  # about a second to make
MAX_SCALE = 1e6  # noise, std and box: larger ones overflow floats
MAX_RADIUS = 1e100


def make_moons(n_samples=100, noise=0.1, seed=0):
    """Two interleaving half circles (labels 0 and 1), like scikit-learn's make_moons."""
    n_samples, noise, rng = _common(n_samples, noise, seed)
    n_out = n_samples // 2
    n_in = n_samples - n_out
    points = [[math.cos(t), math.sin(t)] for t in _linspace(0, math.pi, n_out)]
    points += [
        [1 - math.cos(t), 0.5 - math.sin(t)]
        for t in _linspace(0, math.pi, n_in)
    ]
    labels = [0] * n_out + [1] * n_in
    return _shuffle_and_jitter(points, labels, noise, rng)


def make_circles(n_samples=100, noise=0.05, factor=0.5, seed=0):
    """A small circle (label 1) inside a big one (label 0)."""
    n_samples, noise, rng = _common(n_samples, noise, seed)
    factor = number(
        factor,
        "factor (inner radius / outer radius)",
        low=0,
        high=1,
        low_open=True,
        high_open=True,
    )
    n_out = n_samples // 2
    n_in = n_samples - n_out
    angles = lambda n: [2 * math.pi * i / n for i in range(n)]  # noqa: E731
    points = [[math.cos(t), math.sin(t)] for t in angles(n_out)]
    points += [
        [factor * math.cos(t), factor * math.sin(t)] for t in angles(n_in)
    ]
    labels = [0] * n_out + [1] * n_in
    return _shuffle_and_jitter(points, labels, noise, rng)


def make_blobs(n_samples=100, centers=3, std=0.5, seed=0, box=(-4.0, 4.0)):
    """Gaussian clusters, one class each. `centers` is a count or a list of (x, y) centres."""
    n_samples, std, rng = _common(n_samples, std, seed, "std")
    box = _box(box)
    if isinstance(centers, Real) or is_bool(centers):
        centers = whole_number(
            centers, "centers (a count)", 1, MAX_SAMPLES, TOO_SLOW
        )
        centers = [
            (rng.uniform(*box), rng.uniform(*box)) for _ in range(centers)
        ]
    else:
        centers = _centres(centers)
    points, labels = [], []
    for i in range(n_samples):
        k = i % len(centers)
        cx, cy = centers[k]
        points.append([cx, cy])
        labels.append(k)
    return _shuffle_and_jitter(points, labels, std, rng)


def make_yinyang(n_samples=300, radius=1.0, seed=0):
    """Points in a yin-yang symbol, three classes: 0 yin, 1 yang, 2 the two dots.

    Classes are balanced; each point is drawn uniformly in the disc and kept
    if its class still needs points.
    """
    n_samples, _, rng = _common(n_samples, 0.0, seed)
    # outside this range x * x under- or overflows: points outside the disc
    radius = number(radius, "radius", low=MAX_RADIUS**-1, high=MAX_RADIUS)
    per_class = [
        n_samples // 3 + (1 if k < n_samples % 3 else 0) for k in range(3)
    ]
    points, labels = [], []
    while len(points) < n_samples:
        x, y = rng.uniform(-radius, radius), rng.uniform(-radius, radius)
        if x * x + y * y > radius * radius:
            continue
        k = _yinyang_class(x, y, radius)
        if per_class[k]:
            per_class[k] -= 1
            points.append([x, y])
            labels.append(k)
    return points, labels


def _common(n_samples, noise, seed, noise_name="noise"):
    """Checks every generator shares; returns (n_samples, noise, rng)."""
    n_samples = whole_number(n_samples, "n_samples", 1, MAX_SAMPLES, TOO_SLOW)
    noise = number(noise, noise_name, low=0, high=MAX_SCALE)
    if seed is not None:
        seed = whole_number(seed, "seed")
    return n_samples, noise, random.Random(seed)


def _box(box):
    if not isinstance(box, (str, bytes)) and hasattr(box, "__iter__"):
        box = sequence(box, "box", "two numbers (low, high)")
    try:
        lo, hi = box
    except (TypeError, ValueError):
        raise TypeError(
            f"box must be a pair (low, high) such as (-4.0, 4.0), got {box!r:.40}"
        ) from None
    lo = number(lo, "box[0] (low)", low=-MAX_SCALE, high=MAX_SCALE)
    hi = number(hi, "box[1] (high)", low=-MAX_SCALE, high=MAX_SCALE)
    if not lo < hi:
        raise ValueError(f"box must have low < high, got {box!r}")
    return lo, hi


def _centres(centers):
    if not isinstance(centers, (str, bytes)) and hasattr(centers, "__iter__"):
        centers = sequence(centers, "centers", "(x, y) centres")
        whole_number(len(centers), "the number of centres", maximum=MAX_SAMPLES)
    else:
        _not_centres(centers)
    pairs = [_pair(c, centers) for c in centers]
    if not pairs:
        raise ValueError("centers must list at least one (x, y) centre")
    name = "each centre's coordinates"
    return [
        tuple(number(c, name, low=-MAX_SCALE, high=MAX_SCALE) for c in pair)
        for pair in pairs
    ]


def _pair(xy, centers):
    """(x, y) from a tuple, list or array; a set would mix x and y up."""
    if isinstance(xy, (str, bytes)) or not hasattr(xy, "__iter__"):
        _not_centres(centers)
    xy = sequence(xy, "each centre", "two numbers (x, y)")
    if len(xy) != 2:
        _not_centres(centers)
    return xy


def _not_centres(centers):
    raise TypeError(
        "centers must be a count or a list of (x, y) centres, "
        f"got {centers!r:.40}"
    )


def _yinyang_class(x, y, r):
    d_top = math.hypot(x, y - r / 2)
    d_bottom = math.hypot(x, y + r / 2)
    if d_top < r / 6 or d_bottom < r / 6:
        return 2
    in_yin = d_top < r / 2 or (x < 0 and d_bottom > r / 2)
    return 0 if in_yin else 1


def _linspace(start, stop, n):
    if n == 1:
        return [start]
    return [start + (stop - start) * i / (n - 1) for i in range(n)]


def _shuffle_and_jitter(points, labels, noise, rng):
    order = list(range(len(points)))
    rng.shuffle(order)
    X = [
        [points[i][0] + rng.gauss(0, noise), points[i][1] + rng.gauss(0, noise)]
        for i in order
    ]
    y = [labels[i] for i in order]
    return X, y
