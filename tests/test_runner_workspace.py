"""The page as the learner's workspace (issue 18), in a real browser with the network closed.

- Startup: pressing Run says "Starting Python" in the same click, before any runner code arrives.
- Never lose work: an edit survives a reload ("Restored your edits" + reset); an edit of a cell
  the book has changed since is not put back silently; "Download my notebook" gives an .ipynb
  that nbformat reads and validates, with the learner's code in it and the Colab set-up cell;
  with storage full the page says the edits are NOT saved.
- Check what is on screen: a check re-runs the edited cells above it (a fix made after a failed
  check is judged, and so is a breakage made after a passed one).
- Honest labels: a failing check says "failed"; "Run all" counts the page's Run buttons; a folded
  cell's tools sit under its fold.
- Progress: a check's outcome shows in the sidebar and on the "Your progress" page.
- Plots: chapter 6 and the capstone run without any "cannot run here" cell, drawing SVG figures.
"""

import json

import nbformat
import pytest
from book_fixtures import SCREENSHOTS, require_html
from browser_helpers import axe_violations, new_context, serve, session_browser, watch
from runner_helpers import code_cells, is_check

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHAPTER = "book/02_chain_rule"  # cell 2 builds L = (a*b + c) * f
EXERCISE = "solutions/01_derivatives"


@pytest.fixture(scope="module")
def site():
    with serve(require_html()) as url:
        yield url


@pytest.fixture
def context(site):
    context, log = new_context(session_browser(), site)
    context.set_default_timeout(600_000)
    context.log = log
    yield context
    context.close()


def open_page(context, site, docname):
    page = watch(context.new_page(), context.log)
    page.goto(f"{site}/{docname}.html", wait_until="load")
    return page


def button(page, index, action):
    return page.locator(f"#runner-cell-{index} .runner-tools button[data-action={action}]")


def serious_axe(page):
    return [v for v in axe_violations(page) if v["impact"] in ("critical", "serious")]


def check_cells(docname):
    return [i for i, c in enumerate(code_cells(docname)) if is_check(c.source)]


def test_run_says_starting_python_in_the_same_click(context, site):
    page = open_page(context, site, CHAPTER)
    feedback = page.evaluate(
        """() => {
          const start = performance.now();
          document.querySelector('#runner-cell-4 .runner-tools button[data-action=run]').click();
          return {ms: performance.now() - start,
                  status: document.querySelector('.runner-bar .runner-status').textContent,
                  state: document.querySelector('#runner-cell-4 .runner-state').textContent};
        }"""
    )
    assert feedback["status"].startswith("Starting Python"), feedback
    assert feedback["state"].startswith("starting Python"), feedback
    print(f"startup feedback after {feedback['ms']:.1f} ms")
    page.locator("#runner-cell-4 .runner-output svg").wait_for()
    assert not context.log.problems(), context.log.problems()


def test_edits_survive_a_reload_and_reset_brings_the_book_back(context, site):
    page = open_page(context, site, CHAPTER)
    original = page.locator("#runner-cell-2 > .cell_input").inner_text()
    button(page, 2, "edit").click()
    editor = page.locator("#runner-cell-2 .cm-content")
    editor.press("Control+a")
    editor.type("answer = 6 * 7\nprint(answer)")
    page.reload(wait_until="load")
    notice = page.locator(".runner-notice-restored")
    notice.wait_for()
    assert "Restored your edits (cell 2)" in notice.inner_text()
    assert "answer = 6 * 7" in page.locator("#runner-cell-2 .cm-content").inner_text()
    result = page.evaluate("() => window.bookRunner.run(2)")
    assert result["status"] == "ok" and result["text"] == "42\n", result  # the restored code runs
    page.screenshot(path=str(SCREENSHOTS / "runner-restored-edits.png"))
    assert not serious_axe(page)  # the notice, the editor and the live output
    notice.locator("button").click()
    assert page.locator("#runner-cell-2 > .cell_input").inner_text() == original
    page.reload(wait_until="load")
    page.wait_for_timeout(1000)
    assert page.locator(".runner-notice-restored").count() == 0
    assert page.locator("#runner-cell-2 .cm-editor").count() == 0


