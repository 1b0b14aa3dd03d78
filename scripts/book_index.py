"""What a chapter's cross-references point at, read from the book's sources (no build needed).

The MyST -> Jupyter Markdown converter (`myst_markdown.py`) turns `{numref}`, `{ref}`, `{doc}`,
`{term}`, `{cite}` and `{glue:text}` into plain text and links to the published pages. This module
answers what they need, from one place each:

- page titles, `(label)=` targets and figure numbers: the page sources listed in `_toc.yml`
  (numbered like the build: chapter number from `_toc.yml`'s numbered part, then the named figures
  of the page in order: "Fig. 3.2");
- glossary terms: the `{glossary}` directive in `book/glossary.md`, with Sphinx's own anchor ids;
- citations: `book/references.bib`, parsed with pybtex (what sphinxcontrib-bibtex uses);
- glued numbers: `book/_glue.json`, which the book build writes from the executed notebooks
  (`scripts/build_book.py`), so generating notebooks never executes code.
- published addresses: `html.baseurl` in `_config.yml`.
"""

import json
import re
from functools import cache
from pathlib import Path

import jupytext
from pybtex.database import parse_file
from sphinx.util.nodes import _make_id

from scripts import book_config

ROOT = book_config.ROOT
GLUE = ROOT / "book" / "_glue.json"
GLOSSARY = "book/glossary"
REFERENCES = "book/references"
# Sphinx's default numfig_format (the book does not change it): what {numref} prints.
NUMFIG_FORMAT = {"figure": "Fig. %s", "table": "Table %s", "code-block": "Listing %s"}
TARGET = re.compile(r"^\(([^()\s]+)\)=\s*$")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
NAME_OPTION = re.compile(r"^:name:\s*(\S+)\s*$", re.M)
NUMBERED_DIRECTIVES = {"figure": "figure", "table": "table", "code-block": "code-block"}
DIRECTIVE = re.compile(r"^(?:`{3,}|:{3,})\{([\w:-]+)\}", re.M)


def published_url(docname, anchor=""):
    base = book_config.config()["html"]["baseurl"].rstrip("/")
    return f"{base}/{docname}.html" + (f"#{anchor}" if anchor else "")


def site_url(path):
    """The published address of a file of the site (e.g. "_images/overview.svg")."""
    return book_config.config()["html"]["baseurl"].rstrip("/") + "/" + path


def plain_title(text):
    """A heading as the sidebar shows it: no Markdown emphasis or code marks."""
    return re.sub(r"[*_`]", "", text).strip()


@cache
def pages():
    """{docname: [cells]} of every page in _toc.yml that has a Markdown source."""
    out = {}
    for docname in book_config.pages():
        path = book_config.source(docname)
        if path.suffix == ".md":
            out[docname] = jupytext.read(path, fmt="md:myst").cells
    return out


@cache
def chapter_numbers():
    return {name: i for i, name in enumerate(book_config.chapters(), start=1)}


@cache
def titles():
    out = {}
    for docname, cells in pages().items():
        for cell in cells:
            match = next(
                (HEADING.match(line) for line in cell.source.splitlines() if HEADING.match(line)),
                None,
            )
            if cell.cell_type == "markdown" and match:
                out[docname] = match.group(1).strip()
                break
    return out


@cache
def labels():
    """{label: (docname, title)} for `(label)=` targets (title: the heading after it) and named
    figures (title: the caption)."""
    out = {}
    for docname, cells in pages().items():
        for cell in cells:
            if cell.cell_type != "markdown":
                caption = cell.metadata.get("mystnb", {}).get("figure", {})
                if caption.get("name"):
                    out[caption["name"]] = (docname, caption.get("caption", ""))
                continue
            lines = cell.source.splitlines()
            for i, line in enumerate(lines):
                target = TARGET.match(line)
                if target:
                    heading = next((HEADING.match(x) for x in lines[i + 1 :] if x.strip()), None)
                    title = plain_title(heading.group(1)) if heading else target.group(1)
                    out[target.group(1)] = (docname, title)
            for name in NAME_OPTION.findall(cell.source):
                out.setdefault(name, (docname, ""))
    return out


