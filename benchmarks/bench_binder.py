"""Binder's environment: the lean binder/requirements.txt against the full requirements.txt.

For each, in a fresh virtual environment (`python -m venv`, then pip upgraded), times
`pip install -r <file>` run from the repository's root (as repo2docker runs it) and measures the
environment's size on disk; prints both and the ratios (old / lean). Also the number of
distributions installed.

pip's cache is used as it is (a warm cache measures install work, not download speed; run with
`--no-cache` to download everything, as a cold Binder build does). Takes a few minutes.

Usage: .venv/bin/python benchmarks/bench_binder.py [--no-cache]
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = (("lean (binder/requirements.txt)", "binder/requirements.txt"),
         ("old (requirements.txt)", "requirements.txt"))  # fmt: skip


def size(folder):
    return sum(p.lstat().st_size for p in Path(folder).rglob("*") if p.is_file())


def measure(requirements, folder, no_cache):
    venv = Path(folder) / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    empty = size(venv)
    command = [python, "-m", "pip", "install", "-q", "-r", requirements]
    if no_cache:
        command.append("--no-cache-dir")
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    seconds = time.perf_counter() - start
    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True, check=True
    ).stdout.split()
    return {"seconds": seconds, "bytes": size(venv) - empty, "distributions": len(listed)}


def main(argv):
    no_cache = "--no-cache" in argv
    results = {}
    for label, requirements in CASES:
        with tempfile.TemporaryDirectory(prefix="bench-binder-") as folder:
            results[label] = measure(requirements, folder, no_cache)
        r = results[label]
        print(
            f"{label:32s} install {r['seconds']:6.1f} s   size {r['bytes'] / 1e6:7.1f} MB   "
            f"{r['distributions']:3d} distributions",
            flush=True,
        )
    lean, old = (results[label] for label, _ in CASES)
    print(
        f"old / lean: install time x{old['seconds'] / lean['seconds']:.1f}, "
        f"size x{old['bytes'] / lean['bytes']:.1f}, "
        f"distributions x{old['distributions'] / lean['distributions']:.1f}"
        f"  ({'cold pip cache' if no_cache else 'warm pip cache'}, {sys.version.split()[0]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
