"""An incremental build gives the same site as a clean build, after every kind of change.

A small book is made in a scratch folder from this checkout's real build machinery -- the
`scripts/` package (build_book.py), `_config.yml`, `book/_ext/`, `book/_static/`, `micrograd/`,
`exercises/` -- with three short pages of its own instead of the chapters (so the test takes
minutes, not an hour): an intro with the bibliography, and two notebook pages that import
`micrograd`, glue numbers into the prose, draw a graph whose picture changes with the package,
cross-reference each other, cite a source and time a computation as the chapters do.

After each change (a chapter's body, a chapter's title, micrograd/, book/_ext, _config.yml) the
book is built incrementally with scripts/build_book.py, then built again from scratch at the same
path, and the two HTML trees must be equal. The one thing allowed to differ is a measured time
quoted in the prose (`normalise_timings`): a clean build re-executes every page, so it measures
again -- and the other few things named below (`normalise`). Each step also checks that the change
shows in the site at all, and that a notebook page's `.ipynb` download carries its outputs.
"""

import difflib
import json
import re
import shutil
import subprocess
import sys

import pytest

from scripts import book_config

ROOT = book_config.ROOT
COPIED = [
    "scripts",
    "_config.yml",
    "book/_ext",
    "book/_static",
    "book/references.bib",
    "book/lecture.yml",  # the watch-along table that book/_ext/lecture.py reads
    "micrograd",
    "exercises",
    "package.json",
    "package-lock.json",
]
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules")

TOC = """\
format: jb-book
root: book/intro
parts:
  - caption: Building micrograd
    numbered: true
    chapters:
      - file: book/01_first
      - file: book/02_second
"""

HEADER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""

INTRO = """\
# A tiny book

Read {doc}`01_first`, then {doc}`02_second`.

```{bibliography}
```
"""

FIRST = (
    HEADER
    + """
(first-chapter)=
# The first chapter

```{code-cell} python
import micrograd
from myst_nb import glue

from micrograd import Value

a = Value(2.0) * Value(3.0)
a.backward()
mark = getattr(micrograd, "BOOK_TEST_VALUE", 1)
glue("mark", mark, display=False)
print(a.data, mark)
```

The package says {glue:text}`mark`. See {ref}`second-chapter` and {cite}`karpathy2022lecture`.

```{code-cell} python
from micrograd.viz import draw_dot

draw_dot(Value(float(mark), label="mark"))
```
"""
)

SECOND = (
    HEADER
    + """
(second-chapter)=
# The second chapter

```{code-cell} python
import time

from myst_nb import glue

from micrograd import Value

start = time.perf_counter()
total = sum(Value(float(i)) for i in range(2000))
glue("took_ms", 1000 * (time.perf_counter() - start), display=False)
print(total.data)
```

Adding 2000 numbers took {glue:text}`took_ms:.2f` ms, as in {cite}`karpathy2020micrograd`.
Back to {ref}`first-chapter`.
"""
)

EXTENSION_MARK = """

from docutils import nodes

BOOK_TEST_MARK = "extension-mark-1"
_setup_without_mark = setup


def _add_test_mark(app, doctree, docname):
    doctree.append(nodes.paragraph(text=BOOK_TEST_MARK))


def setup(app):  # noqa: F811
    app.connect("doctree-resolved", _add_test_mark)
    return _setup_without_mark(app)
"""

# What may legitimately differ between two builds of the same tree, each with a named normaliser:
# A measured duration quoted in the prose (`12.34 ms`, also inside a glued <span>): a clean build
# re-executes every page, so it measures again.
TIMING = re.compile(r"\b\d+(?:\.\d+)?(?=(?:</span>)?\s*(?:ms|µs|s)\b)")
# Sphinx's cache-busting `?v=<checksum>` on a stylesheet that an extension copies into the site
# after the first pages are written: a clean build writes those pages without it.
ASSET_CHECKSUM = re.compile(r"\?v=[0-9a-f]{8}\b")
# The cell ids of a notebook made from a MyST Markdown page: jupytext draws new random ones each
# time it reads the page (they identify cells within one file, nothing links to them).
CELL_ID = re.compile(r'^(\s*"id": )"[0-9a-f]{8}",$', re.MULTILINE)


