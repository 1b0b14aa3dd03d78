"""Regenerate every generated notebook from its source, or check that none has drifted.

    python scripts/generate.py          # write them
    python scripts/generate.py --check  # exit 1 (and say which) if any is out of date

- book/NN_*.md      -> book/NN_*.ipynb        output-free twins that Colab and Binder open
- solutions/NN_*.md -> solutions/NN_*.ipynb   output-free twins of the exercise sources (nbval, Binder)
                    -> exercises/NN_*.ipynb   student notebooks (see exercise_gen.py)
- _config.yml       -> the first ("bootstrap") cell of every generated notebook

Cell ids come from the cells' content (exercise_gen.assign_ids): inserting a cell in a source
changes no other cell's id in the generated notebooks.
"""

import copy
import sys
from pathlib import Path

import jupytext
import nbformat
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import exercise_gen  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BOOTSTRAP_TAG = "bootstrap"

BOOTSTRAP_TEMPLATE = """\
# Run this cell first. In Google Colab it installs this book's `micrograd`
# package from {repo_url}
# (never `pip install micrograd`: that PyPI name is another project) and
# Graphviz for the graph pictures. Anywhere else it does nothing.
import os
import subprocess
import sys

if "google.colab" in sys.modules:
    source = os.environ.get(
        "MICROGRAD_BOOK_SOURCE", "git+{repo_url}@{branch}"
    )
    package = f"micrograd-book[viz] @ {{source}}"
    pip = [sys.executable, "-m", "pip", "install", "-q", package]
    subprocess.run(pip, check=True)
    graphviz = "apt-get -qq install -y graphviz >/dev/null"
    subprocess.run(f"command -v dot >/dev/null || {{graphviz}}", shell=True)"""


def config():
    return yaml.safe_load((ROOT / "_config.yml").read_text())


def bootstrap_cell():
    repo = config()["repository"]
    source = BOOTSTRAP_TEMPLATE.format(
        repo_url=repo["url"].rstrip("/"), branch=repo.get("branch", "main")
    )
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [BOOTSTRAP_TAG, "remove-cell"]})
    cell.id = "bootstrap"
    return cell


def with_bootstrap(nb):
    """The notebook with its first cell set to the current bootstrap cell."""
    nb = copy.deepcopy(nb)
    cells = [c for c in nb.cells if BOOTSTRAP_TAG not in c.metadata.get("tags", [])]
    nb.cells = [bootstrap_cell()] + cells
    return nb


def normalise(nb):
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nb.nbformat, nb.nbformat_minor = 4, 5
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def twin(md_path):
    """The output-free notebook of a MyST source, after the bootstrap cell."""
    return normalise(with_bootstrap(exercise_gen.assign_ids(jupytext.read(md_path))))


def text(nb):
    return nbformat.writes(nb) + "\n"


def targets():
    """(path, expected text) for every generated file, and the solution sources normalised."""
    out = {}
    for md in sorted((ROOT / "book").glob("[0-9][0-9]_*.md")):
        out[md.with_suffix(".ipynb")] = text(twin(md))
    for md in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.md")):
        solution = normalise(with_bootstrap(exercise_gen.read_source(md)))
        out[md.with_suffix(".ipynb")] = text(solution)
        exercise = normalise(exercise_gen.make_exercise(solution))
        out[ROOT / "exercises" / md.with_suffix(".ipynb").name] = text(exercise)
    return out


def main(argv):
    check = "--check" in argv
    stale = []
    generated = targets()
    for path, expected in generated.items():
        current = path.read_text() if path.exists() else None
        if current != expected:
            stale.append(path.relative_to(ROOT))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(expected)
    orphans = [p for p in (ROOT / "exercises").glob("*.ipynb") if p not in generated]
    orphans += [p for p in (ROOT / "book").glob("*.ipynb") if p not in generated]
    orphans += [p for p in (ROOT / "solutions").glob("*.ipynb") if p not in generated]
    if check:
        problems = [f"  out of date: {p}" for p in stale] + [
            f"  no source for: {p.relative_to(ROOT)}" for p in orphans
        ]
        if problems:
            print("Generated notebooks have drifted from their sources (run `make notebooks`):")
            print("\n".join(problems))
            return 1
        print("All generated notebooks are up to date.")
        return 0
    for p in orphans:
        p.unlink()
    print(
        f"Regenerated {len(stale)} file(s)" + (": " + ", ".join(map(str, stale)) if stale else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
