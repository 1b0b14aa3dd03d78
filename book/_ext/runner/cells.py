"""Which code cells of a page the in-page runner runs, and with which source (build-time logic).

Works on the executed notebook myst-nb read the page from, so it sees every cell, also those the
HTML leaves out (`remove-cell` helpers). On an exercise page (`solutions/*`) the runner starts
from the student's code: the stubs of the student notebook `exercises/*.ipynb`, not the solution.
"""

import ast
import importlib.util
import re
from pathlib import Path

SKIP_TAGS = ("no-runner", "bootstrap")  # never run in the page (Colab set-up, or opted out)
EXPECT_TAG = "raises-exception"
EXERCISE_EXPECT_TAG = "needs-exercise"  # raises until the learner has done the exercise
HIDDEN_TAG = "remove-cell"
WIDGET_TAG = "remove-input"  # a build helper whose output (a widget) is the point, its code hidden
EXERCISE_PREFIX = "solutions/"
# A cell that calls a check (`checks.check_...(...)`, the capstone's `checks.capstone_summary`):
# its output is a verdict on the code above it.
CHECK_CALL = re.compile(r"\bchecks\.(?:check_\w+|capstone_summary)\(")


def code_cells(nb):
    """[(index among all cells, cell)] for the code cells of `nb`, in order."""
    return [(i, cell) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]


def tags(cell):
    return list(cell.get("metadata", {}).get("tags", []))


def _is_glue(statement):
    call = statement.value if isinstance(statement, ast.Expr) else None
    return isinstance(call, ast.Call) and getattr(call.func, "id", None) == "glue"


def names_read(source):
    """Every name `source` reads (empty if it does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def names_bound(source):
    """The names `source` binds at its top level (assignments, imports, def, class, for)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def build_only(source, read_later=frozenset()):
    """True for a cell that only feeds the book build: `glue(...)` calls, `del` clean-ups and
    assignments to names no later cell reads (`read_later`).

    Such hidden cells are not run in the page: glued numbers only matter to the prose (and may
    come from a matplotlib/numpy cell that cannot run here), and freeing a 100,000-node graph at
    once overflows the browser's smaller stack.
    """
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False

    def housekeeping(statement):
        if _is_glue(statement) or isinstance(statement, ast.Delete):
            return True
        targets = statement.targets if isinstance(statement, ast.Assign) else []
        return bool(targets) and all(
            isinstance(t, ast.Name) and t.id not in read_later for t in targets
        )

    return bool(body) and all(housekeeping(s) for s in body) and any(_is_glue(s) for s in body)


def page_cells(nb, student=None):
    """One entry per code cell the runner runs, in notebook order.

    `student` (exercise pages) is one entry per code cell of `nb`: the student notebook's source
    of that cell, or None when the student notebook does not have it (then it is not run).
    Each entry: index (position among the code cells), cell_index (among all cells), source,
    stub (the source differs from what the page shows), expect_error (any exception is expected:
    tagged `raises-exception`, or `needs-exercise` on an exercise page). Cells tagged `no-runner`
    or `bootstrap`, hidden build-only cells (see `build_only`) and widget cells (`remove-input`:
    the page shows the build's widget, and no later cell reads what they define; the chapter 6
    animation player would spend half a minute drawing frames nobody sees) are left out.
    """
    cells = code_cells(nb)
    if student is not None and len(student) != len(cells):
        raise ValueError(
            f"student sources: expected one entry per code cell ({len(cells)}), got {len(student)}"
        )
    out = []
    read_after = [set() for _ in cells]
    for k in range(len(cells) - 2, -1, -1):
        read_after[k] = read_after[k + 1] | names_read(cells[k + 1][1].source)
    for k, (i, cell) in enumerate(cells):
        source = cell.source if student is None else student[k]
        if source is None or any(tag in SKIP_TAGS for tag in tags(cell)):
            continue
        if HIDDEN_TAG in tags(cell) and build_only(source, read_after[k]):
            continue
        if WIDGET_TAG in tags(cell) and not names_bound(source) & read_after[k]:
            continue  # its output is the build's widget, which the page keeps; nothing needs it
        expect = EXPECT_TAG in tags(cell) or (
            student is not None and EXERCISE_EXPECT_TAG in tags(cell)
        )
        out.append(
            {
                "index": k,
                "cell_index": i,
                "source": source,
                "stub": source != cell.source,
                "expect_error": expect,
            }
        )
    return out


def _exercise_gen(root):
    spec = importlib.util.spec_from_file_location(
        "_runner_exercise_gen", Path(root) / "scripts" / "exercise_gen.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def student_sources(root, solution_path):
    """The student notebook's source of each code cell of the exercise page (or None): from
    `scripts/exercise_gen.py`, the generator that writes the student notebooks."""
    return list(_exercise_gen(root).student_sources(solution_path))


def is_check(source):
    """True for a cell whose output is a check's verdict."""
    return bool(CHECK_CALL.search(source))


def is_part_check(source):
    """True for a cell that checks one exercise part (not the capstone's summary of all parts)."""
    return bool(re.search(r"\bchecks\.check_\w+\(", source))


def is_exercise(docname):
    return docname.startswith(EXERCISE_PREFIX)
