"""The built book in a real browser (Playwright + Debian's Chromium), served from 127.0.0.1.

Every page: no console error, no failed request, nothing fetched from another site,
no broken image, graphs visible, math typeset by MathJax; a full-page screenshot of
each goes to _build/screenshots/. Plus: solutions hidden until clicked, launch links
aimed at the right notebooks, search, and the dark-mode switch.
"""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from book_fixtures import (
    ROOT,
    SCREENSHOTS,
    chapter_docnames,
    config,
    exercise_docnames,
    repository,
    require_html,
    toc_docnames,
)
from browser_helpers import (
    new_context,
    serve,
    session_browser,
    session_site,
    wait_until_settled,
    watch,
)

pytestmark = pytest.mark.browser

PAGES = list(toc_docnames()) + ["search", "genindex"]
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\$[^$\s][^$\n]*\$")

PAGE_FACTS = """() => {
  const article = document.querySelector('article.bd-article');
  const images = Array.from(document.images).map(img => {
    const box = img.getBoundingClientRect();
    return {src: img.getAttribute('src'), natural: img.naturalWidth, width: box.width, height: box.height,
            shown: img.offsetParent !== null && getComputedStyle(img).visibility !== 'hidden',
            graph: !!article && article.contains(img) && /_images\\/.*\\.(svg|png)$/.test(img.getAttribute('src'))};
  });
  let prose = '';
  if (article) {
    const copy = article.cloneNode(true);
    copy.querySelectorAll('pre, code, script, style, mjx-container, .highlight, .output').forEach(n => n.remove());
    prose = copy.textContent;
  }
  const links = sel => Array.from(document.querySelectorAll(sel)).map(a => a.getAttribute('href'));
  return {
    images,
    prose,
    mathNodes: article ? article.querySelectorAll('.math').length : 0,
    typeset: document.querySelectorAll('article mjx-container').length,
    mathErrors: Array.from(document.querySelectorAll('mjx-merror')).map(n => n.getAttribute('data-mjx-error') || ''),
    launch: Array.from(document.querySelectorAll('.dropdown-launch-buttons a')).map(a => ({
      text: a.textContent.trim(), href: a.getAttribute('href')})),
    colabBar: links('.exercise-bar a.colab'),
    binderBar: links('.exercise-bar a.binder'),
    downloadBar: links('.exercise-bar a.download'),
  };
}"""


def screenshot_path(docname, suffix=""):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{docname.replace('/', '__')}{suffix}.png"


@pytest.fixture(scope="module")
def site():
    return session_site()


@pytest.fixture(scope="module")
def browser():
    return session_browser()


@pytest.fixture(scope="module")
def visit(site, browser):
    """visit(docname) -> (facts, log): each page is opened once, screenshotted, and its facts kept."""
    seen = {}

    def open_page(docname):
        if docname not in seen:
            context, log = new_context(browser, site)
            try:
                page = watch(context.new_page(), log)
                page.goto(f"{site}/{docname}.html", wait_until="load")
                page.evaluate(
                    "() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
                )
                wait_until_settled(page)
                facts = page.evaluate(PAGE_FACTS)
                page.screenshot(path=screenshot_path(docname), full_page=True)
            finally:
                context.close()
            seen[docname] = facts, log
        return seen[docname]

    return open_page


@pytest.mark.parametrize("docname", PAGES)
def test_page_loads_cleanly(visit, docname):
    _, log = visit(docname)
    assert not log.problems(), f"{docname}:\n  " + "\n  ".join(log.problems())


@pytest.mark.parametrize("docname", PAGES)
def test_images_load_and_graphs_are_visible(visit, docname):
    facts, _ = visit(docname)
    broken = [img["src"] for img in facts["images"] if img["natural"] == 0]
    assert not broken, f"{docname}: broken images {broken}"
    invisible = [
        img["src"]
        for img in facts["images"]
        if img["graph"] and img["shown"] and not img["width"] * img["height"]
    ]
    assert not invisible, f"{docname}: pictures with zero size {invisible}"


@pytest.mark.parametrize("docname", PAGES)
def test_math_is_typeset(visit, docname):
    facts, _ = visit(docname)
    assert not facts["mathErrors"], f"{docname}: MathJax errors {facts['mathErrors']}"
    leftover = sorted(set(RAW_TEX.findall(facts["prose"])))
    assert not leftover, f"{docname}: raw TeX left in the text: {leftover[:10]}"
    if facts["mathNodes"]:
        assert facts["typeset"] >= facts["mathNodes"], (
            f"{docname}: {facts['mathNodes']} math elements but only {facts['typeset']} rendered by MathJax"
        )


