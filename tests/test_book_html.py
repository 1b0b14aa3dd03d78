"""Static checks of the built book in _build/html (run `make book` first; `make test` does).

- every page in _toc.yml was built;
- every chapter shows pictures made at build time (graphs, plots) that exist in _images;
- no page shows an error, a traceback or a warning, except the cells tagged `raises-exception`;
- math is typeset by the bundled MathJax, and no page loads anything from another site;
- every relative link and resource (href/src) points to a file in the site, and in-site
  anchors (#id) exist on their target page;
- each page numbers its figures from 1 (Fig. 1, 2, ... or, in chapter N, Fig. N.1, N.2, ...).
"""

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from book_fixtures import CHAPTER, ROOT, chapter_docnames, page, require_html, toc_docnames
from bs4 import BeautifulSoup

MIN_PICTURES = 2
MATHJAX = "_static/mathjax/tex-chtml.js"
RESOURCE_ATTRS = {
    "img": "src",
    "script": "src",
    "link": "href",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
    "object": "data",
    "embed": "src",
}
EXTRA_PAGES = ("index", "search", "genindex")


@cache
def soup_of(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def article(docname):
    node = soup_of(page(docname)).select_one("article.bd-article")
    assert node is not None, f"{docname}: no <article class='bd-article'> (theme changed?)"
    return node


def classes(node):
    return set(node.get("class") or [])


def in_raising_cell(node):
    return any("tag_raises-exception" in classes(parent) for parent in node.parents)


def describe(node, limit=300):
    return re.sub(r"\s+", " ", node.get_text(" ", strip=True))[:limit]


@pytest.mark.parametrize("docname", toc_docnames())
def test_figures_are_numbered_from_1_on_each_page(docname):
    """An unnumbered page (the intro, the appendix) does not carry on another page's count."""
    numbers = [
        span.get_text(strip=True).removeprefix("Fig.").strip().rstrip(".")
        for span in article(docname).select("span.caption-number")
        if span.get_text(strip=True).startswith("Fig.")
    ]
    counts = [int(number.split(".")[-1]) for number in numbers]
    assert counts == list(range(1, len(counts) + 1)), f"{docname}: figures numbered {numbers}"
    assert len({number.rpartition(".")[0] for number in numbers}) <= 1, numbers


@pytest.mark.parametrize("docname", toc_docnames())
def test_page_was_built(docname):
    path = page(docname)
    assert article(docname).find(["h1", "h2"]), f"{path.name}: no heading in the article"


@pytest.mark.parametrize("docname", [d for d in toc_docnames() if CHAPTER.match(d)])
def test_chapter_has_pictures_made_at_build_time(docname):
    html = require_html()
    pictures = []
    for img in article(docname).find_all("img"):
        src = img.get("src", "")
        if "_images/" not in src:
            continue
        target = (page(docname).parent / unquote(src)).resolve()
        assert target.is_relative_to(html / "_images") and target.is_file(), (
            f"{docname}: missing image {src}"
        )
        head = target.read_bytes()[:2048]
        assert head.startswith(b"\x89PNG") or b"<svg" in head, (
            f"{docname}: {src} is neither a PNG nor an SVG"
        )
        pictures.append(src)
    pictures += [svg for svg in article(docname).find_all("svg") if svg.find(["g", "path", "text"])]
    assert len(pictures) >= MIN_PICTURES, (
        f"{docname}: {len(pictures)} picture(s) rendered at build time; every chapter needs at least {MIN_PICTURES} "
        "(draw_dot graphs or matplotlib plots)"
    )


def test_every_chapter_in_the_toc():
    assert len(chapter_docnames()) >= 7, (
        f"expected chapters 01-07 in _toc.yml, found {chapter_docnames()}"
    )


@pytest.mark.parametrize("docname", toc_docnames())
def test_no_error_output(docname):
    body = article(docname)
    problems = []
    for out in body.select("div.output"):
        kind = classes(out) & {"traceback", "stderr", "error"}
        if kind and not in_raising_cell(out):
            problems.append(f"{'/'.join(sorted(kind))} output: {describe(out)}")
    for text in body.find_all(string=re.compile(r"Traceback \(most recent call last\)")):
        if not in_raising_cell(text):
            problems.append(f"traceback text: {describe(text.parent)}")
    for node in body.select(".system-message, .problematic"):
        problems.append(f"docutils error in the page: {describe(node)}")
    assert not problems, f"{docname} shows output nobody meant to show:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("docname", toc_docnames())
def test_raises_exception_cells_show_their_exception(docname):
    for cell in article(docname).select("div.cell.tag_raises-exception"):
        if classes(cell) & {"tag_remove-output", "tag_remove-cell"}:
            continue
        assert cell.select("div.output.traceback"), (
            f"{docname}: a cell tagged raises-exception shows no exception: {describe(cell, 160)}"
        )


@pytest.mark.parametrize("docname", toc_docnames())
def test_math_uses_bundled_mathjax(docname):
    path = page(docname)
    soup = soup_of(path)
    if not soup.select("article .math"):
        return
    srcs = [s["src"].split("?", 1)[0] for s in soup.find_all("script", src=True)]
    scripts = [src for src in srcs if src.endswith(MATHJAX)]
    assert scripts, f"{docname} has math but does not load the bundled {MATHJAX}"
    assert (path.parent / scripts[0]).resolve().is_file(), (
        f"{docname}: {scripts[0]} is missing from the site"
    )
    remote = [
        s["src"] for s in soup.find_all("script", src=True) if re.match(r"^(https?:)?//", s["src"])
    ]
    assert not remote, f"{docname} loads scripts from other sites: {remote}"


def pages_to_check():
    return list(toc_docnames()) + list(EXTRA_PAGES)


@pytest.mark.parametrize("docname", pages_to_check())
def test_no_resource_from_another_site(docname):
    soup = soup_of(page(docname))
    remote = []
    for tag, attr in RESOURCE_ATTRS.items():
        for node in soup.find_all(tag, attrs={attr: True}):
            if tag == "link" and not (
                {"stylesheet", "preload", "icon", "modulepreload"} & set(node.get("rel", []))
            ):
                continue
            if re.match(r"^(https?:)?//", node[attr]):
                remote.append(f"<{tag} {attr}={node[attr]}>")
    # MathJax and friends from a CDN, even in inline configuration.
    remote += sorted(set(re.findall(r"https?://[^\s\"'<>]*(?:cdn|jsdelivr)[^\s\"'<>]*", str(soup))))
    assert not remote, (
        f"{docname} loads from other sites (the book must work offline):\n  " + "\n  ".join(remote)
    )


def link_targets(docname):
    """(attribute value, resolved file, fragment) for every relative href/src in a page."""
    path = page(docname)
    soup = soup_of(path)
    for node in soup.find_all(attrs={"href": True}) + soup.find_all(attrs={"src": True}):
        for attr in ("href", "src"):
            value = node.get(attr)
            if not value:
                continue
            parts = urlsplit(value)
            if parts.scheme or value.startswith("//"):
                continue
            target = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            yield value, target, unquote(parts.fragment)


@cache
def ids_in(path):
    soup = soup_of(path)
    names = {node["name"] for node in soup.find_all("a", attrs={"name": True})}
    return {node["id"] for node in soup.find_all(id=True)} | names


@pytest.mark.parametrize("docname", pages_to_check())
def test_internal_links_resolve(docname):
    html = require_html()
    broken = []
    for value, target, fragment in link_targets(docname):
        if not target.is_relative_to(html):
            broken.append(f"{value} (outside the site)")
        elif not target.exists():
            broken.append(f"{value} (no such file {target.relative_to(html)})")
        elif fragment and target.suffix == ".html" and fragment not in ids_in(target):
            broken.append(f"{value} (no id {fragment!r} in {target.relative_to(html)})")
    assert not broken, f"{docname}: broken links:\n  " + "\n  ".join(sorted(set(broken)))


def test_no_page_outside_the_toc_and_no_twin_built():
    html = require_html()
    built = {p.relative_to(html).with_suffix("").as_posix() for p in html.glob("*/*.html")}
    built = {b for b in built if b.split("/")[0] in ("book", "solutions", "exercises")}
    extra = built - set(toc_docnames())
    assert not extra, f"pages built that are not in _toc.yml: {sorted(extra)}"
    assert not (html / "exercises").exists(), (
        "exercises/ must not be built as pages (students open the notebooks)"
    )
    assert ROOT.joinpath("_toc.yml").exists()


def test_images_are_the_shown_ones_as_palette_pngs():
    """_images holds exactly the pictures the pages show (an incremental build deletes the old
    ones), and each PNG a page's code drew has a palette (book/_ext/book_outputs.py)."""
    from PIL import Image

    html = require_html()
    shown = set()
    for path in html.rglob("*.html"):
        shown.update(re.findall(r"_images/([^\"'?#)\s]+)", path.read_text(encoding="utf-8")))
    stored = {path.name for path in (html / "_images").iterdir()}
    assert stored == shown, (
        f"not shown: {sorted(stored - shown)[:5]}; missing: {sorted(shown - stored)[:5]}"
    )
    pngs = [html / "_images" / name for name in stored if name.endswith(".png")]
    assert len(pngs) >= 20
    full = [p.name for p in pngs if Image.open(p).mode != "P"]
    assert not full, f"PNGs without a palette: {full[:5]}"


def test_notebook_downloads_carry_no_memory_addresses():
    """A download is the same on every build: no `<... at 0x7f...>` in the outputs."""
    downloads = sorted((require_html() / "_sources").rglob("*.ipynb"))
    assert len(downloads) >= 8
    for path in downloads:
        found = re.findall(r"<[\w.]+(?: object)? at 0x[0-9a-fA-F]+>", path.read_text())
        assert not found, f"{path.name}: {found[:3]}"
