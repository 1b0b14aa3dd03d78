"""One place to read the book's facts from its configuration: pages, chapters, repository, launches.

`_toc.yml` is the source of the page list and `_config.yml` of the repository and launch services;
scripts and tests read them through these functions instead of keeping their own lists:

    from scripts import book_config
    book_config.chapters()        # ("book/01_derivatives", ...): the numbered chapters, in order
    book_config.exercise_pages()  # ("solutions/01_derivatives", ...)
    book_config.repository()      # Repository(url=..., name="owner/repo", branch="main")
    book_config.launch_urls("exercises/01_derivatives.ipynb")  # {"Colab": ..., "Binder": ...}

Every function takes `root=` (the checkout; this one by default) so tests can point it at a copy.
"""

import copy
import functools
import re
from pathlib import Path
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = re.compile(r"^book/\d\d_[a-z0-9_]+$")
EXERCISE = re.compile(r"^solutions/\d\d_[a-z0-9_]+$")
DEFAULT_COLAB = "https://colab.research.google.com"
DEFAULT_BINDER = "https://mybinder.org"


class Repository(NamedTuple):
    url: str  # without a trailing slash
    name: str  # "owner/repo"
    branch: str


def _yaml(path):
    """The parsed file; parsed once per distinct text (generating the notebooks asks hundreds of
    times), and a fresh copy each call, so a caller that changes it changes nobody else's."""
    return copy.deepcopy(_parsed(path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=16)
def _parsed(text):
    return yaml.safe_load(text)


def config(root=ROOT):
    """_config.yml as a dict."""
    return _yaml(Path(root) / "_config.yml")


def toc(root=ROOT):
    """_toc.yml as a dict."""
    return _yaml(Path(root) / "_toc.yml")


def pages(root=ROOT):
    """Every page of the book in _toc.yml order, root first, without suffix: ("book/intro", ...)."""
    data = toc(root)
    names = [data["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                names.append(node["file"])
            for key, value in node.items():
                if key != "file":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in data.items() if k != "root"})
    stems = (name.removesuffix(".md").removesuffix(".ipynb") for name in names)
    return tuple(dict.fromkeys(stems))


def chapters(root=ROOT):
    """The numbered chapters (book/NN_name) in _toc.yml order."""
    return tuple(name for name in pages(root) if CHAPTER.match(name))


def exercise_pages(root=ROOT):
    """The exercise pages (solutions/NN_name) in _toc.yml order."""
    return tuple(name for name in pages(root) if EXERCISE.match(name))


def source(docname, root=ROOT):
    """The source file (.md or .ipynb) of a page; FileNotFoundError naming the page if none."""
    for suffix in (".md", ".ipynb"):
        path = Path(root) / f"{docname}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(
        f"_toc.yml lists {docname!r} but neither {docname}.md nor .ipynb exists"
    )


def repository(root=ROOT):
    """The GitHub repository readers launch notebooks from (`repository:` in _config.yml)."""
    repo = config(root)["repository"]
    url = repo["url"].rstrip("/")
    if "github.com/" not in url:
        raise ValueError(f"repository.url in _config.yml must be a GitHub URL, got {url!r}")
    return Repository(url, url.split("github.com/", 1)[1], repo.get("branch", "main"))


def launch_urls(path_in_repo, ref=None, root=ROOT):
    """{"Colab": url, "Binder": url} that open `path_in_repo` (e.g. "exercises/01_x.ipynb") at
    `ref` (a branch, tag or commit; the configured branch by default)."""
    repo = repository(root)
    ref = ref or repo.branch
    launch = config(root).get("launch_buttons", {})
    colab = launch.get("colab_url", DEFAULT_COLAB).rstrip("/")
    binder = launch.get("binderhub_url", DEFAULT_BINDER).rstrip("/")
    return {
        "Colab": f"{colab}/github/{repo.name}/blob/{ref}/{path_in_repo}",
        "Binder": f"{binder}/v2/gh/{repo.name}/{ref}?urlpath=tree/{path_in_repo}",
    }
