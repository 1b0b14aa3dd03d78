"""scripts/build_book.py decides what a build must redo, and refuses to run against a foreign micrograd.

The decision tests run the script's `main` against a scratch tree, with the kernel probe, the
jupyter-book call and Sphinx's environment replaced by recorders. The kernel tests start the real
Jupyter kernel the chapters use. (tests/test_incremental_build.py builds real books and compares
their HTML.)
"""

import json
import os
import subprocess

import pytest

from scripts import build_book


@pytest.fixture
def build(tmp_path, monkeypatch):
    """run(code=0) -> (exit status, [jupyter-book argument lists], cache entry survived?)."""
    for folder in ("micrograd", "book/_ext", "_build"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "micrograd" / "__init__.py").write_text("x = 1\n")
    (tmp_path / "book" / "_ext" / "extras.py").write_text("y = 1\n")
    (tmp_path / "_config.yml").write_text("title: t\n")
    (tmp_path / "_toc.yml").write_text("root: book/intro\n")
    (tmp_path / "book" / "intro.md").write_text("# Intro\n")
    monkeypatch.setattr(build_book, "ROOT", tmp_path)
    monkeypatch.setattr(build_book, "BUILD", tmp_path / "_build")
    monkeypatch.setattr(build_book, "CACHE", tmp_path / "_build" / ".jupyter_cache")
    monkeypatch.setattr(build_book, "STAMP", tmp_path / "_build" / ".build-fingerprint.json")
    monkeypatch.setattr(build_book, "FACTS_CACHE", tmp_path / "_build" / ".kernel-facts.json")
    state = {
        "facts": {
            "micrograd": str(tmp_path / "micrograd" / "__init__.py"),
            "python": "3.11.2",
            "executable": "/venv/bin/python",
            "distributions": ["sphinx==7.4.7"],
        },
        "site": ["digest-1"],  # what cross_page_digest returns, one value per call
        "codes": [],
        "calls": [],
        "key": None,  # what kernel_key returns (None: the facts are not cached)
        "probes": 0,  # how many times the kernel was started
        "head": "commit-1",
        "write_html": False,  # does the fake build write _build/html/index.html?
    }

    def probe(name, env):
        state["probes"] += 1
        return dict(state["facts"])

    monkeypatch.setattr(build_book, "kernel_names", lambda: {"python3"})
    monkeypatch.setattr(build_book, "kernel_facts", probe)
    monkeypatch.setattr(build_book, "kernel_key", lambda name, env: state["key"])
    monkeypatch.setattr(build_book, "git_head", lambda: state["head"])
    monkeypatch.setattr(
        build_book, "cross_page_digest", lambda: state["site"].pop(0) if state["site"] else "same"
    )

    def fake_jupyter_book(extra, env):
        state["calls"].append(list(extra))
        state["env"] = env
        if state["write_html"]:
            (tmp_path / "_build" / "html").mkdir(parents=True, exist_ok=True)
            (tmp_path / "_build" / "html" / "index.html").write_text("<p>built</p>")
        return state["codes"].pop(0) if state["codes"] else 0

    monkeypatch.setattr(build_book, "jupyter_book", fake_jupyter_book)

    def run(*codes, site=None, argv=()):
        state["codes"] = list(codes)
        if site is not None:
            state["site"] = list(site)
        state["calls"] = []
        cache = tmp_path / "_build" / ".jupyter_cache"
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "entry").write_text("cached notebook")
        status = build_book.main(list(argv))
        return status, state["calls"], (cache / "entry").exists()

    run.root, run.state = tmp_path, state
    return run


def test_first_build_executes_everything(build):
    status, calls, cache_kept = build()
    assert status == 0
    assert calls == [["--all"]] and not cache_kept


def test_unchanged_rebuild_is_incremental_and_keeps_the_cache(build):
    build()
    status, calls, cache_kept = build(site=["digest-1"])
    assert status == 0 and calls == [[]] and cache_kept


def test_the_real_command_treats_warnings_as_errors(monkeypatch):
    seen = {}
    monkeypatch.setattr(
        build_book.subprocess,
        "run",
        lambda command, cwd, env: (
            seen.update(command=command) or subprocess.CompletedProcess(command, 0)
        ),
    )
    build_book.jupyter_book(["--all"], {})
    command = seen["command"]
    assert command[0].endswith("jupyter-book") and command[1] == "build"
    assert {"-W", "-n", "--keep-going", "--all"} <= set(command)


@pytest.mark.parametrize(
    "change",
    ["micrograd/__init__.py", "micrograd_checks/core.py", "micrograd/data.json"],
)
def test_a_change_anywhere_in_micrograd_re_executes_everything(build, change):
    path = build.root / change
    path.parent.mkdir(exist_ok=True)
    path.write_text("old")
    build()
    path.write_text("new")
    _, calls, cache_kept = build(site=["digest-1"])
    assert calls == [["--all"]] and not cache_kept
    _, calls, cache_kept = build(site=["digest-1"])  # and the build after that is incremental again
    assert calls == [[]] and cache_kept


@pytest.mark.parametrize("cache", ["micrograd/.ruff_cache/0.1/x", "micrograd/__pycache__/e.pyc"])
def test_tool_caches_in_the_package_do_not_re_execute(build, cache):
    build()
    path = build.root / cache
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("written by a tool")
    _, calls, cache_kept = build(site=["digest-1"])
    assert calls == [[]] and cache_kept


