"""The built exercise pages in a real browser: no answer visible or downloadable before "Show solution".

For every exercise page (served from 127.0.0.1, every other request blocked):

- with the toggles closed, the visible text holds no line of a solution region (read from the
  source `solutions/NN_topic.md`) and no output of a solution cell or of a `needs-exercise`
  cell (the page's cells are matched to the source's code cells in order), and none of their
  pictures is visible; after clicking every toggle, all of them are (so the test can fail);
- every download link on the page serves exactly the student notebook `exercises/NN_topic.ipynb`,
  and nothing on the page links a file holding solutions (the source, the executed notebook).
"""

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from book_fixtures import ROOT, exercise_docnames, require_html
from browser_helpers import new_context, serve, session_browser, wait_until_settled, watch

from scripts import exercise_gen

CELL_FACTS = """() => Array.from(document.querySelectorAll('article div.cell')).map(cell => ({
  outputs: Array.from(cell.querySelectorAll('.cell_output')).map(o => {
    const copy = o.cloneNode(true);  // without the copy button's tooltip
    copy.querySelectorAll('button, .copybtn').forEach(n => n.remove());
    return copy.textContent;
  }),
  images: cell.querySelectorAll('.cell_output img').length,
}))"""


PUBLIC_TEXT = """([solved, results]) => {
  const copy = document.querySelector('article').cloneNode(true);
  const cells = Array.from(copy.querySelectorAll('div.cell'));
  results.forEach(i => cells[i].querySelectorAll('.cell_output').forEach(o => o.remove()));
  solved.forEach(i => cells[i].remove());
  return copy.textContent;
}"""


@pytest.fixture(scope="module")
def site():
    with serve(require_html()) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    # the session's one Chromium: a second sync Playwright cannot start in the same process
    return session_browser()


def code_cells(docname):
    return [
        c for c in exercise_gen.read_source(ROOT / f"{docname}.md").cells if c.cell_type == "code"
    ]


def secret_lines(cell):
    """The lines of a cell's solution regions worth looking for (not blank, not a bare keyword)."""
    lines = cell.source.splitlines()
    found = []
    for begin, end, _ in exercise_gen.solution_regions(cell.source):
        found += [line.strip() for line in lines[begin + 1 : end] if len(line.strip()) >= 12]
    return found


def output_lines(text):
    return [line.strip() for line in text.splitlines() if len(line.strip()) >= 8]


@pytest.mark.parametrize("docname", exercise_docnames())
def test_no_answer_visible_before_show_solution(site, browser, docname):
    cells = code_cells(docname)
    context, log = new_context(browser, site)
    try:
        page = watch(context.new_page(), log)
        page.goto(f"{site}/{docname}.html")
        wait_until_settled(page)
        facts = page.evaluate(CELL_FACTS)
        assert len(facts) == len(cells), (
            f"{docname}: {len(facts)} cells on the page, {len(cells)} code cells in the source"
        )
        secret_code, secret_output, secret_images, solved_cells, result_cells = [], [], [], [], []
        for i, (cell, fact) in enumerate(zip(cells, facts, strict=True)):
            solved = exercise_gen.has_solution(cell)
            if solved:
                secret_code += secret_lines(cell)
                solved_cells.append(i)
            if solved or exercise_gen.NEEDS_TAG in exercise_gen.tags(cell):
                result_cells.append(i)
                secret_output += [line for out in fact["outputs"] for line in output_lines(out)]
                if fact["images"]:
                    secret_images.append(i)
        # Lines the page also shows outside the secret cells (a shared `loss.backward()`) prove nothing.
        public = page.evaluate(PUBLIC_TEXT, [solved_cells, result_cells])
        secret_code = [line for line in secret_code if line not in public]
        secret_output = [line for line in secret_output if line not in public]
        assert secret_code and secret_output, f"{docname}: found nothing to hide (test is vacuous)"

        cell_nodes = page.locator("article div.cell")
        visible = page.inner_text("body")
        assert not [line for line in secret_code if line in visible], (
            f"{docname}: solution code visible with the toggles closed"
        )
        leaked = [line for line in secret_output if line in visible]
        assert not leaked, f"{docname}: solution output visible before clicking: {leaked[:3]}"
        for i in secret_images:
            assert not cell_nodes.nth(i).locator(".cell_output img").first.is_visible(), (
                f"{docname}: the picture made by solution cell {i + 1} is visible before clicking"
            )

        summaries = page.locator("article div.cell details.hide > summary")
        labels = [s.strip() for s in summaries.all_inner_texts()]
        assert all(label.startswith(("Show solution", "Show the result")) for label in labels), (
            labels
        )
        for i in range(summaries.count()):
            summaries.nth(i).click()
        opened = page.inner_text("body")
        missing = [line for line in secret_code + secret_output if line not in opened]
        assert not missing, (
            f"{docname}: after clicking every toggle, still not shown: {missing[:3]}"
        )
        for i in secret_images:
            assert cell_nodes.nth(i).locator(".cell_output img").first.is_visible()
    finally:
        context.close()
    assert not log.problems(), "\n".join(log.problems())


def served_file(page_url, href, site):
    """The file in the built site that a link on a page serves (None if it leaves the site)."""
    url = urljoin(page_url, href)
    if not url.startswith(site):
        return None
    return require_html() / urlsplit(url).path.lstrip("/")


@pytest.mark.parametrize("docname", exercise_docnames())
def test_downloads_are_the_student_notebook(site, browser, docname):
    name = docname.split("/", 1)[1]
    student = (ROOT / "exercises" / f"{name}.ipynb").read_bytes()
    context, log = new_context(browser, site)
    try:
        page = watch(context.new_page(), log)
        url = f"{site}/{docname}.html"
        page.goto(url)
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
        downloads = page.eval_on_selector_all(
            ".dropdown-download-buttons a[href], a[download]",
            "as => as.map(a => a.getAttribute('href'))",
        )
    finally:
        context.close()
    assert downloads, f"{docname}: no download link"
    # the whole-book PDF (prints every solution closed) is the one other download
    for href in [h for h in downloads if not h.endswith("micrograd-book.pdf")]:
        path = served_file(url, href, site)
        assert path is not None and path.is_file(), f"{docname}: download {href} serves nothing"
        assert path.read_bytes() == student, (
            f"{docname}: download {href} is not exercises/{name}.ipynb"
        )
    local = [p for p in (served_file(url, h, site) for h in hrefs) if p is not None]
    solution_files = [
        p
        for p in local
        if p.suffix in (".ipynb", ".md", ".txt")
        and not p.is_relative_to(require_html() / "_exercises")
    ]
    assert not solution_files, f"{docname}: links files that may hold solutions: {solution_files}"


def test_site_holds_no_solution_source_or_executed_notebook():
    html = require_html()
    leftovers = [
        p.relative_to(html) for p in (html / "_sources").rglob("*") if "solutions" in p.parts
    ]
    assert not leftovers, f"solution files published in _sources/: {leftovers}"
    assert Path(html / "_exercises").is_dir()
