"""Sphinx glue for the micrograd book.

- Exercise pages are rendered from the full notebooks in `solutions/`, but
  readers must launch and download the *student* notebooks in `exercises/`:
  this adds a launch bar to the top of every exercise page and points the
  theme's Colab/Binder buttons there too.
- Drops the `### BEGIN SOLUTION` / `### END SOLUTION` marker lines from the
  solutions as the book shows them (the generator needs them; readers don't).
- Copies `exercises/*.ipynb` into the site so the download link works offline.
- Fixes two pieces of Jupyter Book 1's defaults that break a clean browser
  console: pydata-sphinx-theme's empty `default_mode`, and sphinx-thebe's
  scripts (included twice, pointing at a CDN; the book does not use Thebe).
"""

import os
import re
import shutil
from pathlib import Path

from docutils import nodes

STATIC = Path(__file__).parent / "static"
MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION\b.*\n?", re.MULTILINE)


def _repo(app):
    """(owner/name, branch) of the configured GitHub repository."""
    opts = app.config.html_theme_options
    url = opts.get("repository_url", "").rstrip("/")
    return url.split("github.com/", 1)[-1], opts.get("repository_branch", "main")


def _exercise_bar(app, docname):
    name = docname.split("/", 1)[1]
    org_repo, branch = _repo(app)
    launch = app.config.html_theme_options.get("launch_buttons", {})
    colab = f"{launch.get('colab_url', 'https://colab.research.google.com')}/github/{org_repo}/blob/{branch}/exercises/{name}.ipynb"
    binder = f"{launch.get('binderhub_url', 'https://mybinder.org')}/v2/gh/{org_repo}/{branch}?urlpath=tree/exercises/{name}.ipynb"
    depth = "../" * docname.count("/")
    chapter = f"{depth}book/{name}.html"
    return f"""
<div class="exercise-bar admonition tip">
  <p class="admonition-title">Do these exercises yourself</p>
  <p>Open the student notebook (no solutions inside) and fill in every <code># YOUR CODE HERE</code>.
  The check cell after each exercise tells you whether your answer is right. On this page each
  solution is hidden: click <em>Show solution</em> only after you have tried.</p>
  <p class="exercise-links">
    <a class="exercise-link colab" href="{colab}">Open the exercise in Colab</a>
    <a class="exercise-link binder" href="{binder}">Open the exercise in Binder</a>
    <a class="exercise-link download" href="{depth}_exercises/{name}.ipynb" download>Download the .ipynb</a>
    <a class="exercise-link chapter" href="{chapter}">Back to the chapter</a>
  </p>
</div>
"""


def add_exercise_bar(app, doctree, docname):
    if not docname.startswith("solutions/"):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title_index = section.first_child_matching_class(nodes.title)
    raw = nodes.raw("", _exercise_bar(app, docname), format="html")
    section.insert((title_index or 0) + 1, raw)


def strip_solution_markers(app, doctree, docname):
    if not docname.startswith("solutions/"):
        return
    for block in list(doctree.findall(nodes.literal_block)):
        text = block.astext()
        if MARKER.search(text):
            block.replace(block.children[0], nodes.Text(MARKER.sub("", text)))
            block.rawsource = MARKER.sub("", block.rawsource)


def point_launch_buttons_at_exercises(app, pagename, templatename, context, doctree):
    if not pagename.startswith("solutions/"):
        return

    def fix(buttons):
        for button in buttons:
            if "buttons" in button:
                fix(button["buttons"])
            elif button.get("text") in ("Binder", "Colab") and "url" in button:
                button["url"] = button["url"].replace("/solutions/", "/exercises/")

    fix(context.get("header_buttons", []))


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


def copy_exercises(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_exercises"
    target.mkdir(parents=True, exist_ok=True)
    for notebook in sorted((Path(app.srcdir) / "exercises").glob("*.ipynb")):
        shutil.copy2(notebook, target / notebook.name)


def setup(app):
    app.connect("config-inited", configure)
    app.connect("html-page-context", drop_thebe, priority=900)
    app.connect("doctree-resolved", add_exercise_bar)
    app.connect("doctree-resolved", strip_solution_markers)
    app.add_css_file("book_extras.css")
    app.connect("html-page-context", point_launch_buttons_at_exercises, priority=900)
    app.connect("build-finished", copy_exercises)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
