"""The exercise pages: rendered from the sources in `solutions/`, launched and downloaded as the
student notebooks in `exercises/`.

- A launch bar at the top of every exercise page (Colab, Binder, download, back to the chapter),
  and the theme's own Colab/Binder buttons point at the student notebook too.
- Solutions stay hidden until asked for: every cell holding a solution region is collapsed,
  code *and* output, behind "Show solution"; the output of a `needs-exercise` cell (made by the
  solution) is collapsed behind "Show the result". The marker lines themselves are dropped from
  the code shown. The marker syntax is defined once, in `scripts/exercise_gen.py`.
- The theme's download menu offers the student notebook (never the executed solution notebook or
  the solution source), and those solution files are removed from the built site's `_sources/`.
  Exercise pages have no "Suggest edit" or "Show source" button: both open the source in
  `solutions/`, answers included (the student notebook is generated, so not edited by hand).
- Binder opens the interface `_config.yml` asks for (`launch_buttons.notebook_interface`).
- `exercises/*.ipynb` is copied into the site (`_exercises/`) so the download works offline.
"""

import importlib.util
import shutil
from pathlib import Path

from docutils import nodes

ROOT = Path(__file__).resolve().parents[2]
EXERCISE_PREFIX = "solutions/"
PROMPTS = {
    "all": ("Show solution", "Hide solution"),
    "output": ("Show the result (made by the solution)", "Hide the result"),
}
# Binder's `urlpath` for each notebook interface of `launch_buttons.notebook_interface`.
BINDER_UI = {"classic": "notebooks", "jupyterlab": "lab/tree"}


