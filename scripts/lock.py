"""requirements.lock: the exact versions every install of the book uses, resolved from requirements.txt.

    make lock                     # refresh it after editing requirements.txt (about 20 s)
    python scripts/lock.py --check  # exit 1, saying what is out of date, if it no longer matches

`requirements.txt` keeps the ranges the book supports (and says `-c requirements.lock`, so that
`pip install -r requirements.txt` -- `make setup`, CI, Binder -- installs the locked versions).
The lock is written by uv's `pip compile` as one universal resolution (every OS, Python >= 3.10),
so Binder, a Mac and CI agree. Its input is requirements.txt without its option lines (`-c`, `-e .`:
the book's own package has no dependencies).
"""

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"
LOCK = ROOT / "requirements.lock"
UV = "uv==0.13.8"  # the resolver `make lock` installs into .venv
OLDEST_PYTHON = "3.10"  # pyproject.toml's requires-python
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s*(?:;\s*(.+))?$")


def requirement_lines(text):
    """The requirement lines of a requirements file (no comments, blanks or `-x` option lines)."""
    lines = (line.split(" #", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith(("#", "-"))]


def requirements(text):
    return [Requirement(line) for line in requirement_lines(text)]


def pins(text, environment=None):
    """{canonical name: version} of the lock's pins that apply to `environment` (this Python)."""
    out = {}
    for line in text.splitlines():
        match = PIN.match(line.strip())
        if not match:
            continue
        name, version, marker = match.groups()
        if marker is None or Marker(marker).evaluate(environment):
            out[canonicalize_name(name)] = version
    return out


def direct_names(text):
    """Canonical names the lock says it pinned because requirements.txt asked for them."""
    names, current, via = set(), None, False
    for line in text.splitlines():
        match = PIN.match(line.strip())
        if match:
            current, via = canonicalize_name(match.group(1)), False
            continue
        stripped = line.strip()
        if current and stripped.startswith("#"):
            via = via or stripped.startswith("# via")
            if via and "-r requirements.txt" in stripped:
                names.add(current)
    return names


def problems(requirements_text, lock_text, environment=None):
    """Why the lock no longer matches requirements.txt (an empty list when it does)."""
    found = []
    locked = pins(lock_text, environment)
    wanted = requirements(requirements_text)
    for req in wanted:
        if req.marker is not None and not req.marker.evaluate(environment):
            continue
        name = canonicalize_name(req.name)
        if name not in locked:
            found.append(f"{req.name} is in requirements.txt but not in requirements.lock")
        elif not req.specifier.contains(locked[name], prereleases=True):
            found.append(
                f"requirements.lock pins {req.name}=={locked[name]}, outside requirements.txt's {req}"
            )
    for name in sorted(direct_names(lock_text) - {canonicalize_name(r.name) for r in wanted}):
        found.append(
            f"{name} was dropped from requirements.txt but is still locked as a direct requirement"
        )
    if "-c requirements.lock" not in requirements_text.splitlines():
        found.append(
            "requirements.txt must say `-c requirements.lock` (so every install uses the lock)"
        )
    return found


def compile_lock():
    """Resolve requirements.txt's ranges into requirements.lock with uv."""
    uv = Path(sys.executable).parent / "uv"
    if not uv.exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", UV], check=True)
    with tempfile.TemporaryDirectory() as folder:
        # Same file name, so the lock's comments say "via -r requirements.txt".
        source = Path(folder) / "requirements.txt"
        source.write_text("\n".join(requirement_lines(REQUIREMENTS.read_text())) + "\n")
        command = [
            str(uv), "pip", "compile", "requirements.txt", "--quiet", "--universal",
            "--python-version", OLDEST_PYTHON, "--custom-compile-command", "make lock",
            "--output-file", str(LOCK),
        ]  # fmt: skip
        subprocess.run(command, cwd=folder, check=True)


def main(argv):
    if "--check" in argv:
        found = problems(REQUIREMENTS.read_text(), LOCK.read_text())
        for problem in found:
            print(f"requirements.lock is out of date: {problem}", file=sys.stderr)
        if found:
            print("Run `make lock` to refresh it, then `make setup`.", file=sys.stderr)
        return 1 if found else 0
    compile_lock()
    print(f"wrote {LOCK.relative_to(ROOT)}: run `make setup` to install it")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
