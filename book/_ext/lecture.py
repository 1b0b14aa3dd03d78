""" "Watch along" links to the lecture, generated from the one table in `book/lecture.yml`.

For every segment the table lists, the pages get a MyST substitution named after its start,
`{{ watch_00_19_09 }}`, which becomes a plain Markdown link at build time:

    [▶ watch 00:19:09–00:32:10](https://youtu.be/VMj-3S1tku0?t=1149) ...

A segment ends where the next one starts. A name that is not in the table is an unknown
substitution, which fails the build (warnings are errors), so a page cannot link a guessed time.
"""

import functools
import re
from pathlib import Path

import yaml

TABLE = Path(__file__).resolve().parent.parent / "lecture.yml"
WATCH = re.compile(r"\{\{\s*(watch_\d\d_\d\d_\d\d)\s*\}\}")


def seconds(stamp):
    """'01:22:28' -> 4948."""
    parts = str(stamp).split(":")
    if len(parts) != 3 or not all(len(p) == 2 and p.isdigit() for p in parts):
        raise ValueError(f"lecture.yml: timestamp {stamp!r} should look like HH:MM:SS")
    hours, minutes, secs = (int(p) for p in parts)
    if minutes >= 60 or secs >= 60:
        raise ValueError(f"lecture.yml: timestamp {stamp!r} has minutes or seconds past 59")
    return 3600 * hours + 60 * minutes + secs


@functools.lru_cache(maxsize=4)
def _parsed(text):
    """The table, parsed once per distinct text (every page asks for it)."""
    return yaml.safe_load(text)


def segments(path=TABLE):
    """The lecture's segments: dicts with start, end (None for the last), title, url, key."""
    data = _parsed(Path(path).read_text(encoding="utf-8"))
    length = seconds(data["length"])
    rows = data["segments"]
    out = []
    for i, row in enumerate(rows):
        start = seconds(row["start"])
        end = rows[i + 1]["start"] if i + 1 < len(rows) else None
        if end is not None and not start < seconds(end) <= length:
            raise ValueError(f"lecture.yml: segment {row['start']} does not end after it starts")
        out.append(
            {
                "start": row["start"],
                "end": end,
                "title": row["title"],
                "seconds": start,
                # youtu.be/ID?t=: one query parameter, no "&" for the substitution to escape twice
                "url": f"https://youtu.be/{data['video']}?t={start}",
                "key": "watch_" + row["start"].replace(":", "_"),
            }
        )
    return out


def label(segment):
    """The link text: '▶ watch 00:19:09–00:32:10', or '▶ watch from 02:14:03'."""
    if segment["end"] is None:
        return f"▶ watch from {segment['start']}"
    return f"▶ watch {segment['start']}–{segment['end']}"


def markdown(segment):
    return f"[{label(segment)}]({segment['url']}) *(lecture: {segment['title']})*"


def expand(text, path=TABLE):
    """Text with every `{{ watch_HH_MM_SS }}` replaced by its link (for the notebook twins)."""
    links = {s["key"]: markdown(s) for s in segments(path)}

    def link(match):
        if match.group(1) not in links:
            raise KeyError(f"{match.group(0)}: no lecture segment starts there (book/lecture.yml)")
        return links[match.group(1)]

    return WATCH.sub(link, text)


def add_substitutions(app, config):
    links = {s["key"]: markdown(s) for s in segments()}
    config.myst_substitutions = {**config.myst_substitutions, **links}


def setup(app):
    app.connect("config-inited", add_substitutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