def _load_exercise_gen():
    spec = importlib.util.spec_from_file_location(
        "exercise_gen", ROOT / "scripts" / "exercise_gen.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


exercise_gen = _load_exercise_gen()


def is_exercise_page(docname):
    return docname.startswith(EXERCISE_PREFIX)


def _repo(app):
    """(owner/name, branch) of the configured GitHub repository."""
    opts = app.config.html_theme_options
    url = opts.get("repository_url", "").rstrip("/")
    return url.split("github.com/", 1)[-1], opts.get("repository_branch", "main")


def _launch(app):
    return app.config.html_theme_options.get("launch_buttons", {})


def binder_url(app, path):
    """The Binder link that opens `path` (in the repository) in the configured interface."""
    org_repo, branch = _repo(app)
    launch = _launch(app)
    interface = launch.get("notebook_interface", "classic")
    if interface not in BINDER_UI:
        raise ValueError(
            f"launch_buttons.notebook_interface in _config.yml must be one of "
            f"{sorted(BINDER_UI)}, got {interface!r}"
        )
    hub = launch.get("binderhub_url", "https://mybinder.org").rstrip("/")
    return f"{hub}/v2/gh/{org_repo}/{branch}?urlpath={BINDER_UI[interface]}/{path}"


def colab_url(app, path):
    org_repo, branch = _repo(app)
    colab = _launch(app).get("colab_url", "https://colab.research.google.com").rstrip("/")
    return f"{colab}/github/{org_repo}/blob/{branch}/{path}"


def _exercise_bar(app, docname):
    name = docname.split("/", 1)[1]
    notebook = f"exercises/{name}.ipynb"
    depth = "../" * docname.count("/")
    # the capstone has no chapter of its own: it links back to the start of the book
    chapter = f"book/{name}" if f"book/{name}" in app.env.found_docs else app.config.root_doc
    back = "Back to the chapter" if chapter.endswith(name) else "Back to the book"
    return f"""
<div class="exercise-bar admonition tip">
  <p class="admonition-title">Do these exercises yourself</p>
  <p>Open the student notebook (no solutions inside) and fill in every <code># YOUR CODE HERE</code>.
  The check cell after each exercise tells you whether your answer is right. On this page each
  solution is hidden: click <em>Show solution</em> only after you have tried.</p>
  <p class="exercise-links">
    <a class="exercise-link colab" href="{colab_url(app, notebook)}">Open the exercise in Colab</a>
    <a class="exercise-link binder" href="{binder_url(app, notebook)}">Open the exercise in Binder</a>
    <a class="exercise-link download" href="{depth}_exercises/{name}.ipynb" download>Download the .ipynb</a>
    <a class="exercise-link chapter" href="{depth}{chapter}.html">{back}</a>
  </p>
</div>
"""


def add_exercise_bar(app, doctree, docname):
    if not is_exercise_page(docname):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title_index = section.first_child_matching_class(nodes.title)
    raw = nodes.raw("", _exercise_bar(app, docname), format="html")
    section.insert((title_index or 0) + 1, raw)


def _source_block(cell):
    for child in cell.children:
        if child.get("nb_element") == "cell_code_source":
            return next(iter(child.findall(nodes.literal_block)), None)
    return None


def strip_solution_markers(block):
    """Drop the marker lines from a code block as the page shows it."""
    text = block.astext()
    cleaned = exercise_gen.MARKER_LINE.sub("", text)
    block.replace(block.children[0], nodes.Text(cleaned))
    block.rawsource = exercise_gen.MARKER_LINE.sub("", block.rawsource)


def hide_solutions(app, doctree):
    """Collapse solution cells (code and output) and the results of `needs-exercise` cells.

    Runs when the page is read, before myst-nb's post-transform turns `hide_mode` into toggles.
    """
    if not is_exercise_page(app.env.docname):
        return
    for cell in list(doctree.findall(nodes.container)):
        if cell.get("nb_element") != "cell_code":
            continue
        block = _source_block(cell)
        if block is not None and exercise_gen.MARKER_LINE.search(block.astext()):
            strip_solution_markers(block)
            cell["hide_mode"] = "all"
            cell["classes"].append("exercise-solution")  # the PDF keeps these closed too
        elif f"tag_{exercise_gen.NEEDS_TAG}" in cell["classes"] and not cell.get("hide_mode"):
            cell["hide_mode"] = "output"
            cell["classes"].append("exercise-result")
        else:
            continue
        cell["prompt_show"], cell["prompt_hide"] = PROMPTS[cell["hide_mode"]]


def _fix_buttons(buttons, app, pagename, pathto):
    """Launch buttons: Binder in the configured interface, exercise pages open the student notebook.
    Download menu of an exercise page: the student notebook, and the print button."""
    exercise = is_exercise_page(pagename)
    name = pagename.split("/", 1)[-1]
    kept = []
    for button in buttons:
        if "buttons" in button:
            button["buttons"] = _fix_buttons(button["buttons"], app, pagename, pathto)
        elif button.get("text") == "Binder" and "url" in button:
            path = button["url"].split("?urlpath=", 1)[1].split("/", 1)[1]
            if path.startswith("tree/"):  # jupyterlab's "lab/tree/<path>"
                path = path.removeprefix("tree/")
            if exercise:
                path = path.replace(EXERCISE_PREFIX, "exercises/", 1)
            button["url"] = binder_url(app, path)
        elif button.get("text") == "Colab" and "url" in button and exercise:
            button["url"] = colab_url(app, f"exercises/{name}.ipynb")
        elif exercise and button.get("label") == "download-notebook-button":
            button["url"] = pathto(f"_exercises/{name}.ipynb", 1)
            button["tooltip"] = "Download the student notebook (no solutions)"
        elif exercise and button.get("label") == "download-source-button":
            continue  # the source holds the solutions
        elif exercise and button.get("label") in ("source-edit-button", "source-file-button"):
            continue  # "Suggest edit" / "Show source" open solutions/NN.md on GitHub
        kept.append(button)
    return kept


def point_buttons_at_exercises(app, pagename, templatename, context, doctree):
    if "header_buttons" in context:
        context["header_buttons"] = _fix_buttons(
            context["header_buttons"], app, pagename, context["pathto"]
        )


def copy_exercises(app, exception):
    """Student notebooks into the site; the solutions' own files out of `_sources/`."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_exercises"
    target.mkdir(parents=True, exist_ok=True)
    for notebook in sorted((Path(app.srcdir) / "exercises").glob("*.ipynb")):
        shutil.copy2(notebook, target / notebook.name)
    shutil.rmtree(Path(app.outdir) / "_sources" / EXERCISE_PREFIX.rstrip("/"), ignore_errors=True)


def setup(app):
    app.connect("doctree-read", hide_solutions)
    app.connect("doctree-resolved", add_exercise_bar)
    app.connect("html-page-context", point_buttons_at_exercises, priority=900)
    app.connect("build-finished", copy_exercises)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
