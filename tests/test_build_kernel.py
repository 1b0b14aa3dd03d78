"""The kernel the chapters run in: where micrograd comes from (a real Jupyter kernel), and what
the cached facts about it are keyed by (scripts/build_book.py's kernel_key)."""

import os
import sys
from types import SimpleNamespace

import pytest

from scripts import build_book

# --- the real kernel --------------------------------------------------------------------------


def foreign_copy(tmp_path):
    """A folder holding another `micrograd` package."""
    foreign = tmp_path / "foreign"
    (foreign / "micrograd").mkdir(parents=True)
    (foreign / "micrograd" / "__init__.py").write_text("FOREIGN = True\n")
    return foreign


def test_the_kernel_uses_this_checkout_even_with_another_micrograd_on_pythonpath(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("PYTHONPATH", str(foreign_copy(tmp_path)))
    facts = build_book.kernel_facts("python3", build_book.kernel_env())
    assert facts["micrograd"] == str(build_book.ROOT / "micrograd" / "__init__.py")
    assert facts["executable"] == sys.executable or os.path.samefile(
        facts["executable"], sys.executable
    )
    build_book.check_micrograd(facts, "python3")  # does not raise


def test_a_kernel_that_imports_a_foreign_micrograd_stops_a_real_build(
    tmp_path, monkeypatch, capsys
):
    """A site customisation that puts another copy first (as a stray .pth or sitecustomize can)."""
    foreign = foreign_copy(tmp_path)
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(f"import sys\nsys.path.insert(0, {str(foreign)!r})\n")
    monkeypatch.setenv("PYTHONPATH", str(hook))
    monkeypatch.setattr(build_book, "FACTS_CACHE", tmp_path / "facts.json")
    ran = []
    monkeypatch.setattr(build_book, "jupyter_book", lambda extra, env: ran.append(extra) or 0)
    assert build_book.main([]) == 2 and ran == []
    err = capsys.readouterr().err
    assert str(foreign / "micrograd" / "__init__.py") in err
    assert "wrong micrograd" in err


# --- the key of the cached facts ------------------------------------------------------------------


@pytest.fixture
def venv(tmp_path, monkeypatch):
    """A fake virtual environment the kernel spec points at; returns its site-packages folder."""
    from jupyter_client import kernelspec

    (tmp_path / "venv" / "bin").mkdir(parents=True)
    python = tmp_path / "venv" / "bin" / "python"
    python.write_text("binary")
    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    site.mkdir(parents=True)
    (site / "_editable.pth").write_text(str(build_book.ROOT) + "\n")
    spec = SimpleNamespace(argv=[str(python), "-m", "ipykernel_launcher"], env={}, resource_dir="k")
    monkeypatch.setattr(kernelspec.KernelSpecManager, "get_kernel_spec", lambda self, name: spec)
    return site


def touch_later(path, text):
    """Write `path` and move its mtime a second on (file systems with coarse timestamps)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_the_key_is_stable_and_follows_the_environment(venv, tmp_path):
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(build_book.ROOT)}
    key = build_book.kernel_key("python3", env)
    assert key is not None and key == build_book.kernel_key("python3", env)
    touch_later(venv / "_editable.pth", "/elsewhere\n")  # a .pth now points elsewhere
    assert build_book.kernel_key("python3", env) != key
    key = build_book.kernel_key("python3", env)
    (venv / "other-1.0.dist-info").mkdir()  # pip installed a package
    os.utime(venv, ns=(venv.stat().st_mtime_ns + 10**9,) * 2)
    assert build_book.kernel_key("python3", env) != key
    key = build_book.kernel_key("python3", env)
    hook = tmp_path / "hook"
    hook.mkdir()
    moved = {**env, "PYTHONPATH": os.pathsep.join([env["PYTHONPATH"], str(hook)])}
    assert build_book.kernel_key("python3", moved) != key
    key = build_book.kernel_key("python3", moved)
    touch_later(hook / "sitecustomize.py", "import sys\n")
    assert build_book.kernel_key("python3", moved) != key


def test_an_unknown_kernel_has_no_key(monkeypatch):
    from jupyter_client import kernelspec

    def missing(self, name):
        raise kernelspec.NoSuchKernel(name)

    monkeypatch.setattr(kernelspec.KernelSpecManager, "get_kernel_spec", missing)
    assert build_book.kernel_key("nope", dict(os.environ)) is None
