"""Sphinx glue for the micrograd book.

(The exercise pages have their own extension, `exercises.py`.)

- Fixes two pieces of Jupyter Book 1's defaults that break a clean browser
  console: pydata-sphinx-theme's empty `default_mode`, and sphinx-thebe's
  scripts (included twice, pointing at a CDN; the book does not use Thebe).
- Numbers the figures of every unnumbered page (the intro, the appendix) from 1:
  Sphinx counts them all with one counter, so the appendix began at "Fig. 2".
"""

import os
from pathlib import Path

STATIC = Path(__file__).parent / "static"


def configure(app, config):
    config.html_context.setdefault("default_mode", "auto")
    # `{{ repository_link }}` in the pages, from _config.yml's one repository setting
    url = config.html_theme_options.get("repository_url", "").rstrip("/")
    config.myst_substitutions = {**config.myst_substitutions, "repository_link": f"[{url}]({url})"}
    config.html_static_path.append(str(STATIC))
    # the chapters' build cells import book_widgets from this folder (in the notebook kernels)
    here = str(Path(__file__).parent)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if here not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([here, *paths])


def drop_thebe(app, pagename, templatename, context, doctree):
    def keep(asset):
        text = f"{getattr(asset, 'filename', '') or ''} {getattr(asset, 'attributes', {}).get('body', '')}"
        return "thebe" not in text.lower()

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if keep(asset)]


def number_figures_per_page(app, env):
    """Restart the figure count on each page outside the numbered chapters.

    Sphinx's toctree collector (connected to the same event, earlier) gives the pages without a
    section number one shared counter per kind of figure: Fig. 1 in the intro, then Fig. 2 ...
    in the appendix. A chapter's numbers carry its section number, (3, 1), and stay as they are.
    """
    for numbers_of_type in env.toc_fignumbers.values():
        for numbers in numbers_of_type.values():
            if numbers and all(len(number) == 1 for number in numbers.values()):
                in_order = sorted(numbers, key=numbers.get)
                numbers.update({ident: (i,) for i, ident in enumerate(in_order, start=1)})
    return []


def setup(app):
    app.connect("config-inited", configure)
    app.connect("env-get-updated", number_figures_per_page)
    app.connect("html-page-context", drop_thebe, priority=900)
    app.add_css_file("book_extras.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