def expected_launch(path_in_repo):
    _, org_repo, branch = repository()
    launch = config().get("launch_buttons", {})
    colab = launch.get("colab_url", "https://colab.research.google.com").rstrip("/")
    binder = launch.get("binderhub_url", "https://mybinder.org").rstrip("/")
    # Binder's path for the interface _config.yml names (classic: the notebook app, not Lab)
    ui = {"classic": "notebooks", "jupyterlab": "lab/tree"}[launch.get("notebook_interface")]
    return {
        "Colab": f"{colab}/github/{org_repo}/blob/{branch}/{path_in_repo}",
        "Binder": f"{binder}/v2/gh/{org_repo}/{branch}?urlpath={ui}/{path_in_repo}",
    }


def launched_file(href):
    """The repository file a Colab or Binder link opens."""
    parts = urlsplit(href)
    if "urlpath" in parse_qs(parts.query):
        return parse_qs(parts.query)["urlpath"][0].split("/", 1)[1]
    return parts.path.split("/blob/", 1)[1].split("/", 1)[1]


@pytest.mark.parametrize("docname", chapter_docnames())
def test_chapter_launch_links_open_the_twin(visit, docname):
    facts, _ = visit(docname)
    links = {link["text"]: link["href"] for link in facts["launch"]}
    want = expected_launch(f"{docname}.ipynb")
    assert {k: links.get(k) for k in want} == want, f"{docname}: launch links {links}"
    for href in want.values():
        assert (ROOT / launched_file(href)).is_file(), (
            f"{docname}: {href} opens a file that is not in the repository"
        )


@pytest.mark.parametrize("docname", exercise_docnames())
def test_exercise_launch_links_open_the_student_notebook(visit, docname):
    facts, _ = visit(docname)
    name = docname.split("/", 1)[1]
    want = expected_launch(f"exercises/{name}.ipynb")
    links = {link["text"]: link["href"] for link in facts["launch"]}
    assert {k: links.get(k) for k in want} == want, f"{docname}: theme launch buttons {links}"
    assert facts["colabBar"] == [want["Colab"]], (
        f"{docname}: exercise bar Colab link {facts['colabBar']}"
    )
    assert facts["binderBar"] == [want["Binder"]], (
        f"{docname}: exercise bar Binder link {facts['binderBar']}"
    )
    student = ROOT / "exercises" / f"{name}.ipynb"
    assert student.is_file(), f"{student.relative_to(ROOT)} is missing (run `make exercises`)"
    assert len(facts["downloadBar"]) == 1
    downloaded = (require_html() / docname).parent / facts["downloadBar"][0]
    assert downloaded.is_file() and downloaded.read_bytes() == student.read_bytes(), (
        f"{docname}: the download link must serve the current {student.relative_to(ROOT)}"
    )


@pytest.mark.parametrize("docname", exercise_docnames())
def test_solutions_hidden_until_clicked(site, browser, docname):
    context, log = new_context(browser, site)
    try:
        page = watch(context.new_page(), log)
        page.goto(f"{site}/{docname}.html")
        wait_until_settled(page)
        toggles = page.locator("article div.cell details.hide.above-input")  # solution cells
        assert toggles.count() >= 1, (
            f"{docname}: no hidden solution cell (book/_ext/exercises.py hides them)"
        )
        for i in range(toggles.count()):
            details = toggles.nth(i)
            code = details.locator(".cell_input")
            label = details.locator("summary").inner_text().strip()
            assert "show solution" in label.lower(), (
                f"{docname}: toggle {i + 1} says {label!r}, not 'Show solution'"
            )
            assert not code.is_visible(), f"{docname}: solution {i + 1} is visible before clicking"
            details.locator("summary").click()
            code.wait_for(state="visible", timeout=5_000)
            assert code.is_visible()
        page.screenshot(path=screenshot_path(docname, "--solutions-open"), full_page=True)
    finally:
        context.close()
    assert not log.problems(), "\n".join(log.problems())


