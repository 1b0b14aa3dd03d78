"""tests/conftest.py marks whole modules, so `make check` (-m "not slow and not browser and not
build") leaves out exactly the tests that need Chromium, a built site or minutes."""

import importlib
import importlib.util

import pytest
from conftest import SLOW_MODULES, _module_marks


@pytest.mark.parametrize(
    "module, marks",
    [
        ("test_browser", {"browser", "build"}),
        ("test_book_html", {"build"}),
        ("test_launch", {"slow"}),
        ("test_grade", {"slow"}),
        ("test_engine", set()),
        ("test_build_script", set()),
    ],
)
def test_modules_get_the_marks_of_what_they_need(module, marks):
    assert _module_marks(importlib.import_module(module)) == marks


def test_slow_modules_exist():
    for name in SLOW_MODULES:
        importlib.util.find_spec(name) or pytest.fail(
            f"SLOW_MODULES names {name}, which does not exist"
        )


def test_the_markers_are_registered(pytestconfig):
    registered = {line.split(":", 1)[0] for line in pytestconfig.getini("markers")}
    assert {"slow", "browser", "build"} <= registered


def test_slow_tests_exist():
    from conftest import SLOW_TESTS

    for nodeid in SLOW_TESTS:
        path, name = nodeid.split("[", 1)[0].split("::")
        module = importlib.import_module(path.removeprefix("tests/").removesuffix(".py"))
        assert hasattr(module, name), f"SLOW_TESTS names {nodeid}, which does not exist"


def test_every_slow_test_key_names_a_collected_test():
    """A key that names no test (a renamed test, a changed parameter id) would leave a slow test
    in `make check` without anyone noticing. Checked for the files collected in this run."""
    from conftest import COLLECTED_FILES, MATCHED_SLOW_TESTS, SLOW_TESTS

    for key in SLOW_TESTS:
        if key.split("::", 1)[0] in COLLECTED_FILES:
            assert key in MATCHED_SLOW_TESTS, f"SLOW_TESTS names {key}, which matches no test"


@pytest.mark.parametrize(
    "nodeid, slow",
    [
        ("tests/test_checks_learners.py::test_a_mistake_gets_its_own_message[6.5-0]", True),
        ("tests/test_checks_learners.py::test_a_mistake_gets_its_own_message[6.4-0]", False),
        (
            "tests/test_checks_capstone.py::test_every_part_passes_for_another_correct_design[x]",
            True,
        ),
        ("tests/test_checks_learners.py::test_solutions_pass_every_check[01_derivatives]", False),
    ],
)
def test_slow_test_keys_match_parameter_prefixes(nodeid, slow):
    from conftest import slow_test_key

    assert (slow_test_key(nodeid) is not None) == slow
