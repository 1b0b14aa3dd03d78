"""Build the book with Jupyter Book, failing loudly.

- Sphinx warnings are errors (-W), and a notebook cell error fails the build.
- Notebooks are cached by jupyter-cache, which only looks at the notebooks'
  own code. The chapters also depend on the `micrograd` package, so this
  script fingerprints `micrograd/**/*.py`: when the package changes, the cache
  is cleared and every page re-executes (`--all`).
- Sphinx only rewrites pages whose sources changed, but a chapter's launch
  buttons depend on whether its `.ipynb` twin exists: when the set of twins
  changes, every page is rewritten (`--all`, reusing the execution cache).
"""

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
CACHE = BUILD / ".jupyter_cache"
STAMP = BUILD / ".micrograd-fingerprint"
TWINS = BUILD / ".twins"


def package_fingerprint():
    digest = hashlib.sha256()
    # book/_ext/book_widgets.py makes the figures of two chapters' build cells
    widgets = ROOT / "book" / "_ext" / "book_widgets.py"
    for path in sorted([*(ROOT / "micrograd").rglob("*.py"), widgets]):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def twin_names():
    return "\n".join(sorted(p.name for p in (ROOT / "book").glob("*.ipynb")))


def main(argv):
    fingerprint = package_fingerprint()
    previous = STAMP.read_text().strip() if STAMP.exists() else None
    twins = twin_names()
    args = ["jupyter-book", "build", str(ROOT), "-W", "-n", "--keep-going"]
    if previous != fingerprint or "--all" in argv:
        if previous is not None:
            print("micrograd/ changed since the last build: re-executing every notebook")
        shutil.rmtree(CACHE, ignore_errors=True)
        args.append("--all")
    elif not TWINS.exists() or TWINS.read_text() != twins:
        args.append("--all")
    start = time.perf_counter()
    result = subprocess.run([str(Path(sys.executable).parent / args[0]), *args[1:]], cwd=ROOT)
    if result.returncode != 0:
        # A failed build must not leave a stale stamp behind, so the next build re-executes.
        STAMP.unlink(missing_ok=True)
        print(
            "\nThe book build FAILED (see the errors above; warnings count as errors).",
            file=sys.stderr,
        )
        return result.returncode
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    STAMP.write_text(fingerprint + "\n")
    TWINS.write_text(twins)
    print(f"Built the book in {time.perf_counter() - start:.1f} s: open _build/html/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
