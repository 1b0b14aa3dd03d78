"""Sphinx extension: every code cell of the book's pages becomes editable and runnable in the page.

Python runs in the reader's browser (Pyodide in a Web Worker), from the site's own files; see
`assets.py` for what is shipped and `cells.py` for which cells run with which source. Per page:

- at `doctree-resolved`, each code cell the runner runs gets the class `runner-host` and the id
  `runner-cell-<index>` (its position among the notebook's code cells). On an exercise page a cell
  whose student version differs from the solution gets a code block with the student's starting
  code (the stub) in front of it, and that block is the host: "Show solution" still shows the
  solution below it.
- at `html-page-context`, the page's cell list (also the cells the HTML leaves out) is written to
  `_static/runner/pages/<page>.json`, and the page loads `boot.js` and `runner.css`.

Both happen when a page is *written*, not read: `runner_assets_version` (a hash of the runner's
code, its assets and the exercise generator) is an "html" config value, so when any of them
changes Sphinx rewrites every page, and an incremental build gives the same site as a clean one.
"""

import hashlib
import json
from pathlib import Path

import nbformat
from docutils import nodes
from sphinx.errors import ExtensionError

from . import assets, cells

VERDICT_PLACEHOLDER = (
    "Run this cell to check your code: its verdict appears here. (The book was built with the "
    "reference solution; a verdict about that is no verdict about yours.)"
)
PROGRESS_PAGE = "book/progress"  # "Your progress": filled in by boot.js from this browser's storage
STUB_TITLE = "Your code (it starts as the exercise's stub: press Edit, write your answer, then Run)"


def prepare_assets(app, config):
    root = Path(app.srcdir)
    try:
        folder, version = assets.build(root, Path(app.outdir).parent / ".runner")
    except assets.AssetError as error:
        raise ExtensionError(f"in-page runner: {error}") from None
    config.html_static_path.append(str(folder))
    config.runner_assets_version = version


def _notebook(app, docname):
    path = Path(app.env.mystnb_config.output_folder) / f"{docname}.ipynb"
    return nbformat.read(path, as_version=4) if path.exists() else None


def _stub_block(entry):
    code = nodes.literal_block(entry["source"], entry["source"], language="python")
    title = nodes.paragraph("", STUB_TITLE, classes=["runner-stub-title"])
    return nodes.container("", title, code, classes=["runner-stub"])


def _hide_verdict(node):
    """Replace the build's output of a check cell (the reference solution's "✔ passed") with a
    neutral note: an exercise page shows no verdict before the learner's own code produced one."""
    for output in [c for c in node.children if c.get("nb_element") == "cell_code_output"]:
        note = nodes.paragraph("", VERDICT_PLACEHOLDER, classes=["runner-verdict-placeholder"])
        output.replace_self(nodes.container("", note, classes=["cell_output", "runner-no-verdict"]))


def mark_cells(app, doctree, docname):
    containers = [n for n in doctree.findall(nodes.container) if n.get("nb_element") == "cell_code"]
    nb = _notebook(app, docname) if containers else None
    if nb is None:
        return
    student = None
    if cells.is_exercise(docname):
        student = cells.student_sources(Path(app.srcdir), app.env.doc2path(docname))
    entries = cells.page_cells(nb, student)
    by_cell = {entry["cell_index"]: entry for entry in entries}
    for node in containers:
        entry = by_cell.get(node["cell_index"])
        if student is not None and cells.is_check(nb.cells[node["cell_index"]].source):
            _hide_verdict(node)
        # (a hidden solution cell has its source one level down, inside the toggle)
        has_input = any(
            c.get("nb_element") == "cell_code_source" for c in node.findall(nodes.container)
        )
        if entry is None or not has_input:
            continue
        host = node
        if entry["stub"]:
            host = _stub_block(entry)
            node.parent.insert(node.parent.index(node), host)
        host["classes"].append("runner-host")
        host["ids"].append(f"runner-cell-{entry['index']}")
        entry["shown"] = True
        if student is not None and cells.is_part_check(entry["source"]):
            entry["check"] = _section_title(node) or f"Check in cell {entry['index'] + 1}"
    page = [
        {
            "index": e["index"],
            "source": e["source"],
            "expect_error": e["expect_error"],
            "hidden": not e.get("shown"),
            **({"check": e["check"]} if "check" in e else {}),
        }
        for e in entries
    ]
    if any(not e["hidden"] for e in page):
        name = docname.removeprefix(cells.EXERCISE_PREFIX)
        doctree["runner_page"] = {
            "exercise": student is not None,
            # the notebook the page offers for download: "Download my notebook" starts from it
            "notebook": f"_exercises/{name}.ipynb"
            if student is not None
            else f"_sources/{docname}.ipynb",
            "title": _section_title(next(iter(doctree.findall(nodes.section)), None)) or docname,
            "cells": page,
        }


def _section_title(node):
    """The title of the section `node` is in (the exercise part a check cell checks)."""
    while node is not None and not isinstance(node, nodes.section):
        node = node.parent
    if node is None or not node.children or not isinstance(node[0], nodes.title):
        return None
    return node[0].astext()


def page_data(doctree):
    data = doctree.get("runner_page") if doctree is not None else None
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=0) if data else None


def add_runner(app, pagename, templatename, context, doctree):
    """Every HTML page loads boot.js (it marks the sidebar with the reader's progress); a page
    with runnable cells also gets its cell list, the progress page the list of exercise pages."""
    if app.builder.format != "html":
        return
    text = page_data(doctree)
    attributes = {
        "data-runner-page": pagename,
        "data-runner-version": app.config.runner_assets_version,
    }
    if text is not None:
        target = Path(app.outdir) / "_static" / "runner" / "pages" / f"{pagename}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        attributes["data-runner-data"] = hashlib.sha256(text.encode()).hexdigest()[:12]
    if pagename == PROGRESS_PAGE:
        exercises = sorted(d for d in app.env.found_docs if cells.is_exercise(d))
        attributes["data-runner-exercises"] = ",".join(exercises)
    app.add_css_file("runner/runner.css")
    app.add_js_file("runner/boot.js", loading_method="defer", **attributes)


def setup(app):
    app.add_config_value("runner_assets_version", "", "html")
    app.connect("config-inited", prepare_assets)
    app.connect("doctree-resolved", mark_cells)
    app.connect("html-page-context", add_runner)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
