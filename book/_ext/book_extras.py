"""Sphinx glue for the micrograd book.

(The exercise pages have their own extension, `exercises.py`.)

- Fixes two pieces of Jupyter Book 1's defaults that break a clean browser
  console: pydata-sphinx-theme's empty `default_mode`, and sphinx-thebe's
  scripts (included twice, pointing at a CDN; the book does not use Thebe).
"""

from pathlib import Path

STATIC = Path(__file__).parent / "static"


def configure(app, config):
    config.html_context.setdefault("default_mode", "auto")
    # `{{ repository_link }}` in the pages, from _config.yml's one repository setting
    url = config.html_theme_options.get("repository_url", "").rstrip("/")
    config.myst_substitutions = {**config.myst_substitutions, "repository_link": f"[{url}]({url})"}
    config.html_static_path.append(str(STATIC))


def drop_thebe(app, pagename, templatename, context, doctree):
    def keep(asset):
        text = f"{getattr(asset, 'filename', '') or ''} {getattr(asset, 'attributes', {}).get('body', '')}"
        return "thebe" not in text.lower()

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if keep(asset)]


def setup(app):
    app.connect("config-inited", configure)
    app.connect("html-page-context", drop_thebe, priority=900)
    app.add_css_file("book_extras.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
