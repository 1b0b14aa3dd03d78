"""The launched notebooks agree with the built book (needs `make book`).

- Every link from a generated notebook into the published site names a page the build wrote and an
  anchor on it (a figure, a glossary term, a label), and each "Fig. N.M" a notebook shows is the
  number the built page gives that figure.
- book/_glue.json (the glued numbers the notebooks show) holds what this build computed.
"""

import json
import re
from html.parser import HTMLParser

import nbformat
import pytest
from book_fixtures import ROOT, launch_targets, require_html

from scripts import book_index

BASE = book_index.site_url("")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>" + re.escape(BASE) + r"[^)\s]*)\)")


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.numbers, self._caption_for = set(), {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
            if tag == "figure" or "figure" in (attrs.get("class") or "").split():
                self._caption_for = attrs["id"]

    def handle_data(self, data):
        if self._caption_for and data.startswith("Fig. "):
            self.numbers[self._caption_for] = data.strip()
            self._caption_for = None


def parsed(path, cache={}):  # noqa: B006 (a cache of parsed pages for this test module)
    if path not in cache:
        parser = Ids()
        parser.feed(path.read_text(encoding="utf-8"))
        cache[path] = parser
    return cache[path]


@pytest.mark.parametrize(
    "path", [p for p, _ in launch_targets()], ids=lambda p: str(p.relative_to(ROOT))
)
def test_links_into_the_site_resolve(path):
    html = require_html()
    broken = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for match in LINK.finditer(cell.source):
            page, _, anchor = match.group("url").removeprefix(BASE).partition("#")
            target = html / page
            if not target.is_file():
                broken.append(f"{match.group(0)}: {page} was not built")
                continue
            page_ids = parsed(target)
            if anchor and anchor not in page_ids.ids:
                broken.append(f"{match.group(0)}: no #{anchor} on {page}")
            number = re.match(r"Fig\. (\d+(?:\.\d+)*)$", match.group("text"))
            if number and page_ids.numbers.get(anchor) != f"Fig. {number.group(1)}":
                broken.append(
                    f"{match.group(0)}: the page numbers it {page_ids.numbers.get(anchor)}"
                )
    assert not broken, f"{path.relative_to(ROOT)}:\n" + "\n".join(broken[:20])


def test_glued_values_are_those_of_this_build():
    """Same pages and keys as this build glued, and each page's code as it was when its values
    were stored (timings differ at every run, so a page whose code did not change keeps its
    stored values: see book_index.write_glue)."""
    executed = require_html().parent / "jupyter_execute"
    stored = book_index.glue_values()
    built_pages = {
        path.relative_to(executed).as_posix().removesuffix(".glue.json")
        for path in executed.rglob("*.glue.json")
    }
    assert set(stored) == built_pages, "book/_glue.json is stale: `make book`, then commit it"
    for docname, values in stored.items():
        built = json.loads((executed / f"{docname}.glue.json").read_text(encoding="utf-8"))
        assert set(values) == set(built), (
            f"book/_glue.json is stale for {docname}: `make book` refreshes it, then commit it"
        )
    assert not book_index.stale_glue()
