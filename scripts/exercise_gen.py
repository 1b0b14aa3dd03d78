"""Turn a solution notebook (`solutions/NN_topic.ipynb`) into a student notebook (`exercises/NN_topic.ipynb`).

Conventions in a solution notebook (nbgrader's markers, our own tags):

- `### BEGIN SOLUTION` and `### END SOLUTION` lines, in code cells, enclose the solution. In the
  student notebook each region becomes `# YOUR CODE HERE` plus a `raise NotImplementedError(...)`
  naming what to write, at the region's indentation.
- A markdown heading `## Exercise N.M: title (level)` starts each exercise; the number is quoted
  in the stubs' messages.
- A check cell calls `checks.check_<name>(...)` from `micrograd.checks`.
- A cell tagged `needs-exercise` runs the learner's code at top level (a demo, a plot), so it
  raises until the exercise is done. A cell tagged `solution-only` is left out of the student notebook.

`normalise_solution` (applied to the committed solution notebook) hides every solution cell in the
book behind a "Show solution" toggle (tag `hide-input` + per-cell myst-nb prompts) and drops
run-dependent cell metadata. `make_exercise` writes the student version: stubs instead of
solutions, no outputs, and the tag `raises-exception` on every cell that raises until the learner
has done the work (top-level stubs, check cells, `needs-exercise` cells), so
`pytest --nbval-lax exercises/` runs the whole notebook.
"""

import ast
import copy
import re

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB_COMMENT = "# YOUR CODE HERE"
HIDE_TAG = "hide-input"
PROMPTS = {"code_prompt_show": "Show solution", "code_prompt_hide": "Hide solution"}
NEEDS_TAG = "needs-exercise"
SOLUTION_ONLY_TAG = "solution-only"
RAISES_TAG = "raises-exception"
VOLATILE_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")

EXERCISE_HEADING = re.compile(r"^#{2,3}\s+Exercise\s+(\d+\.\d+)\b", re.MULTILINE)
CHECK_CALL = re.compile(r"\bchecks\.check_\w+\(")
DEFINITION = re.compile(r"^(\s*)(?:async\s+)?(def|class)\s+(\w+)")
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")


class SolutionMarkerError(ValueError):
    """A solution region is not closed, not opened, or nested."""


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


def _remove_tag(cell, tag):
    remaining = [t for t in tags(cell) if t != tag]
    if remaining:
        cell.metadata["tags"] = remaining
    else:
        cell.metadata.pop("tags", None)


def _set_prompts(cell, on):
    mystnb = dict(cell.metadata.get("mystnb", {}))
    for key, value in PROMPTS.items():
        if on:
            mystnb[key] = value
        elif mystnb.get(key) == value:
            del mystnb[key]
    if mystnb:
        cell.metadata["mystnb"] = mystnb
    else:
        cell.metadata.pop("mystnb", None)


def _is_stream(output):
    return output is not None and output.output_type == "stream"


def _merge_streams(outputs):
    """Join consecutive stdout (or stderr) chunks: how a print is split into messages varies from run to run."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if _is_stream(output) and _is_stream(previous) and previous.name == output.name:
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def _without_addresses(outputs):
    """`<graphviz.graphs.Digraph at 0x7f...>` -> `... at 0x0>`: memory addresses change on every run."""
    for output in outputs:
        plain = output.get("data", {}).get("text/plain")
        if isinstance(plain, str):
            output["data"]["text/plain"] = ADDRESS.sub(" at 0x0>", plain)
    return outputs


def normalise_solution(nb):
    """The solution notebook as it should be committed: every solution cell hidden behind "Show solution".

    Also drops run-dependent cell metadata and memory addresses, and joins split stream outputs, so
    re-running the notebook gives the same file.
    """
    nb = copy.deepcopy(nb)
    for i, cell in enumerate(nb.cells):
        for key in VOLATILE_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            if BEGIN in cell.source or END in cell.source:
                raise SolutionMarkerError(
                    f"cell {i} is {cell.cell_type}: solution markers only work in code cells "
                    f"(tag a markdown cell `{SOLUTION_ONLY_TAG}` to keep it out of the student notebook)"
                )
            continue
        solution_regions(cell.source, where=f"cell {i}")  # fail loudly on broken markers
        cell.outputs = _without_addresses(_merge_streams(cell.get("outputs", [])))
        if has_solution(cell):
            _add_tag(cell, HIDE_TAG)
        _set_prompts(cell, on=has_solution(cell))
    return nb


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
                _remove_tag(cell, HIDE_TAG)
                _set_prompts(cell, on=False)
            if raises:
                _add_tag(cell, RAISES_TAG)
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    nb.cells = cells
    return nb
