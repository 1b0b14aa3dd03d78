"""The notebooks readers launch (Colab, Binder) show Markdown, never raw MyST.

- Every Markdown cell of every generated notebook (chapter twins, solution twins, student
  notebooks), parsed with myst-parser's own parser, holds no MyST role, directive or `(label)=`
  target; every check question's answer is folded in <details>.
- Each rule of the converter (scripts/myst_markdown.py) on a small input: glued numbers formatted
  as the build formats them, figure numbers, glossary and reference links, citations, included
  code, figures, admonitions; unknown markup is an error that names it.
"""

import re

import nbformat
import pytest
from book_fixtures import ROOT, launch_targets
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from scripts import book_index, myst_markdown

PARSER = create_md_parser(MdParserConfig(enable_extensions=myst_markdown.EXTENSIONS), RendererHTML)
NOTEBOOKS = [path for path, _ in launch_targets()]
BASE = book_index.published_url("x").rsplit("/", 1)[0]


def raw_myst(markdown):
    """The MyST constructs left in `markdown` (an empty list when it is plain Markdown)."""
    found = []
    for token in PARSER.parse(markdown):
        if token.type in ("fence", "colon_fence") and token.info.strip().startswith("{"):
            found.append(f"directive {token.info.strip()}")
        elif token.type == "colon_fence":
            found.append(f"colon fence ::: {token.info.strip()}")
        elif token.type == "myst_target":
            found.append(f"target ({token.content})=")
        for child in token.children or []:
            if child.type == "myst_role":
                found.append(f"role {{{child.meta['name']}}}`{child.content}`")
    return found


