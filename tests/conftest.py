"""Fixtures shared by the `micrograd` package tests (test_engine, test_nn, ...)."""

import os

import pytest

# The exercise checks draw fresh hidden inputs on every run; the tests fix them (set the variable
# yourself to try other draws).
os.environ.setdefault("MICROGRAD_CHECKS_SEED", "tests")


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


# ---------------------------------------------------------------------------------------------
# Markers (registered in pyproject.toml): `make check` runs `-m "not slow and not browser and not
# build"`. A test module can set `pytestmark = pytest.mark.slow` itself; on top of that:
#   browser: the module drives Chromium (it imports browser_helpers.chromium);
#   build:   the module reads the built site (book_fixtures.require_html / page) or is a browser test;
#   slow:    the modules named in SLOW_MODULES (they create virtual environments or execute
#            every notebook) -- more than a few seconds each on a 2-core machine.
SLOW_MODULES = {
    "test_launch": "creates a Binder-like virtual environment and runs every notebook in it",
}
# Single tests (a node id, or a test function for all its parameters) that take several seconds
# of CPU each; `make check` stays under a minute without them, `make test` runs them.
SLOW_TESTS = {
    "tests/test_backward.py::test_million_step_chain_backprops_and_frees_under_the_default_recursion_limit": (
        "builds and backpropagates a 10^6-node graph"
    ),
    "tests/test_checks_learners.py::test_a_mistake_gets_its_own_message[6.5]": "trains an MLP",
    "tests/test_checks_learners.py::test_solutions_pass_every_check[06_mlp_training]": "trains MLPs",
}


def _module_marks(module):
    from book_fixtures import page, require_html

    names = set()
    members = set(map(id, vars(module).values()))
    try:
        from browser_helpers import chromium, session_browser

        if id(chromium) in members or id(session_browser) in members:
            names |= {"browser", "build"}
    except ImportError:  # playwright missing: the module would fail to import anyway
        pass
    if id(require_html) in members or id(page) in members:
        names.add("build")
    if module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES:
        names.add("slow")
    return names


def pytest_collection_modifyitems(config, items):
    seen = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is None:
            continue
        if module not in seen:
            seen[module] = _module_marks(module)
        for name in sorted(seen[module]):
            item.add_marker(getattr(pytest.mark, name))
        if item.nodeid in SLOW_TESTS or item.nodeid.split("[", 1)[0] in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
