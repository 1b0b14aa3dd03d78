"""Install PyTorch's CPU build for the tests that compare gradients with PyTorch -- or say loudly why not.

    python scripts/install_torch.py           # install torch==VERSION if pip would take a CPU build
    python scripts/install_torch.py --report  # only say whether the comparisons will run

PyTorch is a test dependency only (the book and the package never import it), so it is not in
requirements.txt: Binder and readers do not download it. On Linux, PyPI's default torch wheel pulls
in several GB of CUDA libraries; this script asks pip first (`--dry-run --report`) and installs only
when the resolution contains no `nvidia-*` package (a CPU wheel from a local wheel folder or
PyTorch's CPU index configured in pip). Otherwise the PyTorch comparisons skip, and this says so.
"""

import json
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

VERSION = "2.13.0"
ROOT = Path(__file__).resolve().parent.parent


def installed():
    try:
        return metadata.version("torch")
    except metadata.PackageNotFoundError:
        return None


def shout(lines):
    bar = "!" * 78
    print("\n".join(["", bar, *(f"!! {line}" for line in lines), bar, ""]), file=sys.stderr)


def skipped_message(reason):
    return [
        "The PyTorch comparisons (tests/test_torch.py) will be SKIPPED:",
        reason,
        f"To run them, install PyTorch's CPU build into .venv: pip install torch=={VERSION}",
        "with the CPU-only --index-url from PyTorch's installation instructions.",
    ]


def would_install():
    """The distributions pip would install for torch (name, version), from a dry run."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--report", str(report),
            "-c", str(ROOT / "requirements.lock"), f"torch=={VERSION}",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            return None, result.stderr.strip().splitlines()[-1:] or ["pip failed"]
        items = json.loads(report.read_text())["install"]
    return [(i["metadata"]["name"].lower(), i["metadata"]["version"]) for i in items], None


def main(argv):
    version = installed()
    if version is not None:
        if "--report" not in argv:
            print(f"PyTorch {version} is installed: the PyTorch comparisons run.")
        return 0
    if "--report" in argv:
        shout(skipped_message("PyTorch is not installed in this environment."))
        return 0
    plan, error = would_install()
    if plan is None:
        shout(skipped_message(f"pip cannot install torch=={VERSION} here: {' '.join(error)}"))
        return 0
    cuda = sorted(name for name, _ in plan if name.startswith("nvidia-"))
    if cuda:
        shout(
            skipped_message(
                f"pip would download the CUDA build of torch (with {', '.join(cuda[:3])} ...),"
                " several GB; not installing it."
            )
        )
        return 0
    command = [sys.executable, "-m", "pip", "install", "-q", "-c", str(ROOT / "requirements.lock")]
    subprocess.run([*command, f"torch=={VERSION}"], check=True)
    print(f"Installed PyTorch {installed()} (CPU build): the PyTorch comparisons run.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
