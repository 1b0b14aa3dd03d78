"""scripts/build_pdf.py prints the PDF again only when the HTML it is made from changed.

The one-page build and the printing are replaced by recorders; the real printing is tested by
tests/test_pdf.py on the built site."""

import sys

import pytest

from scripts import build_pdf


@pytest.fixture
def pdf(tmp_path, monkeypatch):
    """run(*argv) -> how many times the PDF was printed so far."""
    html = tmp_path / "_build" / "html"
    (html / "book").mkdir(parents=True)
    (html / "_images").mkdir()
    (html / "_static").mkdir()
    (html / "book" / "01.html").write_text("<p>one</p>")
    (html / "_images" / "a.png").write_bytes(b"png")
    (html / "_static" / "book.css").write_text("p {}")
    (html / "searchindex.js").write_text("index")
    target = html / "micrograd-book.pdf"
    monkeypatch.setattr(build_pdf, "HTML", html)
    monkeypatch.setattr(build_pdf, "TARGET", target)
    monkeypatch.setattr(build_pdf, "ROOT", tmp_path)
    monkeypatch.setattr(build_pdf, "FINGERPRINT", tmp_path / "_build" / ".pdf-fingerprint.json")
    monkeypatch.setattr(build_pdf, "CHROMIUM", sys.executable)  # any file that exists
    printed = []
    monkeypatch.setattr(build_pdf, "build_singlehtml", lambda: None)

    def fake_print():
        printed.append(1)
        target.write_bytes(b"%PDF " + str(len(printed)).encode())

    monkeypatch.setattr(build_pdf, "print_pdf", fake_print)

    def run(*argv):
        build_pdf.main(argv)
        return len(printed)

    run.html = html
    return run


def test_unchanged_html_is_not_printed_again(pdf, capsys):
    assert pdf() == 1
    assert pdf() == 1
    assert "up to date" in capsys.readouterr().out


@pytest.mark.parametrize("changed", ["book/01.html", "_images/a.png", "_static/book.css"])
def test_a_changed_page_picture_or_style_prints_again(pdf, changed):
    pdf()
    (pdf.html / changed).write_text("changed")
    assert pdf() == 2
    assert pdf() == 2


def test_a_new_page_prints_again_but_the_search_index_does_not(pdf):
    pdf()
    (pdf.html / "searchindex.js").write_text("another index")
    assert pdf() == 1
    (pdf.html / "book" / "02.html").write_text("<p>two</p>")
    assert pdf() == 2


def test_a_missing_pdf_or_force_prints_again(pdf):
    pdf()
    (pdf.html / "micrograd-book.pdf").unlink()
    assert pdf() == 2
    assert pdf("--force") == 3


def test_a_failed_print_is_never_taken_for_an_up_to_date_pdf(pdf, monkeypatch):
    pdf()
    (pdf.html / "book" / "01.html").write_text("<p>changed</p>")

    def failing():
        raise SystemExit("printing the PDF went wrong")

    monkeypatch.setattr(build_pdf, "print_pdf", failing)
    with pytest.raises(SystemExit):
        pdf()
    assert not build_pdf.FINGERPRINT.exists()
