"""Where an error came from: the learner's line, or the failed cell IPython remembers."""

import linecache
import os
import re
import sys
import traceback

_HERE = os.path.dirname(os.path.abspath(__file__))
# the checks and the engine they use: frames there are not the learner's code
_PACKAGE_DIRS = (_HERE, os.path.join(os.path.dirname(_HERE), "micrograd"))
_CELL_FILE = re.compile(r"(ipykernel_\d+|<ipython-input-|<.*cell)", re.IGNORECASE)


def first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else "(no message)"


def _frames(error):
    return traceback.extract_tb(error.__traceback__)


def raised_in_lambda(error):
    """Did the error come from a learner's `lambda: name` (a name never assigned)?"""
    frames = _frames(error)
    return bool(frames) and frames[-1].name == "<lambda>" and not _in_package(frames[-1].filename)


def _in_package(filename):
    return os.path.abspath(filename).startswith(tuple(d + os.sep for d in _PACKAGE_DIRS))


def last_cell_error(ignore=()):
    """The exception the last failing cell raised (IPython keeps it in sys.last_value), if any."""
    last = getattr(sys, "last_exc", None) or getattr(sys, "last_value", None)
    return None if last is None or isinstance(last, ignore) else last


def learner_line(error):
    """Where in the learner's code the error happened, e.g. "line 4 of your cell, in backward(): g += 1"."""
    for frame in reversed(_frames(error)):
        if _in_package(frame.filename) or "site-packages" in frame.filename:
            continue
        line = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
        place = f"line {frame.lineno} of your cell" if _CELL_FILE.search(frame.filename) else ""
        inside = "" if frame.name == "<module>" else f"in {frame.name}()"
        label = (
            ", ".join(p for p in (place, inside) if p) or f"in {os.path.basename(frame.filename)}"
        )
        return label + (f": {line}" if line else "")
    return ""
