"""One list per fact: the operations (tests/ops.py) and the exercises (the headings in
solutions/*.md) are listed once; chapter 3's table and the teaching page's tables are generated
from them (scripts/book_tables.py, written by `make notebooks`, checked by `generate.py --check`
in test_generated), and every other place that names them is compared with them here."""

import re
from pathlib import Path

import pytest
from ops import OPS

from micrograd import Value
from scripts import book_tables

ROOT = Path(__file__).resolve().parent.parent
NOT_OPERATIONS = {"backward"}  # public methods of Value that make no node
KARPATHY = {"relu"}  # karpathy/micrograd's methods: README.md lists what this package adds


def value_methods():
    return {
        name
        for name, member in vars(Value).items()
        if not name.startswith("_") and callable(member) or isinstance(member, staticmethod)
    } - NOT_OPERATIONS


def test_every_method_of_value_is_in_the_list_of_operations():
    """A new `Value.softplus()` without its row in tests/ops.py fails here."""
    assert value_methods() == set(book_tables.method_names())


def test_every_operator_of_value_is_in_the_table():
    operators = {"__add__": "+", "__sub__": "-", "__mul__": "*", "__truediv__": "/"}
    operators.update(__pow__="**", __neg__="-a")
    table = [op.table[0] for op in OPS if op.table]
    for dunder, symbol in operators.items():
        assert hasattr(Value, dunder)
        assert any(symbol in row for row in table), (dunder, table)


def test_chapter_3_shows_the_generated_table():
    page = (ROOT / "book" / "03_value.md").read_text()
    assert book_tables.operations_table() in page


def chapter_3_check_rows():
    """The operation names of chapter 3's check cell (`rows = [("a + b", ...), ...]`)."""
    page = (ROOT / "book" / "03_value.md").read_text()
    block = page.split("\nrows = [\n", 1)[1].split("\n]\n", 1)[0]
    names = re.findall(r'^\s*\("([^"]+)",', block, flags=re.MULTILINE)
    return {re.sub(r"\*\* \d+$", "** n", name) for name in names}


def test_chapter_3_checks_every_row_of_its_table():
    """The check cell's rows are typed in by hand (the formulas, as Python, are the point): a row
    of the table without its check, or a check of an operation not in the table, fails here."""
    assert chapter_3_check_rows() == {op.table[0] for op in OPS if op.table}


def backticked(text):
    return set(re.findall(r"`([^`]+)`", text))


def test_the_package_readme_lists_every_operation():
    readme = (ROOT / "micrograd" / "README.md").read_text()
    row = next(line for line in readme.splitlines() if line.startswith("| [`engine.py`]"))
    listed = row.split("the operations (", 1)[1].split(")", 1)[0]
    names = {name.removeprefix("Value.") for name in backticked(listed)}
    assert names - {"+ - * / **"} == set(book_tables.method_names())


def test_the_readme_lists_every_operation_karpathys_micrograd_lacks():
    readme = (ROOT / "README.md").read_text()
    sentence = re.split(r"\bplus\s", readme, maxsplit=1)[1]
    sentence = re.split(r"`Value`\s+exponents", sentence, maxsplit=1)[0]
    names = {name.removeprefix("Value.") for name in backticked(sentence)}
    assert names == set(book_tables.method_names()) - KARPATHY


def test_the_glossary_defines_every_method_operation():
    """Each method has an entry that names it (`Value.exp()` ...): a new one needs its entry."""
    glossary = (ROOT / "book" / "glossary.md").read_text()
    missing = [
        name
        for name in book_tables.method_names()
        if f"`Value.{name}()`" not in glossary and f"`Value.{name}`" not in glossary
    ]
    assert not missing, f"book/glossary.md has no entry naming Value.{missing[0]}"


# ----- exercises ----------------------------------------------------------------------------


def test_every_exercise_heading_is_found():
    """The grader's heading pattern and the table's agree: no exercise is left out of the list."""
    from micrograd_checks.grade import EXERCISE_HEADING

    for source in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.md")):
        numbers = EXERCISE_HEADING.findall(source.read_text())
        listed = [e.number for e in book_tables.exercises() if e.source == source]
        assert listed == numbers, source.name
        assert len(numbers) >= 3


def test_the_counts_in_the_exercise_sources_prose_are_right():
    """ "Five exercises ...", "There are seven parts": the number word matches the headings."""
    words = "|".join(book_tables.NUMBER_WORDS)
    for source in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.md")):
        text = source.read_text()
        said = re.search(rf"\b({words})\s+(?:exercises|parts)\b", text, flags=re.IGNORECASE)
        assert said, f"{source.name}: no sentence says how many exercises there are"
        count = sum(e.source == source for e in book_tables.exercises())
        assert book_tables.NUMBER_WORDS.index(said.group(1).lower()) == count, source.name


def test_the_teaching_page_counts_every_exercise():
    table = book_tables.exercise_times_table()
    assert "| 1. Derivatives |" in table and "| 5 (warm-up, 2 core, 2 stretch) | 110 min |" in table
    rows = [line for line in table.splitlines()[2:]]
    total = sum(int(re.search(r"\| (\d+) (?:parts )?\(", r).group(1)) for r in rows if "(" in r)
    assert total == len(book_tables.exercises())
    page = (ROOT / "book" / "teaching.md").read_text()
    assert table in page and book_tables.exercise_list_table() in page


@pytest.mark.parametrize(
    "levels, text",
    [
        (["warm-up", "core", "core", "stretch"], "warm-up, 2 core, stretch"),
        (["stretch", "warm-up"], "warm-up, stretch"),
    ],
)
def test_levels_are_counted_in_order(levels, text):
    assert book_tables.levels_text(levels) == text


# ----- the regions ------------------------------------------------------------------------------

PAGE = "before\n<!-- generated: t (from x) -->\nold\n<!-- end generated: t -->\nafter\n"


def test_a_region_is_replaced_between_its_markers_only():
    new = book_tables.replace_region(PAGE, "t", "| a |\n")
    assert (
        new
        == "before\n<!-- generated: t (from x) -->\n\n| a |\n\n<!-- end generated: t -->\nafter\n"
    )
    assert book_tables.replace_region(new, "t", "| a |\n") == new


@pytest.mark.parametrize("broken", ["no markers\n", PAGE.replace("<!-- end generated: t -->", "")])
def test_a_missing_marker_is_an_error_that_names_the_region(broken):
    with pytest.raises(book_tables.RegionError, match="'t'"):
        book_tables.replace_region(broken, "t", "x")
