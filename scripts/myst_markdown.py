"""MyST Markdown -> the Markdown Jupyter, Colab and GitHub render: for the chapter notebooks.

The chapters are MyST (roles such as {term}`leaf`, directives such as ```{literalinclude}```), which
only the book build understands. `convert(text, docname)` rewrites one Markdown cell:

- glued numbers -> their values (book/_glue.json, formatted by myst-nb's own function);
- {numref}, {ref}, {doc} -> the number or title, linked to the published page;
  {term} -> the word, linked to the glossary; {cite} -> "(Kahn, 1962)" linked to the references;
- literalinclude -> the included code (read by Sphinx's own reader) in a fenced block;
- figure / image -> a Markdown image with its numbered caption;
- admonitions, margins, exercises (check questions) -> a blockquote with a bold title;
- solutions -> folded in <details>, never in plain view;
- `(label)=` targets and `%` comments -> dropped.

The text is parsed with myst-parser's markdown-it parser (the one the build uses), so code spans,
maths and code blocks are never touched. A role or directive it has no rule for raises
`MystConversionError` naming it: add a rule here (a new kind of markup must never reach a reader raw).
"""

import re
from pathlib import Path
from types import SimpleNamespace

from markdown_it.renderer import RendererHTML
from myst_nb.core.variables import format_plain_text
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.directives.code import LiteralInclude, LiteralIncludeReader

from scripts import book_config, book_index

ROOT = book_config.ROOT
EXTENSIONS = {"amsmath", "colon_fence", "deflist", "dollarmath", "html_image", "substitution"}
TEXT_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
ADMONITIONS = {
    "admonition": "",
    "attention": "Attention",
    "caution": "Caution",
    "danger": "Danger",
    "error": "Error",
    "hint": "Hint",
    "important": "Important",
    "note": "Note",
    "seealso": "See also",
    "tip": "Tip",
    "warning": "Warning",
    "margin": "",
    "sidebar": "",
    "topic": "",
    "exercise": "",
    "epigraph": "",
    "pull-quote": "",
}
FOLDED = {"solution": "Answer (try it yourself first)", "dropdown": "", "toggle": "Show"}
DROPPED = {"index", "contents", "tableofcontents", "bibliography", "only"}
LITERAL_ROLES = {"code", "literal", "kbd", "command", "file", "samp", "guilabel", "program"}
PLAIN_ROLES = {"abbr", "dfn", "sub", "sup", "menuselection", "emphasis", "strong"}
LANGUAGES = {".py": "python", ".toml": "toml", ".txt": "text", ".yml": "yaml", ".json": "json"}


class MystConversionError(ValueError):
    """MyST markup the converter has no rule for (or a reference it cannot resolve)."""


_parser = create_md_parser(MdParserConfig(enable_extensions=EXTENSIONS), RendererHTML)


