"""Publishing glue for the micrograd book: the settings the maintained extensions
(sphinxext-opengraph, sphinx-sitemap, sphinx-notfound-page, sphinx-last-updated-by-git)
derive from `html.baseurl` in _config.yml, the link to the whole-book PDF on every
page, and a MathJax folder cut down to what the pages load.

- Open Graph tags, the sitemap and the 404 page's site root all read `html_baseurl`, so a
  fork changes its address in one place.
- The 404 page works wherever the site is served: published (GitHub Pages answers any missing
  address, at any depth, with it) and from the site's folder (`python -m http.server` in
  _build/html). Its links are relative to the site's root, and a script first in <head> sets
  <base> to that root: the published prefix when the address starts with it, else the folder
  the page was opened from. Without JavaScript, relative links still work at the top level.
- "Last updated" dates come from git. A shallow clone (CI often fetches one commit)
  cannot date pages whose last change is older than the clone: then those pages show
  no date and the build says so once, instead of failing on one warning per page.
- sphinx-mathjax-offline copies all of MathJax 3 (24 MB: every font, input format and
  speech language). The pages load `tex-chtml.js`, its woff-v2 fonts, TeX extensions
  on demand, and (from the MathJax menu) the accessibility explorer with English speech;
  everything else is removed after the build.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.util import logging

logger = logging.getLogger(__name__)

PDF_NAME = "micrograd-book.pdf"

# What the pages can load from _static/mathjax (relative paths; a folder keeps everything in it).
MATHJAX_KEEP = (
    "tex-chtml.js",
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
    "a11y",
    "sre/mathmaps/base.json",
    "sre/mathmaps/en.json",
)


def _base_path(config):
    """The path part of html_baseurl, with slashes at both ends ("/micrograd-book/")."""
    path = urlsplit(config.html_baseurl or "/").path.strip("/")
    return f"/{path}/" if path else "/"


def _is_shallow(srcdir):
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"],
            cwd=srcdir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return False
    return out == "true"


def configure(app, config):
    if not config.html_baseurl:
        raise ValueError("html.baseurl in _config.yml must be the published address of the book")
    config.html_baseurl = config.html_baseurl.rstrip("/") + "/"
    # sphinx-sitemap: plain page addresses under html_baseurl (no language or version part)
    config.sitemap_url_scheme = "{link}"
    # sphinxext-opengraph: site address from html_baseurl; the logo as the card picture
    # (no generated social-card images: they would add a PNG per page)
    config.ogp_site_url = config.html_baseurl
    config.ogp_site_name = config.html_title or config.project
    config.ogp_image = config.html_baseurl + "_static/logo.svg"
    config.ogp_image_alt = f"{config.ogp_site_name} logo"
    config.ogp_social_cards = {"enable": False}
    # sphinx-notfound-page: absolute links to the assets, for a 404 served at any depth
    config.notfound_urls_prefix = _base_path(config)
    # sphinx-last-updated-by-git
    config.html_last_updated_fmt = "%d %B %Y"
    if _is_shallow(app.srcdir):
        logger.info(
            "shallow git clone: pages whose last change is older than the clone get no "
            "'last updated' date (fetch the full history, e.g. `git fetch --unshallow`, for all)"
        )
        config.suppress_warnings = [*config.suppress_warnings, "git.too_shallow"]


def add_pdf_link(app, pagename, templatename, context, doctree):
    """A "Whole book (PDF)" entry in the theme's download menu of every page."""
    pathto = context.get("pathto")
    if pathto is None:
        return
    link = {
        "type": "link",
        "url": pathto(PDF_NAME, 1),
        "text": "Book (PDF)",
        "tooltip": "Download the whole book as one PDF",
        "icon": "fas fa-file-pdf",
        "label": "download-book-pdf-button",
    }
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons" and "buttons" in button:
            button["buttons"].append(link)
            return
    context.setdefault("header_buttons", []).append(link)


def complete_sitemap(app, exception):
    """sphinx-sitemap lists only the pages this build wrote, in the order it wrote them, so an
    incremental build left out the unchanged pages: list every page of the book, sorted."""
    sitemap = Path(app.outdir) / "sitemap.xml"
    if exception is not None or not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    entries = re.findall(r"<url>.*?</url>", text, flags=re.S)
    if not entries:
        return
    base = app.config.html_baseurl.rstrip("/") + "/"
    pages = {f"<url><loc>{base}{doc}.html</loc></url>" for doc in app.env.found_docs}
    start, end = text.index(entries[0]), text.rindex(entries[-1]) + len(entries[-1])
    body = "".join(sorted(set(entries) | pages))
    sitemap.write_text(text[:start] + body + text[end:], encoding="utf-8")


