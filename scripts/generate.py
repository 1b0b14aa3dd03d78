"""Regenerate every generated notebook from its source, or check that none has drifted.

    python scripts/generate.py          # write them (`make notebooks`)
    python scripts/generate.py --check  # exit 1 (and say which) if any is out of date

- book/NN_*.md      -> book/NN_*.ipynb        output-free twins that Colab and Binder open
- solutions/NN_*.md -> solutions/NN_*.ipynb   output-free twins of the exercise sources (nbval, Binder)
                    -> exercises/NN_*.ipynb   student notebooks (see exercise_gen.py), with the
                                              Colab badge and a note on saving a copy on top
- _config.yml + git -> the first code ("bootstrap") cell of every generated notebook, which in
                       Colab installs the package as of one pinned commit (notebook_launch.py)
- tests/ops.py, solutions/*.md -> the generated tables in book/03_value.md and book/teaching.md,
                       between their markers (book_tables.py); a chapter's twin has its table

Cell ids come from the cells' content (exercise_gen.assign_ids): inserting a cell in a source
changes no other cell's id in the generated notebooks.

`--check` compares with the pin the committed notebooks already carry (so it gives the same
answer in any clone, shallow or not), then, where this clone's history allows, checks that the
pinned commit holds exactly the package committed here.
"""

import copy
import sys
from pathlib import Path

import jupytext
import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # `scripts` as a package
import exercise_gen  # noqa: E402
import notebook_launch as launch  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "book" / "_ext"))
import lecture  # noqa: E402  (the watch-along links, from book/lecture.yml)

from scripts import book_index, myst_markdown  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
from scripts import book_tables  # noqa: E402

# Glued values the converter could not find in book/_glue.json ("page::key"), filled by targets().
MISSING_GLUE = []


def with_bootstrap(nb, pin):
    """The notebook with its first cell set to the current bootstrap cell."""
    nb = copy.deepcopy(nb)
    cells = [c for c in nb.cells if not launch.is_bootstrap(c) and c.get("id") != launch.BADGE_ID]
    nb.cells = [launch.bootstrap_cell(pin)] + cells
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


def readable(nb, md_path):
    """Markdown cells as plain Jupyter Markdown (myst_markdown.py), and each numbered figure a
    code cell draws followed by its caption ("**Fig. 3.2.** ..."), as the book shows it."""
    docname = Path(md_path).resolve().relative_to(ROOT).with_suffix("").as_posix()
    converter = myst_markdown.Converter(docname)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = converter.convert_cell(cell.source)
        cells.append(cell)
        figure = cell.metadata.get("mystnb", {}).get("figure", {})
        if cell.cell_type == "code" and figure.get("caption"):
            name = figure.get("name", "")
            caption = converter.caption("figure", {"name": name}, figure["caption"])
            cells.append(nbformat.v4.new_markdown_cell(caption, id=f"caption-{name}"[:64]))
    MISSING_GLUE.extend(converter.missing_glue)
    nb.cells = cells
    return nb


def twin(md_path, pin, text=None):
    """The output-free notebook of a chapter (source `text`, else the file's), after the bootstrap
    cell, linking the published site and the lecture (watch-along links written out), its Markdown
    converted from MyST."""
    source = jupytext.read(md_path) if text is None else jupytext.reads(text, fmt="md:myst")
    nb = exercise_gen.assign_ids(source)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = lecture.expand(cell.source)
    return normalise(readable(launch.publish_links(with_bootstrap(nb, pin), md_path), md_path))


def exercise_notebooks(md_path, pin):
    """(solution twin, student notebook) of an exercise source solutions/NN_topic.md."""
    source = launch.publish_links(exercise_gen.read_source(md_path), md_path)
    source = readable(source, md_path)
    solution = normalise(with_bootstrap(source, pin))
    student = normalise(exercise_gen.make_exercise(solution))
    student.cells.insert(0, launch.badge_cell(f"exercises/{md_path.stem}.ipynb"))
    return solution, student


def text(nb):
    return nbformat.writes(nb) + "\n"


