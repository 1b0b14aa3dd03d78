"""Serve the built book on 127.0.0.1 and drive Debian's Chromium with Playwright.

Used by tests/test_browser.py. Nothing here may reach the network: every request
that does not go to the local server is aborted and recorded as a failure.
"""

import atexit
import contextlib
import functools
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("MICROGRAD_BOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}


class QuietHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass

    def translate_path(self, path):
        # serve the folder under `prefix` (as GitHub Pages serves a project site) and
        # answer 404 for anything outside it
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0-outside-the-site")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        # like GitHub Pages: a missing page gets the site's 404.html (with status 404)
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file() or self.command != "GET":
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(directory, prefix="/"):
    """Serve `directory` under `prefix` on a free port of 127.0.0.1; yields the base URL
    (with the prefix, without a trailing slash)."""
    handler_class = type("Handler", (QuietHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def chromium():
    """A headless Chromium; fails (never skips) with a clear message if it cannot start."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: the browser tests need it. Install it with "
            "`sudo apt-get install chromium` (make test runs scripts/ensure_system_deps.sh --browser), "
            "or point MICROGRAD_BOOK_CHROMIUM at a Chromium/Chrome binary."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "the Python package playwright is missing: run `make setup` (it is in requirements.txt)"
        )
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        except Exception as error:  # noqa: BLE001 (report whatever went wrong)
            pytest.fail(f"could not start Chromium at {CHROMIUM}: {error}")
        try:
            yield browser
        finally:
            browser.close()


_SESSION = {}


def session_browser():
    """One Chromium for the whole test session (started on first use, closed at exit)."""
    if "browser" not in _SESSION:
        manager = chromium()
        _SESSION["browser"] = manager.__enter__()
        atexit.register(manager.__exit__, None, None, None)
    return _SESSION["browser"]


def session_site():
    """The built site served under the path of html.baseurl (e.g. /micrograd-book/), once per
    session, so that absolute links (the 404 page's) work as on the published site."""
    if "site" not in _SESSION:
        from book_fixtures import config, require_html

        prefix = urlsplit(config()["html"]["baseurl"]).path.rstrip("/") + "/"
        manager = serve(require_html(), prefix=prefix)
        _SESSION["site"] = manager.__enter__()
        atexit.register(manager.__exit__, None, None, None)
    return _SESSION["site"]


@dataclass
class Log:
    """What went wrong while a page loaded and ran."""

    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    external_requests: list = field(default_factory=list)

    def problems(self):
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"uncaught exception: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed_requests]
            + [f"request leaving 127.0.0.1 (aborted): {m}" for m in self.external_requests]
        )


def new_context(browser, base_url, color_scheme="light", viewport=None):
    """A browser context that only talks to `base_url`, and the Log it fills."""
    context = browser.new_context(
        viewport=viewport or VIEWPORT, color_scheme=color_scheme, service_workers="block"
    )
    context.set_default_timeout(30_000)
    log = Log()
    local = urlsplit(base_url).netloc

    def route(route):
        url = route.request.url
        if urlsplit(url).netloc == local:
            route.continue_()
        else:
            log.external_requests.append(url)
            route.abort()

    context.route("**/*", route)
    return context, log


def watch(page, log):
    page.on(
        "console", lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None
    )
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))

    def failed(request):
        if urlsplit(request.url).netloc and request.url not in log.external_requests:
            log.failed_requests.append(f"{request.url} ({request.failure})")

    page.on("requestfailed", failed)
    page.on(
        "response",
        lambda response: (
            log.failed_requests.append(f"{response.url} (HTTP {response.status})")
            if response.status >= 400
            else None
        ),
    )
    return page


def wait_until_settled(page):
    """Wait for every image to finish and, where MathJax is loaded, for typesetting to finish."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => Array.from(document.images).every(img => img.complete)")
    if page.evaluate("() => !!document.querySelector('script[src*=\"mathjax\"]')"):
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise.then(() => true)")
    page.evaluate("() => document.fonts.ready.then(() => true)")


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page):
    """Run the axe-core audit on the page as it is now: [{id, impact, help, targets}, ...]."""
    if not AXE.is_file():
        pytest.fail(
            f"{AXE} is missing: run `make node` (npm ci installs axe-core from package.json)"
        )
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
          const result = await axe.run(document, {resultTypes: ['violations']});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length}));
        }"""
    )
