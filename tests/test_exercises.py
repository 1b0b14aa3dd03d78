"""The exercise sources, the notebooks generated from them, and the generator.

- solutions/NN_*.md are the source (MyST Markdown notebooks, reviewed as text): prompts,
  solutions between `### BEGIN SOLUTION` and `### END SOLUTION`, check cells;
- solutions/NN_*.ipynb (output-free twins) and exercises/NN_*.ipynb (student notebooks) are
  generated (scripts/exercise_gen.py via scripts/generate.py) and never edited by hand:
  regenerating them must change nothing;
- at least 3 exercises per chapter, graded warm-up -> core -> stretch, at least 20 in all.
"""

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import micrograd_checks as checks

ROOT = Path(__file__).resolve().parent.parent
from scripts import exercise_gen  # noqa: E402

CHAPTERS = [
    "01_derivatives",
    "02_chain_rule",
    "03_value",
    "04_topological_sort",
    "05_neurons",
    "06_mlp_training",
]
PAGES = CHAPTERS + ["08_capstone"]  # the capstone belongs to no single chapter
HEADING = re.compile(r"^## Exercise (\d+)\.(\d+): (.+) \((warm-up|core|stretch)\)$", re.MULTILINE)
LEVELS = ["warm-up", "core", "stretch"]
STUB = re.compile(
    r'^(\s*)# YOUR CODE HERE\n\1raise NotImplementedError\("Exercise (\d+\.\d+): ([^"]+)"\)$',
    re.MULTILINE,
)


def solution(name):
    """The exercise source solutions/<name>.md, as a notebook (cells with ids, no bootstrap)."""
    return exercise_gen.read_source(ROOT / "solutions" / f"{name}.md")


def solution_twin(name):
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
    assert sorted(p.stem for p in (ROOT / "solutions").glob("*.md")) == PAGES
    assert sorted(p.stem for p in (ROOT / "solutions").glob("*.ipynb")) == PAGES
    assert sorted(p.stem for p in (ROOT / "exercises").glob("*.ipynb")) == PAGES
    toc = (ROOT / "_toc.yml").read_text()
    for name in PAGES:
        assert f"file: solutions/{name}\n" in toc, f"solutions/{name} is not in _toc.yml"


@pytest.mark.parametrize("name", PAGES)
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
    assert sum(len(headings(solution(name))) for name in PAGES) >= 20


@pytest.mark.parametrize("name", CHAPTERS)
def test_title_chapter_link_and_intro(name):
    nb = solution(name)
    first = nb.cells[0]
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


@pytest.mark.parametrize("name", PAGES)
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
    used = [call for name in PAGES for call in check_calls(solution(name))]
    assert sorted(used) == sorted(n for n in checks.__all__ if n.startswith("check_"))


@pytest.mark.parametrize("name", PAGES)
def test_sources_are_text_and_twins_output_free(name):
    """The hand-written source is MyST text; its generated twin has the same cells, no outputs."""
    text = (ROOT / "solutions" / f"{name}.md").read_text()
    assert text.startswith("---\njupytext:") and "format_name: myst" in text.split("---")[1]
    assert '"outputs"' not in text and "hide-input" not in text
    source, twin = solution(name), solution_twin(name)
    assert twin.cells[0].id == "bootstrap"
    code = [(c.id, c.cell_type, c.source if c.cell_type == "code" else "") for c in twin.cells[1:]]
    assert code == [
        (c.id, c.cell_type, c.source if c.cell_type == "code" else "") for c in source.cells
    ]
    for cell in twin.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{name}: {cell.id}"


@pytest.mark.parametrize("name", PAGES)
def test_student_notebook_has_stubs_instead_of_solutions(name):
    sol, ex = solution_twin(name), exercise(name)
    kept = [c for c in sol.cells if exercise_gen.SOLUTION_ONLY_TAG not in exercise_gen.tags(c)]
    assert ex.cells[0].id == "colab-badge"
    ex.cells = ex.cells[1:]
    assert [c.id for c in ex.cells] == [c.id for c in kept]
    numbers = exercise_gen.exercise_numbers(ex)
    for i, (s, e) in enumerate(zip(kept, ex.cells, strict=True)):
        assert "BEGIN SOLUTION" not in e.source and "END SOLUTION" not in e.source
        if e.cell_type != "code":
            assert e.source == s.source
            continue
        assert not e.outputs and e.execution_count is None, f"{name} cell {i} has outputs"
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