def targets(pin):
    """(path, expected text) for every generated file."""
    MISSING_GLUE.clear()
    out = book_tables.pages(ROOT)  # pages with generated tables: first, their twins read them
    for md in sorted((ROOT / "book").glob("[0-9][0-9]_*.md")):
        out[md.with_suffix(".ipynb")] = text(twin(md, pin, out.get(md)))
    for md in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.md")):
        solution, student = exercise_notebooks(md, pin)
        out[md.with_suffix(".ipynb")] = text(solution)
        out[ROOT / "exercises" / f"{md.stem}.ipynb"] = text(student)
    return out


def committed_pins():
    """{pin: [notebooks carrying it]} over the generated notebooks that exist."""
    pins = {}
    for folder in ("book", "solutions", "exercises"):
        for path in sorted((ROOT / folder).glob("[0-9][0-9]_*.ipynb")):
            try:
                pin = launch.pin_of(nbformat.read(path, as_version=4))
            except Exception:  # an unreadable notebook is reported as out of date below
                continue
            pins.setdefault(pin, []).append(path.relative_to(ROOT))
    return pins


def check():
    pins = committed_pins()
    if len(pins) > 1 or None in pins:
        print(
            "The generated notebooks do not all install one pinned commit (run `make notebooks`):"
        )
        for pin, paths in pins.items():
            print(f"  {pin}: {', '.join(map(str, paths[:4]))}{' ...' if len(paths) > 4 else ''}")
        return 1
    pin = next(iter(pins)) if pins else launch.choose_pin()
    generated = targets(pin)
    problems = [
        f"  out of date: {p.relative_to(ROOT)}"
        for p, expected in generated.items()
        if not p.exists() or p.read_text() != expected
    ]
    problems += [f"  no source for: {p.relative_to(ROOT)}" for p in orphans(generated)]
    problems += [f"  no stored value for glued {key}" for key in MISSING_GLUE]
    problems += [
        f"  {docname}'s code changed since {book_index.GLUE.relative_to(ROOT)} stored its glued "
        f"values: run `make book` and commit it"
        for docname in book_index.stale_glue()
    ]
    if problems:
        print(
            "Generated notebooks or tables have drifted from their sources (run `make notebooks`):"
        )
        print("\n".join(problems))
        return 1
    try:
        wrong = launch.verify_pin(pin)
    except launch.PinError as error:
        print(f"All generated notebooks are up to date (pin {pin[:12]}; note: {error}).")
        return 0
    if wrong:
        print(f"The notebooks' pinned commit is stale: {wrong}.")
        return 1
    print(f"All generated notebooks are up to date (they install {pin[:12]}).")
    return 0


def orphans(generated):
    found = []
    for folder in ("book", "solutions", "exercises"):
        found += [p for p in (ROOT / folder).glob("*.ipynb") if p not in generated]
    return found


def write():
    pin = launch.choose_pin()
    if launch.uncommitted_package_changes():
        print(
            f"warning: micrograd/ or pyproject.toml has uncommitted changes; the notebooks install "
            f"{pin[:12]}, which does not have them. Commit them, then run `make notebooks` again.",
            file=sys.stderr,
        )
    generated = targets(pin)
    stale = []
    for path, expected in generated.items():
        if not path.exists() or path.read_text() != expected:
            stale.append(path.relative_to(ROOT))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(expected)
    for path in orphans(generated):
        path.unlink()
    listed = ": " + ", ".join(map(str, stale)) if stale else ""
    if MISSING_GLUE:
        print(
            f"warning: {book_index.GLUE.relative_to(ROOT)} has no value for {', '.join(MISSING_GLUE)}"
            f": the notebooks show the key instead. `make book` stores the values and regenerates.",
            file=sys.stderr,
        )
    print(f"Regenerated {len(stale)} file(s), installing {pin[:12]}{listed}")
    return 0


def main(argv):
    try:
        return check() if "--check" in argv else write()
    except (
        launch.PinError,
        exercise_gen.SolutionMarkerError,
        book_tables.RegionError,
        myst_markdown.MystConversionError,
    ) as error:
        print(f"generate.py: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
