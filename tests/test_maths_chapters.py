"""The calculus a newcomer needs (intro, chapters 1-3, the maths appendix), as built and as written.

Built pages (run `make book` first):
- every picture is a numbered figure with a caption and an alt text that describes it (not the
  image's file path), and the page's prose refers to it with {numref};
- the appendix has one section, each with its figure, per topic; the chapters link to the
  appendix section where they first use its topic.

Sources:
- the code a learner reads has no build helpers (`glue`, book-only imports) and no numpy;
  matplotlib appears only in cells that draw;
- displayed code fits the book's 80-column code column.
"""

import re

import pytest
from book_fixtures import ROOT, page
from bs4 import BeautifulSoup

PAGES = ("book/intro", "book/01_derivatives", "book/02_chain_rule", "book/03_value", "book/maths")
APPENDIX = "book/maths"
TOPICS = ("maths-powers", "maths-e-ln", "maths-tanh", "maths-trig", "maths-sigma", "maths-limits")
# Where each appendix topic is first used: the chapter must link to its section.
FIRST_USE = {
    "book/01_derivatives": ("maths-limits", "maths-powers", "maths-log-bases", "maths-e-ln"),
    "book/02_chain_rule": ("maths-sigma", "maths-trig"),
    "book/03_value": ("maths-e-ln", "maths-tanh"),
    "book/05_neurons": ("maths-tanh-forms",),
    "book/06_mlp_training": ("maths-e-ln",),
    "book/07_going_further": ("maths-sigma",),
}
# Every picture of these pages is a numbered, captioned figure with alt text.
FIGURE_PAGES = PAGES + ("book/05_neurons", "book/07_going_further")
MIN_ALT_WORDS = 8
CODE_WIDTH = 80
BOOK_ONLY = re.compile(r"^\s*(import|from)\s+(html|re|time|myst_nb|numpy)\b|\bglue\(", re.M)
CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```\s*$", re.M | re.S)


def article(docname):
    soup = BeautifulSoup(page(docname).read_text(encoding="utf-8"), "html.parser")
    node = soup.select_one("article.bd-article")
    assert node is not None, f"{docname}: no <article class='bd-article'>"
    return node


def cells(docname):
    """(tags, code) of every code cell of a MyST notebook source."""
    text = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    for body in CELL.findall(text):
        tags, code = [], body
        front = re.match(r"---\n(.*?)\n---\n", body, re.S)
        if front:
            code = body[front.end() :]
            found = re.search(r"tags:\s*\[([^\]]*)\]", front.group(1))
            tags = [t.strip() for t in found.group(1).split(",")] if found else []
        else:
            option = re.match(r":tags:\s*\[([^\]]*)\]\n", body)
            if option:
                code = body[option.end() :]
                tags = [t.strip() for t in option.group(1).split(",")]
        yield tags, code


@pytest.mark.parametrize("docname", FIGURE_PAGES)
def test_every_picture_is_a_numbered_captioned_figure_with_alt_text(docname):
    body = article(docname)
    images = body.find_all("img")
    assert images, f"{docname}: no pictures at all"
    problems = []
    for img in images:
        alt = (img.get("alt") or "").strip()
        if not alt or re.search(r"\.(png|svg|jpe?g)$", alt) or "_images/" in alt:
            problems.append(f"{img.get('src')}: alt is {alt!r}, not a description")
        elif len(alt.split()) < MIN_ALT_WORDS:
            problems.append(f"{img.get('src')}: alt {alt!r} is too short to say what it shows")
        figure = img.find_parent("figure")
        if figure is None:
            problems.append(f"{img.get('src')}: not inside a <figure>")
            continue
        number = figure.select_one("figcaption .caption-number")
        caption = figure.select_one("figcaption .caption-text")
        if number is None or not re.match(r"Fig\. [\d.]+", number.get_text(strip=True)):
            problems.append(f"{img.get('src')}: the figure has no number")
        if caption is None or len(caption.get_text(" ", strip=True).split()) < 4:
            problems.append(f"{img.get('src')}: the figure has no real caption")
    assert not problems, f"{docname}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("docname", FIGURE_PAGES)
def test_prose_refers_to_every_figure_by_number(docname):
    body = article(docname)
    ids = [figure.get("id") for figure in body.find_all("figure")]
    assert all(ids), f"{docname}: a figure has no name to refer to"
    for figure_id in ids:
        links = [
            a
            for a in body.select(f'a[href="#{figure_id}"]')
            if re.match(r"Fig\. [\d.]+$", a.get_text(strip=True))
        ]
        assert links, f"{docname}: no {{numref}} to figure {figure_id!r} in the text"


def test_appendix_has_a_section_with_a_picture_per_topic():
    body = article(APPENDIX)
    for topic in TOPICS:
        anchor = body.find(id=topic)
        assert anchor is not None, f"{APPENDIX}: no target {topic!r}"
        section = anchor if anchor.name == "section" else anchor.find_parent("section")
        assert section is not None, f"{APPENDIX}: {topic!r} is not inside a section"
        figures = section.find_all("figure")
        assert figures, f"{APPENDIX}: section {topic} has no figure"
        # A figure of this section, not of a later one nested inside it.
        assert all(f.find_parent("section") is section for f in figures), (
            f"{APPENDIX}: {topic!r} is not a section of its own"
        )


@pytest.mark.parametrize("docname", list(FIRST_USE))
def test_chapters_link_to_the_appendix_where_they_first_use_a_topic(docname):
    hrefs = {a.get("href", "") for a in article(docname).find_all("a")}
    for topic in FIRST_USE[docname]:
        assert f"maths.html#{topic}" in hrefs, (
            f"{docname} uses the appendix topic {topic} but does not link to it"
        )


@pytest.mark.parametrize("docname", PAGES[1:] + ("book/07_going_further",))
def test_visible_code_has_no_build_helpers_and_no_numpy(docname):
    problems = []
    for tags, code in cells(docname):
        if "remove-cell" in tags or "remove-input" in tags:
            continue
        for match in BOOK_ONLY.finditer(code):
            problems.append(f"visible cell uses {match.group(0).strip()!r}: {code[:60]!r}")
        if "matplotlib" in code and "plt." not in code:
            problems.append(f"a cell imports matplotlib but draws nothing: {code[:60]!r}")
    assert not problems, f"{docname}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("docname", PAGES[1:] + ("book/07_going_further",))
def test_displayed_code_fits_the_code_column(docname):
    wide = [
        line
        for tags, code in cells(docname)
        if "remove-cell" not in tags and "remove-input" not in tags
        for line in code.splitlines()
        if len(line) > CODE_WIDTH
    ]
    assert not wide, (
        f"{docname}: displayed code wider than {CODE_WIDTH} columns:\n  " + "\n  ".join(wide)
    )
