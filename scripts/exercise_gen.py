"""Turn an exercise source (`solutions/NN_topic.md`) into the notebooks readers launch.

The source is a MyST Markdown notebook (jupytext's `myst` format, like the chapters), written by
hand and reviewed as text. The book renders it as the exercise page, executed at build time.
`scripts/generate.py` writes two notebooks from it, never edited by hand:

- `solutions/NN_topic.ipynb`: the same cells, output-free, after the Colab bootstrap cell (for
  nbval and Binder; excluded from the book like `book/*.ipynb`);
- `exercises/NN_topic.ipynb`: the student notebook (`make_exercise`).

Conventions in a source (nbgrader's markers, our own tags):

- `### BEGIN SOLUTION` and `### END SOLUTION` lines (`BEGIN`, `END`: the one definition of the
  marker syntax; the book's extension imports `MARKER_LINE` from here), in code cells, enclose the
  solution. In the student notebook each region becomes `# YOUR CODE HERE` plus a
  `raise NotImplementedError(...)` naming what to write, at the region's indentation. On the
  exercise page a cell holding a region is collapsed, output included, behind "Show solution".
- A markdown heading `## Exercise N.M: title (level)` starts each exercise; the number is quoted
  in the stubs' messages.
- A check cell calls `checks.check_<name>(...)` from `micrograd_checks`.
- A cell tagged `needs-exercise` runs the learner's code at top level (a demo, a plot), so it
  raises until the exercise is done; on the page its output (made by the solution) is collapsed
  too. A cell tagged `solution-only` is left out of the student notebook.

`make_exercise` writes the student version: stubs instead of solutions, no outputs, and the tag
`raises-exception` on every cell that raises until the learner has done the work (top-level
stubs, check cells, `needs-exercise` cells), so `pytest --nbval-lax exercises/` runs the whole
notebook. Cell ids come from the cells' content (`assign_ids`), so inserting a cell leaves every
other cell's id alone.
"""

import ast
import copy
import hashlib
import re
from pathlib import Path

import jupytext

# How a notebook marks an exercise and its check: the grader reads notebooks by the same rules.
from micrograd_checks.grade import CHECK_CALL, EXERCISE_HEADING  # noqa: F401

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
# A whole marker line, as the book strips it from the code it shows.
MARKER_LINE = re.compile(
    rf"^[ \t]*(?:{re.escape(BEGIN)}|{re.escape(END)})[ \t]*(?:\n|\Z)", re.MULTILINE
)
STUB_COMMENT = "# YOUR CODE HERE"
NEEDS_TAG = "needs-exercise"
SOLUTION_ONLY_TAG = "solution-only"
RAISES_TAG = "raises-exception"

DEFINITION = re.compile(r"^(\s*)(?:async\s+)?(def|class)\s+(\w+)")


class SolutionMarkerError(ValueError):
    """A solution region is not closed, not opened, nested, or outside a code cell."""


def solution_regions(source, where="a cell"):
    """[(begin line index, end line index, indentation)] for each BEGIN/END SOLUTION pair in `source`."""
    regions, start = [], None
    for i, line in enumerate(source.splitlines()):
        stripped = line.strip()
        if stripped == BEGIN:
            if start is not None:
                raise SolutionMarkerError(
                    f"{where}: '{BEGIN}' on line {i + 1} before the previous region ended"
                )
            start = i
        elif stripped == END:
            if start is None:
                raise SolutionMarkerError(f"{where}: '{END}' on line {i + 1} without a '{BEGIN}'")
            opening = source.splitlines()[start]
            regions.append((start, i, opening[: len(opening) - len(opening.lstrip())]))
            start = None
        elif BEGIN in line or END in line:
            raise SolutionMarkerError(
                f"{where}: line {i + 1} must hold only the marker: {line.strip()!r}"
            )
    if start is not None:
        raise SolutionMarkerError(
            f"{where}: '{BEGIN}' on line {start + 1} is never closed by '{END}'"
        )
    return regions


def has_solution(cell):
    return cell.cell_type == "code" and any(
        line.strip() == BEGIN for line in cell.source.splitlines()
    )


def is_check_cell(cell):
    return cell.cell_type == "code" and bool(CHECK_CALL.search(cell.source))


def tags(cell):
    return list(cell.metadata.get("tags", []))


def exercise_numbers(nb):
    """For each cell index, the number ("3.2") of the exercise it belongs to, or None before the first one."""
    current, out = None, []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = EXERCISE_HEADING.search(cell.source)
            if match:
                current = match.group(1)
        out.append(current)
    return out


def _enclosing_definitions(lines, index, indent):
    """Names of the def/class blocks around line `index` (outermost first), e.g. ["MyNeuron", "__call__"]."""
    names, limit = [], len(indent)
    for line in reversed(lines[:index]):
        match = DEFINITION.match(line)
        if match and len(match.group(1)) < limit:
            names.insert(0, (match.group(2), match.group(3)))
            limit = len(match.group(1))
            if limit == 0:
                break
    return names


