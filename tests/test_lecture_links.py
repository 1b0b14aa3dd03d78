""" "Watch along" links: the one table (book/lecture.yml) and every link the built book shows.

- the table: timestamps well formed, strictly increasing, inside the video; each segment ends
  where the next starts;
- the built pages (run `make book` first): every link into the lecture with a time is a "▶ watch" link whose
  time (`&t=`) is the start of a listed segment and whose label names exactly that segment's
  start and end (start <= end <= the video's length); chapters 1-6 each link the lecture; a page
  that names an unknown segment fails the build (unknown substitution), which
  test_unknown_segment_is_not_a_substitution pins down.
"""

import re
from urllib.parse import parse_qs, urlparse

import lecture  # book/_ext/lecture.py (pyproject puts book/_ext on the path)
import pytest
import yaml
from book_fixtures import ROOT, chapter_docnames, page, toc_docnames
from bs4 import BeautifulSoup

TABLE = yaml.safe_load((ROOT / "book" / "lecture.yml").read_text(encoding="utf-8"))
VIDEO = TABLE["video"]
LENGTH = lecture.seconds(TABLE["length"])
SEGMENTS = {s["seconds"]: s for s in lecture.segments()}
LABEL = re.compile(r"▶ watch (?:(\d\d:\d\d:\d\d)–(\d\d:\d\d:\d\d)|from (\d\d:\d\d:\d\d))$")


def test_video_length_is_the_lectures():
    assert LENGTH == 2 * 3600 + 25 * 60 + 52


def test_timestamps_increase_and_stay_inside_the_video():
    starts = [lecture.seconds(row["start"]) for row in TABLE["segments"]]
    assert starts[0] == 0
    assert all(a < b for a, b in zip(starts, starts[1:])), "segments out of order"
    assert starts[-1] < LENGTH
    for s in lecture.segments():
        if s["end"] is not None:
            assert s["seconds"] < lecture.seconds(s["end"]) <= LENGTH


def test_segment_ends_where_the_next_starts():
    rows = lecture.segments()
    for a, b in zip(rows, rows[1:]):
        assert a["end"] == b["start"]
    assert rows[-1]["end"] is None
    assert lecture.label(rows[4]) == "▶ watch 00:19:09–00:32:10"
    assert rows[4]["url"] == f"https://youtu.be/{VIDEO}?t=1149"


@pytest.mark.parametrize("stamp", ["1:2:3", "00:61:00", "00:00:75", "aa:bb:cc", "00:10"])
def test_malformed_timestamp_is_refused(stamp):
    with pytest.raises(ValueError, match="HH:MM:SS|past 59"):
        lecture.seconds(stamp)


def test_out_of_order_table_is_refused(tmp_path):
    bad = dict(
        TABLE, segments=[{"start": "00:10:00", "title": "b"}, {"start": "00:05:00", "title": "a"}]
    )
    path = tmp_path / "lecture.yml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="does not end after it starts"):
        lecture.segments(path)


def test_unknown_segment_is_not_a_substitution():
    keys = {s["key"] for s in lecture.segments()}
    assert "watch_00_19_09" in keys
    assert "watch_00_19_10" not in keys  # a guessed time has no link to become


def lecture_links(docname):
    soup = BeautifulSoup(page(docname).read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("article.bd-article")
    for a in body.find_all("a", href=True):
        url = urlparse(a["href"])
        if url.netloc.endswith("youtube.com") and parse_qs(url.query).get("v") == [VIDEO]:
            yield a, parse_qs(url.query)
        elif url.netloc == "youtu.be" and url.path == f"/{VIDEO}":
            yield a, parse_qs(url.query)


@pytest.mark.parametrize("docname", toc_docnames())
def test_every_timestamp_link_matches_a_listed_segment(docname):
    problems = []
    for a, query in lecture_links(docname):
        if "t" not in query:
            continue  # the video itself, from its start (intro, references)
        text = a.get_text(strip=True)
        t = int(query["t"][0])
        segment = SEGMENTS.get(t)
        match = LABEL.match(text)
        if segment is None:
            problems.append(f"{text!r}: t={t} is not the start of a listed segment")
        elif match is None:
            problems.append(f"{text!r}: a timestamp link must read '▶ watch START–END'")
        else:
            start, end, start_only = match.groups()
            if (start or start_only) != segment["start"] or end != segment["end"]:
                problems.append(
                    f"{text!r} links t={t}, segment {segment['start']}–{segment['end']}"
                )
            if end is not None and not lecture.seconds(start) <= lecture.seconds(end) <= LENGTH:
                problems.append(f"{text!r}: end before start, or past the video's end")
    assert not problems, f"{docname}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("docname", [d for d in chapter_docnames() if re.search(r"/0[1-6]_", d)])
def test_chapters_1_to_6_watch_along(docname):
    links = [a for a, query in lecture_links(docname) if "t" in query]
    assert links, f"{docname}: no link to the lecture's segments"


def test_notebook_twins_get_plain_links():
    text = "Intro. {{ watch_00_19_09 }} and {{watch_01_22_28}}."
    out = lecture.expand(text)
    assert "{{" not in out
    assert f"[▶ watch 00:19:09–00:32:10](https://youtu.be/{VIDEO}?t=1149)" in out
    assert f"[▶ watch 01:22:28–01:27:05](https://youtu.be/{VIDEO}?t=4948)" in out
    with pytest.raises(KeyError, match="no lecture segment starts there"):
        lecture.expand("{{ watch_00_19_10 }}")


def test_committed_twins_have_no_watch_placeholder():
    for twin in sorted((ROOT / "book").glob("0*.ipynb")):
        text = twin.read_text(encoding="utf-8")
        assert "{{ watch_" not in text, f"{twin.name}: a watch link was not expanded"
