"""The in-page runner's controls in a real browser: Run (earlier cells first), draw_dot as SVG,
Edit + Shift+Enter, Reset, Stop, the file:// message, and that nothing heavy loads before the
page's load event (Python is then fetched while the page is idle).

Chapter 2 is the test page: its cell 2 builds L = (a*b + c) * f and cell 4 draws it.
"""

from urllib.parse import urlsplit

import pytest
from book_fixtures import require_html
from browser_helpers import new_context, serve, session_browser, watch

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGE = "book/02_chain_rule"
BUDGET = 20_000  # bytes the runner may add to a page before the first Run
HEAVY = ("ui.js", "worker.js", "pyodide", "packages.zip", "/pages/")


@pytest.fixture(scope="module")
def site():
    with serve(require_html()) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    # the session's one Chromium: a second sync Playwright cannot start in the same process
    return session_browser()


@pytest.fixture
def page(site, browser):
    context, log = new_context(browser, site)
    context.set_default_timeout(300_000)
    requests = []
    tab = watch(context.new_page(), log)
    tab.on("requestfinished", lambda r: requests.append(r))
    tab.goto(f"{site}/{PAGE}.html", wait_until="load")
    tab.requests, tab.log = requests, log
    yield tab
    assert not log.problems(), log.problems()
    context.close()


def button(page, index, action):
    return page.locator(f"#runner-cell-{index} > .runner-tools button[data-action={action}]")


def output(page, index):
    return page.locator(f"#runner-cell-{index} .runner-output")


def test_nothing_heavy_loads_before_the_page_has_loaded(page):
    # Python is fetched early (issue 18: when the page is idle with a runnable cell in view), but
    # never before the page's load event: the page's first paint does not wait for it.
    loaded = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
    early = page.evaluate(
        "(t) => performance.getEntriesByType('resource').filter(e => e.startTime < t).map(e => e.name)",
        loaded,
    )
    assert not [u for u in early if "/runner/" in u and any(h in u for h in HEAVY)], early
    runner = [u for u in early if "/_static/runner/" in u]
    assert {urlsplit(u).path.rsplit("/", 1)[-1] for u in runner} == {"boot.js", "runner.css"}
    sizes = page.evaluate(
        "(t) => performance.getEntriesByType('resource').filter(e => e.startTime < t && "
        "e.name.includes('/_static/runner/')).map(e => e.encodedBodySize || e.transferSize)",
        loaded,
    )
    assert 0 < sum(sizes) <= BUDGET, f"the runner adds {sum(sizes)} bytes before the load event"
    # then, with a runnable cell on screen, the idle page starts Python by itself
    page.locator("#runner-cell-4").scroll_into_view_if_needed()
    labels = page.locator(".runner-tools button").evaluate_all("bs => bs.map(b => b.ariaLabel)")
    assert labels[:3] == ["Run cell 1", "Edit cell 1", "Reset cell 1"]
    page.wait_for_function("() => performance.getEntries().some(e => /worker\\.js/.test(e.name))")


def test_run_draws_the_graph_after_running_the_cells_above(page):
    button(page, 4, "run").click()
    svg = output(page, 4).locator("svg")
    svg.wait_for()
    assert svg.get_attribute("role") == "img" and "cell" in svg.get_attribute("aria-label")
    texts = svg.locator("text").all_text_contents()
    assert {"a", "b", "L", "*", "+"} <= set(texts), texts
    assert "data -8.0" in texts  # L = (2 * -3 + 10) * -2
    assert "Value(data=-8.0" in output(page, 2).inner_text()  # cell 2 ran first
    assert page.locator("#runner-cell-4 > .cell_output").is_hidden()  # the live output replaces it


def test_edit_shift_enter_and_reset(page):
    original = page.locator("#runner-cell-2 > .cell_input").inner_text()
    button(page, 2, "edit").click()
    editor = page.locator("#runner-cell-2 .cm-content")
    editor.wait_for()
    assert page.locator("#runner-cell-2 > .cell_input").is_hidden()
    editor.press("Control+a")
    editor.type("print(6 * 7)")
    editor.press("Shift+Enter")
    page.wait_for_function(
        "() => document.querySelector('#runner-cell-2 .runner-output')?.innerText.includes('42')"
    )
    button(page, 2, "reset").click()
    assert page.locator("#runner-cell-2 .cm-editor").count() == 0
    assert page.locator("#runner-cell-2 .runner-output").count() == 0
    assert page.locator("#runner-cell-2 > .cell_input").inner_text() == original
    result = page.evaluate("() => window.bookRunner.run(2)")
    assert result["status"] == "ok" and result["text"].startswith("Value(data=-8.0")


def test_stop_restarts_python_and_says_state_was_lost(page):
    page.evaluate("() => window.bookRunner.run(2)")
    page.evaluate("() => window.bookRunner.setSource(5, 'while True:\\n    pass')")
    button(page, 5, "run").click()
    page.wait_for_function(
        "() => document.querySelector('#runner-cell-5 .runner-state').textContent.startsWith('running')"
    )
    page.wait_for_timeout(500)
    page.locator(".runner-bar button[data-action=stop]").click()
    status = page.locator(".runner-bar .runner-status")
    assert "lost" in status.inner_text()
    assert "error" in page.locator("#runner-cell-5 .runner-state").inner_text()
    # The new Python knows nothing yet, so running cell 4 first runs cells 0-3 again.
    result = page.evaluate("() => window.bookRunner.run(4)")
    assert result["status"] == "ok"
    assert output(page, 4).locator("svg").count() == 1


def test_file_url_says_the_site_must_be_served(browser):
    context = browser.new_context(service_workers="block")
    leaving = []
    context.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith("file:")
            else (leaving.append(r.request.url), r.abort())
        ),
    )
    page = context.new_page()
    page.goto((require_html() / f"{PAGE}.html").as_uri(), wait_until="load")
    status = page.locator(".runner-bar .runner-status")
    assert "python -m http.server" in status.inner_text()
    button(page, 2, "run").click()
    assert "runner-alert" in status.get_attribute("class")
    assert page.evaluate("() => window.bookRunner.served") is False
    assert (
        page.evaluate(
            "() => performance.getEntries().filter(e => /worker|pyodide/.test(e.name)).length"
        )
        == 0
    )
    assert not leaving, leaving
    context.close()