def test_the_detector_sees_each_kind_of_myst():
    assert raw_myst("see {term}`leaf` here")
    assert raw_myst("```{figure} a.svg\ncaption\n```")
    assert raw_myst(":::{note}\nhi\n:::")
    assert raw_myst("(my-label)=\n# Title")
    assert not raw_myst("plain `{term}` in code, $x$ and ```python\n{a}\n```")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_launched_notebook_has_no_raw_myst(path):
    nb = nbformat.read(path, as_version=4)
    left = [
        f"cell {i} ({cell.get('id')}): {item}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "markdown"
        for item in raw_myst(cell.source)
    ]
    assert not left, (
        f"{path.relative_to(ROOT)} shows raw MyST (run `make notebooks`):\n" + "\n".join(left[:20])
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_answers_are_folded(path):
    """As many folded answers as the source has solution directives, and no glue key left."""
    source = ROOT / ("solutions" if path.parent.name == "exercises" else path.parent.name)
    md = (source / path.name).with_suffix(".md").read_text()
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    solutions = len(re.findall(r"^:{3,}\{solution\}", md, re.M))
    assert markdown.count("<summary>Answer") == solutions
    assert "{glue" not in markdown


def convert(text, docname="book/03_value", glue=None):
    return myst_markdown.Converter(docname, glue=glue or {}).convert(text)


def test_glued_values_use_the_format_the_build_uses():
    glue = {"book/03_value": {"x": "0.123456", "n": "42", "s": "'hi'"}}
    out = convert("a {glue:text}`x:.2f`, b {glue:text}`n`, c {glue}`s`.", glue=glue)
    assert out == "a 0.12, b 42, c hi."


def test_a_missing_glued_value_is_reported():
    converter = myst_markdown.Converter("book/03_value", glue={})
    assert "`nope`" in converter.convert("{glue:text}`nope:.1f`")
    assert converter.missing_glue == ["book/03_value::nope"]


def test_references_become_linked_words():
    figure = next(k for k, v in book_index.numbers().items() if v[0] == "book/02_chain_rule")
    _, _, number = book_index.numbers()[figure]
    out = convert(f"See {{numref}}`{figure}` and {{numref}}`Figure %s <{figure}>`.")
    url = f"{BASE}/book/02_chain_rule.html#{figure}"
    assert out == f"See [Fig. {number}]({url}) and [Figure {number}]({url})."
    assert convert("{term}`leaves <leaf>`") == f"[leaves]({BASE}/book/glossary.html#term-leaf)"
    assert convert("{doc}`02_chain_rule`") == f"[The chain rule]({BASE}/book/02_chain_rule.html)"
    assert convert("{ref}`power rule <power-rule>`") == (
        f"[power rule]({BASE}/book/01_derivatives.html#power-rule)"
    )


def test_citations_read_author_and_year_from_the_bibliography():
    refs = f"{BASE}/book/references.html"
    assert convert("{cite}`rumelhart1986learning`") == f"([Rumelhart et al., 1986]({refs}))"
    assert convert("{cite:t}`karpathy2022lecture`") == f"[Karpathy (2022)]({refs})"
    with pytest.raises(myst_markdown.MystConversionError, match="unknown keys"):
        convert("{cite}`nobody2000`")


def test_literalinclude_is_the_included_code():
    out = convert(
        "```{literalinclude} ../micrograd/engine.py\n:pyobject: Value.__add__\n:dedent: 4\n```"
    )
    assert out.startswith("```python\ndef __add__(self, other):")
    assert "return" in out and out.endswith("\n```")


def test_admonitions_exercises_and_solutions():
    out = convert(":::{admonition} Learning objectives\n:class: tip\n\nYou can *add*.\n:::")
    assert out == "> **Learning objectives**\n>\n> You can *add*."
    out = convert("::::{exercise} Check 1\n:label: c1\n:nonumber:\n\nWhat is 1+1?\n::::")
    assert out == "> **Check 1**\n>\n> What is 1+1?"
    out = convert(":::{solution} c1\n:class: dropdown\n\nTwo, {term}`leaf`.\n:::")
    assert out.startswith("<details>\n<summary>Answer")
    assert "Two, [leaf](" in out and out.endswith("</details>")
    assert convert(":::{warning}\nHot.\n:::") == "> **Warning**\n>\n> Hot."


def test_figures_become_images_with_numbered_captions():
    out = convert(
        "```{figure} figures/overview.svg\n:name: fig-overview\n:alt: A graph.\n\nThe book.\n```",
        docname="book/intro",
    )
    number = book_index.numbers()["fig-overview"][2]
    assert out == f"![A graph.]({BASE}/_images/overview.svg)\n\n**Fig. {number}.** The book."


def test_targets_and_comments_are_dropped():
    assert convert("(my-label)=\n## Title\n\n% a comment\ntext") == "## Title\n\ntext"


@pytest.mark.parametrize(
    "markup", ["{unknownrole}`x`", "```{unknown-directive}\nbody\n```", ":::{tab-set}\nx\n:::"]
)
def test_unknown_markup_is_a_clear_error(markup):
    with pytest.raises(myst_markdown.MystConversionError, match=r"no rule for the MyST"):
        convert(markup)


def test_markup_the_converter_cannot_reach_stops_the_generator():
    converter = myst_markdown.Converter("book/03_value", glue={})
    with pytest.raises(myst_markdown.MystConversionError, match="left after conversion"):
        converter.convert_cell(
            "- a list item\n\n  ```{literalinclude} ../micrograd/engine.py\n  ```"
        )


def test_code_and_maths_are_left_alone():
    text = "Code `{term}`x`` and $a_{i}$ and\n\n```python\n{glue}`y`\n```"
    assert convert(text) == text


def test_glued_values_are_stored_for_the_code_as_it_is(monkeypatch):
    assert not book_index.stale_glue(), "run `make book` and commit book/_glue.json"
    store = book_index.glue_store()
    page = next(iter(store))
    store[page] = {**store[page], "code": "0" * 16}  # as if its code had changed since
    monkeypatch.setattr(book_index, "glue_store", lambda: store)
    assert book_index.stale_glue() == [page]
