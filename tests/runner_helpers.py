"""Shared by the in-page runner's browser tests (tests/test_runner_*.py) and its benchmark.

The build's execution cache (`_build/.jupyter_cache`, jupyter-cache) holds the reference outputs
(myst-nb's `_build/jupyter_execute` copies lack them when a page came from the cache). What the
page's Python prints must match what the build's Python printed, after normalising what
legitimately differs (timings, memory addresses, traceback layout, last-bit rounding).
"""

import re

import jupytext
from book_fixtures import ROOT
from jupyter_cache import get_cache

CACHE = ROOT / "_build" / ".jupyter_cache"
RICH = ("image/svg+xml", "image/png", "text/html", "image/jpeg")
CHECK_CALL = re.compile(r"\bchecks\.check_\w+\(")
TIMING = re.compile(r"perf_counter|timeit|time\.time\(|process_time")
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?")
# The page's maths library (musl, in WebAssembly) and the build's (glibc) may differ in the last
# bit, and printed error estimates below 1e-6 (2.2e-16 vs 0.0e+00, 1.73e-10 vs 1.69e-10) are
# rounding noise: they compare equal. Everything larger, and every verdict, must match.
ROUNDING = re.compile(r"-?\d(?:\.\d+)?e[-+]\d+")
# Python 3.11 (the build) says "... exceeded while calling a Python object", 3.14 (the page) not.
RECURSION = re.compile(r"maximum recursion depth exceeded[^\n]*")


def executed(docname):
    """The page's notebook with the outputs the build computed."""
    source = next(ROOT.glob(f"{docname}.md"), None) or ROOT / f"{docname}.ipynb"
    _, nb = get_cache(str(CACHE)).merge_match_into_notebook(jupytext.read(source))
    return nb


def code_cells(docname):
    return [c for c in executed(docname).cells if c.cell_type == "code"]


def build_text(cell):
    """What the build printed for `cell`, as the runner reports it (text, not pictures)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
        elif not any(mime in output.get("data", {}) for mime in RICH):
            parts.append(output.get("data", {}).get("text/plain", "") + "\n")
    return "".join(parts)


HIDDEN_COUNT = re.compile(r"got all \d+ hidden checks right")


def normalise(text, source=""):
    """Compare texts modulo whitespace, addresses, traceback layout and (in timing cells) numbers."""
    lines = text.strip().splitlines()
    if lines and lines[0].startswith("Traceback (most recent call last)"):
        lines = lines[-1:]  # the build shows IPython's layout, the page Python's: keep the verdict
    text = RECURSION.sub("maximum recursion depth exceeded", ADDRESS.sub("0x0", "\n".join(lines)))
    text = ROUNDING.sub(lambda m: "~0" if abs(float(m.group())) < 1e-6 else m.group(), text)
    if TIMING.search(source):
        text = NUMBER.sub("<n>", text)
    # the build seeds the checks' hidden cases, the page does not: how many checks ran can depend
    # on the cases drawn (the verdict cannot)
    text = HIDDEN_COUNT.sub("got all <n> hidden checks right", text)
    return " ".join(text.split())


def is_check(source):
    return bool(CHECK_CALL.search(source))
