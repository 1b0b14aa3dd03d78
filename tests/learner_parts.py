"""The parts of each exercise, and which part each simulated mistake belongs to (issue 15).

A *part* is one piece of code the learner completes: the function or method around a
`### BEGIN SOLUTION` region (or the exercise's top-level region, as in 2.1). A mistake belongs to
the part whose definition holds the text it replaces; a replacement outside every definition (such
as deleting `Scalar.__radd__ = scalar_radd`) belongs to the parts it names.

Run `python tests/learner_parts.py` to print, per part, how many mistakes it has.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from scripts import exercise_gen  # noqa: E402

LEAST = 5  # simulated mistakes per part


class Part:
    def __init__(self, number, cell, name, first, last):
        self.number, self.cell, self.name = number, cell, name
        self.first, self.last = first, last  # 1-based line numbers of the definition

    def __repr__(self):
        return f"{self.number} {self.name}"


def _definitions(tree):
    """(qualified name, first line, last line) of every function, methods included."""
    out = []

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.ClassDef)):
                name = prefix + child.name
                if isinstance(child, ast.FunctionDef):
                    out.append((name, child.lineno, child.end_lineno))
                visit(child, name + ".")

    visit(tree, "")
    return out


def parts(number, cells):
    """The parts of exercise `number`; `cells` is [(index, source)] of the exercise's code cells."""
    found = []
    for index, source in cells:
        regions = exercise_gen.solution_regions(source)
        if not regions:
            continue
        definitions = _definitions(ast.parse(source))
        for begin, end, _indent in regions:
            line = begin + 1
            inner = [d for d in definitions if d[1] <= line <= d[2]]
            if inner:
                name, first, last = max(inner, key=lambda d: d[1])
            else:  # a region at the top level of the cell: its own lines
                name, first, last = "top-level code", begin + 1, end + 1
            found.append(Part(number, index, name, first, last))
    return found


def owners(replacements, cells, found):
    """The parts one mistake (a list of (old, new) replacements) belongs to."""
    out = []
    for old, _new in replacements:
        if old is None:  # the first region's whole body
            out.append(found[0])
            continue
        for index, source in cells:
            at = source.find(old)
            if at < 0:
                continue
            first = source.count("\n", 0, at) + 1
            last = first + old.rstrip("\n").count("\n")
            inside = [p for p in found if p.cell == index and p.first <= first and last <= p.last]
            named = [p for p in found if p.name.split(".")[-1] in old]
            out.extend(inside or named)
    return list(dict.fromkeys(out))


def count(mistakes_by_exercise, cells_of):
    """{part: [markers]} for every part of every exercise, and [(number, marker)] owned by no part."""
    table, orphans = {}, []
    for number, mistakes in mistakes_by_exercise.items():
        cells = cells_of(number)
        found = parts(number, cells)
        for part in found:
            table[part] = []
        for replacements, marker in mistakes:
            mine = owners(replacements, cells, found)
            if not mine:
                orphans.append((number, marker))
            for part in mine:
                table[part].append(marker)
    return table, orphans


def _main():
    import test_checks_learners as learners

    def cells_of(number):
        name = next(n for n in learners.NAMES if n.startswith(f"{int(number.split('.')[0]):02d}_"))
        return [
            (i, c.source) for i, c, n in learners.code_cells(learners.solution(name)) if n == number
        ]

    table, orphans = count(learners.MISTAKES, cells_of)
    short = 0
    for part, markers in table.items():
        flag = "" if len(markers) >= LEAST else f"   <- {LEAST - len(markers)} more"
        short += max(0, LEAST - len(markers))
        print(f"{part.number:>4} {part.name:<28} {len(markers):>2}{flag}")
    print(f"{len(table)} parts; {short} mistakes missing; {len(orphans)} owned by no part")
    for number, marker in orphans:
        print(f"  no part: {number} {marker!r}")


if __name__ == "__main__":
    _main()
