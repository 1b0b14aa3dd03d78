"""Mutants of a piece of Python source, made with `ast`: the operators of tests/exercise_mutants.py.

`mutants(source, lines)` returns every `Mutant` of the statements and expressions that lie wholly
inside `lines` (1-based line numbers, e.g. a solution region). A mutant replaces one span of the
source (a node's text) with another, so the rest of the cell -- comments, layout -- is untouched and
its diff shows just the change. The operators: arithmetic, comparison and boolean operator swaps,
operand swaps and dropped operands, constants (0↔1, n→n+1, sign flips, 2→1), dropped and swapped
statements, off-by-one ranges, reversed iteration, `+=`→`=`, removed copies (so the code changes
its arguments in place), returning another variable, `.data`↔`.grad`, `min`↔`max`, dropped `-`
and `not`.
"""

import ast
from dataclasses import dataclass

BINOPS = {
    ast.Add: [ast.Sub, ast.Mult],
    ast.Sub: [ast.Add],
    ast.Mult: [ast.Div, ast.Add, ast.Pow],
    ast.Div: [ast.Mult, ast.FloorDiv],
    ast.FloorDiv: [ast.Div],
    ast.Pow: [ast.Mult],
    ast.Mod: [ast.FloorDiv],
}
NON_COMMUTATIVE = (ast.Sub, ast.Div, ast.Pow, ast.FloorDiv, ast.Mod)
COMPARES = {
    ast.Lt: [ast.LtE, ast.Gt],
    ast.LtE: [ast.Lt],
    ast.Gt: [ast.GtE, ast.Lt],
    ast.GtE: [ast.Gt],
    ast.Eq: [ast.NotEq],
    ast.NotEq: [ast.Eq],
    ast.In: [ast.NotIn],
    ast.NotIn: [ast.In],
    ast.Is: [ast.IsNot],
    ast.IsNot: [ast.Is],
}
AUGOPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}
COPIES = {"list", "dict", "set", "tuple", "sorted", "copy", "deepcopy"}
ATTRIBUTES = {"data": "grad", "grad": "data"}
CALL_SWAPS = {"min": "max", "max": "min"}


@dataclass(frozen=True)
class Mutant:
    kind: str  # e.g. "operator", "constant", "drop statement"
    line: int  # first changed line (1-based)
    old: str  # the replaced text
    new: str  # its replacement
    source: str  # the whole mutated source

    @property
    def key(self):
        """A name that survives edits elsewhere in the cell: kind, old text and new text."""
        return f"{self.kind}: {' '.join(self.old.split())} -> {' '.join(self.new.split())}"


class _Source:
    """Text spans by (line, column) as `ast` gives them (columns count UTF-8 bytes)."""

    def __init__(self, source):
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def offset(self, line, col):
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        return self.starts[line - 1] + len(text.encode()[:col].decode(errors="ignore"))

    def span(self, node):
        return (
            self.offset(node.lineno, node.col_offset),
            self.offset(node.end_lineno, node.end_col_offset),
        )

    def text(self, node):
        start, end = self.span(node)
        return self.source[start:end]

    def replace(self, spans):
        """The source with each (start, end, text) span replaced (spans must not overlap)."""
        out, last = [], 0
        for start, end, text in sorted(spans):
            out.append(self.source[last:start])
            out.append(text)
            last = end
        out.append(self.source[last:])
        return "".join(out)


def _expr(node):
    """A replacement expression's text, parenthesised so it binds as one operand anywhere."""
    text = ast.unparse(node)
    return (
        text if isinstance(node, (ast.Name, ast.Constant, ast.Call, ast.Attribute)) else f"({text})"
    )


def _constant_variants(value):
    if isinstance(value, bool):
        return [not value]
    if not isinstance(value, (int, float)):
        return []
    variants = {0: [1], 1: [0, 2], 2: [1, 3]}.get(value, [value + 1, -value])
    return [type(value)(v) for v in variants if v != value]


def _names_in(function):
    """Parameters and assigned names of a function, sorted: candidates for a wrong `return`."""
    args = function.args
    names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return sorted(names)


