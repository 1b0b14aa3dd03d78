"""The generated notebooks readers open in Colab/Binder match their sources.

- every chapter `book/NN_*.md` has an output-free `.ipynb` twin whose cells
  (after the bootstrap cell) are the chapter's cells, and no twin lacks a chapter;
- every twin, solution and exercise notebook starts with the Colab bootstrap
  cell, which installs this repository's package (url from _config.yml) as of one pinned
  commit, the one whose package is committed here; the pin check gives the same answer in
  any clone, and committing the notebooks does not make it stale;
- every student notebook opens with a Colab badge and a note on saving a copy;
- links to other pages point at the published site (`html.baseurl`), not `*.md` files.
"""

import difflib
import re
import shutil
import subprocess
import sys

import jupytext
import lecture  # the twins carry the watch-along links written out (book/_ext is on the path)
import nbformat
import pytest
from book_fixtures import ROOT, chapter_docnames, config, is_bootstrap, launch_targets, repository

from scripts import myst_markdown


def chapter_sources():
    names = {f"book/{p.stem}" for p in (ROOT / "book").glob("[0-9][0-9]_*.md")}
    return sorted(names | set(chapter_docnames()))


def published(source, folder):
    """Relative `.md` page links -> the published pages, as readers of a notebook need them."""
    base = config()["html"]["baseurl"].rstrip("/")

    def replace(match):
        target = (folder / f"{match.group(1)}.md").resolve()
        if not target.is_relative_to(ROOT):  # a copy outside the repository: left as it is
            return match.group(0)
        page = target.relative_to(ROOT).with_suffix("")
        return f"]({base}/{page.as_posix()}.html{match.group(2) or ''})"

    return re.sub(r"\]\(([\w./]+)\.md(#[\w-]*)?\)", replace, source)


def cell_summary(cells, md_path=None, docname=None):
    """(type, source) of each cell; a chapter's Markdown as the notebooks show it (links to the
    published pages, MyST converted: scripts/myst_markdown.py, tested in test_notebook_markdown.py)."""
    if md_path is None:  # a twin: without the figure captions the generator adds after code cells
        return [
            (c.cell_type, c.source) for c in cells if not c.get("id", "").startswith("caption-")
        ]
    converter = myst_markdown.Converter(docname)
    return [
        (
            c.cell_type,
            converter.convert(published(lecture.expand(c.source), md_path.parent))
            if c.cell_type == "markdown"
            else c.source,
        )
        for c in cells
    ]


