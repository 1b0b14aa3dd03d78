"""Tables in hand-written pages, generated from the one place their facts live.

`make notebooks` (scripts/generate.py) writes each table between two marker lines in its page and
`scripts/generate.py --check` fails when one has drifted; everything outside the markers is
written by hand. The markers are HTML comments, which no reader sees (book, PDF, Colab, GitHub):

    <!-- generated: NAME (...) -->

    ...the table...

    <!-- end generated: NAME -->

| page | NAME | made from |
| --- | --- | --- |
| book/03_value.md | operations | `tests/ops.py`: the `table` row of each operation |
| book/teaching.md | exercise-times | the exercise headings in `solutions/NN_*.md`, the chapters' prose |
| book/teaching.md | exercise-list | the same headings: every exercise the grader grades, in order |
"""

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parent.parent
# The grader finds exercises by this heading, `## Exercise N.M: Title (level)`.
HEADING = re.compile(r"^#{2,3}\s+Exercise\s+(\d+)\.(\d+):\s*(.+?)\s*\((warm-up|core|stretch)\)\s*$")
LEVELS = ("warm-up", "core", "stretch")
MINUTES = {"warm-up": 10, "core": 20, "stretch": 30}  # the teaching page's rule of thumb
WORDS_PER_MINUTE = 100  # reading while running the cells (the teaching page says why)
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


class RegionError(ValueError):
    """A page's generated region is missing or its markers are broken."""


def _begin(name):
    return re.compile(rf"^<!-- generated: {re.escape(name)}\b.*-->\n", re.MULTILINE)


def _end(name):
    return f"<!-- end generated: {name} -->\n"


def replace_region(text, name, content, where="the page"):
    """`text` with the region NAME's content replaced by `content` (markers kept)."""
    begin = _begin(name).search(text)
    end = text.find(_end(name), begin.end() if begin else 0)
    if not begin or end < 0:
        raise RegionError(f"{where}: no region '{name}' (the lines `<!-- generated: {name} ...`")
    # blank lines around the content: the markers are blocks of their own, not a table's rows
    return text[: begin.end()] + "\n" + content.strip("\n") + "\n\n" + text[end:]


# ----- operations -----------------------------------------------------------------------------


def load_ops():
    """tests/ops.py, the one list of operations (loaded by path: tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location("_book_ops", ROOT / "tests" / "ops.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def operations_table(ops=None):
    """Chapter 3's table: one row per operation with a `table` entry in tests/ops.py."""
    ops = load_ops().OPS if ops is None else ops
    lines = [
        "| operation | output $y$ | $\\partial y / \\partial a$ | $\\partial y / \\partial b$ |",
        "| --- | --- | --- | --- |",
    ]
    for op in ops:
        if op.table:
            operation, output, *derivatives = op.table
            cells = [f"`{operation}`", output, *derivatives, "", ""][:4]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def method_names(ops=None):
    """The operations that are methods (`a.exp()` -> "exp", `Value.dot` -> "dot"), in order."""
    ops = load_ops().OPS if ops is None else ops
    names = []
    for op in ops:
        label = op.table[0] if op.table else op.name
        match = re.fullmatch(r"(?:a|Value)\.(\w+)(?:\(.*\))?", label) or re.fullmatch(
            r"(\w+)", label
        )
        if match and match.group(1) not in names:
            names.append(match.group(1))
    return names


# ----- exercises ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    source: Path  # solutions/NN_topic.md
    number: str  # "3.2"
    title: str
    level: str

    @property
    def notebook(self):
        return f"exercises/{self.source.stem}.ipynb"


def exercises(root=ROOT):
    """Every exercise of every source in solutions/, in the order of its file and headings."""
    found = []
    for source in sorted((root / "solutions").glob("[0-9][0-9]_*.md")):
        for line in source.read_text(encoding="utf-8").splitlines():
            match = HEADING.match(line)
            if match:
                chapter, part, title, level = match.groups()
                found.append(Exercise(source, f"{int(chapter)}.{int(part)}", title, level))
    return found


def levels_text(levels):
    """["warm-up", "core", "core", "stretch"] -> "warm-up, 2 core, stretch" (in level order)."""
    parts = []
    for level in LEVELS:
        n = levels.count(level)
        if n:
            parts.append(level if n == 1 else f"{n} {level}")
    return ", ".join(parts)


def minutes_text(minutes):
    return f"{minutes} min" if minutes < 120 else f"{minutes // 60} h {minutes % 60:02d} min"


def prose_words(path):
    """Words in a page's markdown cells, without code, maths, directives' options or markup."""
    nb = jupytext.read(path)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    text = re.sub(r"```.*?```|:::.*?:::|\$\$.*?\$\$", " ", text, flags=re.DOTALL)
    text = re.sub(r"^:\w[\w-]*:.*$|^\(.+\)=$|<!--.*?-->", " ", text, flags=re.MULTILINE)
    text = re.sub(r"\$[^$\n]+\$", " x ", text)  # a formula reads as one word
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))


def _rounded(n, step):
    return max(step, step * round(n / step))


def exercise_times_table(root=ROOT):
    """The teaching page's time table: one row per chapter, then the capstone."""
    from scripts import book_config

    by_source = {}
    for exercise in exercises(root):
        by_source.setdefault(exercise.source.stem, []).append(exercise.level)
    lines = [
        "| Chapter | Words of prose | Reading and running it | Exercises (levels) | Exercises |",
        "| --- | ---: | ---: | --- | ---: |",
    ]
    for number, name in enumerate(book_config.chapters(root=root), start=1):
        path = book_config.source(name, root=root)
        title = jupytext.read(path).cells[0].source.splitlines()[0].lstrip("# ").strip()
        words = _rounded(prose_words(path), 50)
        levels = by_source.pop(Path(name).name, [])
        if levels:
            work = f"{len(levels)} ({levels_text(levels)})"
            minutes = minutes_text(sum(MINUTES[level] for level in levels))
        else:
            work, minutes = "none", ""
        reading = f"{_rounded(words / WORDS_PER_MINUTE, 5)} min"
        lines.append(f"| {number}. {title} | {words:,} | {reading} | {work} | {minutes} |")
    for stem, levels in sorted(by_source.items()):  # exercises without a chapter: the capstone
        title = (root / "solutions" / f"{stem}.md").read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", title, re.MULTILINE).group(1).strip()
        minutes = minutes_text(sum(MINUTES[level] for level in levels))
        work = f"{len(levels)} parts ({levels_text(levels)})"
        lines.append(f"| {title} | | | {work} | {minutes} |")
    return "\n".join(lines) + "\n"


def exercise_list_table(root=ROOT):
    """Every exercise the grader grades, in the order of its rows."""
    lines = ["| notebook | exercise | title | level |", "| --- | --- | --- | --- |"]
    for e in exercises(root):
        lines.append(f"| `{e.notebook}` | {e.number} | {e.title} | {e.level} |")
    return "\n".join(lines) + "\n"


# ----- every region -------------------------------------------------------------------------


def regions(root=ROOT):
    """{page: [(region name, content)]}: what `make notebooks` writes."""
    return {
        root / "book" / "03_value.md": [("operations", operations_table())],
        root / "book" / "teaching.md": [
            ("exercise-times", exercise_times_table(root)),
            ("exercise-list", exercise_list_table(root)),
        ],
    }


def pages(root=ROOT):
    """{page: its text with every generated region up to date}."""
    out = {}
    for page, contents in regions(root).items():
        text = page.read_text(encoding="utf-8")
        for name, content in contents:
            text = replace_region(text, name, content, page.relative_to(root))
        out[page] = text
    return out
