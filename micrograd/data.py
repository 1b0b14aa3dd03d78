"""Small 2-D toy datasets in pure Python, seeded so every run gives the same points.

Each function returns (X, y): X a list of [x1, x2] points, y a list of int labels.
"""

import math
import random


def make_moons(n_samples=100, noise=0.1, seed=0):
    """Two interleaving half circles (labels 0 and 1), like scikit-learn's make_moons."""
    rng = random.Random(seed)
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
    if not 0 < factor < 1:
        raise ValueError(
            f"factor (inner radius / outer radius) must be between 0 and 1, got {factor}"
        )
    rng = random.Random(seed)
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
    rng = random.Random(seed)
    if isinstance(centers, int):
        centers = [
            (rng.uniform(*box), rng.uniform(*box)) for _ in range(centers)
        ]
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
    rng = random.Random(seed)
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
