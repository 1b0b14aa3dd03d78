"""The whole-book PDF (_build/html/micrograd-book.pdf, printed by scripts/build_pdf.py,
which `make book` runs): every chapter and exercise page is in it with its figures."""

import re
from functools import cache

import pytest
from book_fixtures import chapter_docnames, require_html, source_of, toc_docnames

PDF_NAME = "micrograd-book.pdf"


@cache
def pdf():
    path = require_html() / PDF_NAME
    if not path.is_file():
        pytest.fail(f"{path} is missing: `make book` prints it (scripts/build_pdf.py)")
    from pypdf import PdfReader

    return PdfReader(str(path))


@cache
def pdf_text():
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pdf().pages)


def title_of(docname):
    """The first heading of a page's source (MyST markdown or notebook)."""
    text = source_of(docname).read_text(encoding="utf-8")
    found = re.search(r'^(?:\s*"?)# (.+?)(?:\\n)?"?,?$', text, re.MULTILINE)
    assert found, f"{docname}: no '# title' line in its source"
    return found.group(1).strip()


@pytest.mark.parametrize("docname", toc_docnames())
def test_every_page_is_in_the_pdf(docname):
    title = " ".join(title_of(docname).replace("`", "").split())
    words = [w for w in re.findall(r"[A-Za-z]{3,}", title)]
    text = pdf_text()
    assert all(w in text for w in words), f"{docname}: title {title!r} not in the PDF's text"


def test_pdf_has_the_figures():
    # raster pictures (plots, the animation's printed frames) that pypdf sees on the pages;
    # graphs are vector drawings and not counted
    images = sum(len(page.images) for page in pdf().pages)
    assert images >= 2 * len(chapter_docnames()), f"the PDF holds only {images} pictures"


def test_pdf_has_the_code_and_the_math():
    text = pdf_text()
    assert "def backward(self)" in text or "backward()" in text
    assert "Show solution" not in text or "def " in text
    assert len(pdf().pages) >= 40, f"only {len(pdf().pages)} pages"
