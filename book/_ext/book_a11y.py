"""Accessibility repairs to the HTML that the theme and extensions write (found by the axe-core
audit in tests/test_a11y.py).

The theme's templates and myst-nb's toggles give some controls an `aria-label` that differs
from their visible text, which screen-reader and voice-control users then cannot match
("Toggle hidden content" on a control that reads "Show solution"; "Search" on a button
that reads "Search Ctrl+K"; the colour-mode icons' titles). docutils marks bibliography
entries with a deprecated role that a `role="list"` may not contain.

Each repair is a small, exact rewrite of the written pages (idempotent, so incremental
builds are safe). If a theme upgrade changes the markup, the audit in the browser tests
fails again and names the rule.
"""

import re
from pathlib import Path

# (name, pattern, replacement): the name is what the build error reports
REPAIRS = (
    (
        "search button: the name comes from its visible text",
        re.compile(r'(<button class="[^"]*search-button-field[^"]*"[^>]*?) aria-label="Search"'),
        r"\1",
    ),
    (
        "colour-mode button: the icons are decoration, the button is named 'Color mode'",
        re.compile(r'(<i class="theme-switch [^"]*" data-mode="\w+")\s+title="[^"]*"'),
        r'\1 aria-hidden="true"',
    ),
    (
        "hidden-cell toggles are named by their text (Show code / Show solution)",
        re.compile(r'<summary aria-label="Toggle hidden content">'),
        "<summary>",
    ),
    (
        "bibliography entries are list items of the citation list",
        re.compile(r'role="doc-biblioentry"'),
        'role="listitem"',
    ),
)


def repair(text):
    """The page with every repair applied, and the names of the repairs that matched."""
    matched = set()
    for name, pattern, replacement in REPAIRS:
        text, count = pattern.subn(replacement, text)
        if count:
            matched.add(name)
    return text, matched


def repair_pages(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for path in sorted(Path(app.outdir).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        fixed, _ = repair(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


def setup(app):
    app.connect("build-finished", repair_pages, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