def _assigned_names(code):
    """The names a block of top-level code assigns, in order (empty if it does not parse on its own)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and name.id not in names:
                    names.append(name.id)
    return names


def describe_task(lines, begin, end, indent):
    """What the learner must write, e.g. "write the body of central_difference()"."""
    definitions = _enclosing_definitions(lines, begin, indent)
    if definitions:
        dotted = ".".join(name for _, name in definitions)
        return (
            f"write the body of {dotted}()"
            if definitions[-1][0] == "def"
            else f"write the body of class {dotted}"
        )
    names = [
        n
        for n in _assigned_names("\n".join(line.strip() for line in lines[begin + 1 : end]))
        if n != "_"
    ]
    if not names:
        return "write the code for this cell"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"compute {listed}"


def stub_source(source, exercise=None):
    """`source` with every solution region replaced by a stub; returns (new source, any stub at top level?)."""
    lines = source.splitlines()
    regions = solution_regions(source)
    out, last, top_level = [], 0, False
    for begin, end, indent in regions:
        out.extend(lines[last:begin])
        task = describe_task(lines, begin, end, indent)
        message = f"Exercise {exercise}: {task}" if exercise else task[0].upper() + task[1:]
        out.append(f"{indent}{STUB_COMMENT}")
        out.append(f'{indent}raise NotImplementedError("{message}")')
        top_level = top_level or indent == ""
        last = end + 1
    out.extend(lines[last:])
    return "\n".join(out), top_level


def _add_tag(cell, tag):
    cell.metadata["tags"] = tags(cell) + ([tag] if tag not in tags(cell) else [])


def read_source(path):
    """The exercise source `path` (.md) as a notebook, its markers checked and its cells given ids."""
    path = Path(path)
    nb = jupytext.read(path)
    check_markers(nb, where=path.name)
    return assign_ids(nb)


def check_markers(nb, where="the notebook"):
    """Raise SolutionMarkerError, naming the cell, if a marker is broken or outside a code cell."""
    for i, cell in enumerate(nb.cells, start=1):
        place = f"{where}, cell {i}"
        if cell.cell_type != "code":
            if BEGIN in cell.source or END in cell.source:
                raise SolutionMarkerError(
                    f"{place} is {cell.cell_type}: solution markers only work in code cells "
                    f"(tag a markdown cell `{SOLUTION_ONLY_TAG}` to keep it out of the student notebook)"
                )
            continue
        solution_regions(cell.source, where=place)


def content_id(cell):
    """A cell id from the cell's type and source: the same text gives the same id, wherever it is."""
    digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source.strip()}".encode()).hexdigest()
    return f"{cell.cell_type[0]}{digest[:10]}"


def assign_ids(nb):
    """Give every cell the id `content_id` makes (a repeated cell gets `-2`, `-3`...); returns nb.

    Ids do not depend on positions, so inserting or deleting a cell changes no other cell's id.
    Cells that already have a non-generated id (the bootstrap cell) keep it.
    """
    seen = {}
    for cell in nb.cells:
        if cell.get("id") in FIXED_IDS:
            continue
        base = content_id(cell)
        seen[base] = seen.get(base, 0) + 1
        cell["id"] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return nb


FIXED_IDS = {"bootstrap", "colab-badge"}


def make_exercise(solution_nb):
    """The student notebook: stubs instead of solutions, no outputs, and `raises-exception` where due."""
    nb = copy.deepcopy(solution_nb)
    numbers = exercise_numbers(nb)
    cells = []
    for cell, number in zip(nb.cells, numbers, strict=False):
        if SOLUTION_ONLY_TAG in tags(cell):
            continue
        if cell.cell_type == "code":
            raises = is_check_cell(cell) or NEEDS_TAG in tags(cell)
            if has_solution(cell):
                cell.source, top_level = stub_source(cell.source, number)
                raises = raises or top_level
            if raises:
                _add_tag(cell, RAISES_TAG)
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    nb.cells = cells
    return nb


def student_sources(solution_path):
    """For each code cell of the exercise page `solution_path` (a `solutions/NN_topic.md`), in order:
    the source the student notebook has for that cell, or None when the cell is not in it.

    The in-page editors start from these (the learner's stubs, not the solutions).
    """
    path = Path(solution_path)
    if path.suffix != ".md":
        raise ValueError(
            f"solution_path must be an exercise source solutions/NN_topic.md, got {str(path)!r}"
        )
    source = read_source(path)
    student = {c.id: c.source for c in make_exercise(source).cells if c.cell_type == "code"}
    return [student.get(c.id) for c in source.cells if c.cell_type == "code"]