class Converter:
    def __init__(self, docname, glue=None):
        self.docname = docname
        self.folder = (ROOT / docname).parent
        self.glue = book_index.glue_values() if glue is None else glue
        self.missing_glue = []  # glue keys without a stored value (the build has not stored them)

    def convert_cell(self, text):
        """A Markdown cell, converted; MystConversionError if any MyST is left (e.g. a directive
        inside a list item, which this converter does not reach)."""
        out = self.convert(text)
        left = leftovers(out)
        if left:
            raise MystConversionError(
                f"{self.docname}: MyST left after conversion: {', '.join(left)} (a directive "
                f"inside a list or quote is not converted: move it out, or add a rule to "
                f"scripts/myst_markdown.py)"
            )
        return out

    # ---- blocks -------------------------------------------------------------------------------
    def convert(self, text):
        lines = text.split("\n")
        out, cursor = [], 0
        for token in _parser.parse(text):
            if token.level != 0 or token.map is None or token.nesting == -1:
                continue
            start, end = token.map
            out += lines[cursor:start]
            chunk = "\n".join(lines[start:end])
            if token.type in ("fence", "colon_fence") and token.info.startswith("{"):
                out.append(self.directive(token))
            elif token.type in ("myst_target", "myst_line_comment", "myst_block_break"):
                pass
            else:
                out.append(self.inline(chunk))
            cursor = max(cursor, end)
        out += lines[cursor:]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")

    def directive(self, token):
        match = re.match(r"^\{([\w:.-]+)\}\s*(.*)$", token.info.strip())
        name, argument = match.group(1), match.group(2).strip()
        options, body = split_options(token.content)
        if name in ADMONITIONS:
            title = argument or ADMONITIONS[name]
            title = f"**{self.inline(title)}**\n\n" if title else ""
            return quote(title + self.convert(body))
        if name in FOLDED:
            summary = self.inline(argument) if argument and name != "solution" else FOLDED[name]
            return f"<details>\n<summary>{summary}</summary>\n\n{self.convert(body)}\n\n</details>"
        if name == "literalinclude":
            return self.literalinclude(argument, options)
        if name in ("code-block", "code", "sourcecode"):
            return fence(body, argument)
        if name == "math":
            return f"$$\n{body.strip()}\n$$"
        if name in ("figure", "image"):
            return self.figure(name, argument, options, body)
        if name == "table":
            caption = self.caption("table", options, argument)
            return f"{caption}\n\n{self.convert(body)}" if caption else self.convert(body)
        if name == "glossary":
            return self.glossary(body)
        if name == "raw":
            return body if argument == "html" else ""
        if name in DROPPED:
            return ""
        raise MystConversionError(
            f"{self.docname}: no rule for the MyST directive {{{name}}} (add one to "
            f"scripts/myst_markdown.py so the notebooks show it as Markdown)"
        )

    def literalinclude(self, argument, options):
        path = ROOT / argument.lstrip("/") if argument.startswith("/") else self.folder / argument
        parsed = {}
        for key, value in options.items():
            convert = LiteralInclude.option_spec.get(key)
            if convert is None:
                raise MystConversionError(
                    f"{self.docname}: literalinclude has no option {key!r} (Sphinx's are "
                    f"{sorted(LiteralInclude.option_spec)})"
                )
            parsed[key] = convert(value or None)
        reader = LiteralIncludeReader(str(path), parsed, SimpleNamespace(source_encoding="utf-8"))
        code, _ = reader.read()
        language = parsed.get("language") or LANGUAGES.get(path.suffix, "")
        caption = parsed.get("caption")
        block = fence(code, language)
        return f"*{self.inline(caption)}*\n\n{block}" if caption else block

    def figure(self, name, argument, options, body):
        target = (self.folder / argument).resolve()
        if argument.startswith(("http://", "https://")):
            url = argument
        elif target.is_file():
            url = book_index.site_url(f"_images/{target.name}")
        else:
            raise MystConversionError(f"{self.docname}: {name} {argument!r} does not exist")
        alt = options.get("alt", "").replace("\n", " ").replace("]", ")")
        image = f"![{alt}]({url})"
        caption = self.caption("figure", options, self.convert(body) if body.strip() else "")
        return f"{image}\n\n{caption}" if caption else image

    def caption(self, kind, options, text):
        number = book_index.numbers().get(options.get("name", ""))
        label = book_index.NUMFIG_FORMAT[kind] % number[2] if number else ""
        text = self.inline(text) if text else ""
        return f"**{label}.** {text}".strip() if label else text

    def glossary(self, body):
        out = []
        for line in body.splitlines():
            if line.strip() and not line[0].isspace() and not line.startswith(":"):
                out.append(f"\n**{line.strip()}**")
            elif line.strip():
                out.append(": " + self.inline(line.strip()) if out[-1].startswith("\n") else line)
        return "\n".join(out).strip()

    # ---- inline -------------------------------------------------------------------------------
    def inline(self, text):
        """`text` with every role replaced, in order (each found after the previous one)."""
        roles = [
            c for t in _parser.parse(text) for c in (t.children or []) if c.type == "myst_role"
        ]
        out, cursor = [], 0
        for role in roles:
            name = role.meta["name"]
            pattern = re.compile(
                r"\{" + re.escape(name) + r"\}(`+)" + re.escape(role.content) + r"\1"
            )
            found = pattern.search(text, cursor)
            if found is None:
                raise MystConversionError(f"{self.docname}: cannot locate {{{name}}} in {text!r}")
            out += [text[cursor : found.start()], self.role(name, role.content)]
            cursor = found.end()
        return "".join(out) + text[cursor:]

    def role(self, name, content):
        split = TEXT_TARGET.match(content)
        text, target = (split.group("text"), split.group("target")) if split else (None, content)
        if name in ("glue", "glue:text", "glue:md", "glue:"):
            return self.glued(content, name)
        if name == "numref":
            return self.numref(text, target)
        if name == "ref":
            docname, title = self.resolve_label(target)
            return link(text or title, book_index.published_url(docname, target))
        if name == "doc":
            docname = self.resolve_doc(target)
            return link(text or book_index.titles()[docname], book_index.published_url(docname))
        if name == "term":
            anchor = book_index.term_anchor(target)
            return link(text or target, book_index.published_url(book_index.GLOSSARY, anchor))
        if name.startswith("cite"):
            return self.cite(name, content)
        if name == "math":
            return f"${content}$"
        if name == "eq":
            return f"({target})"
        if name == "download":
            path = (self.folder / target).resolve().relative_to(ROOT).as_posix()
            repo = book_config.repository()
            return link(text or Path(target).name, f"{repo.url}/blob/{repo.branch}/{path}")
        if name in LITERAL_ROLES:
            return f"`{content}`"
        if name in PLAIN_ROLES:
            return re.sub(r"\s*\([^()]*\)$", "", content) if name == "abbr" else content
        raise MystConversionError(
            f"{self.docname}: no rule for the MyST role {{{name}}} (add one to "
            f"scripts/myst_markdown.py so the notebooks show it as Markdown)"
        )

    def glued(self, content, name):
        key, _, spec = content.rpartition(":") if ":" in content else (content, "", "")
        if "::" in content:  # glued in another page: "book/03_value::key:spec"
            docpart, _, rest = content.partition("::")
            docname = self.resolve_doc(docpart)
            key, _, spec = rest.rpartition(":") if ":" in rest else (rest, "", "")
        else:
            docname = self.docname
        values = self.glue.get(docname, {})
        if key not in values:
            self.missing_glue.append(f"{docname}::{key}")
            return f"`{key}`"
        if name == "glue:md":
            return values[key]
        return format_plain_text(values[key], spec or "s")

    def numref(self, text, target):
        if target not in book_index.numbers():
            raise MystConversionError(f"{self.docname}: {{numref}} {target!r}: no such figure")
        docname, kind, number = book_index.numbers()[target]
        template = text or book_index.NUMFIG_FORMAT[kind]
        label = template.replace("%s", number).replace("{number}", number)
        return link(label, book_index.published_url(docname, target))

    def cite(self, name, content):
        entries = book_index.bibliography()
        keys = [k.strip() for k in content.split(",")]
        unknown = [k for k in keys if k not in entries]
        if unknown:
            raise MystConversionError(f"{self.docname}: {{{name}}} cites unknown keys {unknown}")
        url = book_index.published_url(book_index.REFERENCES)
        if name in ("cite:t", "cite:ts"):
            return "; ".join(link(f"{entries[k][0]} ({entries[k][1]})", url) for k in keys)
        if name == "cite:author":
            return ", ".join(entries[k][0] for k in keys)
        if name == "cite:year":
            return ", ".join(entries[k][1] for k in keys)
        return "(" + "; ".join(link(f"{entries[k][0]}, {entries[k][1]}", url) for k in keys) + ")"

    def resolve_label(self, target):
        if target not in book_index.labels():
            raise MystConversionError(f"{self.docname}: {{ref}} {target!r}: no such label")
        return book_index.labels()[target]

    def resolve_doc(self, target):
        path = (ROOT / target.lstrip("/")) if target.startswith("/") else self.folder / target
        docname = path.resolve().relative_to(ROOT).with_suffix("").as_posix()
        if docname.endswith(".md") or docname not in book_index.titles():
            docname = docname.removesuffix(".md")
        if docname not in book_index.titles():
            raise MystConversionError(f"{self.docname}: {{doc}} {target!r}: no such page")
        return docname


