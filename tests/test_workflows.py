"""The GitHub Actions workflows are valid and safe, and the Binder files are in place.

Checks (without GitHub): every workflow parses; the book workflow runs `make test`
on pull requests and publishes `_build/html` to GitHub Pages on pushes to main;
permissions are least-privilege; every action is pinned to a full commit SHA
with a version comment; the execution cache key covers the notebooks and
`micrograd/`; artifacts that carry `.jupyter_cache` include hidden files.
"""

import re

import pytest
import yaml
from book_fixtures import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+){0,2}\b")


def load(path):
    data = yaml.safe_load(path.read_text())
    # YAML 1.1 reads the key `on` as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def all_jobs():
    return [(path, name, job) for path in WORKFLOWS for name, job in load(path)["jobs"].items()]


def steps(job):
    return job.get("steps", [])


def runs(job):
    return "\n".join(step.get("run", "") for step in steps(job))


def uses(name):
    """Every (workflow, job, step) that uses an action whose name starts with `name`."""
    return [
        (path, job_name, step)
        for path, job_name, job in all_jobs()
        for step in steps(job)
        if step.get("uses", "").split("@")[0] == name
    ]


def triggers(data):
    on = data["on"]
    if isinstance(on, str):
        return {on: None}
    return dict(on) if isinstance(on, dict) else dict.fromkeys(on)


def test_workflows_exist_and_parse():
    assert WORKFLOWS, "no workflow in .github/workflows"
    for path in WORKFLOWS:
        data = load(path)
        assert data.get("jobs"), f"{path.name}: no jobs"
        assert "on" in data, f"{path.name}: no triggers"
        for name, job in data["jobs"].items():
            assert "runs-on" in job and steps(job), (
                f"{path.name}: job {name} needs runs-on and steps"
            )


def test_pull_requests_run_make_test():
    for path in WORKFLOWS:
        data = load(path)
        if "pull_request" in triggers(data) and any(
            "make test" in runs(job) for job in data["jobs"].values()
        ):
            return
    pytest.fail("no workflow runs `make test` on pull_request")


def test_push_to_main_builds_and_deploys_pages():
    deploys = uses("actions/deploy-pages")
    assert deploys, "no job deploys to GitHub Pages (actions/deploy-pages)"
    for path, job_name, _ in deploys:
        data = load(path)
        push = triggers(data).get("push") or {}
        assert "main" in push.get("branches", []), (
            f"{path.name}: deploy must be triggered by a push to main"
        )
        job = data["jobs"][job_name]
        condition = job.get("if", "")
        assert "refs/heads/main" in condition and "push" in condition, (
            f"{job_name}: deploy only on a push to main"
        )
        needs = job.get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        assert needs, f"{job_name}: deploy must wait for the job that builds and tests the book"
        builder = data["jobs"][needs[0]]
        assert "make book" in runs(builder) or "make test" in runs(builder)
        upload = [
            s
            for s in steps(builder)
            if s.get("uses", "").startswith("actions/upload-pages-artifact@")
        ]
        assert upload and upload[0]["with"]["path"].rstrip("/") == "_build/html", (
            "publish _build/html"
        )
        assert "main" in upload[0].get("if", "") and "push" in upload[0].get("if", "")


def test_permissions_are_least_privilege():
    for path in WORKFLOWS:
        data = load(path)
        assert data.get("permissions") == {"contents": "read"}, (
            f"{path.name}: top-level permissions: contents: read"
        )
        for name, job in data["jobs"].items():
            perms = job.get("permissions")
            if perms is None:
                continue
            assert perms != "write-all" and isinstance(perms, dict), (
                f"{path.name}: {name} permissions"
            )
            writes = {k for k, v in perms.items() if v == "write"}
            deploys = any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps(job))
            allowed = {"pages", "id-token"} if deploys else set()
            assert writes <= allowed, (
                f"{path.name}: job {name} must not have write access to {writes - allowed}"
            )
            if deploys:
                assert writes == {"pages", "id-token"}, (
                    "the deploy job needs pages: write and id-token: write"
                )


def test_actions_are_pinned_to_commits():
    lines = [line for path in WORKFLOWS for line in path.read_text().splitlines()]
    used = [line for line in lines if re.match(r"^\s*-?\s*uses:", line)]
    assert used
    for line in used:
        ref = line.split("uses:", 1)[1].split("#", 1)[0].strip().strip("'\"")
        if ref.startswith("./"):
            continue
        assert PINNED.match(ref), f"action not pinned to a full commit SHA: {line.strip()}"
        assert VERSION_COMMENT.search(line), (
            f"say which version the SHA is, e.g. `# v4.2.2`: {line.strip()}"
        )


def test_execution_cache_key_covers_sources_and_package():
    caches = uses("actions/cache")
    assert caches, "no actions/cache step for the notebook execution cache"
    for _, _, step in caches:
        paths = step["with"]["path"]
        key = step["with"]["key"]
        if ".jupyter_cache" not in paths:
            continue
        assert ".micrograd-fingerprint" in paths, (
            "cache the fingerprint too, or build_book.py clears the cache"
        )
        assert "hashFiles(" in key, "the cache key must hash the sources"
        for source in ("micrograd/**", "book/", "solutions/"):
            assert source in key, f"cache key must cover {source}: {key}"
        return
    pytest.fail("no actions/cache step caches _build/.jupyter_cache")


def test_artifacts_with_the_execution_cache_include_hidden_files():
    for path, job_name, step in uses("actions/upload-artifact"):
        if ".jupyter_cache" in str(step.get("with", {}).get("path", "")):
            assert step["with"].get("include-hidden-files") is True, (
                f"{path.name}: {job_name}: include-hidden-files"
            )


def test_system_packages_installed_in_ci():
    text = "\n".join(runs(job) for _, _, job in all_jobs())
    assert "graphviz" in text and "chromium" in text, (
        "CI must install graphviz and provide chromium"
    )


def test_binder_files():
    requirements = (ROOT / "requirements.txt").read_text().split()
    assert "-e" in requirements and "." in requirements, (
        "Binder installs the package via `-e .` in requirements.txt"
    )
    assert "micrograd" not in [r.lower() for r in requirements], (
        "never install `micrograd` from PyPI"
    )
    assert "graphviz" in (ROOT / "apt.txt").read_text().split(), (
        "apt.txt must install graphviz on Binder"
    )
    runtime = (ROOT / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.(1[0-9])", runtime), (
        f"runtime.txt should be like python-3.11, got {runtime!r}"
    )
