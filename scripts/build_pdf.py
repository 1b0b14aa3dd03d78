"""Build the whole-book PDF, _build/html/micrograd-book.pdf, which every page links to.

Jupyter Book 1's `pdfhtml` builder downloads a Chromium of its own (it cannot work
offline), and LaTeX needs a TeX installation. Instead this script builds the book
as one page (`singlehtml`, reusing the notebooks executed for the HTML build) and
prints that page with the Debian Chromium the browser tests use, through
Playwright's `page.pdf()`. The print styles of the theme and of
book/_ext/static/book_extras.css apply: no sidebars or buttons, the step widget
shows every frame, the animation its first and last frame. Hidden code cells,
and answers are opened; the exercises' solutions stay closed, as on their pages.

Nothing is fetched from another host: such a request fails the build.

The PDF is printed again only when what it is made from changed: the HTML pages, pictures and
static files of the HTML build and this script (`html_digest`); the digest of the last print is
kept in `_build/.pdf-fingerprint.json`, beside the HTML build's fingerprint (`--force` prints
anyway).

Usage: python scripts/build_pdf.py   (after scripts/build_book.py; `make book` runs both)
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
sys.path.insert(1, str(ROOT))  # `scripts` as a package (book_config)

from book_publishing import PDF_NAME  # noqa: E402  (the one place for the PDF's file name)

HTML = ROOT / "_build" / "html"
SINGLE = ROOT / "_build" / "singlehtml"
FINGERPRINT = ROOT / "_build" / ".pdf-fingerprint.json"
ONE_PAGE = "whole-book.html"
TARGET = ROOT / "_build" / "html" / PDF_NAME
CHROMIUM = os.environ.get("MICROGRAD_BOOK_CHROMIUM", "/usr/bin/chromium")

OPEN_EVERYTHING = """() => {
  // everything but the exercises' solutions and the results they make (those stay closed,
  // as on the exercise pages before "Show solution")
  document.querySelectorAll('details').forEach(d => {
    if (!d.closest('.exercise-solution, .exercise-result')) d.open = true;
  });
  document.querySelectorAll('.toggle-hidden').forEach(n => n.classList.remove('toggle-hidden'));
  document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager');
  // Chromium prints every box shadow as a page-wide greyscale JPEG mask (386 of them, 3.4 MB,
  // half the PDF); the theme's own rules win over a print stylesheet, an inline rule does not
  document.querySelectorAll('*').forEach(e => e.style.setProperty('box-shadow', 'none', 'important'));
}"""

FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def html_digest():
    """sha256 over what the PDF is made from: the HTML build's pages (not its search index or the
    PDF itself), pictures and static files, and the scripts that print it."""
    digest = hashlib.sha256()
    files = sorted(HTML.rglob("*.html")) if HTML.is_dir() else []
    for folder in ("_images", "_static"):
        files += sorted(p for p in (HTML / folder).rglob("*") if p.is_file())
    pairs = [(p.relative_to(HTML).as_posix(), p) for p in files]
    here = Path(__file__).resolve()
    pairs += [
        (here.name, here),
        ("browser_helpers.py", here.parent.parent / "tests" / "browser_helpers.py"),
    ]
    for name, path in pairs:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def up_to_date(digest):
    """True when the PDF exists and was printed from HTML with this digest."""
    try:
        stored = json.loads(FINGERPRINT.read_text())
    except (OSError, ValueError):
        return False
    return TARGET.exists() and stored.get("html") == digest


def root_page():
    """The book's first page (_toc.yml's root): the one page of the singlehtml build."""
    from scripts import book_config

    return book_config.toc(ROOT)["root"]


def build_singlehtml():
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    args = [str(jupyter_book), "build", str(ROOT), "--builder", "singlehtml", "-W", "-n"]
    args.append("--keep-going")
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-6000:] + result.stderr[-6000:])
        raise SystemExit("the one-page (singlehtml) build for the PDF FAILED (see above)")
    # Sphinx writes the one page at the root document's path (book/intro.html) but links its
    # assets relative to the output folder: put it there
    shutil.copy2(SINGLE / f"{root_page()}.html", SINGLE / ONE_PAGE)


def print_pdf():
    # the tests' helpers: a local server, and a browser context that blocks other hosts
    sys.path.insert(0, str(ROOT / "tests"))
    from browser_helpers import CHROMIUM_ARGS, new_context, serve, wait_until_settled, watch
    from playwright.sync_api import sync_playwright

    with serve(SINGLE) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context, log = new_context(browser, url)
        context.set_default_timeout(300_000)  # one long page on a busy machine
        page = watch(context.new_page(), log)
        page.goto(f"{url}/{ONE_PAGE}", wait_until="load")
        page.evaluate(OPEN_EVERYTHING)
        page.emulate_media(media="print")
        wait_until_settled(page)
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(
            path=str(TARGET),
            format="A4",
            print_background=True,
            margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER,
        )
        context.close()
        browser.close()
    # the one-page build has no search index (the theme's search box asks for it; print has
    # no search box): that one missing file, and the console line it causes, are expected
    failed = [m for m in log.failed_requests if "/searchindex.js" not in m]
    expected_console = len(log.failed_requests) - len(failed)
    console = [m for m in log.console_errors if "Failed to load resource" not in m]
    console_404s = len(log.console_errors) - len(console)
    problems = failed + console + log.page_errors + log.external_requests
    if console_404s > expected_console // 2:
        problems.append(f"{console_404s} resources failed to load (see the failed requests)")
    if problems:
        TARGET.unlink(missing_ok=True)
        raise SystemExit("printing the PDF went wrong:\n  " + "\n  ".join(problems))


def main(argv=()):
    digest = html_digest()
    if "--force" not in argv and up_to_date(digest):
        print(
            f"{TARGET.relative_to(ROOT)} is up to date (the HTML it is printed from is unchanged)"
        )
        return
    if not Path(CHROMIUM).exists():
        raise SystemExit(
            f"Chromium not found at {CHROMIUM}: the PDF is printed with it. Install it with "
            "`sudo apt-get install chromium` (or run `bash scripts/ensure_system_deps.sh --browser`), "
            "or point MICROGRAD_BOOK_CHROMIUM at a Chromium/Chrome binary."
        )
    start = time.perf_counter()
    FINGERPRINT.unlink(missing_ok=True)
    build_singlehtml()
    print_pdf()
    FINGERPRINT.write_text(json.dumps({"html": digest}) + "\n")
    size = TARGET.stat().st_size / 1e6
    took = time.perf_counter() - start
    print(f"Printed {TARGET.relative_to(ROOT)} ({size:.1f} MB) in {took:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
