"""The exercise pages: solution notebooks, the student notebooks generated from them, and the generator.

- solutions/NN_*.ipynb are the source: prompts, solutions between `### BEGIN SOLUTION` and
  `### END SOLUTION`, check cells; committed with their outputs (nbval compares them);
- exercises/NN_*.ipynb are generated (scripts/exercise_gen.py via scripts/generate.py) and never
  edited by hand: regenerating them must change nothing;
- at least 3 exercises per chapter, graded warm-up -> core -> stretch, at least 20 in all;
- in the book every solution cell is collapsed behind "Show solution".
"""

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from micrograd import checks

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import exercise_gen  # noqa: E402

CHAPTERS = [
    "01_derivatives",
    "02_chain_rule",
    "03_value",
    "04_topological_sort",
    "05_neurons",
    "06_mlp_training",
]
HEADING = re.compile(r"^## Exercise (\d+)\.(\d+): (.+) \((warm-up|core|stretch)\)$", re.MULTILINE)
LEVELS = ["warm-up", "core", "stretch"]
STUB = re.compile(
    r'^(\s*)# YOUR CODE HERE\n\1raise NotImplementedError\("Exercise (\d+\.\d+): ([^"]+)"\)$',
    re.MULTILINE,
)


def solution(name):
    return nbformat.read(ROOT / "solutions" / f"{name}.ipynb", as_version=4)


def exercise(name):
    return nbformat.read(ROOT / "exercises" / f"{name}.ipynb", as_version=4)


def headings(nb):
    return [
        m.groups()
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for m in HEADING.finditer(cell.source)
    ]


def check_calls(nb):
    return [
        name
        for cell in nb.cells
        if exercise_gen.is_check_cell(cell)
        for name in re.findall(r"checks\.(\w+)\(", cell.source)
    ]


# ----- the committed files ---------------------------------------------------------------------------


