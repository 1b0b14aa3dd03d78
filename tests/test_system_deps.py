"""scripts/ensure_system_deps.sh: without Graphviz and without a way to install it, the setup
stops with a message that says how to install it on each platform."""

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "ensure_system_deps.sh"


def run_without_graphviz(tmp_path, *args):
    """Run the script as a non-root user on a machine with no dot, no apt-get and no sudo."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")
    (bin_dir / "id").chmod(0o755)
    (bin_dir / "cat").symlink_to("/bin/cat")
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    return subprocess.run(
        ["/bin/bash", str(SCRIPT), *args], env=env, capture_output=True, text=True
    )


def test_missing_graphviz_stops_with_install_instructions(tmp_path):
    result = run_without_graphviz(tmp_path)
    assert result.returncode == 1
    message = result.stderr
    assert "graphviz" in message
    for how in ("apt-get install", "brew install graphviz", "conda install", "winget install"):
        assert how in message, f"no {how!r} instructions in:\n{message}"


def test_missing_browser_is_named_too(tmp_path):
    result = run_without_graphviz(tmp_path, "--browser")
    assert result.returncode == 1
    assert "chromium" in result.stderr


def test_nothing_to_do_when_everything_is_installed():
    result = subprocess.run(
        ["/bin/bash", str(SCRIPT), "--browser"],
        env=os.environ,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