def sync_problems(md_path, twin_path):
    """Why the twin does not match its chapter (an empty list when it does)."""
    if not twin_path.exists():
        return [f"{twin_path.name} is missing (run `make notebooks`)"]
    twin = nbformat.read(twin_path, as_version=4)
    if not twin.cells or not is_bootstrap(twin.cells[0]):
        return [f"{twin_path.name} does not start with the bootstrap cell"]
    docname = twin_path.resolve().relative_to(ROOT).with_suffix("").as_posix()
    expected = cell_summary(jupytext.read(md_path).cells, md_path=md_path, docname=docname)
    actual = cell_summary(twin.cells[1:])
    if expected == actual:
        return []
    problems = [
        f"{twin_path.name} has {len(actual)} cells after the bootstrap cell; {md_path.name}: {len(expected)}"
    ]
    for i, (want, got) in enumerate(zip(expected, actual, strict=False)):
        if want != got:
            diff = difflib.unified_diff(
                got[1].strip().splitlines(),
                want[1].strip().splitlines(),
                "twin",
                "chapter",
                lineterm="",
                n=1,
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
PIN = re.compile(r'"git\+(?P<url>[^"@]+)@(?P<pin>[0-9a-f]{40}|v?\d+(?:\.\d+)*\w*)"')


def bootstrap_of(nb):
    code = [c for c in nb.cells if c.cell_type == "code"]
    return code[0] if code else None


@pytest.mark.parametrize(
    "path", [p for p, _ in launch_targets()], ids=lambda p: str(p.relative_to(ROOT))
)
def test_notebook_starts_with_bootstrap_cell(path):
    url, _, _ = repository()
    nb = nbformat.read(path, as_version=4)
    first = bootstrap_of(nb)
    assert first is not None and is_bootstrap(first), (
        f"{path.name}: the first code cell must be the bootstrap cell"
    )
    assert sum(map(is_bootstrap, nb.cells)) == 1, f"{path.name}: more than one bootstrap cell"
    source = first.source
    pinned = PIN.search(source)
    assert pinned and pinned["url"] == url, (
        f"{path.name}: the bootstrap cell must install {url} at a full commit hash or a tag"
    )
    assert '"google.colab" in sys.modules' in source, "the bootstrap must do nothing outside Colab"
    assert "micrograd-book[viz]" in source
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
    assert not BARE_INSTALL.search(code), "never `pip install micrograd` (another project on PyPI)"
    assert re.search(r"apt-get -qq update && apt-get -qq install -y graphviz", code), (
        "update apt's package lists before installing Graphviz (a fresh Colab has none)"
    )
    assert "check=True" in code and "import micrograd" in code and 'which("dot")' in code, (
        "the bootstrap must check that the install worked"
    )
    assert "remove-cell" in first.metadata.get("tags", []), (
        "the bootstrap cell must not show in the book"
    )
    linked = re.findall(
        r"\]\(([^)]+)\)", "".join(c.source for c in nb.cells if c.cell_type == "markdown")
    )
    dead = [t for t in linked if t.split("#")[0].endswith(".md") and "://" not in t]
    assert not dead, f"{path.name}: links to .md files are dead in Colab: {dead}"


def test_every_notebook_installs_the_same_pin():
    pins = {}
    for path, _ in launch_targets():
        match = PIN.search(bootstrap_of(nbformat.read(path, as_version=4)).source)
        pins.setdefault(match and match["pin"], []).append(path.name)
    assert len(pins) == 1 and None not in pins, f"one pin for all notebooks, found {pins}"


@pytest.mark.parametrize(
    "path",
    [p for p, kind in launch_targets() if kind == "exercise"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_student_notebook_opens_with_colab_badge_and_save_note(path):
    _, org_repo, branch = repository()
    colab = config()["launch_buttons"]["colab_url"].rstrip("/")
    first = nbformat.read(path, as_version=4).cells[0]
    assert first.cell_type == "markdown"
    assert (
        f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
        f"({colab}/github/{org_repo}/blob/{branch}/exercises/{path.name})" in first.source
    )
    assert "Save a copy in GitHub" in first.source and "Download .ipynb" in first.source


def test_there_are_launchable_notebooks():
    kinds = {kind for _, kind in launch_targets()}
    assert "twin" in kinds, "no chapter twins book/NN_*.ipynb (run `make notebooks`)"


COPIED = (
    "micrograd",
    "micrograd_checks",
    "scripts",
    "book",
    "solutions",
    "exercises",
    "pyproject.toml",
    "_config.yml",
    "_toc.yml",  # the teaching page's tables list the toc's chapters (scripts/book_tables.py)
    "tests/ops.py",  # chapter 3's generated table of operations reads it (scripts/book_tables.py)
)


def git(repo, *args):
    ident = ["-c", "user.name=micrograd book tests", "-c", "user.email=tests@localhost"]
    return subprocess.run(
        ["git", "-C", str(repo), *ident, *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def generate(repo, *args):
    result = subprocess.run(
        [sys.executable, str(repo / "scripts" / "generate.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.returncode, result.stdout + result.stderr


def test_pin_follows_the_package_and_its_check_is_stable(tmp_path):
    """In a one-commit copy (like a shallow clone) the check passes without the pin's history;
    a pin is the package's last commit, committing the notebooks keeps it valid, and a later
    change to the package makes the check fail until the notebooks are regenerated."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "copy")
    code, out = generate(repo, "--check")
    assert code == 0 and "cannot be checked here" in out, out

    code, out = generate(repo)
    first = git(repo, "rev-parse", "HEAD")
    assert code == 0 and f"installing {first[:12]}" in out, out
    git(repo, "commit", "-qam", "notebooks pinned")
    code, out = generate(repo, "--check")
    assert code == 0 and f"install {first[:12]}" in out, out

    with (repo / "micrograd" / "__init__.py").open("a") as f:
        f.write("\n# a change to the package\n")
    code, out = generate(repo)
    assert "uncommitted changes" in out, "warn: the pin cannot hold uncommitted code"
    git(repo, "checkout", "-q", "--", ".")
    with (repo / "micrograd" / "__init__.py").open("a") as f:
        f.write("\n# a change to the package\n")
    git(repo, "commit", "-qam", "package changed")
    code, out = generate(repo, "--check")
    assert code == 1 and "stale" in out and "micrograd/__init__.py" in out, out

    code, out = generate(repo)
    second = git(repo, "rev-parse", "HEAD")
    git(repo, "commit", "-qam", "notebooks pinned again")
    code, out = generate(repo, "--check")
    assert code == 0 and f"install {second[:12]}" in out, out
    nb = nbformat.read(repo / "exercises" / "01_derivatives.ipynb", as_version=4)
    assert f"@{second}" in bootstrap_of(nb).source