def _expression_variants(node, src):
    """(kind, replacement text) for one expression node."""
    if isinstance(node, ast.BinOp):
        for op in BINOPS.get(type(node.op), []):
            yield "operator", _expr(ast.BinOp(node.left, op(), node.right))
        if isinstance(node.op, NON_COMMUTATIVE):
            yield "swap operands", _expr(ast.BinOp(node.right, node.op, node.left))
        if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            yield "drop operand", f"({src.text(node.left)})"
            yield "drop operand", f"({src.text(node.right)})"
    elif isinstance(node, ast.Compare) and len(node.ops) == 1:
        for op in COMPARES.get(type(node.ops[0]), []):
            yield "comparison", _expr(ast.Compare(node.left, [op()], node.comparators))
    elif isinstance(node, ast.BoolOp):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield "boolean", _expr(ast.BoolOp(other, node.values))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not)):
        yield "drop unary", f"({src.text(node.operand)})"
    elif isinstance(node, ast.Constant):
        for value in _constant_variants(node.value):
            yield "constant", f"({value!r})"
    elif isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES:
        yield "attribute", f"{src.text(node.value)}.{ATTRIBUTES[node.attr]}"
    elif isinstance(node, ast.Call):
        yield from _call_variants(node, src)


def _call_variants(node, src):
    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
    if name == "range" and node.args:
        last = src.text(node.args[-1])
        head = [src.text(a) for a in node.args[:-1]]
        for delta in (" - 1", " + 1"):
            yield "off by one", f"range({', '.join([*head, f'({last}){delta}'])})"
        if len(node.args) >= 2:
            first = src.text(node.args[0])
            rest = [src.text(a) for a in node.args[1:]]
            yield "off by one", f"range({', '.join([f'({first}) + 1', *rest])})"
    elif name == "reversed" and len(node.args) == 1:
        yield "drop reversed", f"({src.text(node.args[0])})"
    elif name in CALL_SWAPS and isinstance(node.func, ast.Name):
        yield "min/max", src.text(node).replace(name, CALL_SWAPS[name], 1)
    elif name in COPIES and len(node.args) == 1 and not node.keywords:
        yield "drop copy", f"({src.text(node.args[0])})"
    elif name == "copy" and not node.args and isinstance(node.func, ast.Attribute):
        yield "drop copy", f"({src.text(node.func.value)})"


def _statement_variants(stmt, src, function):
    """(kind, replacement text) for one statement, replacing its whole span."""
    text = src.text(stmt)
    docstring = isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
    if not docstring:
        yield "drop statement", "pass"
    if isinstance(stmt, ast.AugAssign):
        yield "augmented to plain", f"{src.text(stmt.target)} = {src.text(stmt.value)}"
        if type(stmt.op) in AUGOPS:
            new = ast.AugAssign(stmt.target, AUGOPS[type(stmt.op)](), stmt.value)
            yield "operator", ast.unparse(new)
    if isinstance(stmt, ast.For):
        iterable = src.text(stmt.iter)
        if not iterable.startswith("reversed("):
            start, end = src.span(stmt.iter)
            base = src.span(stmt)[0]
            yield (
                "reversed iteration",
                (text[: start - base] + f"reversed(list({iterable}))" + text[end - base :]),
            )
    if isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Name) and function:
        others = [n for n in _names_in(function) if n != stmt.value.id]
        for name in others[:3]:
            yield "return another variable", f"return {name}"


def _bodies(tree):
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                yield body


def _enclosing_functions(tree):
    """{id(node): the innermost function around it} (walk visits outer functions first)."""
    owner = {}
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if node is not function:
                    owner[id(node)] = function
    return owner


def mutants(source, lines):
    """Every distinct, compilable mutant of the nodes of `source` wholly inside `lines`."""
    tree = ast.parse(source)
    src = _Source(source)
    inside = set(lines)
    owner = _enclosing_functions(tree)

    def within(node):
        return node.lineno in inside and node.end_lineno in inside

    found, seen = [], {source}

    def add(kind, node_or_span, new):
        if isinstance(node_or_span, tuple):
            (start, end), line = node_or_span
        else:
            start, end = src.span(node_or_span)
            line = node_or_span.lineno
        old = src.source[start:end]
        mutated = src.replace([(start, end, new)])
        if mutated in seen:
            return
        seen.add(mutated)
        try:
            compile(mutated, "<mutant>", "exec")
        except SyntaxError:
            return
        found.append(Mutant(kind, line, old, new, mutated))

    for node in ast.walk(tree):
        if isinstance(node, ast.expr) and within(node):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                continue
            for kind, new in _expression_variants(node, src):
                add(kind, node, new)
        elif isinstance(node, ast.stmt) and within(node):
            for kind, new in _statement_variants(node, src, owner.get(id(node))):
                add(kind, node, new)
    for body in _bodies(tree):
        for first, second in zip(body, body[1:]):
            if within(first) and within(second) and first.end_lineno < second.lineno:
                a, b = src.span(first), src.span(second)
                swapped = src.replace([(*a, src.text(second)), (*b, src.text(first))])
                old = f"{src.text(first)} / {src.text(second)}"
                if swapped not in seen:
                    seen.add(swapped)
                    found.append(Mutant("swap statements", first.lineno, old, "(swapped)", swapped))
    return found
