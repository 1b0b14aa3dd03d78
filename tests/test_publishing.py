"""The built site's publishing features (static checks of _build/html; run `make book`):
Open Graph tags with the published addresses, a sitemap of every page, a 404 page with
absolute asset links, a "last updated" date from git, the edit button, the whole-book PDF
linked from every page, and the size of what is shipped (MathJax cut to what pages load).
"""

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from book_fixtures import config, page, repository, require_html, toc_docnames
from bs4 import BeautifulSoup

PDF_NAME = "micrograd-book.pdf"
MAX_SITE_MB = 15  # the whole site with the PDF, without the runner: measured 13.2 MB
MAX_PDF_MB = 5  # measured 3.2 MB for 254 pages (6.9 MB while box shadows were printed as bitmaps)
RUNNER = "_static/runner"  # the in-page Python runner (another part of the site), not counted


def baseurl():
    return config()["html"]["baseurl"].rstrip("/") + "/"


@cache
def soup(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def meta(doc, prop):
    node = doc.find("meta", attrs={"property": prop})
    return node.get("content") if node else None


@pytest.mark.parametrize("docname", toc_docnames())
def test_open_graph_tags_name_the_published_page(docname):
    doc = soup(page(docname))
    assert meta(doc, "og:url") == f"{baseurl()}{docname}.html"
    title = doc.title.get_text(strip=True).split(" — ")[0].strip()
    assert meta(doc, "og:title") and meta(doc, "og:title") in title
    assert meta(doc, "og:type") == "website"
    assert meta(doc, "og:site_name") == config()["title"]
    assert meta(doc, "og:image") == f"{baseurl()}_static/logo.svg"
    assert (require_html() / "_static" / "logo.svg").is_file()
    description = meta(doc, "og:description")
    assert description and len(description) > 40, f"{docname}: og:description {description!r}"


def test_sitemap_lists_every_page():
    path = require_html() / "sitemap.xml"
    assert path.is_file(), "no sitemap.xml (sphinx-sitemap)"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {loc.text for loc in ET.parse(path).getroot().findall("s:url/s:loc", ns)}
    want = {f"{baseurl()}{name}.html" for name in toc_docnames()}
    assert want <= urls, f"missing from the sitemap: {sorted(want - urls)}"
    assert all(u.startswith(baseurl()) for u in urls)
    for url in urls:
        assert (require_html() / url[len(baseurl()) :]).is_file(), f"sitemap lists {url}: no file"


def test_404_page_loads_its_assets_from_the_site_root():
    """No tag in its markup loads from a fixed place (the preload scanner would fetch it before
    any script ran): a script first in <head> finds the site's root (the published prefix, or
    where the site is served from) and writes each of them from there. tests/test_browser.py
    loads the page both ways."""
    path = require_html() / "404.html"
    assert path.is_file(), "no 404.html (sphinx-notfound-page)"
    text = path.read_text(encoding="utf-8")
    doc = soup(path)
    prefix = urlsplit(baseurl()).path
    fixed = [n.get("href") for n in doc.find_all("link") if n.get("href", "").startswith(prefix)]
    fixed += [n.get("src") for n in doc.find_all(["script", "img"]) if n.get("src")]
    assert not fixed, f"tags that load from a fixed place: {fixed}"
    written = re.findall(r'writeFromRoot\("(.*?)"\)</script>', text)
    assets = [re.search(r'(?:href|src)=\\"@@site-root@@([^"\\?]*)', w) for w in written]
    assert len(assets) > 10 and all(assets), written[:3]
    for asset in assets:
        assert (require_html() / asset.group(1)).is_file(), asset.group(1)
    first = doc.head.find(True)
    assert first.name == "script" and "siteRoot" in first.string and prefix in first.string
    assert "not found" in doc.get_text().lower()


@pytest.mark.parametrize("docname", toc_docnames())
def test_last_updated_date_from_git(docname):
    doc = soup(page(docname))
    text = " ".join(doc.get_text(" ").split())
    assert "Last updated on" in text, f"{docname}: no 'last updated' date"
    assert meta(doc, "article:modified_time"), f"{docname}: no article:modified_time"


@pytest.mark.parametrize("docname", toc_docnames())
def test_edit_button_opens_the_source_on_github(docname):
    url, _, branch = repository()
    doc = soup(page(docname))
    edits = [a.get("href") for a in doc.select("a.btn-edit-page, a[href*='/edit/']")]
    if docname.startswith("solutions/"):  # the source holds the answers: no edit button
        assert not edits, f"{docname}: an edit link opens the solutions: {edits}"
        return
    assert edits, f"{docname}: no 'edit this page' button"
    assert any(h.startswith(f"{url}/edit/{branch}/{docname}.") for h in edits), edits


@pytest.mark.parametrize("docname", [*toc_docnames(), "search", "genindex", "404"])
def test_every_page_links_to_the_pdf(docname):
    path = require_html() / f"{docname}.html"
    links = [a.get("href") for a in soup(path).find_all("a") if PDF_NAME in (a.get("href") or "")]
    assert links, f"{docname}: no link to the whole-book PDF"
    for href in links:
        if href.startswith("/"):
            target = require_html() / href[len(urlsplit(baseurl()).path) :]
        else:
            target = (path.parent / href).resolve()
        assert target.is_file(), f"{docname}: the PDF link {href} is dead (run `make book`)"


def site_megabytes():
    """The whole published site, the PDF download included, without the in-page runner."""
    html = require_html()
    runner = html / RUNNER
    files = [p for p in html.rglob("*") if p.is_file() and runner not in p.parents]
    return sum(p.stat().st_size for p in files) / 1e6


def test_site_is_small():
    size = site_megabytes()
    pdf = (require_html() / PDF_NAME).stat().st_size / 1e6
    print(f"\nsite size without the runner: {size:.1f} MB, of which the PDF: {pdf:.1f} MB")
    assert size < MAX_SITE_MB, f"the site is {size:.1f} MB (limit {MAX_SITE_MB} MB)"
    assert pdf < MAX_PDF_MB, f"the PDF is {pdf:.1f} MB (limit {MAX_PDF_MB} MB)"


def test_mathjax_ships_only_what_pages_load():
    mathjax = require_html() / "_static" / "mathjax"
    assert (mathjax / "tex-chtml.js").is_file()
    assert list((mathjax / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    size = sum(p.stat().st_size for p in mathjax.rglob("*") if p.is_file()) / 1e6
    assert size < 4, f"_static/mathjax is {size:.1f} MB"
    assert not (mathjax / "tex-svg-full.js").exists()