def test_generated_notebooks_are_up_to_date():
    """`generate.py --check` finds no drift in the solutions or the student notebooks (never edit those by hand).

    (The chapter twins it also checks are tested in test_generated.py.)
    """
    result = subprocess.run(
        [sys.executable, "scripts/generate.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert not result.stderr, result.stderr
    ours = [
        line for line in result.stdout.splitlines() if re.search(r"\b(solutions|exercises)/", line)
    ]
    assert not ours, "run `make exercises` (python scripts/generate.py):\n" + "\n".join(ours)
    assert result.returncode == 0 or "drifted" in result.stdout, result.stdout


def test_one_solution_and_one_exercise_notebook_per_chapter():
    assert sorted(p.stem for p in (ROOT / "solutions").glob("*.ipynb")) == CHAPTERS
    assert sorted(p.stem for p in (ROOT / "exercises").glob("*.ipynb")) == CHAPTERS
    toc = (ROOT / "_toc.yml").read_text()
    for name in CHAPTERS:
        assert f"file: solutions/{name}\n" in toc, f"solutions/{name} is not in _toc.yml"


@pytest.mark.parametrize("name", CHAPTERS)
def test_exercises_are_numbered_and_graded(name):
    found = headings(solution(name))
    assert len(found) >= 3, (
        f"{name}: {len(found)} exercises (headings '## Exercise N.M: title (level)'), want 3+"
    )
    assert [(int(c), int(n)) for c, n, _, _ in found] == [
        (int(name[:2]), i + 1) for i in range(len(found))
    ]
    levels = [LEVELS.index(level) for *_, level in found]
    assert levels == sorted(levels) and levels[0] == 0 and levels[-1] == 2, (
        f"{name}: levels {levels}"
    )


def test_at_least_twenty_exercises():
    assert sum(len(headings(solution(name))) for name in CHAPTERS) >= 20


@pytest.mark.parametrize("name", CHAPTERS)
def test_title_chapter_link_and_intro(name):
    nb = solution(name)
    first = nb.cells[1]
    assert first.cell_type == "markdown" and first.source.startswith("# Exercises: "), first.source[
        :60
    ]
    title = first.source.splitlines()[0].removeprefix("# Exercises: ")
    assert f"Chapter: [{title}](../book/{name}.md)" in first.source, (
        "link back to the chapter near the top"
    )
    assert len(first.source.split("\n\n")) >= 3, (
        "a short intro after the title and the chapter link"
    )
    chapter = ROOT / "book" / f"{name}.md"
    if chapter.exists():  # the page title repeats the chapter's title
        h1 = next(line for line in chapter.read_text().splitlines() if line.startswith("# "))
        assert title == h1.removeprefix("# "), (
            f"exercise page title {title!r} != chapter title {h1!r}"
        )


@pytest.mark.parametrize("name", CHAPTERS)
def test_each_exercise_has_a_solution_and_then_one_check(name):
    nb = solution(name)
    numbers = exercise_gen.exercise_numbers(nb)
    for number in dict.fromkeys(n for n in numbers if n):
        cells = [(i, c) for i, c in enumerate(nb.cells) if numbers[i] == number]
        solved = [i for i, c in cells if exercise_gen.has_solution(c)]
        checked = [i for i, c in cells if exercise_gen.is_check_cell(c)]
        assert solved, f"exercise {number} has no solution region"
        assert len(checked) == 1 and checked[0] > max(solved), (
            f"exercise {number}: one check cell after the solution"
        )
    assert not any(
        exercise_gen.has_solution(c) for c, n in zip(nb.cells, numbers, strict=True) if n is None
    )


def test_every_check_is_used_once():
    used = [call for name in CHAPTERS for call in check_calls(solution(name))]
    assert sorted(used) == sorted(n for n in checks.__all__ if n.startswith("check_"))


@pytest.mark.parametrize("name", CHAPTERS)
def test_solution_cells_hide_behind_show_solution(name):
    for i, cell in enumerate(solution(name).cells):
        if exercise_gen.has_solution(cell):
            assert "hide-input" in cell.metadata.get("tags", []), f"cell {i}"
            assert cell.metadata.get("mystnb") == exercise_gen.PROMPTS, f"cell {i}"
        else:
            assert "hide-input" not in cell.metadata.get("tags", []), (
                f"cell {i} is not a solution but is hidden"
            )


@pytest.mark.parametrize("name", CHAPTERS)
def test_solutions_are_committed_with_outputs(name):
    nb = solution(name)
    numbers = exercise_gen.exercise_numbers(nb)
    for i, cell in enumerate(nb.cells[1:], start=1):
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None, (
            f"{name} cell {i} was not executed (run the notebook, then generate)"
        )
        assert not [o for o in cell.outputs if o.output_type == "error"], (
            f"{name} cell {i} has an error output"
        )
        if exercise_gen.is_check_cell(cell):
            text = "".join(o.get("text", "") for o in cell.outputs)
            assert text.startswith(f"✔ Exercise {numbers[i]} passed"), f"{name} cell {i}: {text!r}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_student_notebook_has_stubs_instead_of_solutions(name):
    sol, ex = solution(name), exercise(name)
    kept = [c for c in sol.cells if exercise_gen.SOLUTION_ONLY_TAG not in exercise_gen.tags(c)]
    assert [c.id for c in ex.cells] == [c.id for c in kept]
    numbers = exercise_gen.exercise_numbers(ex)
    for i, (s, e) in enumerate(zip(kept, ex.cells, strict=True)):
        assert "BEGIN SOLUTION" not in e.source and "END SOLUTION" not in e.source
        if e.cell_type != "code":
            assert e.source == s.source
            continue
        assert not e.outputs and e.execution_count is None, f"{name} cell {i} has outputs"
        assert "hide-input" not in exercise_gen.tags(e) and "mystnb" not in e.metadata
        lines = s.source.splitlines()
        regions = exercise_gen.solution_regions(s.source)
        stubs = STUB.findall(e.source)
        assert len(stubs) == len(regions), (
            f"{name} cell {i}: {len(regions)} solution regions, {len(stubs)} stubs"
        )
        for (begin, end, indent), (stub_indent, number, task) in zip(regions, stubs, strict=True):
            assert (stub_indent, number) == (indent, numbers[i])
            assert task.startswith(("write the body of", "compute "))
            body = "\n".join(lines[begin + 1 : end]).strip()
            assert body not in e.source, (
                f"{name} cell {i}: the solution leaked into the student notebook"
            )
        top_level_stub = any(indent == "" for indent, _, _ in stubs)
        should_raise = (
            exercise_gen.is_check_cell(e)
            or exercise_gen.NEEDS_TAG in exercise_gen.tags(e)
            or top_level_stub
        )
        assert (exercise_gen.RAISES_TAG in exercise_gen.tags(e)) == should_raise, f"{name} cell {i}"


# ----- the generator ---------------------------------------------------------------------------------

SOURCE = '''\
def slope(f, x):
    """The slope."""
    ### BEGIN SOLUTION
    return (f(x + 1) - f(x))
    ### END SOLUTION


class Thing:
    def parameters(self):
        ### BEGIN SOLUTION
        return [self.w]
        ### END SOLUTION'''


def test_stubs_keep_the_indentation_and_name_the_function():
    stubbed, top_level = exercise_gen.stub_source(SOURCE, "1.2")
    assert not top_level
    assert (
        '    # YOUR CODE HERE\n    raise NotImplementedError("Exercise 1.2: write the body of slope()")'
        in stubbed
    )
    assert (
        '        raise NotImplementedError("Exercise 1.2: write the body of Thing.parameters()")'
        in stubbed
    )
    assert "f(x + 1)" not in stubbed and "self.w" not in stubbed
    compile(stubbed, "<stub>", "exec")


def test_top_level_stubs_name_what_to_compute():
    source = "a = 1\n### BEGIN SOLUTION\nb = a + 1\nc, d = b, 2 * b\n### END SOLUTION\nprint(b)"
    stubbed, top_level = exercise_gen.stub_source(source, "2.1")
    assert top_level
    assert stubbed.splitlines()[1:3] == [
        "# YOUR CODE HERE",
        'raise NotImplementedError("Exercise 2.1: compute b, c and d")',
    ]


@pytest.mark.parametrize(
    "source",
    [
        "### BEGIN SOLUTION\nx = 1",
        "x = 1\n### END SOLUTION",
        "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION",
        "x = 1  ### BEGIN SOLUTION\n### END SOLUTION",
    ],
)
def test_broken_markers_fail_loudly(source):
    with pytest.raises(exercise_gen.SolutionMarkerError):
        exercise_gen.solution_regions(source)


def small_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Exercises: Test\n\n## Exercise 9.1: A thing (warm-up)"),
        nbformat.v4.new_code_cell(
            SOURCE, metadata={"execution": {"iopub.status.busy": "2026-01-01"}}
        ),
        nbformat.v4.new_code_cell("print(slope(abs, 1))", metadata={"tags": ["needs-exercise"]}),
        nbformat.v4.new_code_cell("checks.check_thing(slope)"),
        nbformat.v4.new_code_cell(
            "x = 1", metadata={"tags": ["hide-input"], "mystnb": dict(exercise_gen.PROMPTS)}
        ),
        nbformat.v4.new_markdown_cell("Why it works.", metadata={"tags": ["solution-only"]}),
    ]
    nb.cells[1].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a"),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output(
            "display_data", data={"text/plain": "<graphviz.graphs.Digraph at 0x7f2fe6d16750>"}
        ),
    ]
    return nb


