"""The GitHub Actions workflows are valid and safe, and the Binder files are in place.

Checks (without GitHub): every workflow parses; the book workflow runs `make test`
on pull requests and publishes `_build/html` to GitHub Pages on pushes to main;
permissions are least-privilege; every action is pinned to a full commit SHA
with a version comment; the execution cache key covers the notebooks and
`micrograd/`, and no fallback key can restore a cache made with other dependencies; artifacts
that carry `.jupyter_cache` include hidden files; Dependabot updates the pinned actions; CI
installs everything through the Makefile.
"""

import re

import pytest
import yaml
from book_fixtures import ROOT

from scripts import build_book

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


def execution_cache_steps():
    found = [
        step for _, _, step in uses("actions/cache") if ".jupyter_cache" in step["with"]["path"]
    ]
    assert found, "no actions/cache step caches _build/.jupyter_cache"
    return found


def test_execution_cache_key_covers_sources_and_package():
    for step in execution_cache_steps():
        paths = step["with"]["path"].split()
        assert f"_build/{build_book.STAMP.name}" in paths, (
            "cache the build fingerprint too, or build_book.py re-executes everything"
        )
        key = step["with"]["key"]
        for source in ("micrograd/**", "book/**", "solutions/**", "_config.yml", "_toc.yml"):
            assert f"'{source}'" in key, f"cache key must hash {source}: {key}"


ENVIRONMENT_PARTS = ("runner.os", "python-version", "'requirements.lock'", "'pyproject.toml'")


def test_no_cache_fallback_can_restore_outputs_of_other_dependencies():
    for step in execution_cache_steps():
        key = step["with"]["key"]
        for part in ENVIRONMENT_PARTS:
            assert part in key, f"the cache key must name the environment ({part}): {key}"
        for fallback in step["with"].get("restore-keys", "").splitlines():
            assert key.startswith(fallback), f"restore key {fallback!r} is not a prefix of the key"
            for part in ENVIRONMENT_PARTS:
                assert part in fallback, (
                    f"restore key {fallback!r} would restore a cache made without the same {part}"
                )


def test_the_python_version_in_the_key_is_the_one_set_up():
    for path, job_name, step in uses("actions/cache"):
        if ".jupyter_cache" not in step["with"]["path"]:
            continue
        job = load(path)["jobs"][job_name]
        setup = [s for s in steps(job) if s.get("uses", "").startswith("actions/setup-python@")]
        assert setup and setup[0].get("id"), f"{job_name}: give actions/setup-python an id"
        assert f"steps.{setup[0]['id']}.outputs.python-version" in step["with"]["key"]


def test_artifacts_with_the_execution_cache_include_hidden_files():
    carrying = [
        (path, job_name, step)
        for path, job_name, step in uses("actions/upload-artifact")
        if ".jupyter_cache" in str(step.get("with", {}).get("path", ""))
    ]
    assert carrying, "upload the build (with _build/.jupyter_cache) for inspection"
    for path, job_name, step in carrying:
        assert step["with"].get("include-hidden-files") is True, (
            f"{path.name}: {job_name}: include-hidden-files"
        )


def test_system_packages_are_installed_before_make_test():
    for path, job_name, job in all_jobs():
        names = [step.get("run", "") for step in steps(job)]
        tests = [i for i, run in enumerate(names) if "make test" in run]
        if not tests:
            continue
        installs = [
            i
            for i, run in enumerate(names)
            if re.search(r"scripts/ensure_system_deps\.sh --browser\b", run)
        ]
        assert installs and installs[0] < tests[0], (
            f"{path.name}: {job_name}: run scripts/ensure_system_deps.sh --browser before make test"
        )
        return
    pytest.fail("no job runs make test")


def test_dependabot_updates_the_pinned_actions_and_npm_packages():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) >= {"github-actions", "npm"}, updates
    assert updates["github-actions"]["directory"] == "/"
    assert (ROOT / updates["npm"]["directory"].lstrip("/") / "package.json").exists()
    for ecosystem, update in updates.items():
        assert update["schedule"]["interval"] in {"daily", "weekly", "monthly"}, ecosystem


def test_ci_installs_everything_through_the_makefile():
    """.ci/run on a fresh machine: system packages, npm, then `make test` (which installs the
    Python environment from the lock and PyTorch's CPU build); nothing pip-installed by hand."""
    text = (ROOT / ".ci" / "run").read_text()
    commands = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert "bash scripts/ensure_system_deps.sh --browser --node --grader" in commands
    assert commands.index("make node") < commands.index("make test")
    assert not [c for c in commands if "pip install" in c], (
        "install through make (the lock), not by hand"
    )
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: .*\btorch\b", makefile, re.MULTILINE), "make test installs torch"


def test_binder_files():
    """Binder reads binder/ (repo2docker ignores the root's files when that folder exists)."""
    lines = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    requirements = " ".join(lines).split()
    assert "-e ." in lines, "Binder installs the package via `-e .` in binder/requirements.txt"
    assert "micrograd" not in [r.lower() for r in requirements], (
        "never install `micrograd` from PyPI"
    )
    pinned = [line for line in lines if line and not line.startswith(("#", "-"))]
    assert pinned and all("==" in line for line in pinned), "Binder installs exact versions"
    assert "graphviz" in (ROOT / "binder" / "apt.txt").read_text().split(), (
        "binder/apt.txt must install graphviz on Binder"
    )
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.(1[0-9])", runtime), (
        f"binder/runtime.txt should be like python-3.11, got {runtime!r}"
    )
    for name in ("requirements.txt", "runtime.txt", "apt.txt", "environment.yml"):
        assert name == "requirements.txt" or not (ROOT / name).exists(), (
            f"{name} at the root is ignored by Binder (binder/ wins): keep it in binder/"
        )