def normalise_timings(text):
    """Replace every number followed by a time unit (12.34 ms) with <time>."""
    return TIMING.sub("<time>", text)


def normalise_search_index(text):
    """searchindex.js with two kinds of entries dropped from its word lists ("terms", "titleterms"):
    numbers (the index lists every number in the prose, a re-measured time among them), and words
    that no page contains any more (an incremental build keeps them with an empty page list; a
    search for them finds nothing either way)."""
    prefix, suffix = "Search.setIndex(", ")"
    index = json.loads(text.removeprefix(prefix).removesuffix(suffix))
    for key in ("terms", "titleterms"):
        index[key] = {
            word: pages
            for word, pages in index[key].items()
            if pages != [] and not re.fullmatch(r"[\d.]+", word)
        }
    return prefix + json.dumps(index, sort_keys=True) + suffix


def normalise_asset_checksums(text):
    return ASSET_CHECKSUM.sub("", text)


def normalise_notebook_cell_ids(text):
    return CELL_ID.sub(r'\1"<id>",', text)


def normalise(name, text):
    text = normalise_asset_checksums(normalise_timings(text))
    if name == "searchindex.js":
        text = normalise_search_index(text)
    if name.endswith(".ipynb"):
        text = normalise_notebook_cell_ids(text)
    return text


def make_book(root):
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=IGNORED)
        elif source.exists():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    (root / "_toc.yml").write_text(TOC)
    (root / "book" / "intro.md").write_text(INTRO)
    (root / "book" / "01_first.md").write_text(FIRST)
    (root / "book" / "02_second.md").write_text(SECOND)
    with (root / "book" / "_ext" / "book_extras.py").open("a") as f:
        f.write(EXTENSION_MARK)
    # the in-page runner bundles its assets from the pinned npm packages (`make node`)
    (root / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    # Some Sphinx extensions read dates from git: give the copy a history of its own.
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "book"], cwd=root, check=True)