def leftovers(markdown):
    """The MyST roles, directives and targets in `markdown` (an empty list for plain Markdown)."""
    found = []
    for token in _parser.parse(markdown):
        if token.type in ("fence", "colon_fence") and token.info.strip().startswith("{"):
            found.append(f"{{{token.info.strip()[1:].split('}')[0]}}}")
        elif token.type == "myst_target":
            found.append(f"({token.content})=")
        found += [f"{{{c.meta['name']}}}" for c in token.children or [] if c.type == "myst_role"]
    return found


def split_options(content):
    """(options, body) of a directive's content: `:key: value` lines or a `---` YAML block first."""
    lines = content.split("\n")
    options = {}
    if lines and lines[0].strip() == "---":
        import yaml

        end = lines.index("---", 1)
        options = {k: str(v) for k, v in (yaml.safe_load("\n".join(lines[1:end])) or {}).items()}
        return options, "\n".join(lines[end + 1 :])
    i = 0
    while i < len(lines) and re.match(r"^:[\w-]+:", lines[i]):
        key, _, value = lines[i][1:].partition(":")
        options[key] = value.strip()
        i += 1
    return options, "\n".join(lines[i:])


def quote(text):
    return "\n".join(f"> {line}".rstrip() for line in text.split("\n"))


def fence(code, language=""):
    ticks = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", code)), default=0))
    return f"{ticks}{language}\n{code.rstrip()}\n{ticks}"


def link(text, url):
    return f"[{text}]({url})"