def test_normalise_solution_hides_solutions_and_is_idempotent():
    once = exercise_gen.normalise_solution(small_notebook())
    assert once == exercise_gen.normalise_solution(once)
    solution_cell, plain = once.cells[1], once.cells[4]
    assert solution_cell.metadata == {"tags": ["hide-input"], "mystnb": exercise_gen.PROMPTS}
    assert solution_cell.outputs[0].text == "ab\n", "split prints are joined"
    assert solution_cell.outputs[1].data["text/plain"] == "<graphviz.graphs.Digraph at 0x0>", (
        "no memory addresses"
    )
    assert plain.metadata == {"tags": ["hide-input"]}, (
        "the Show-solution prompts only go on solution cells"
    )


def test_markers_in_markdown_are_refused():
    nb = small_notebook()
    nb.cells[0].source += "\n### BEGIN SOLUTION"
    with pytest.raises(exercise_gen.SolutionMarkerError):
        exercise_gen.normalise_solution(nb)


def test_make_exercise_tags_what_raises_and_drops_solution_only_cells():
    nb = exercise_gen.make_exercise(exercise_gen.normalise_solution(small_notebook()))
    assert len(nb.cells) == 5
    definition, demo, check, plain = nb.cells[1:5]
    assert "raises-exception" not in definition.metadata.get("tags", []), (
        "defining a stubbed function runs fine"
    )
    assert definition.outputs == [] and "mystnb" not in definition.metadata
    assert demo.metadata["tags"] == ["needs-exercise", "raises-exception"]
    assert check.metadata["tags"] == ["raises-exception"]
    assert "raises-exception" not in plain.metadata.get("tags", [])