@pytest.mark.parametrize("key", ["distributions", "python"])
def test_other_packages_in_the_kernel_re_execute_everything(build, key):
    build()
    build.state["facts"][key] = ["sphinx==8.0.0"] if key == "distributions" else "3.12.0"
    _, calls, cache_kept = build(site=["digest-1"])
    assert calls == [["--all"]] and not cache_kept


def test_other_packages_in_the_build_re_execute_everything(build, monkeypatch):
    build()
    monkeypatch.setattr(build_book, "installed_distributions", lambda: ["myst-nb==9.9"])
    _, calls, cache_kept = build(site=["digest-1"])
    assert calls == [["--all"]] and not cache_kept


@pytest.mark.parametrize(
    "change",
    ["book/_ext/extras.py", "book/_ext/static/x.css", "_config.yml", "_toc.yml", "book/01_x.ipynb"],
)
def test_extension_config_toc_or_twins_rewrite_every_page_but_keep_the_cache(build, change):
    build()
    path = build.root / change
    path.parent.mkdir(exist_ok=True)
    path.write_text("changed: 1\n")
    _, calls, cache_kept = build(site=["digest-1"])
    assert calls == [["--all"]] and cache_kept
    _, calls, _ = build(site=["digest-1"])
    assert calls == [[]]


def test_a_chapter_body_edit_is_incremental(build):
    build()
    (build.root / "book" / "intro.md").write_text("# Intro\n\nMore words.\n")
    _, calls, cache_kept = build(site=["digest-1"])
    assert calls == [[]] and cache_kept


def test_a_changed_title_or_label_rewrites_every_page(build):
    build()  # stores digest-1
    _, calls, cache_kept = build(site=["digest-2", "digest-2"])
    assert calls == [[], ["--all"]] and cache_kept
    _, calls, _ = build(site=["digest-2"])
    assert calls == [[]]


def test_asking_for_all_rewrites_every_page(build):
    build()
    _, calls, cache_kept = build(site=["digest-1"], argv=["--all"])
    assert calls == [["--all"]] and cache_kept


def test_a_failed_build_is_followed_by_a_full_rewrite_that_keeps_the_cache(build):
    build()
    status, calls, _ = build(1, site=["digest-1"])
    assert status == 1 and calls == [[]]
    _, calls, cache_kept = build(site=["digest-1"])
    assert calls == [["--all"]] and cache_kept


def test_a_failed_second_pass_fails_the_build(build):
    build()
    status, calls, _ = build(0, 1, site=["digest-2"])
    assert status == 1 and calls == [[], ["--all"]]
    _, calls, _ = build(site=["digest-2"])
    assert calls == [["--all"]]


def test_an_interrupted_build_is_followed_by_a_full_rewrite(build, monkeypatch):
    build()

    def interrupted(extra, env):
        raise KeyboardInterrupt

    real = build_book.jupyter_book
    monkeypatch.setattr(build_book, "jupyter_book", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_book.main([])
    monkeypatch.setattr(build_book, "jupyter_book", real)
    _, calls, cache_kept = build(site=["digest-1"])
    assert calls == [["--all"]] and cache_kept


def test_a_foreign_micrograd_stops_the_build_before_it_starts(build, capsys):
    build.state["facts"]["micrograd"] = "/elsewhere/micrograd/__init__.py"
    status, calls, _ = build()
    assert status == 2 and calls == []
    err = capsys.readouterr().err
    assert "/elsewhere/micrograd/__init__.py" in err and str(build.root / "micrograd") in err


def test_a_kernel_without_micrograd_stops_the_build(build, capsys, monkeypatch):
    build.state["facts"]["micrograd"] = "<cannot import micrograd: ModuleNotFoundError: no>"
    monkeypatch.chdir(build.root / "micrograd")  # not a path, wherever the build runs from
    status, calls, _ = build()
    assert status == 2 and calls == [] and "cannot import micrograd" in capsys.readouterr().err


def test_the_build_puts_this_checkout_first_on_the_kernels_path(build, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    build()
    assert build.state["env"]["PYTHONPATH"].split(os.pathsep) == [str(build.root), "/elsewhere"]


def test_kernel_names_come_from_every_page_of_the_toc(tmp_path, monkeypatch):
    (tmp_path / "book").mkdir()
    (tmp_path / "_toc.yml").write_text(
        "root: book/intro\nchapters:\n  - file: book/a\n  - file: book/b\n"
    )
    (tmp_path / "book" / "intro.md").write_text("# No front matter\n")
    (tmp_path / "book" / "a.md").write_text("---\nkernelspec:\n  name: kernel-a\n---\n# A\n")
    notebook = {"metadata": {"kernelspec": {"name": "kernel-b"}}, "cells": []}
    (tmp_path / "book" / "b.ipynb").write_text(json.dumps(notebook))
    monkeypatch.setattr(build_book, "ROOT", tmp_path)
    assert build_book.kernel_names() == {"kernel-a", "kernel-b"}


def test_the_cross_page_digest_text_has_no_memory_addresses():
    """Objects without a repr of their own print their address, new in every process: a digest of
    them would re-write every page on every build."""
    assert build_book._stable({"a": object(), "b": {1, 2}}) == build_book._stable(
        {"b": {2, 1}, "a": object()}
    )


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
