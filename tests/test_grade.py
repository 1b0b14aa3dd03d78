"""The teachers' grader, `python -m micrograd_checks.grade`, run as a teacher runs it.

- on the solution notebooks: every exercise passed; on the generated student notebooks: every
  exercise "not done" (and both flagged as handed in without being run);
- on broken submissions made from chapter 1's solution: a wrong answer (failed, with the check's
  first line), an endless loop (timed out, in time), a syntax error, a deleted check cell (check
  changed), a process that kills itself, memory past the limit (errors that say so), a file that
  is not JSON;
- `--json` writes the same rows (JSON Lines); bad arguments are refused with a message naming them;
- statuses follow the class hierarchy of micrograd_checks.core, new subclasses included.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from micrograd_checks import core, grade
from micrograd_checks.grader import notebook, sandbox

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))


# The grading logic is tested with or without bubblewrap; the sandbox itself in test_grade_attacks.
SANDBOX = [] if sandbox.bwrap() else ["--no-sandbox"]


def run_grader(*args, timeout=900):
    result = subprocess.run(
        [sys.executable, "-m", "micrograd_checks.grade", *SANDBOX, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def read_rows(path):
    return [json.loads(line) for line in Path(path).read_text().splitlines()]


def rows_by_exercise(rows, notebook):
    return {r["exercise"]: r for r in rows if Path(r["notebook"]).name == notebook}


@pytest.fixture(scope="module")
def graded_solutions(tmp_path_factory):
    out = tmp_path_factory.mktemp("grade") / "rows.json"
    result = run_grader("--jobs", 2, "--json", out, *SOLUTIONS, *EXERCISES)
    assert result.returncode == 0, result.stdout + result.stderr
    return read_rows(out), result.stdout


def test_solutions_all_pass(graded_solutions):
    rows, _ = graded_solutions
    mine = [r for r in rows if "/solutions/" in f"/{r['notebook']}"]
    assert len(mine) >= 20 and {Path(r["notebook"]) for r in mine} == set(SOLUTIONS)
    assert [r for r in mine if r["status"] != "passed"] == []
    assert all(grade.NEVER_RUN in r["message"] for r in mine), "output-free: handed in unrun"


def test_student_notebooks_are_all_not_done(graded_solutions):
    rows, _ = graded_solutions
    mine = [r for r in rows if "/exercises/" in f"/{r['notebook']}"]
    solved = {(Path(r["notebook"]).name, r["exercise"]) for r in rows if r not in mine}
    assert {(Path(r["notebook"]).name, r["exercise"]) for r in mine} == solved
    wrong = [r for r in mine if r["status"] != "not done"]
    assert not wrong, wrong[:3]


def test_table_matches_the_json_rows(graded_solutions):
    rows, printed = graded_solutions
    assert set(rows[0]) == {"notebook", "exercise", "status", "message"}
    passed = sum(r["status"] == "passed" for r in rows)
    not_done = sum(r["status"] == "not done" for r in rows)
    assert f"Total: {len(rows)} rows: {passed} passed, 0 failed, {not_done} not done" in printed
    assert "01_derivatives.ipynb: 5 of 5 passed" in printed  # exercises 1.1-1.5
    for row in rows[:5]:
        assert any(
            line.split()[:3] == [row["notebook"], row["exercise"], row["status"]]
            for line in printed.splitlines()
        )


def test_the_teaching_pages_exercise_list_is_what_the_grader_grades(graded_solutions):
    """book/teaching.md lists the exercises from their headings (scripts/book_tables.py, written
    by `make notebooks`): the grader must give one row for each, in that order, and no other."""
    from scripts import book_tables

    rows, _ = graded_solutions
    graded = [
        (Path(r["notebook"]).stem, r["exercise"])
        for r in rows
        if "/solutions/" in f"/{r['notebook']}"
    ]
    graded.sort(key=lambda row: row[0])  # JSON Lines come as decided; stable within a notebook
    listed = [(e.source.stem, e.number) for e in book_tables.exercises()]
    assert graded == listed
    page = (ROOT / "book" / "teaching.md").read_text()
    assert book_tables.exercise_list_table() in page


# ----- broken submissions, made from chapter 1's solution ------------------------------------


def chapter_one():
    return nbformat.read(ROOT / "solutions" / "01_derivatives.ipynb", as_version=4)


def exercise_cells(nb, number):
    cells = [(c.cell_type, c.source) for c in nb.cells]
    sections = notebook.sections(cells)
    return [nb.cells[i] for i in sections[number] if nb.cells[i].cell_type == "code"]


def solution_cell(nb, number):
    return next(c for c in exercise_cells(nb, number) if "### BEGIN SOLUTION" in c.source)


def check_cell(nb, number):
    return next(c for c in exercise_cells(nb, number) if grade.CHECK_CALL.search(c.source))


def broken_submissions(folder):
    wrong = chapter_one()
    cell = solution_cell(wrong, "1.1")
    assert "(f(x + h) - f(x)) / h" in cell.source
    cell.source = cell.source.replace("(f(x + h) - f(x)) / h", "(f(x) - f(x + h)) / h")

    demo = chapter_one()  # the same mistake, and a demo cell before the check that crashes on it
    cell = solution_cell(demo, "1.1")
    cell.source = cell.source.replace("(f(x + h) - f(x)) / h", "(f(x) - f(x + h)) / h")
    demo.cells.insert(
        demo.cells.index(check_cell(demo, "1.1")),
        nbformat.v4.new_code_cell("assert derivative(lambda x: x, 1.0) > 0, 'a demo cell'"),
    )

    loop = chapter_one()
    solution_cell(loop, "1.2").source += "\nwhile True:\n    pass"

    syntax = chapter_one()
    solution_cell(syntax, "1.2").source += "\nreturn (("

    deleted = chapter_one()
    deleted.cells.remove(check_cell(deleted, "1.3"))

    crash = chapter_one()
    crash.cells.insert(
        crash.cells.index(check_cell(crash, "1.2")) + 1,
        nbformat.v4.new_code_cell("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"),
    )

    memory = chapter_one()
    cell = solution_cell(memory, "1.4")
    cell.source = "hoard = bytearray(3 * 2**30)  # 3 GB\n" + cell.source

    ran = chapter_one()
    for i, c in enumerate(c for c in ran.cells if c.cell_type == "code"):
        c.execution_count = i + 1

    for name, nb in [
        ("wrong", wrong),
        ("demo", demo),
        ("loop", loop),
        ("syntax", syntax),
        ("deleted", deleted),
        ("crash", crash),
        ("memory", memory),
        ("ran", ran),
    ]:
        nbformat.write(nb, folder / f"{name}.ipynb")
    (folder / "notjson.ipynb").write_text('{"cells": [ this is not JSON')


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    broken_submissions(folder)
    out = folder / "rows.json"
    start = time.monotonic()
    result = run_grader("--jobs", 2, "--timeout", 40, "--json", out, folder)
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stdout + result.stderr
    return read_rows(out), elapsed


def test_wrong_answer_fails_with_the_checks_first_line(broken):
    rows = rows_by_exercise(broken[0], "wrong.ipynb")
    assert rows["1.1"]["status"] == "failed"
    assert rows["1.1"]["message"].startswith("Exercise 1.1, ")
    assert "sign" in rows["1.1"]["message"] or "wrong" in rows["1.1"]["message"]
    assert rows["1.2"]["status"] == "passed"


def test_a_crashed_demo_cell_does_not_hide_the_checks_diagnosis(broken):
    rows = rows_by_exercise(broken[0], "demo.ipynb")
    assert rows["1.1"]["status"] == "failed"
    assert rows["1.1"]["message"].startswith("Exercise 1.1, ")
    assert "before the check, cell" in rows["1.1"]["message"]
    assert "AssertionError: a demo cell" in rows["1.1"]["message"]


def test_endless_loop_times_out_without_hanging_the_grader(broken):
    rows, elapsed = broken
    mine = rows_by_exercise(rows, "loop.ipynb")
    # every cell runs before the checks: a notebook that never finishes has no verdicts
    assert [mine[n]["status"] for n in ("1.1", "1.2", "1.3", "1.4")] == ["timed out"] * 4
    assert (
        "40 s limit" in mine["1.2"]["message"]
        and "def central_difference" in mine["1.2"]["message"]
    )
    assert elapsed < 8 * 40, f"grading 8 notebooks took {elapsed:.0f} s"


def test_syntax_error_is_an_error_naming_it(broken):
    rows = rows_by_exercise(broken[0], "syntax.ipynb")
    assert rows["1.2"]["status"] == "error"
    assert "SyntaxError" in rows["1.2"]["message"]
    assert rows["1.1"]["status"] == "passed"


def test_deleted_check_cell_is_check_changed(broken):
    rows = rows_by_exercise(broken[0], "deleted.ipynb")
    assert rows["1.3"]["status"] == "check changed"
    assert rows["1.3"]["message"].startswith(
        "the check cell is missing; the released check: passed"
    )
    assert rows["1.4"]["status"] == "passed"


def test_a_process_that_kills_itself_is_an_error_naming_the_cell(broken):
    rows = rows_by_exercise(broken[0], "crash.ipynb")
    for n in ("1.1", "1.2", "1.3", "1.4"):
        assert rows[n]["status"] == "error" and "died in cell" in rows[n]["message"]
        assert "os.kill" not in rows[n]["message"] or "import os, signal" in rows[n]["message"]


def test_memory_limit_applies_to_the_students_code(broken):
    rows = rows_by_exercise(broken[0], "memory.ipynb")
    assert rows["1.4"]["status"] == "error" and "MemoryError" in rows["1.4"]["message"]
    assert rows["1.3"]["status"] == "passed"


def test_invalid_json_is_one_error_row(broken):
    rows = [r for r in broken[0] if Path(r["notebook"]).name == "notjson.ipynb"]
    assert len(rows) == 1 and rows[0]["status"] == "error"
    assert rows[0]["message"].startswith("not a valid notebook")


def test_only_unrun_notebooks_are_flagged(broken):
    ran = rows_by_exercise(broken[0], "ran.ipynb")
    assert all(
        r["status"] == "passed" and grade.NEVER_RUN not in r["message"] for r in ran.values()
    )
    wrong = rows_by_exercise(broken[0], "wrong.ipynb")
    assert all(grade.NEVER_RUN in r["message"] for r in wrong.values())


# ----- arguments and the status mapping -------------------------------------------------------


@pytest.mark.parametrize(
    "args, named",
    [(["--timeout", "-3", "x.ipynb"], "--timeout"), (["--memory", "lots", "x.ipynb"], "--memory")],
)
def test_bad_arguments_are_refused(args, named):
    result = run_grader(*args, timeout=60)
    assert result.returncode == 2 and named in result.stderr and "positive" in result.stderr


def test_missing_file_is_a_row(tmp_path):
    rows = grade.Grader(program=None).grade(tmp_path / "absent.ipynb")
    assert [(r["status"], r["message"]) for r in rows] == [("error", "no such file")]


def test_status_follows_the_check_class_hierarchy():
    class TooSlowYet(core.NotImplementedYet):
        pass

    class WrongShape(core.CheckFailed):
        pass

    assert grade.status_of_error("NotImplementedYet") == "not done"
    assert grade.status_of_error("TooSlowYet") == "not done"
    assert grade.status_of_error("CheckFailed") == "failed"
    assert grade.status_of_error("WrongShape") == "failed"
    assert grade.status_of_error("ZeroDivisionError") == "error"