def test_search_finds_backward(site, browser):
    context, log = new_context(browser, site)
    try:
        page = watch(context.new_page(), log)
        page.goto(f"{site}/search.html?q=backward")
        page.wait_for_selector("#search-results ul.search li", timeout=30_000)
        hits = page.eval_on_selector_all(
            "#search-results ul.search li a", "as => as.map(a => a.getAttribute('href'))"
        )
        page.screenshot(path=screenshot_path("search"), full_page=True)
    finally:
        context.close()
    assert any(h.startswith("book/") for h in hits), (
        f"searching 'backward' found no chapter: {hits}"
    )
    assert not log.problems(), "\n".join(log.problems())


def background_luminance(page):
    rgb = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_dark_mode_switch(site, browser):
    docname = next(iter(chapter_docnames()), "book/intro")
    context, log = new_context(browser, site)
    try:
        page = watch(context.new_page(), log)
        page.goto(f"{site}/{docname}.html")
        wait_until_settled(page)
        theme = lambda: page.evaluate("() => document.documentElement.dataset.theme")  # noqa: E731
        assert theme() == "light" and background_luminance(page) > 0.7
        switch = page.locator(".theme-switch-button:visible").first
        for _ in range(3):
            switch.click()
            if theme() == "dark":
                break
        assert theme() == "dark", "the theme switch never turned on dark mode"
        page.wait_for_timeout(300)
        assert background_luminance(page) < 0.3, "data-theme is dark but the page background is not"
        page.screenshot(path=screenshot_path(docname, "--dark"), full_page=True)
        for _ in range(3):
            switch.click()
            if theme() == "light":
                break
        assert theme() == "light", "the theme switch cannot go back to light mode"
    finally:
        context.close()
    assert not log.problems(), "\n".join(log.problems())


def test_screenshots_saved(visit):
    for docname in PAGES:
        visit(docname)
    missing = [d for d in PAGES if not Path(screenshot_path(d)).is_file()]
    assert not missing, f"no screenshot for {missing}"


@pytest.fixture(scope="module")
def folder_site():
    """The site served from its own folder at the server's root (`python -m http.server` in
    _build/html), not under the published prefix."""
    with serve(require_html()) as url:
        yield url


@pytest.mark.parametrize(
    "where, path",
    [
        ("published", "/book/no/such/page.html"),
        ("folder", "/book/no/such/page.html"),
        ("folder", "/404.html"),
    ],
    ids=["published-prefix-deep", "site-folder-deep", "site-folder-direct"],
)
def test_missing_page_shows_the_404_page_with_its_styles(site, folder_site, browser, where, path):
    """A wrong address deep in the site gets 404.html, whose links (relative to the site's root,
    which a script sets as <base>) find the theme's styles and scripts wherever the site is
    served: under the published prefix, or from the site's folder."""
    base = site if where == "published" else folder_site
    missing = f"{base}{path}"
    context, log = new_context(browser, base)
    try:
        page = watch(context.new_page(), log)
        response = page.goto(missing)
        assert response.status == (200 if path == "/404.html" else 404)
        wait_until_settled(page)
        assert "not found" in page.locator("article").inner_text().lower()
        # the theme's stylesheet applied: the primary sidebar is laid out, not unstyled
        assert page.evaluate("() => getComputedStyle(document.body).fontFamily") != "serif"
        assert page.locator(".bd-sidebar-primary").count() == 1
        sheets = page.evaluate(
            "() => Array.from(document.styleSheets).filter(s => s.href).map(s => s.cssRules.length)"
        )
        assert sheets and all(sheets), f"stylesheets not loaded: {sheets}"
        links = page.eval_on_selector_all(
            "a[href$='.html']", "as => as.map(a => a.href).filter(h => h.includes('/book/'))"
        )
        page.screenshot(path=screenshot_path(f"404-{where}"), full_page=True)
        chapter = next(h for h in links if "/book/01_" in h)
        assert page.goto(chapter).status == 200, f"the 404 page's link {chapter} is broken"
    finally:
        context.close()
    # the page itself answers 404 (as it should), which Chromium also logs to the console once
    problems = [p for p in log.problems() if missing not in p]
    expected = "console error: Failed to load resource: the server responded with a status of 404"
    if sum(p.startswith(expected) for p in problems) == 1:
        problems = [p for p in problems if not p.startswith(expected)]
    assert not problems, "\n".join(problems)
    assert links and all("/no/such/" not in h for h in links), links
