"""The MLP parts of 8.6 nudge first and give the recipe only when the same mistake comes back.

Which wrong code makes these fail: a Hint that gave its recipe on the first failure (the first
message would hold it), or a plain-string hint (the second message would lack it).
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from micrograd_checks import core  # noqa: E402
from tests.test_checks_learners import MISTAKES, run_with_mistake  # noqa: E402

# marker of an 8.6 MLP mistake, the recipe its second failure gives (and its first must not)
RECIPES = [
    ("MLP.__init__ gave every layer nin inputs", "sizes = [nin] + nouts"),
    ("MLP.__call__ never ran its last layer", "for layer in self.layers: x = layer(x)"),
    ("MLP.parameters() returned a generator", "Return a list"),
    ("MLP.zero_grad() reset only", "every layer's"),
]


@pytest.mark.parametrize(("marker", "recipe"), RECIPES, ids=[m for m, _ in RECIPES])
def test_an_mlp_hint_gives_the_recipe_only_the_second_time(marker, recipe):
    replacements = next(r for r, m in MISTAKES["8.6"] if m == marker)
    core.reset_hints()
    first = " ".join(str(run_with_mistake("8.6", replacements)).split())
    second = " ".join(str(run_with_mistake("8.6", replacements)).split())
    assert marker in first and recipe not in first, first
    assert marker in second and recipe in second, second
