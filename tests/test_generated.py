"""The generated notebooks readers open in Colab/Binder match their sources.

- every chapter `book/NN_*.md` has an output-free `.ipynb` twin whose cells
  (after the bootstrap cell) are the chapter's cells, and no twin lacks a chapter;
- every twin, solution and exercise notebook starts with the Colab bootstrap
  cell, which installs this repository's package (url and branch from _config.yml).
"""

import difflib
import re

import jupytext
import nbformat
import pytest
from book_fixtures import ROOT, chapter_docnames, config, is_bootstrap, launch_targets, repository


def chapter_sources():
    names = {f"book/{p.stem}" for p in (ROOT / "book").glob("[0-9][0-9]_*.md")}
    return sorted(names | set(chapter_docnames()))


def cell_summary(cells):
    return [(cell.cell_type, cell.source.strip()) for cell in cells]


def sync_problems(md_path, twin_path):
    """Why the twin does not match its chapter (an empty list when it does)."""
    if not twin_path.exists():
        return [f"{twin_path.name} is missing (run `make notebooks`)"]
    twin = nbformat.read(twin_path, as_version=4)
    if not twin.cells or not is_bootstrap(twin.cells[0]):
        return [f"{twin_path.name} does not start with the bootstrap cell"]
    expected = cell_summary(c for c in jupytext.read(md_path).cells if not is_bootstrap(c))
    actual = cell_summary(twin.cells[1:])
    if expected == actual:
        return []
    problems = [
        f"{twin_path.name} has {len(actual)} cells after the bootstrap cell; {md_path.name}: {len(expected)}"
    ]
    for i, (want, got) in enumerate(zip(expected, actual, strict=False)):
        if want != got:
            diff = difflib.unified_diff(
                got[1].splitlines(), want[1].splitlines(), "twin", "chapter", lineterm="", n=1
            )
            problems.append(
                f"first difference at cell {i + 1} ({got[0]} in the twin, {want[0]} in the chapter):"
            )
            problems.extend(list(diff)[:20])
            break
    return problems + ["run `make notebooks` to regenerate the twins"]


@pytest.mark.parametrize("docname", chapter_sources())
def test_twin_matches_its_chapter(docname):
    md_path = ROOT / f"{docname}.md"
    assert md_path.exists(), (
        f"{docname} is listed in _toc.yml but {md_path.relative_to(ROOT)} does not exist"
    )
    problems = sync_problems(md_path, md_path.with_suffix(".ipynb"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("docname", chapter_sources())
def test_twin_is_output_free(docname):
    twin_path = ROOT / f"{docname}.ipynb"
    assert twin_path.exists(), f"{twin_path.relative_to(ROOT)} is missing (run `make notebooks`)"
    twin = nbformat.read(twin_path, as_version=4)
    nbformat.validate(twin)
    assert twin.metadata.get("kernelspec", {}).get("name") == "python3"
    dirty = [
        i
        for i, c in enumerate(twin.cells)
        if c.cell_type == "code" and (c.outputs or c.execution_count)
    ]
    assert not dirty, (
        f"{twin_path.name}: cells {dirty} have outputs or execution counts (twins must be output-free)"
    )


def test_every_twin_has_a_chapter():
    orphans = [p.name for p in (ROOT / "book").glob("*.ipynb") if not p.with_suffix(".md").exists()]
    assert not orphans, (
        f"notebooks in book/ without a chapter .md: {orphans} (run `make notebooks`)"
    )


def test_twins_are_not_built_as_pages():
    excluded = config().get("exclude_patterns", [])
    assert "book/*.ipynb" in excluded, (
        "_config.yml must exclude the twins (book/*.ipynb) from the Sphinx build"
    )
    assert "exercises" in excluded or "exercises/*" in excluded


def test_sync_check_detects_drift(tmp_path):
    """The comparison above is not vacuous: an edited chapter no longer matches its twin."""
    docname = next(iter(chapter_sources()), None)
    if docname is None or not (ROOT / f"{docname}.ipynb").exists():
        pytest.fail("no chapter with a twin to test the drift check on (run `make notebooks`)")
    md_path = ROOT / f"{docname}.md"
    edited = tmp_path / md_path.name
    edited.write_text(md_path.read_text() + "\n```{code-cell} ipython3\nprint('a new cell')\n```\n")
    assert sync_problems(edited, md_path.with_suffix(".ipynb"))
    assert sync_problems(md_path, tmp_path / "missing.ipynb")


BARE_INSTALL = re.compile(r"pip install[^\n]*\bmicrograd\b(?![-_]book)")


@pytest.mark.parametrize(
    "path", [p for p, _ in launch_targets()], ids=lambda p: str(p.relative_to(ROOT))
)
def test_notebook_starts_with_bootstrap_cell(path):
    url, _, branch = repository()
    nb = nbformat.read(path, as_version=4)
    assert nb.cells and is_bootstrap(nb.cells[0]), (
        f"{path.name}: the first cell must be the bootstrap cell"
    )
    assert not any(is_bootstrap(c) for c in nb.cells[1:]), (
        f"{path.name}: more than one bootstrap cell"
    )
    source = nb.cells[0].source
    assert f"git+{url}@{branch}" in source, (
        f"{path.name}: bootstrap cell does not install from {url}@{branch}"
    )
    assert '"google.colab" in sys.modules' in source, "the bootstrap must do nothing outside Colab"
    assert "micrograd-book[viz]" in source
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
    assert not BARE_INSTALL.search(code), "never `pip install micrograd` (another project on PyPI)"
    assert "remove-cell" in nb.cells[0].metadata.get("tags", []), (
        "the bootstrap cell must not show in the book"
    )


def test_there_are_launchable_notebooks():
    kinds = {kind for _, kind in launch_targets()}
    assert "twin" in kinds, "no chapter twins book/NN_*.ipynb (run `make notebooks`)"