def test_an_edit_of_a_changed_cell_is_not_restored_silently(context, site):
    page = open_page(context, site, CHAPTER)
    stale = {"cells": {"2": {"hash": "00000000", "source": "old_answer = 1"}}, "checks": {}}
    page.evaluate(
        "(data) => localStorage.setItem('micrograd-book:book/02_chain_rule', JSON.stringify(data))",
        stale,
    )
    page.reload(wait_until="load")
    notice = page.locator(".runner-notice-changed")
    notice.wait_for()
    assert "changed cell 2 since you edited it" in notice.inner_text()
    assert page.locator("#runner-cell-2 .cm-editor").count() == 0  # the book's code is shown
    notice.locator("button").click()
    assert "old_answer = 1" in page.locator("#runner-cell-2 .cm-content").inner_text()


def test_download_my_notebook_is_a_valid_notebook_with_my_code(context, site, tmp_path):
    page = open_page(context, site, EXERCISE)
    stub = page.locator(".runner-stub.runner-host").first
    index = int(stub.get_attribute("id").rsplit("-", 1)[1])
    page.evaluate(
        "([i, code]) => window.bookRunner.setSource(i, code)", [index, "MY_ANSWER = 'mine'"]
    )
    with page.expect_download() as info:
        page.locator(".runner-bar button[data-action=download]").click()
    path = tmp_path / "mine.ipynb"
    info.value.save_as(path)
    assert info.value.suggested_filename == "01_derivatives-my-code.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)  # opens in Jupyter and Colab: valid nbformat 4
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    assert sum("MY_ANSWER = 'mine'" in s for s in sources) == 1
    assert any("google.colab" in s for s in sources)  # the Colab set-up cell comes along
    assert any(c.cell_type == "markdown" for c in nb.cells)  # and the exercise's text
    mine = next(c for c in nb.cells if "MY_ANSWER" in c.source)
    assert mine.outputs == [] and mine.execution_count is None


def test_storage_full_says_the_edits_are_not_saved(context, site):
    page = open_page(context, site, CHAPTER)
    page.evaluate(
        """() => {
          let i = 0;
          for (const size of [256 * 1024, 4096, 64, 1]) {  // to the last few bytes
            const chunk = 'x'.repeat(size);
            for (;; i += 1) {
              try { localStorage.setItem(`f${i}`, chunk); } catch (e) { break; }
            }
          }
        }"""
    )
    page.evaluate("() => window.bookRunner.setSource(2, 'print(1)')")
    alert = page.locator(".runner-notice-storage[role=alert]")
    alert.wait_for()
    assert "NOT saved" in alert.inner_text() and "full or disabled" in alert.inner_text()
    assert alert.locator("button", has_text="download my notebook").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "runner-storage-full.png"))
    assert not serious_axe(page)


def test_a_check_judges_the_code_on_screen_and_says_failed(context, site):
    page = open_page(context, site, EXERCISE)
    check = check_cells(EXERCISE)[0]
    stub = max(
        int(h.rsplit("-", 1)[1])
        for h in page.locator(".runner-stub.runner-host").evaluate_all("hs => hs.map(h => h.id)")
        if int(h.rsplit("-", 1)[1]) < check
    )
    wrong = "def derivative(f, x, h=1e-6):\n    return (f(x + h) - f(x)) / h * 2\n"
    right = "def derivative(f, x, h=1e-6):\n    return (f(x + h) - f(x)) / h\n"
    page.evaluate("([i, c]) => window.bookRunner.setSource(i, c)", [stub, wrong])
    first = page.evaluate("(i) => window.bookRunner.run(i)", check)
    assert first["status"] == "failed"
    state = page.locator(f"#runner-cell-{check} .runner-state").inner_text()
    assert state.startswith("failed") and "expected" not in state
    # fix the code without running it, then run the check: the fix is what gets judged
    page.evaluate("([i, c]) => window.bookRunner.setSource(i, c)", [stub, right])
    second = page.evaluate("(i) => window.bookRunner.run(i)", check)
    assert second["status"] == "ok" and "✔" in second["text"], second
    # and a breakage made after a pass is judged too (not the old ✔)
    page.evaluate("([i, c]) => window.bookRunner.setSource(i, c)", [stub, wrong])
    third = page.evaluate("(i) => window.bookRunner.run(i)", check)
    assert third["status"] == "failed"
    # the outcome is saved as progress: the sidebar and the progress page show it
    page.evaluate("([i, c]) => window.bookRunner.setSource(i, c)", [stub, right])
    assert page.evaluate("(i) => window.bookRunner.run(i)", check)["status"] == "ok"
    page.reload(wait_until="load")
    badge = page.locator(".bd-sidebar-primary .runner-progress-badge")
    assert "1 of" in badge.first.inner_text()
    board = open_page(context, site, "book/progress")
    board.locator("#runner-progress[data-ready]").wait_for()
    items = board.locator("#runner-progress li").all_inner_texts()
    assert sum(t.startswith("✔ passed") for t in items) == 1
    assert sum(t.startswith("not tried") for t in items) == len(items) - 1 >= 34  # every part
    board.screenshot(path=str(SCREENSHOTS / "runner-progress.png"), full_page=True)
    assert not serious_axe(board)


