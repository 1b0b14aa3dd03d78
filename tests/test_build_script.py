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
