"""The grader's batch machinery: shards and --merge, CSV, JSON Lines kept when the grader is
killed, the refusal to run without a sandbox, and the transcript comparison itself."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from micrograd_checks.grader import sandbox, verdict

ROOT = Path(__file__).resolve().parent.parent


def grader(*args, env=None, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "micrograd_checks.grade", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


@pytest.fixture
def not_notebooks(tmp_path):
    """Six files the grader rejects without running anything (quick), each one error row."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"s{i}.ipynb").write_text(f"not json {i}")
    return folder


def test_shards_merge_into_the_whole_batch(not_notebooks, tmp_path):
    whole = tmp_path / "whole.jsonl"
    assert grader("--json", whole, not_notebooks).returncode == 0
    parts = []
    for k in (1, 2, 3):
        part = tmp_path / f"part{k}.jsonl"
        assert grader("--shard", f"{k}/3", "--json", part, not_notebooks).returncode == 0
        parts.append(part)
        assert len(part.read_text().splitlines()) == 2
    merged = tmp_path / "merged.jsonl"
    table = tmp_path / "merged.csv"
    result = grader("--merge", *parts, "--json", merged, "--csv", table)
    assert result.returncode == 0 and "Total: 6 rows" in result.stdout
    assert sorted(merged.read_text().splitlines()) == sorted(whole.read_text().splitlines())
    with open(table, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["status"] for r in rows] == ["error"] * 6
    assert set(rows[0]) == {"notebook", "exercise", "status", "message"}


def test_missing_released_or_solution_notebooks_are_named(not_notebooks, tmp_path):
    result = grader("--released", tmp_path / "nowhere", not_notebooks)
    assert result.returncode == 2 and "--released" in result.stderr and "nowhere" in result.stderr
    result = grader("--solutions", tmp_path / "nowhere", not_notebooks)
    assert result.returncode == 2 and "--solutions" in result.stderr


@pytest.mark.parametrize("shard", ["0/3", "4/3", "2", "a/b"])
def test_bad_shards_are_refused(shard):
    result = grader("--shard", shard, "x.ipynb")
    assert result.returncode == 2 and "--shard" in result.stderr and "K/N" in result.stderr


def test_no_sandbox_no_grading_unless_asked(not_notebooks):
    env = {**os.environ, "PATH": "/nonexistent"}  # no bwrap to be found
    refused = grader(not_notebooks, env=env)
    assert refused.returncode == 3 and "--no-sandbox" in refused.stderr
    assert "bubblewrap" in refused.stderr and "Total" not in refused.stdout
    allowed = grader("--no-sandbox", not_notebooks, env=env)
    assert allowed.returncode == 0 and "Total: 6 rows" in allowed.stdout


@pytest.mark.slow
@pytest.mark.skipif(sandbox.bwrap() is None and not os.environ.get("CI"), reason="needs bubblewrap")
def test_a_killed_batch_keeps_its_rows_and_its_sandboxes_die(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_bad.ipynb").write_text("{")
    nb = nbformat.read(ROOT / "solutions" / "01_derivatives.ipynb", as_version=4)
    sleeper = "import subprocess\nsubprocess.run(['sleep', '123.456789'])"
    nb.cells.insert(4, nbformat.v4.new_code_cell(sleeper))
    nbformat.write(nb, folder / "b_sleeps.ipynb")
    out = tmp_path / "rows.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "micrograd_checks.grade", "--json", str(out), str(folder)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def sleeping():
        ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        return "sleep 123.456789" in ps

    try:
        deadline = time.monotonic() + 180
        while not sleeping() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert sleeping(), "the sleeping notebook never started"
    finally:
        process.send_signal(signal.SIGKILL)  # the grader, killed mid-batch
        process.wait()
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(Path(r["notebook"]).name, r["status"]) for r in rows] == [("a_bad.ipynb", "error")]
    time.sleep(2)
    assert not sleeping(), "a sandbox outlived its grader"


def entry(got, expected, tol=1e-6):
    return ["close", got, expected, tol]


def test_the_transcript_must_match_the_reference_run():
    reference = [entry(6.0, 6.0), ["ok", 1, None, None], entry(-2.5, -2.5)]
    assert verdict.agrees([entry(6.0000001, 6.0), ["ok", 1, None, None], entry(-2.5, -2.5)],
                          reference, own_objects=False) == (True, "")  # fmt: skip
    # the worker's check was fooled (its expectation equals the wrong answer): the grader's is not
    ok, why = verdict.agrees([entry(-6.0, -6.0), ["ok", 1, None, None], entry(-2.5, -2.5)],
                             reference, own_objects=False)  # fmt: skip
    assert not ok and "comparison 1" in why
    # a check cut short, or padded, or a forged transcript with another shape
    assert not verdict.agrees(reference[:2], reference, own_objects=False)[0]
    assert not verdict.agrees([*reference, entry(1, 1)], reference, own_objects=False)[0]
    assert not verdict.agrees("passed", reference, own_objects=False)[0]
    assert not verdict.agrees([entry(float("nan"), 6.0), *reference[1:]], reference, False)[0]
    # the learner's own objects: their numbers must agree with the check's expectation of them
    assert verdict.agrees([entry(1.5, 1.5), *reference[1:]], reference, own_objects=True)[0]
    assert not verdict.agrees([entry(1.5, 2.5), *reference[1:]], reference, own_objects=True)[0]


def test_messages_without_this_runs_token_are_ignored():
    lines = [
        {"event": "result", "exercise": "1.1", "outcome": ["passed", "", []], "token": "forged"},
        {
            "event": "result",
            "exercise": "1.1",
            "outcome": ["CheckFailed", "wrong", []],
            "token": "t",
        },
    ]
    data = b"{garbage\n" + b"\n".join(json.dumps(m).encode() for m in lines) + b"\n\xff\xfe"
    report = verdict.outcome_of(verdict.parse(data, "t"))
    assert report["results"] == {"1.1": ["CheckFailed", "wrong", []]}