def build(root):
    result = subprocess.run(
        [sys.executable, str(root / "scripts" / "build_book.py")],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result.stdout


def html_tree(folder):
    """{relative path: content} of a built site; text normalised, binary files as bytes."""
    tree = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        name = path.relative_to(folder).as_posix()
        try:
            tree[name] = normalise(name, data.decode("utf-8"))
        except UnicodeDecodeError:
            tree[name] = data
    return tree


def differences(incremental, clean):
    report = []
    for name in sorted(set(incremental) | set(clean)):
        a, b = incremental.get(name), clean.get(name)
        if a == b:
            continue
        if a is None or b is None:
            report.append(f"{name}: only in the {'clean' if a is None else 'incremental'} build")
        elif isinstance(a, str) and isinstance(b, str):
            diff = difflib.unified_diff(
                b.splitlines(), a.splitlines(), "clean", "incremental", n=1, lineterm=""
            )
            report.append(f"{name}:\n" + "\n".join(list(diff)[:30]))
        else:
            report.append(f"{name}: binary content differs")
    return report


def assert_same_as_clean_build(root, what):
    """Build `root` from scratch at the same path and compare with its incremental build."""
    incremental = root.parent / "incremental-build"  # outside the book, or Sphinx reads it
    (root / "_build").rename(incremental)
    try:
        build(root)
        report = differences(html_tree(incremental / "html"), html_tree(root / "_build" / "html"))
    finally:
        shutil.rmtree(root / "_build", ignore_errors=True)
        incremental.rename(root / "_build")
    assert not report, (
        f"after a change to {what}, the incremental build differs from a clean one:\n"
        + "\n".join(report[:10])
    )


def page(root, name):
    return (root / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")


PAGES = ("book/intro", "book/01_first", "book/02_second")


def written_pages(root):
    """{page: when its HTML file was last written} for the book's own pages."""
    return {name: (root / "_build" / "html" / f"{name}.html").stat().st_mtime_ns for name in PAGES}


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


@pytest.mark.slow
@pytest.mark.build
def test_incremental_builds_equal_clean_builds(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    make_book(root)
    build(root)
    assert "extension-mark-1" in page(root, "book/intro")
    assert 'The package says <span class="pasted-text">1</span>' in page(root, "book/01_first")

    # 0. nothing changed: neither the kernel nor Sphinx starts, no page is written
    before = written_pages(root)
    assert "Nothing changed" in build(root)
    assert written_pages(root) == before

    # 1. a chapter's body (the other chapter comes from the execution cache): only that page is
    # written again. The first chapter's citation is registered again after the second's: the
    # cross-page digest must not take that order for a change (it did: every page was re-written)
    edit(root / "book" / "01_first.md", "See {ref}", "A new sentence. See {ref}")
    build(root)
    assert "A new sentence." in page(root, "book/01_first")
    after = written_pages(root)
    written = {name for name in PAGES if after[name] != before[name]}
    # Sphinx itself writes the root page again (it holds the table of contents, here also the
    # bibliography); the other chapter is not written
    assert "book/01_first" in written and "book/02_second" not in written, written
    for name in ("01_first", "02_second"):
        download = json.loads(
            (root / "_build" / "html" / "_sources" / "book" / f"{name}.ipynb").read_text()
        )
        assert [cell["outputs"] for cell in download["cells"] if cell["cell_type"] == "code"][0], (
            f"the .ipynb download of {name} has no outputs"
        )
    assert_same_as_clean_build(root, "a chapter's body")

    # 2. a chapter's title: every page shows it (sidebar, next/previous links, references)
    edit(root / "book" / "01_first.md", "# The first chapter", "# The renamed chapter")
    build(root)
    assert "The renamed chapter" in page(root, "book/02_second")
    assert "The renamed chapter" in page(root, "book/intro")
    assert_same_as_clean_build(root, "a chapter's title")

    # 3. micrograd/: the outputs of every notebook page may change
    with (root / "micrograd" / "__init__.py").open("a") as f:
        f.write("\nBOOK_TEST_VALUE = 2\n")
    build(root)
    assert 'The package says <span class="pasted-text">2</span>' in page(root, "book/01_first")
    assert len(list((root / "_build" / "html" / "_images").glob("*.svg"))) == 1  # not the old one
    assert_same_as_clean_build(root, "micrograd/")

    # 4. book/_ext: the extension touches every page
    edit(root / "book" / "_ext" / "book_extras.py", "extension-mark-1", "extension-mark-2")
    build(root)
    assert "extension-mark-2" in page(root, "book/intro")
    assert_same_as_clean_build(root, "book/_ext")

    # 5. _config.yml
    edit(root / "_config.yml", 'title: "The micrograd book"', 'title: "A retitled book"')
    build(root)
    assert "A retitled book" in page(root, "book/02_second")
    assert_same_as_clean_build(root, "_config.yml")


def test_the_timing_normaliser_only_touches_durations():
    text = 'took 12.34 ms, 5 µs, <span class="pasted-text">2.5</span> s; chapter 2.1 has 3 pages, 7 steps'
    assert normalise_timings(text) == (
        'took <time> ms, <time> µs, <span class="pasted-text"><time></span> s; chapter 2.1 has 3 pages, 7 steps'
    )


def test_the_other_normalisers_only_touch_what_they_name():
    index = (
        'Search.setIndex({"terms": {"0": [0, 1], "18.2": 1, "chapter": 2, "gone": []},'
        ' "titleterms": {"old": [], "v2": 0}})'
    )
    assert normalise_search_index(index) == (
        'Search.setIndex({"terms": {"chapter": 2}, "titleterms": {"v2": 0}})'
    )
    assert normalise_asset_checksums('href="_static/a.css?v=8cd3d715"') == 'href="_static/a.css"'
    assert normalise_asset_checksums('href="page.html?v=2"') == 'href="page.html?v=2"'
    cell = '  {\n   "cell_type": "code",\n   "id": "7ba8df01",\n   "outputs": ["id": "7ba8df01"]'
    assert normalise_notebook_cell_ids(cell).count("<id>") == 1
