"""A chapter notebook as a reader sees it in Jupyter: converted to HTML with nbconvert (the
renderer Jupyter uses to export) and looked at in headless Chromium (every request that would
leave 127.0.0.1 aborted). Chapter 3 has every kind of markup the converter handles: glued numbers,
figure and glossary references, citations, included package code, admonitions, check questions.

- the visible text holds no MyST markup ({role}`...`, ```{directive}, :::{...}, (label)=);
- the included listings show the package's code; the glued numbers are numbers;
- every check question's answer is inside a closed <details>: not visible until opened, visible
  after (so the test can fail);
- a screenshot goes to _build/screenshots/notebook-03_value.png.
"""

import re

import nbformat
import pytest
from book_fixtures import ROOT, SCREENSHOTS
from browser_helpers import new_context, serve, session_browser
from nbconvert import HTMLExporter

NOTEBOOK = ROOT / "book" / "03_value.ipynb"
RAW = re.compile(r"\{[\w:.-]+\}`|`{3}\{|:{3}\{|^\([\w:.-]+\)=\s*$", re.M)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rendered")
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(
        nbformat.read(NOTEBOOK, as_version=4)
    )
    (folder / "index.html").write_text(html, encoding="utf-8")
    with serve(folder) as url:
        context, log = new_context(session_browser(), url)
        page = context.new_page()
        page.goto(f"{url}/index.html", wait_until="load")
        yield page
        context.close()


def test_no_raw_myst_is_visible(rendered):
    text = rendered.inner_text("body")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    rendered.screenshot(path=str(SCREENSHOTS / "notebook-03_value.png"), full_page=False)
    left = sorted(set(RAW.findall(text)))
    assert not left, f"{NOTEBOOK.name} shows raw MyST in Jupyter: {left}"
    assert "{glue" not in text and "{numref" not in text and "literalinclude" not in text


def test_listings_and_numbers_are_shown(rendered):
    code = rendered.inner_text("body")
    assert "def __add__(self, other):" in code, "the literalinclude of Value.__add__ is missing"
    assert re.search(r"Fig\. 3\.\d", code), "no numbered figure reference"
    links = rendered.eval_on_selector_all(
        "a[href*='glossary.html#term-']", "els => els.map(e => e.textContent)"
    )
    assert links, "glossary terms are not links"


def test_answers_are_folded_until_opened(rendered):
    details = rendered.locator("details")
    count = details.count()
    source = (ROOT / "book" / "03_value.md").read_text()
    assert count == len(re.findall(r"^:{3,}\{solution\}", source, re.M)) > 0
    for i in range(count):
        body = details.nth(i).locator("p").first
        assert not body.is_visible(), f"answer {i + 1} is visible before it is opened"
        details.nth(i).locator("summary").click()
        assert body.is_visible(), f"answer {i + 1} does not open"
