"""scripts/build_book.py: a rebuild with nothing changed starts neither the kernel nor Sphinx, the
kernel's facts are cached, and the cross-page digest is canonical (a partial build's order of
citations is not a change). Uses the `build` fixture of tests/conftest.py (a scratch tree with
the kernel, jupyter-book and Sphinx's environment replaced by recorders)."""

import subprocess

import pytest

from scripts import build_book

# --- a no-op is cheap ---------------------------------------------------------------------------


def test_a_no_op_rebuild_starts_neither_the_kernel_nor_sphinx(build, capsys):
    build.state.update(write_html=True, key={"spec": 1})
    build()
    assert build.state["probes"] == 1
    status, calls, cache_kept = build(site=["digest-1"])
    assert status == 0 and calls == [] and cache_kept
    assert build.state["probes"] == 1  # the facts came from the cache
    assert "Nothing changed" in capsys.readouterr().out


@pytest.mark.parametrize(
    "change",
    [
        "book/intro.md",
        "book/references.bib",
        "book/figures/a.svg",
        "solutions/01_x.md",
        "exercises/01_x.ipynb",
        "scripts/book_config.py",
        "package-lock.json",
    ],
)
def test_any_source_change_after_a_no_op_runs_sphinx(build, change):
    build.state["write_html"] = True
    path = build.root / change
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("old")
    build()
    assert build(site=["digest-1"])[1] == []
    path.write_text("new")
    status, calls, _ = build(site=["digest-1"])
    assert status == 0 and calls and calls[0] in ([], ["--all"])


@pytest.mark.parametrize(
    "cache",
    [
        "scripts/__pycache__/build_book.cpython-311.pyc",
        "book/_ext/__pycache__/extras.cpython-311.pyc",
        "book/.ipynb_checkpoints/intro-checkpoint.md",
        "solutions/.ruff_cache/0.1/x",
        "micrograd/.ruff_cache/0.1/x",
    ],
)
def test_tool_caches_never_break_a_no_op(build, cache):
    build.state["write_html"] = True
    build()
    path = build.root / cache
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("written by a tool")
    assert build(site=["digest-1"])[1] == []


def test_a_new_commit_runs_sphinx(build):
    """Pages show the date of their last commit."""
    build.state["write_html"] = True
    build()
    build.state["head"] = "commit-2"
    assert build(site=["digest-1"])[1] == [[]]


def test_a_missing_site_or_asking_for_all_runs_sphinx(build):
    build.state["write_html"] = True
    build()
    (build.root / "_build" / "html" / "index.html").unlink()
    assert build(site=["digest-1"])[1] == [[]]
    assert build(site=["digest-1"], argv=["--all"])[1] == [["--all"]]


def test_a_failed_build_is_never_taken_for_a_no_op(build):
    build.state["write_html"] = True
    build()
    (build.root / "book" / "intro.md").write_text("# Intro\n\nA broken cell.\n")
    assert build(1, site=["digest-1"])[0] == 1
    assert build(site=["digest-1"])[1] == [["--all"]]  # not skipped: the last build failed


def test_kernel_facts_are_probed_again_when_their_key_changes(build):
    build.state["key"] = {"site-packages mtime": 1}
    build()
    build()
    assert build.state["probes"] == 1
    build.state["key"] = {"site-packages mtime": 2}  # e.g. pip installed another package
    build.state["facts"]["distributions"] = ["sphinx==8.0.0"]
    _, calls, cache_kept = build(site=["digest-1"])
    assert build.state["probes"] == 2 and calls == [["--all"]] and not cache_kept


def test_without_a_key_the_kernel_is_probed_every_time(build):
    build()
    build()
    assert build.state["probes"] == 2


def test_a_cached_foreign_micrograd_still_stops_the_build(build, capsys):
    """The cache stores facts, not verdicts: check_micrograd judges them on every build."""
    build.state["key"] = {"k": 1}
    build.state["facts"]["micrograd"] = "/elsewhere/micrograd/__init__.py"
    assert build()[0] == 2
    assert build()[0] == 2 and build.state["probes"] == 1
    assert "/elsewhere/micrograd" in capsys.readouterr().err


# --- the cross-page digest is canonical -----------------------------------------------------------


class FakeEnv:
    """What cross_page_digest reads of Sphinx's environment."""

    def __init__(self, citations, includes=("a", "b")):
        self.titles = {"a": "A", "b": "B"}
        self.longtitles, self.tocs, self.toc_num_entries = self.titles, {}, {}
        self.toctree_includes = {"index": list(includes)}
        self.toc_secnumbers, self.toc_fignumbers = {"a": {"": (1,)}}, {}
        self.domaindata = {"cite": {"citations": list(citations)}, "std": {"labels": {}}}
        self.all_docs = {"a": 1.0, "b": 2.0}


def digest_of(env, tmp_path, monkeypatch):
    import pickle

    path = tmp_path / "environment.pickle"
    path.write_bytes(pickle.dumps(env))
    monkeypatch.setattr(build_book, "ENVIRONMENT", path)
    return build_book.cross_page_digest()


def test_the_order_citations_were_registered_in_does_not_count(tmp_path, monkeypatch):
    """After a partial build Sphinx lists the re-read page's citations last: not a change."""
    one = digest_of(FakeEnv([("a", "key1"), ("b", "key2")]), tmp_path, monkeypatch)
    other = digest_of(FakeEnv([("b", "key2"), ("a", "key1")]), tmp_path, monkeypatch)
    assert one == other


def test_a_new_citation_or_a_reordered_toc_counts(tmp_path, monkeypatch):
    one = digest_of(FakeEnv([("a", "key1")]), tmp_path, monkeypatch)
    assert one != digest_of(FakeEnv([("a", "key1"), ("b", "key2")]), tmp_path, monkeypatch)
    assert one != digest_of(FakeEnv([("a", "key1")], ("b", "a")), tmp_path, monkeypatch)


def test_only_a_commit_of_a_page_changes_the_commit_the_build_sees(tmp_path, monkeypatch):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "a.md").write_text("# A\n")
    (tmp_path / "README.md").write_text("readme\n")
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "one"], cwd=tmp_path, check=True)
    monkeypatch.setattr(build_book, "ROOT", tmp_path)
    first = build_book.git_head()
    assert len(first) == 40
    (tmp_path / "README.md").write_text("readme, edited\n")
    subprocess.run([*git, "commit", "-qam", "readme"], cwd=tmp_path, check=True)
    assert build_book.git_head() == first  # no page shows the README's date
    (tmp_path / "book" / "a.md").write_text("# A, edited\n")
    subprocess.run([*git, "commit", "-qam", "page"], cwd=tmp_path, check=True)
    assert build_book.git_head() not in ("", first)
