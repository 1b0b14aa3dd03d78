"""No exercise page shows a verdict before the learner's code ran (issue 15).

The build runs every check cell against the reference solution (so a broken check fails the
build), but that run's output ("✔ Exercise 1.1 passed ...", the capstone's "7 of 7 parts
passed") is a verdict about the book's code, not the reader's: in the built HTML each check cell's
output is a neutral "Run this cell to check your code" instead.
"""

import re

import jupytext
import pytest
from book_fixtures import ROOT, exercise_docnames, page
from bs4 import BeautifulSoup

CHECK = re.compile(r"\bchecks\.(check_\w+|capstone_summary)\(")
VERDICTS = ("✔", "✘", "passed:", "parts passed", "hidden checks right")


@pytest.mark.parametrize("docname", exercise_docnames())
def test_check_cells_show_no_verdict_only_an_invitation(docname):
    soup = BeautifulSoup(page(docname).read_text(encoding="utf-8"), "html.parser")
    outputs = " ".join(o.get_text() for o in soup.select("article .cell_output"))
    shown = [v for v in VERDICTS if v in outputs]
    assert not shown, f"{docname}: a verdict is shown before the learner ran anything: {shown}"
    cells = jupytext.read(ROOT / f"{docname}.md").cells
    checks = sum(bool(CHECK.search(c.source)) for c in cells if c.cell_type == "code")
    placeholders = soup.select(".cell_output.runner-no-verdict .runner-verdict-placeholder")
    assert checks and len(placeholders) == checks, (docname, checks, len(placeholders))
    assert all("Run this cell to check your code" in p.get_text() for p in placeholders)
