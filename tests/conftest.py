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
def build(tmp_path, monkeypatch):
    """scripts/build_book.py's `main` on a scratch tree, with the kernel probe, the jupyter-book
    call and Sphinx's environment replaced by recorders (test_build_script, test_build_noop).

    run(code=0) -> (exit status, [jupyter-book argument lists], cache entry survived?)."""
    from scripts import build_book

    for folder in ("micrograd", "book/_ext", "_build"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "micrograd" / "__init__.py").write_text("x = 1\n")
    (tmp_path / "book" / "_ext" / "extras.py").write_text("y = 1\n")
    (tmp_path / "_config.yml").write_text("title: t\n")
    (tmp_path / "_toc.yml").write_text("root: book/intro\n")
    (tmp_path / "book" / "intro.md").write_text("# Intro\n")
    monkeypatch.setattr(build_book, "ROOT", tmp_path)
    monkeypatch.setattr(build_book, "BUILD", tmp_path / "_build")
    monkeypatch.setattr(build_book, "CACHE", tmp_path / "_build" / ".jupyter_cache")
    monkeypatch.setattr(build_book, "STAMP", tmp_path / "_build" / ".build-fingerprint.json")
    monkeypatch.setattr(build_book, "FACTS_CACHE", tmp_path / "_build" / ".kernel-facts.json")
    state = {
        "facts": {
            "micrograd": str(tmp_path / "micrograd" / "__init__.py"),
            "python": "3.11.2",
            "executable": "/venv/bin/python",
            "distributions": ["sphinx==7.4.7"],
        },
        "site": ["digest-1"],  # what cross_page_digest returns, one value per call
        "codes": [],
        "calls": [],
        "key": None,  # what kernel_key returns (None: the facts are not cached)
        "probes": 0,  # how many times the kernel was started
        "head": "commit-1",
        "write_html": False,  # does the fake build write _build/html/index.html?
    }

    def probe(name, env):
        state["probes"] += 1
        return dict(state["facts"])

    monkeypatch.setattr(build_book, "kernel_names", lambda: {"python3"})
    monkeypatch.setattr(build_book, "kernel_facts", probe)
    monkeypatch.setattr(build_book, "kernel_key", lambda name, env: state["key"])
    monkeypatch.setattr(build_book, "git_head", lambda: state["head"])
    monkeypatch.setattr(
        build_book, "cross_page_digest", lambda: state["site"].pop(0) if state["site"] else "same"
    )

    def fake_jupyter_book(extra, env):
        state["calls"].append(list(extra))
        state["env"] = env
        if state["write_html"]:
            (tmp_path / "_build" / "html").mkdir(parents=True, exist_ok=True)
            (tmp_path / "_build" / "html" / "index.html").write_text("<p>built</p>")
        return state["codes"].pop(0) if state["codes"] else 0

    monkeypatch.setattr(build_book, "jupyter_book", fake_jupyter_book)

    def run(*codes, site=None, argv=()):
        state["codes"] = list(codes)
        if site is not None:
            state["site"] = list(site)
        state["calls"] = []
        cache = tmp_path / "_build" / ".jupyter_cache"
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "entry").write_text("cached notebook")
        status = build_book.main(list(argv))
        return status, state["calls"], (cache / "entry").exists()

    run.root, run.state = tmp_path, state
    return run


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
    "test_grade": "runs the grader as teachers do: a Jupyter kernel for each of 20-odd notebooks",
}
# Single tests that take several seconds of CPU each; `make check` stays under a minute without
# them, `make test` runs them. A key is a node id, a test function (all its parameters), or a
# node id ending in `*]`: every parameter set whose id starts with what comes before the `*`.
SLOW_TESTS = {
    "tests/test_backward.py::test_million_step_chain_backprops_and_frees_under_the_default_recursion_limit": (
        "builds and backpropagates a 10^6-node graph"
    ),
    "tests/test_checks_learners.py::test_a_mistake_gets_its_own_message[6.5-*]": "trains an MLP",
    "tests/test_checks_learners.py::test_a_mistake_gets_its_own_message[8.7-*]": "trains an MLP",
    "tests/test_checks_learners.py::test_solutions_pass_every_check[06_mlp_training]": "trains MLPs",
    "tests/test_checks_learners.py::test_solutions_pass_every_check[08_capstone]": "trains an MLP",
    "tests/test_checks_capstone.py::test_every_part_passes_for_another_correct_design": (
        "trains an MLP on each design of the learner's Value, one of them closure-based and slow"
    ),
    "tests/test_generated.py::test_pin_follows_the_package_and_its_check_is_stable": (
        "copies the repository into a new git repository and generates every notebook four times"
    ),
}
MATCHED_SLOW_TESTS = set()  # the keys of SLOW_TESTS that named a collected test (test_markers)
COLLECTED_FILES = set()


def slow_test_key(nodeid):
    """The key of SLOW_TESTS that names this test, or None."""
    for key in SLOW_TESTS:
        if key.endswith("*]"):
            if nodeid.startswith(key[:-2]):
                return key
        elif nodeid == key or nodeid.split("[", 1)[0] == key:
            return key
    return None


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
        COLLECTED_FILES.add(item.nodeid.split("::", 1)[0])
        key = slow_test_key(item.nodeid)
        if key:
            MATCHED_SLOW_TESTS.add(key)
            item.add_marker(pytest.mark.slow)