SMALL_SOURCE = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Exercises: Test

## Exercise 9.1: A thing (warm-up)

```{{code-cell}} ipython3
{solution}
```

```{{code-cell}} ipython3
:tags: [needs-exercise]
print(slope(abs, 1))
```

```{{code-cell}} ipython3
checks.check_thing(slope)
```

```{{code-cell}} ipython3
x = 1
```

```{{code-cell}} ipython3
:tags: [solution-only]
print("only in the solution")
```
"""


def small_source(tmp_path, solution=SOURCE, name="09_test.md"):
    path = tmp_path / name
    path.write_text(SMALL_SOURCE.format(solution=solution))
    return path


def test_make_exercise_tags_what_raises_and_drops_solution_only_cells(tmp_path):
    nb = exercise_gen.make_exercise(exercise_gen.read_source(small_source(tmp_path)))
    assert len(nb.cells) == 5
    definition, demo, check, plain = nb.cells[1:5]
    assert "raises-exception" not in definition.metadata.get("tags", []), (
        "defining a stubbed function runs fine"
    )
    assert "NotImplementedError" in definition.source and "f(x + 1)" not in definition.source
    assert demo.metadata["tags"] == ["needs-exercise", "raises-exception"]
    assert check.metadata["tags"] == ["raises-exception"]
    assert "raises-exception" not in plain.metadata.get("tags", [])
    assert not any("only in the solution" in c.source for c in nb.cells)


def test_student_sources_are_the_stubs_cell_by_cell(tmp_path):
    path = small_source(tmp_path)
    sources = exercise_gen.student_sources(path)
    stubbed, _ = exercise_gen.stub_source(SOURCE, "9.1")
    assert sources == [
        stubbed,
        "print(slope(abs, 1))",
        "checks.check_thing(slope)",
        "x = 1",
        None,  # solution-only: not in the student notebook
    ]
    with pytest.raises(ValueError, match="solution_path"):
        exercise_gen.student_sources(path.with_suffix(".ipynb"))


@pytest.mark.parametrize("name", PAGES)
def test_student_sources_match_the_student_notebook(name):
    sources = exercise_gen.student_sources(ROOT / "solutions" / f"{name}.md")
    page_code = [c for c in solution(name).cells if c.cell_type == "code"]
    assert len(sources) == len(page_code)
    student = [c.source for c in exercise(name).cells if c.cell_type == "code"][1:]  # no bootstrap
    assert [s for s in sources if s is not None] == student
    for cell, stub in zip(page_code, sources, strict=True):
        if exercise_gen.has_solution(cell):
            assert stub != cell.source and exercise_gen.STUB_COMMENT in stub


def test_markers_in_markdown_are_refused(tmp_path):
    path = small_source(tmp_path)
    path.write_text(
        path.read_text().replace("# Exercises: Test", "# Exercises: Test\n\n### BEGIN SOLUTION")
    )
    with pytest.raises(exercise_gen.SolutionMarkerError, match="09_test.md, cell 1 is markdown"):
        exercise_gen.read_source(path)


def test_broken_markers_in_a_source_name_the_cell(tmp_path):
    path = small_source(tmp_path, solution="### BEGIN SOLUTION\ny = 2")
    with pytest.raises(
        exercise_gen.SolutionMarkerError, match="09_test.md, cell 2: .* never closed"
    ):
        exercise_gen.read_source(path)


def test_cell_ids_survive_inserting_a_cell(tmp_path):
    before = exercise_gen.read_source(small_source(tmp_path))
    path = small_source(tmp_path, name="09_other.md")
    path.write_text(
        path.read_text().replace(
            "```{code-cell} ipython3\nchecks.",
            "```{code-cell} ipython3\nnew = 1\n```\n\n```{code-cell} ipython3\nchecks.",
        )
    )
    after = exercise_gen.read_source(path)
    assert len(after.cells) == len(before.cells) + 1
    assert [c.id for c in after.cells if c.source != "new = 1"] == [c.id for c in before.cells]


def test_repeated_cells_get_distinct_ids(tmp_path):
    path = small_source(tmp_path, solution="x = 1")
    ids = [c.id for c in exercise_gen.read_source(path).cells]
    assert len(set(ids)) == len(ids)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1") for _ in range(3)])
    nbformat.validate(exercise_gen.assign_ids(nb))
    assert len({c.id for c in nb.cells}) == 3