@cache
def numbers():
    """{label: (docname, kind, "3.2")}: the numbered figures, tables and listings of the chapters."""
    out = {}
    for docname, cells in pages().items():
        chapter = chapter_numbers().get(docname)
        counts = {}

        def count(kind, name, docname=docname, chapter=chapter, counts=counts):
            counts[kind] = counts.get(kind, 0) + 1
            number = f"{chapter}.{counts[kind]}" if chapter else str(counts[kind])
            out[name] = (docname, kind, number)

        for cell in cells:
            if cell.cell_type == "code":
                name = cell.metadata.get("mystnb", {}).get("figure", {}).get("name")
                if name:
                    count("figure", name)
                continue
            # a named figure/table/listing directive: its :name: is the first one after it
            for match in DIRECTIVE.finditer(cell.source):
                kind = NUMBERED_DIRECTIVES.get(match.group(1))
                named = NAME_OPTION.search(cell.source, match.end())
                if kind and named:
                    count(kind, named.group(1))
    return out


@cache
def glossary_terms():
    """{term: anchor} of the glossary (Sphinx's ids: "term-" + the term, made an identifier)."""
    text = book_config.source(GLOSSARY).read_text(encoding="utf-8")
    body = text.split("{glossary}", 1)[1].split("\n```", 1)[0]
    terms = [
        line.strip() for line in body.splitlines()[1:] if line.strip() and not line[0].isspace()
    ]
    return {term: _make_id(f"term-{term}") for term in terms if not term.startswith(":")}


def term_anchor(term):
    anchors = {t.lower(): a for t, a in glossary_terms().items()}
    if term.lower() not in anchors:
        raise KeyError(f"{{term}} {term!r} is not a term of the glossary ({GLOSSARY}.md)")
    return anchors[term.lower()]


def _latex_free(text):
    return re.sub(r"[{}\\]", "", text)


@cache
def bibliography():
    """{key: (authors as cited, year)}: "Kahn" / "Kahn and Lee" / "Kahn et al."."""
    files = book_config.config().get("bibtex_bibfiles", [])
    out = {}
    for name in files:
        for key, entry in parse_file(str(ROOT / name), bib_format="bibtex").entries.items():
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            last = [_latex_free(" ".join(p.last_names)) for p in people]
            if not last:
                authors = _latex_free(entry.fields.get("title", key))
            elif len(last) == 1:
                authors = last[0]
            elif len(last) == 2:
                authors = f"{last[0]} and {last[1]}"
            else:
                authors = f"{last[0]} et al."
            out[key] = (authors, entry.fields.get("year", "n.d."))
    return out


def code_digest(docname):
    """A digest of a page's code cells: what its glued values are computed from."""
    import hashlib

    code = [c.source for c in pages()[docname] if c.cell_type == "code"]
    return hashlib.sha256("\n\0".join(code).encode()).hexdigest()[:16]


def glue_store():
    """{docname: {"code": digest of the code that computed them, "values": {key: text/plain}}}."""
    return json.loads(GLUE.read_text(encoding="utf-8")) if GLUE.exists() else {}


def glue_values():
    """{docname: {key: text/plain}} as the book build stored them."""
    return {docname: page["values"] for docname, page in glue_store().items()}


def stale_glue():
    """Pages whose code changed since book/_glue.json stored their values (or that glue values
    and have none stored): their numbers may be wrong until `make book` refreshes them."""
    stored = glue_store()
    out = []
    for docname, cells in pages().items():
        glues = any("{glue" in c.source for c in cells if c.cell_type == "markdown")
        if docname in stored and stored[docname]["code"] != code_digest(docname):
            out.append(docname)
        elif glues and docname not in stored:
            out.append(docname)
    return out


def write_glue(executed_folder, refresh=False):
    """Store the glued values of this build (myst-nb writes `<page>.glue.json` next to each executed
    notebook in _build/jupyter_execute) in book/_glue.json. True when the file changed.

    Some glued values are timings, different at every execution. A page whose code is unchanged
    since its values were stored keeps them (no churn in the notebooks), unless `refresh` (the
    build re-executed everything because the package or the installed packages changed)."""
    stored = glue_store()
    values = {}
    for docname in book_config.pages():
        path = Path(executed_folder) / f"{docname}.glue.json"
        if not path.exists():
            if docname in stored:  # not executed in this build: keep what was stored
                values[docname] = stored[docname]
            continue
        built = json.loads(path.read_text(encoding="utf-8"))
        found = {key: out.get("data", {}).get("text/plain") for key, out in built.items()}
        found = {k: v for k, v in sorted(found.items()) if v is not None}
        code = code_digest(docname)
        old = stored.get(docname)
        if old and old["code"] == code and set(old["values"]) == set(found) and not refresh:
            found = old["values"]
        values[docname] = {"code": code, "values": found}
    text = json.dumps(values, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if GLUE.exists() and GLUE.read_text(encoding="utf-8") == text:
        return False
    GLUE.write_text(text, encoding="utf-8")
    return True
