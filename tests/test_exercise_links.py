"""No link on an exercise page leads to the answers (built site in Chromium, every request that
would leave 127.0.0.1 aborted).

Every link of every exercise page (header buttons and menus included) is followed:
- a link into the site (or to the published address, mapped to the local copy) must load
  (HTTP < 400); it must not be a file of the exercise sources (`_sources/solutions/...`, a
  solution `.md` or `.ipynb`, an executed notebook), and what it serves, unless it is a page of
  the site, must hold no solution marker (scripts/exercise_gen.py);
- a link that leaves the site (GitHub, Colab, Binder) must not name a file or folder under
  `solutions/` (GitHub blob/edit/raw/tree/blame, raw.githubusercontent.com, Colab, Binder paths).
The exercise pages' pages themselves (`solutions/NN.html`, where answers are folded) are pages
of the site and may be linked (the sidebar links every page).

Also: the line naming the chapter links it once (it used to link it twice, once "on the web").
"""

import re
import sys
from urllib.parse import unquote, urlsplit

import pytest
from book_fixtures import ROOT, config, exercise_docnames
from browser_helpers import new_context, session_browser, session_site, watch

sys.path.insert(0, str(ROOT / "scripts"))
import exercise_gen  # noqa: E402

BASEURL = config()["html"]["baseurl"].rstrip("/")
# a path of the repository under solutions/ inside a URL that leaves the site
REPO_SOLUTION = re.compile(
    r"/(?:blob|edit|raw|tree|blame)/[^/]+/solutions(?:[/?]|$)|urlpath=[^&]*solutions/"
)
LOCAL_SOLUTION = re.compile(
    r"(^|/)(_sources/solutions/|jupyter_execute/|solutions/[^/]*\.(md|ipynb)$)"
)


def reaches_solutions(url, site):
    """Why following `url` from an exercise page reaches the answers (None when it does not)."""
    parts = urlsplit(url)
    if not url.startswith(site):
        if parts.netloc == "raw.githubusercontent.com" and "/solutions/" in parts.path:
            return "a raw solution file on GitHub"
        if REPO_SOLUTION.search(unquote(parts.path + "?" + parts.query)):
            return "a file or folder of the repository's solutions/"
        return None
    path = parts.path[len(urlsplit(site).path) :]
    if LOCAL_SOLUTION.search(path):
        return "an exercise source or executed solution notebook in the site"
    return None


def page_links(page):
    return page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")


@pytest.fixture(scope="module")
def site():
    return session_site()


@pytest.mark.parametrize("docname", exercise_docnames())
def test_no_link_reaches_a_solution(site, docname):
    context, log = new_context(session_browser(), site)
    bad, broken = [], []
    try:
        page = watch(context.new_page(), log)
        page.goto(f"{site}/{docname}.html")
        links = sorted({h.split("#", 1)[0] for h in page_links(page)} - {""})
        assert len(links) > 10, f"{docname}: too few links found ({links})"
        for href in links:
            url = site + href[len(BASEURL) :] if href.startswith(BASEURL) else href
            why = reaches_solutions(url, site)
            if why:
                bad.append(f"{href}: {why}")
                continue
            if not url.startswith(site):
                continue  # leaves the site: blocked here, judged by its address above
            response = context.request.get(url)
            if response.status >= 400:
                broken.append(f"{href}: HTTP {response.status}")
                continue
            kind = response.headers.get("content-type", "")
            if "text/html" not in kind and exercise_gen.MARKER_LINE.search(response.text()):
                bad.append(f"{href}: serves a file holding solution markers")
        chapter_lines = page.locator("article p", has_text=re.compile(r"^Chapter:"))
        for i in range(chapter_lines.count()):
            count = chapter_lines.nth(i).locator("a").count()
            assert count == 1, f"{docname}: the chapter line has {count} links"
    finally:
        context.close()
    assert not bad, f"{docname} links the answers:\n" + "\n".join(bad)
    assert not broken, f"{docname} has broken links:\n" + "\n".join(broken)


def test_the_rule_sees_each_way_to_the_answers():
    site = "http://127.0.0.1:1/micrograd-book"
    repo = "https://github.com/micrograd-book/micrograd-book"
    for url in (
        f"{repo}/edit/main/solutions/01_derivatives.md",
        f"{repo}/blob/main/solutions/01_derivatives.ipynb",
        f"{repo}/tree/main/solutions",
        "https://raw.githubusercontent.com/o/r/main/solutions/01_derivatives.md",
        "https://mybinder.org/v2/gh/o/r/main?urlpath=notebooks/solutions/01_derivatives.ipynb",
        f"{site}/_sources/solutions/01_derivatives.md",
        f"{site}/solutions/01_derivatives.ipynb",
    ):
        assert reaches_solutions(url, site), url
    for url in (
        f"{repo}/blob/main/exercises/01_derivatives.ipynb",
        f"{site}/solutions/01_derivatives.html",
        f"{site}/_exercises/01_derivatives.ipynb",
        f"{repo}/issues/new?title=Issue%20on%20page%20%2Fsolutions/01_derivatives.html",
    ):
        assert not reaches_solutions(url, site), url