def prune_static(app, exception):
    """Drop from _static what no page loads: most of MathJax, source maps, TrueType copies
    of woff2 fonts, the theme's message catalogs."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    # source maps are only for debugging the theme's bundles; browsers that read woff2
    # (all current ones) never ask for the TrueType copies of the icon fonts
    for pattern in ("*.js.map", "*.css.map", "vendor/fontawesome/webfonts/*.ttf"):
        for path in static.glob(pattern if "/" in pattern else f"**/{pattern}"):
            path.unlink()
    shutil.rmtree(static / "locales", ignore_errors=True)  # message catalogs used while building
    prune_mathjax(static / "mathjax")


def prune_mathjax(folder):
    if not (folder / MATHJAX_KEEP[0]).is_file():
        raise FileNotFoundError(
            f"{folder / MATHJAX_KEEP[0]} is missing: sphinx-mathjax-offline did not copy MathJax"
        )
    keep = [folder / item for item in MATHJAX_KEEP]
    for path in sorted(folder.rglob("*"), reverse=True):
        if any(path == k or k in path.parents for k in keep):
            continue
        if path.is_dir():
            if not any(k.is_relative_to(path) for k in keep):
                shutil.rmtree(path)
        else:
            path.unlink()


# First in the 404 page's <head>: the site's root, wherever the page is served, and a writer for
# the tags that load something (kept out of the markup: the browser's preload scanner would
# fetch them from the wrong place before any script could say where the root is).
ROOT_SCRIPT = """<script>/* the site's root, wherever it is served (book_publishing.py) */
var siteRoot = (function (prefix, path) {{
  if (path.indexOf(prefix) === 0) return prefix;
  if (/\\/404\\.html$/.test(path)) return path.replace(/404\\.html$/, "");
  return "/";
}}("{prefix}", location.pathname));
function writeFromRoot(tag) {{ document.write(tag.split("{placeholder}").join(siteRoot)); }}
</script>"""
# Last in its <body>: links to pages, from the root too.
LINKS_SCRIPT = """<script>document.querySelectorAll('a[href^="{prefix}"]').forEach(function (a) {{
  a.setAttribute("href", siteRoot + a.getAttribute("href").slice({length}));
}});</script>"""
PLACEHOLDER = "@@site-root@@"
LOADING_TAG = re.compile(
    r'<script\b[^>]*\bsrc="(?P<s>[^"]*)"[^>]*>\s*</script>|<(?:link|img)\b[^>]*\b(?:href|src)="(?P<h>[^"]*)"[^>]*>'
)


def relocatable_404(app, exception):
    """404.html loads its assets from the site's root wherever the site is served: published
    (GitHub Pages answers a missing address at any depth with it, under html_baseurl's prefix),
    or from the site's folder (`python -m http.server` in _build/html, at any depth too)."""
    page = Path(app.outdir) / "404.html"
    if exception is not None or app.builder.format != "html" or not page.is_file():
        return
    prefix = _base_path(app.config)

    def defer(match):
        url = match.group("s") or match.group("h") or ""
        if not url.startswith(prefix):
            return match.group(0)
        tag = json.dumps(match.group(0).replace(f'"{prefix}', f'"{PLACEHOLDER}', 1))
        return "<script>writeFromRoot(" + tag.replace("</", "<\\/") + ")</script>"

    text = LOADING_TAG.sub(defer, page.read_text(encoding="utf-8"))
    root = ROOT_SCRIPT.format(prefix=prefix, placeholder=PLACEHOLDER)
    text = text.replace("<head>", "<head>\n" + root, 1)
    links = LINKS_SCRIPT.format(prefix=prefix, length=len(prefix))
    text = text.replace("</body>", links + "\n</body>", 1)
    page.write_text(text, encoding="utf-8")


def html_handlers_for_singlehtml(app):
    """The one-page build (for the PDF) uses the HTML translator, but Sphinx looks up the
    visitors of custom nodes by builder name first: once any extension registers one for
    `singlehtml`, the nodes registered only for `html` (myst-nb's hidden cells) have none.
    Give `singlehtml` every `html` visitor it lacks."""
    if app.builder.name != "singlehtml":
        return
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for node, visitors in handlers.get("html", {}).items():
        single.setdefault(node, visitors)


def setup(app):
    app.connect("config-inited", configure)
    app.connect("builder-inited", html_handlers_for_singlehtml)
    app.connect("html-page-context", add_pdf_link, priority=950)
    # after sphinx-mathjax-offline's copy (priority 500)
    app.connect("build-finished", prune_static, priority=900)
    app.connect("build-finished", complete_sitemap, priority=950)  # after sphinx-sitemap (500)
    app.connect("build-finished", relocatable_404, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
