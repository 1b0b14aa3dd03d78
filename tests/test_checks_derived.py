"""Capstone 8.3: correct answers unlike the solution's pass (tests/learner_mistakes_8_derived.py's
DESIGNS); its simulated mistakes are run by tests/test_checks_learners.py."""

import pytest
import test_checks_learners as learners
from learner_mistakes_8_derived import DESIGNS

from micrograd_checks import core

CASES = [(n, k) for n in sorted(DESIGNS) for k in range(len(DESIGNS[n]))]


@pytest.fixture(autouse=True)
def fresh_hints():
    core.reset_hints()


@pytest.mark.parametrize(("number", "k"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_a_correct_design_of_8_3_passes(number, k):
    replacements, what = DESIGNS[number][k]
    error = learners.run_with_mistake(number, replacements)
    assert error is None, f"exercise {number}: the correct design '{what}' was refused:\n{error}"
