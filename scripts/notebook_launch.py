"""What makes a generated notebook work where readers launch it (Colab, Binder, GitHub's viewer).

- The bootstrap cell (first code cell of every generated notebook): in Colab it installs this
  repository's package *as of one commit* (the pin), then Graphviz, and checks both.
- The pin: the commit of the last change to the installable package (`PACKAGE_PATHS`), found with
  git when `make notebooks` runs, or the tag/commit in the environment variable
  `MICROGRAD_BOOK_PIN` (e.g. `make notebooks MICROGRAD_BOOK_PIN=v1.0.0` for a release). A commit
  cannot name itself, but it can name the commit its package comes from, and that name stays
  true until the package changes again.
- The Colab badge and a note on saving a copy, at the top of every student notebook.
- Links to other pages of the book (`../book/03_value.md`) point at the published site
  (`_config.yml`'s `html.baseurl`): relative `.md` links are dead in Colab.

The repository URL and branch, the Colab URL and the site's address all come from `_config.yml`.
"""

import os
import re
import subprocess
from pathlib import Path

import nbformat

from scripts import book_config

ROOT = Path(__file__).resolve().parent.parent
BOOTSTRAP_TAG = "bootstrap"
BADGE_ID = "colab-badge"
PIN_ENV = "MICROGRAD_BOOK_PIN"
PACKAGE_PATHS = ("micrograd", "micrograd_checks", "pyproject.toml")
PIN_LINE = re.compile(r'"git\+(?P<url>[^"@]+)@(?P<pin>[^"]+)"')
PIN_FORMAT = re.compile(r"^[0-9a-f]{40}$|^v?\d+(\.\d+)*([.-]?\w+)?$")

BOOTSTRAP_TEMPLATE = """\
# Run this cell first. In Google Colab it installs this book's `micrograd`
# package, as of the commit these notebooks were made for, from
# {repo_url}
# and Graphviz for the graph pictures, and checks both. (Never `pip install
# micrograd`: that PyPI name is another project.) Anywhere else it does nothing.
import importlib
import os
import shutil
import subprocess
import sys

if "google.colab" in sys.modules:
    source = os.environ.get(
        "MICROGRAD_BOOK_SOURCE",
        "git+{repo_url}@{pin}",
    )
    pip = [sys.executable, "-m", "pip", "install", "-q", f"micrograd-book[viz] @ {{source}}"]
    subprocess.run(pip, check=True)
    if shutil.which("dot") is None:
        apt = "apt-get -qq update && apt-get -qq install -y graphviz >/dev/null"
        subprocess.run(apt, shell=True, check=True)
    importlib.invalidate_caches()
    import micrograd

    if shutil.which("dot") is None:
        raise RuntimeError("Graphviz did not install: the graph pictures will not draw.")
    print(f"Ready: micrograd from {{source}}, Graphviz at {{shutil.which('dot')}}")"""

BADGE_TEMPLATE = """\
[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab})

**Save your own copy before you start.** Colab does not keep changes to this notebook. Choose
*File → Save a copy in Drive* (or *File → Save a copy in GitHub* to keep it in your own
repository). To hand it in, *File → Download → Download .ipynb* and send that file."""

MD_LINK = re.compile(r"\]\((?P<target>[^()\s#]+\.md)(?P<anchor>#[^()\s]*)?\)")


class PinError(RuntimeError):
    """The commit the notebooks install cannot be named or does not hold this package."""


def repository():
    """(url without trailing slash, "owner/name", branch) from _config.yml."""
    return book_config.repository(ROOT)


def _git(*args):
    result = subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=60
    )
    return result.stdout.strip() if result.returncode == 0 else None


def package_commit():
    """The commit of the last change to the package (None outside a git checkout)."""
    return _git("log", "-1", "--format=%H", "--", *PACKAGE_PATHS) or None


def uncommitted_package_changes():
    return bool(_git("status", "--porcelain", "--", *PACKAGE_PATHS))


def choose_pin():
    """The pin for `make notebooks`: $MICROGRAD_BOOK_PIN, else the package's last commit."""
    pin = os.environ.get(PIN_ENV, "").strip() or package_commit()
    if not pin:
        raise PinError(
            f"cannot name the commit the notebooks install: this is not a git checkout. "
            f"Set {PIN_ENV} to a tag or full commit hash of {repository()[0]}."
        )
    if not PIN_FORMAT.match(pin):
        raise PinError(f"{PIN_ENV} must be a full 40-character commit hash or a tag, got {pin!r}")
    return pin


def pin_of(nb):
    """The commit or tag the bootstrap cell of `nb` installs (None if it has no bootstrap cell)."""
    for cell in nb.cells:
        if is_bootstrap(cell):
            match = PIN_LINE.search(cell.source)
            return match.group("pin") if match else None
    return None


def verify_pin(pin):
    """None if `pin` holds exactly the package committed at HEAD, else what is wrong.

    Raises PinError when this clone cannot tell (the pin is not in its history, e.g. a shallow
    clone): the caller decides whether that is fatal.
    """
    commit = _git("rev-parse", "--verify", "--quiet", f"{pin}^{{commit}}")
    if not commit:
        raise PinError(f"{pin} is not in this clone's history, so it cannot be checked here")
    changed = _git("diff", "--name-only", commit, "HEAD", "--", *PACKAGE_PATHS)
    if changed is None:
        raise PinError(f"git cannot compare {pin} with HEAD")
    if changed:
        files = ", ".join(changed.splitlines()[:5])
        return (
            f"the notebooks install {pin[:12]}, but the package changed since ({files}): "
            f"commit the change, then run `make notebooks` and commit the notebooks"
        )
    return None


def is_bootstrap(cell):
    return cell.cell_type == "code" and BOOTSTRAP_TAG in cell.metadata.get("tags", [])


def bootstrap_cell(pin):
    url, _, _ = repository()
    source = BOOTSTRAP_TEMPLATE.format(repo_url=url, pin=pin)
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [BOOTSTRAP_TAG, "remove-cell"]})
    cell.id = BOOTSTRAP_TAG
    return cell


def colab_url(path_in_repo):
    return book_config.launch_urls(path_in_repo, root=ROOT)["Colab"]


def badge_cell(path_in_repo):
    cell = nbformat.v4.new_markdown_cell(BADGE_TEMPLATE.format(colab=colab_url(path_in_repo)))
    cell.id = BADGE_ID
    return cell


def published_url(docname, anchor=""):
    base = book_config.config(ROOT)["html"]["baseurl"].rstrip("/")
    return f"{base}/{docname}.html{anchor}"


def publish_links(nb, source_path):
    """Relative links to other pages of the book (`[..](../book/03_value.md#x)`) -> published URLs."""
    folder = Path(source_path).resolve().parent

    def replace(match):
        target = (folder / match.group("target")).resolve()
        if not target.is_file() or not target.is_relative_to(ROOT):
            return match.group(0)
        docname = target.relative_to(ROOT).with_suffix("").as_posix()
        return f"]({published_url(docname, match.group('anchor') or '')})"

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = MD_LINK.sub(replace, cell.source)
    return nb
