"""Fixtures shared by the `micrograd` package tests (test_engine, test_nn, ...)."""

import pytest


def _central_difference(f, xs, h=1e-6):
    """d f / d xs[i] for each i by central differences; f takes plain floats and returns a float.

    Deliberately independent of micrograd.gradcheck, so the engine is checked
    against code that shares nothing with it.
    """
    xs = [float(x) for x in xs]
    grads = []
    for i, x in enumerate(xs):
        step = h * max(1.0, abs(x))
        up = xs[:i] + [x + step] + xs[i + 1 :]
        down = xs[:i] + [x - step] + xs[i + 1 :]
        grads.append((f(*up) - f(*down)) / (2 * step))
    return grads


@pytest.fixture
def central_difference():
    """central_difference(f, xs, h=1e-6) -> list of numerical partial derivatives of f at xs."""
    return _central_difference
