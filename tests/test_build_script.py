"""scripts/build_book.py: a change to micrograd/ must re-execute every notebook.

jupyter-cache keys only on a notebook's own code, so the build script fingerprints the package and
clears the execution cache (and re-reads every page) when it changes. These tests run the script's
logic against a scratch tree, with the jupyter-book call replaced by a recorder.
"""

import importlib.util
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_book.py"


@pytest.fixture
def build(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("build_book", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "micrograd").mkdir()
    (tmp_path / "micrograd" / "engine.py").write_text("x = 1\n")
    (tmp_path / "book").mkdir()
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "BUILD", tmp_path / "_build")
    monkeypatch.setattr(module, "CACHE", tmp_path / "_build" / ".jupyter_cache")
    monkeypatch.setattr(module, "STAMP", tmp_path / "_build" / ".micrograd-fingerprint")
    monkeypatch.setattr(module, "TWINS", tmp_path / "_build" / ".twins")
    calls = []
    result = {"code": 0}

    def fake_run(args, cwd):
        calls.append(args)
        return subprocess.CompletedProcess(args, result["code"])

    monkeypatch.setattr(module.subprocess, "run", fake_run)

    def run(code=0):
        result["code"] = code
        cache = tmp_path / "_build" / ".jupyter_cache"
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "entry").write_text("cached notebook")
        status = module.main([])
        return status, calls[-1], (cache / "entry").exists()

    return run, tmp_path


def test_first_build_executes_everything(build):
    run, _ = build
    status, args, cache_kept = run()
    assert status == 0
    assert "--all" in args and not cache_kept
    assert "-W" in args  # warnings are errors


def test_unchanged_rebuild_uses_the_cache(build):
    run, _ = build
    run()
    status, args, cache_kept = run()
    assert status == 0 and "--all" not in args and cache_kept


def test_a_change_to_micrograd_clears_the_cache_and_rereads_every_page(build):
    run, root = build
    run()
    (root / "micrograd" / "engine.py").write_text("x = 2\n")
    _, args, cache_kept = run()
    assert "--all" in args and not cache_kept
    _, args, cache_kept = run()  # and the build after that is incremental again
    assert "--all" not in args and cache_kept


def test_a_new_twin_rewrites_every_page_but_keeps_the_cache(build):
    run, root = build
    run()
    (root / "book" / "01_derivatives.ipynb").write_text("{}")
    _, args, cache_kept = run()
    assert "--all" in args and cache_kept


def test_a_failed_build_forgets_the_fingerprint(build):
    run, _ = build
    run()
    status, _, _ = run(code=1)
    assert status == 1
    _, args, cache_kept = run()
    assert "--all" in args and not cache_kept


def test_a_change_in_a_micrograd_subpackage_counts_too(build):
    run, root = build
    (root / "micrograd" / "checks").mkdir()
    (root / "micrograd" / "checks" / "core.py").write_text("y = 1\n")
    run()
    (root / "micrograd" / "checks" / "core.py").write_text("y = 2\n")
    _, args, cache_kept = run()
    assert "--all" in args and not cache_kept