def test_run_all_counts_the_run_buttons_and_folded_tools_stay_with_their_cell(context, site):
    page = open_page(context, site, "book/06_mlp_training")
    folded = page.locator(".runner-host:has(> details)")
    assert folded.count() > 0
    for i in range(folded.count()):  # the tools come right after the fold's toggle
        assert folded.nth(i).evaluate(
            "h => h.querySelector(':scope > details').nextElementSibling.matches('.runner-tools')"
        )
    results = page.evaluate("() => window.bookRunner.runAll()")
    runs = page.locator(".runner-tools button[data-action=run]").count()
    status = page.locator(".runner-bar .runner-status").inner_text()
    assert status.startswith(f"Ran {runs} cells"), status
    shown = [r for r in results if not r["hidden"]]
    assert len(shown) == runs
    # plots in the page: no "cannot run here", and the figures are drawn (SVG, not the build's)
    assert not [r for r in results if r["status"] in ("unavailable", "error")], [
        (r["index"], r["status"], r["text"][-300:]) for r in results if r["status"] != "ok"
    ]
    figures = page.locator(".runner-output .runner-figure svg").count()
    assert figures >= 9, figures
    page.locator(".runner-output .runner-figure").nth(3).scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "runner-ch6-plots.png"))
    assert not serious_axe(page)  # every live figure and the animation's frames
    assert not context.log.problems(), context.log.problems()


def test_capstone_draws_the_learners_boundary_and_loss_curve(context, site):
    docname = "solutions/08_capstone"
    page = open_page(context, site, docname)
    cells = code_cells(docname)
    import re

    marker = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION.*\n?", re.MULTILINE)
    for host in page.locator(".runner-stub").evaluate_all("hs => hs.map(h => h.id)"):
        index = int(host.rsplit("-", 1)[1])
        code = marker.sub("", cells[index].source)
        page.evaluate("([i, code]) => window.bookRunner.setSource(i, code)", [index, code])
    results = page.evaluate("() => window.bookRunner.runAll()")
    assert not [r for r in results if r["status"] not in ("ok",)], [
        (r["index"], r["status"], r["text"][-300:]) for r in results if r["status"] != "ok"
    ]
    plot = next(i for i, c in enumerate(cells) if "plot_decision_boundary(model" in c.source)
    svg = page.locator(f"#runner-cell-{plot} .runner-output svg")
    assert svg.count() == 1
    assert "Your network" in svg.inner_html() and "<polyline" in svg.inner_html()
    summary = next(r for r in results if "capstone_summary" in cells[r["index"]].source)
    assert "7 of 7" in summary["text"]
    svg.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "runner-capstone-plot.png"))
    saved = page.evaluate("() => localStorage.getItem('micrograd-book:solutions/08_capstone')")
    checks = json.loads(saved)["checks"]
    assert len(checks) >= 7 and all(c["state"] == "passed" for c in checks.values())
