"""Reading notebooks the grader does not trust, and the released exercise list it does.

A submission is read defensively: only a regular file of at most MAX_BYTES (opened without
following a symlink to /dev/zero or waiting on a FIFO), JSON with a `cells` list whose sources
are text. Anything else is `NotGradable`, one `error` row. The exercise list and the check cells
come from the released student notebooks (`exercises/*.ipynb`), never from the submission.
"""

import json
import os
import re
import stat
from collections import Counter
from pathlib import Path

MAX_BYTES = 20 * 2**20
EXERCISE_HEADING = re.compile(r"^#{2,3}\s+Exercise\s+(\d+\.\d+)\b", re.MULTILINE)
ANY_HEADING = re.compile(r"^#{1,2}\s", re.MULTILINE)
CHECK_CALL = re.compile(r"\bchecks\.check_\w+\(")
# Chapters whose exercise asks for the learner's own engine: the sandbox hides micrograd.
OWN_ENGINE = {"08"}


class NotGradable(Exception):
    """The file cannot be graded at all (the message says why)."""


def read_bytes(path, limit=MAX_BYTES):
    """The file's bytes, if it is a regular file of at most `limit` bytes."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise NotGradable("no such file") from None
    except OSError as error:
        raise NotGradable(f"cannot read it: {error.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise NotGradable("a symbolic link, not a notebook file (hand in the file itself)")
    if not stat.S_ISREG(info.st_mode):
        raise NotGradable("not a regular file (a folder, a pipe or a device)")
    if info.st_size > limit:
        raise NotGradable(f"too large: {info.st_size} bytes (the limit is {limit})")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise NotGradable(f"cannot read it: {error.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise NotGradable("not a regular file")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise NotGradable(f"too large: over {limit} bytes")
    return data


def _source(cell, index):
    if not isinstance(cell, dict):
        raise NotGradable(f"cell {index + 1} is not a JSON object")
    if "source" not in cell:
        raise NotGradable(f"not a valid notebook: cell {index + 1} has no source")
    source = cell["source"]
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        source = "".join(source)
    if not isinstance(source, str):
        raise NotGradable(f"cell {index + 1}'s source is a {type(source).__name__}, not text")
    kind = cell.get("cell_type")
    if kind not in ("code", "markdown", "raw"):
        raise NotGradable(f"cell {index + 1} has an unknown cell_type {kind!r}")
    return kind, source


def load(path):
    """{"cells": [(kind, source)], "ran": bool} for a notebook file; NotGradable if it is not one."""
    data = read_bytes(path)
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise NotGradable(f"not a valid notebook: not JSON ({str(error)[:120]})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise NotGradable("not a valid notebook: no list of cells")
    if nb.get("nbformat") != 4:
        raise NotGradable(f"not a valid notebook: nbformat {nb.get('nbformat')!r} (4 is read)")
    cells = [_source(cell, i) for i, cell in enumerate(nb["cells"])]
    ran = any(
        isinstance(c, dict)
        and c.get("cell_type") == "code"
        and (c.get("execution_count") is not None or c.get("outputs"))
        for c in nb["cells"]
    )
    return {"cells": cells, "ran": ran}


def sections(cells):
    """{exercise number: [indexes of its cells]} (a repeated heading keeps its first section)."""
    found, current = {}, None
    for i, (kind, source) in enumerate(cells):
        match = EXERCISE_HEADING.search(source) if kind == "markdown" else None
        if kind == "markdown" and not match and ANY_HEADING.search(source):
            current = None  # another section ("## Where you are") ends the exercise
        if match:
            current = match.group(1)
            found.setdefault(current, [])
            current = current if found[current] == [] else None
        if current is not None:
            found[current].append(i)
    return found


def check_cells(cells, indexes):
    return [
        cells[i][1].strip()
        for i in indexes
        if cells[i][0] == "code" and CHECK_CALL.search(cells[i][1])
    ]


def released(folder):
    """{chapter stem: {"exercises": [(number, title)], "checks": {number: source}}} of `folder`."""
    notebooks = {}
    for path in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb")):
        try:
            cells = load(path)["cells"]
        except NotGradable as error:
            raise RuntimeError(f"{path}: {error}") from None
        exercises, checks = [], {}
        for number, indexes in sections(cells).items():
            heading = cells[indexes[0]][1].strip().splitlines()[0].lstrip("#").strip()
            exercises.append((number, heading.split(":", 1)[-1].strip()))
            found = check_cells(cells, indexes)
            if len(found) != 1:
                raise RuntimeError(f"{path}: exercise {number} has {len(found)} check cells, not 1")
            checks[number] = found[0]
        notebooks[path.stem] = {"exercises": exercises, "checks": checks, "path": str(path)}
    if not notebooks:
        raise RuntimeError(f"no released exercise notebooks (NN_*.ipynb) in {folder}")
    return notebooks


def which(cells, name, notebooks):
    """The released notebook a submission answers: by its exercise headings, else its file name."""
    chapters = Counter(n.split(".")[0].zfill(2) for n in sections(cells))
    for chapter, _ in chapters.most_common():
        for stem in notebooks:
            if stem[:2] == chapter:
                return stem
    for stem in notebooks:
        if stem in name or stem[:2] == Path(name).name[:2]:
            return stem
    return None


def learner_cells(cells):
    """[(index, source)] of the code cells the worker runs: every code cell but the check calls."""
    return [
        (i, source)
        for i, (kind, source) in enumerate(cells)
        if kind == "code" and not CHECK_CALL.search(source)
    ]
