"""Self-checks for the exercises of chapters 3 (your own `Scalar`, a mini `Value`) and 4 (topological sort).

Expected values come from micrograd's `Value`: the same expression is built with both classes
and their values and gradients are compared.
"""

from micrograd.checks_core import Check
from micrograd.engine import Value, topological_order

# ----- chapter 3 ---------------------------------------------------------------------------------


def _compare_expression(check, Scalar, case, build, inputs, hint, reference=None):
    """Build the expression from Scalars and from Values; compare the value and every input's gradient."""
    leaves = [Scalar(x) for x in inputs]
    out = check.call(build, *leaves, case=case)
    if not isinstance(out, Scalar):
        raise check.fail(
            "the result should be a Scalar", case=case, got=out, hint="Return a new Scalar built from self (and other)."
        )
    check.call(out.backward, case=case)
    ref_leaves = [Value(x) for x in inputs]
    ref = (reference or build)(*ref_leaves)
    ref.backward()
    check.close(out.data, ref.data, case, what="value", hint=hint)
    for name, leaf, r in zip("abc", leaves, ref_leaves, strict=False):
        check.close(leaf.grad, r.grad, case, what=f"gradient of {name} after backward()", hint=hint)


def _run_cases(check, Scalar, cases, hint):
    for expression, build, inputs in cases:
        names = ", ".join(f"{n} = {x:g}" for n, x in zip("abc", inputs, strict=False))
        _compare_expression(check, Scalar, f"{expression} with {names}", build, inputs, hint)


def check_scalar_sub(Scalar):
    """Exercise 3.1: -a and a - b."""
    check = Check("3.1", "Scalar.__neg__ and Scalar.__sub__")
    neg_hint = "−a is a new Scalar with data −a.data and one child, a, whose local derivative is −1."
    _run_cases(check, Scalar, [("-a", lambda a: -a, [4.0]), ("-(a * 2)", lambda a: -(a * 2), [-1.5])], neg_hint)
    sub_hint = (
        "a − b has data a.data − b.data and local derivatives 1 (for a) and −1 (for b): "
        "making b bigger makes a − b smaller."
    )
    cases = [
        ("a - b", lambda a, b: a - b, [5.0, 3.0]),
        ("a - 2.5 (a plain number on the right)", lambda a: a - 2.5, [1.0]),
        ("a - a", lambda a: a - a, [3.0]),
        ("(a - b) * (a - b)", lambda a, b: (a - b) * (a - b), [1.5, -2.0]),
    ]
    _run_cases(check, Scalar, cases, sub_hint)
    check.passed()


def check_scalar_div(Scalar):
    """Exercise 3.2: a / b."""
    check = Check("3.2", "Scalar.__truediv__")
    hint = (
        "a / b has local derivatives 1/b (for a) and, for b, the derivative of a · b⁻¹ with respect to b "
        "(power rule: −a/b²)."
    )
    cases = [
        ("a / b", lambda a, b: a / b, [6.0, 3.0]),
        ("a / b", lambda a, b: a / b, [-2.0, 0.5]),
        ("a / 4 (a plain number on the right)", lambda a: a / 4, [3.0]),
        ("(a / b) / a", lambda a, b: (a / b) / a, [2.0, -5.0]),
    ]
    _run_cases(check, Scalar, cases, hint)
    check.passed()


def check_scalar_exp_log(Scalar):
    """Exercise 3.3: a.exp() and a.log()."""
    check = Check("3.3", "Scalar.exp and Scalar.log")
    exp_hint = "The slope of eˣ is eˣ itself: exp's local derivative is its own output value."
    _run_cases(check, Scalar, [("exp(a)", lambda a: a.exp(), [x]) for x in (0.0, 1.5, -2.0)], exp_hint)
    log_hint = "The slope of log(x) (the natural logarithm) is 1/x."
    cases = [("log(a)", lambda a: a.log(), [x]) for x in (0.5, 3.0)]
    cases += [
        ("log(exp(a))", lambda a: a.exp().log(), [0.7]),
        ("log(a * b)", lambda a, b: (a * b).log(), [2.0, 5.0]),
    ]
    _run_cases(check, Scalar, cases, log_hint)
    check.passed()


def check_reflected(Scalar):
    """Exercise 3.4: 2 + a, 3 * a, 2 - a, 1 / a and sum([...])."""
    check = Check("3.4", "reflected operators")
    order_hint = (
        "Python evaluates `2 - a` as a.__rsub__(2) and `1 / a` as a.__rtruediv__(1): self is the Scalar on the "
        "right, other is the number on the left, so compute other − self and other / self (make other a Scalar first)."
    )
    cases = [
        ("2 + a", lambda a: 2 + a, [3.0], "2 + a is a.__radd__(2): addition does not care about order."),
        ("3 * a", lambda a: 3 * a, [1.5], "3 * a is a.__rmul__(3): multiplication does not care about order."),
        ("2 - a", lambda a: 2 - a, [5.0], order_hint),
        ("1 / a", lambda a: 1 / a, [4.0], order_hint),
        ("2 - 3 / a", lambda a: 2 - 3 / a, [0.5], order_hint),
        ("sum([a, b, c])", lambda a, b, c: sum([a, b, c]), [1.0, 2.0, -3.5], "sum() starts from 0, so it needs 0 + a."),
    ]
    for expression, build, inputs, hint in cases:
        names = ", ".join(f"{n} = {x:g}" for n, x in zip("abc", inputs, strict=False))
        _compare_expression(check, Scalar, f"{expression} with {names}", build, inputs, hint)
    check.passed()


def check_pow_and_tanh(Scalar, tanh_from_ops):
    """Exercise 3.5: a ** n for a plain number n, and tanh built from your own operations."""
    check = Check("3.5", "Scalar.__pow__ and tanh_from_ops()")
    pow_hint = "Power rule: the local derivative of aⁿ (n a plain number) is n · aⁿ⁻¹."
    cases = [
        ("a ** 2", lambda a: a**2, [3.0]),
        ("a ** 3", lambda a: a**3, [-2.0]),
        ("a ** 0.5", lambda a: a**0.5, [4.0]),
        ("a ** -1", lambda a: a**-1, [2.0]),
    ]
    _run_cases(check, Scalar, cases, pow_hint)
    tanh_hint = (
        "tanh(a) = (e^(2a) − 1) / (e^(2a) + 1). Build it from your Scalar operations (*, exp, −, +, /) so that "
        "backward() can send the gradient back through each of them."
    )
    for x in (-1.0, 0.3, 2.0):
        case = f"tanh_from_ops(a) with a = {x:g}"
        _compare_expression(check, Scalar, case, tanh_from_ops, [x], tanh_hint, reference=lambda a: a.tanh())
    check.passed()


# ----- chapter 4 ---------------------------------------------------------------------------------


def _name(node):
    if node.label:
        return f"node {node.label!r}"
    kind = f"the {node._op!r} node" if node._op else "the leaf"
    return f"{kind} with data {node.data:g}"


def _label(value, label):
    value.label = label
    return value


def _diamond():
    a = Value(2.0, label="a")
    b = _label(a * 3, "b")
    c = _label(a + 1, "c")
    return "a diamond: b = a*3, c = a+1, d = b*c", _label(b * c, "d")


def _chain(n=12):
    x = Value(0.5, label="x0")
    for i in range(1, n + 1):
        x = _label(x * 0.9 + 0.1, f"x{i}")
    return f"a chain of {n} steps x = x*0.9 + 0.1", x


def _neuron():
    w1, x1, w2, x2, b = (
        Value(v, label=n) for v, n in [(-0.5, "w1"), (2.0, "x1"), (1.5, "w2"), (-1.0, "x2"), (0.3, "b")]
    )
    n = _label(w1 * x1 + w2 * x2 + b, "n")
    return "a neuron: o = tanh(w1*x1 + w2*x2 + b)", _label(n.tanh(), "o")


def _square():
    a = Value(3.0, label="a")
    s = _label(a * a, "s")
    return "s = a*a, t = s + a (a is used three times)", _label(s + a, "t")


def _skip():
    y = Value(1.5, label="y")
    x = _label(y * 2, "x")
    return "x = y*2, root = y + x (y is a child of the root and of x)", _label(y + x, "root")


def _single():
    return "a graph of one node", Value(7.0, label="v")


_GRAPHS = [_diamond, _chain, _neuron, _square, _skip, _single]
_POST_ORDER_HINT = "Append a node only after all of its children (and theirs) are in the list: children first."


def _validate_order(check, order, root, case, root_first=False):
    """Fail unless `order` holds every node of root's graph once, children after (or before) parents."""
    if not isinstance(order, (list, tuple)):
        raise check.fail("it should return a list of nodes", case=case, got=order)
    nodes = topological_order(root)
    known = {id(n) for n in nodes}
    seen = set()
    for item in order:
        if id(item) not in known:
            raise check.fail(f"the list holds {item!r}, which is not a node of this graph", case=case)
        if id(item) in seen:
            hint = "Keep a set of the nodes you have visited and skip any node already in it."
            raise check.fail(f"{_name(item)} appears more than once", case=case, hint=hint)
        seen.add(id(item))
    missing = [n for n in nodes if id(n) not in seen]
    if missing:
        hint = "Visit every child of every node, starting from the root."
        raise check.fail(
            f"{len(missing)} of the {len(nodes)} nodes are missing, e.g. {_name(missing[0])}", case=case, hint=hint
        )
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for child in node._children:
            if root_first and position[id(child)] < position[id(node)]:
                hint = (
                    "Emit a node only once all of its parents have been emitted: count each node's parents "
                    "first, and emit a child when its count drops to zero."
                )
                raise check.fail(f"{_name(child)} comes before its parent, {_name(node)}", case=case, hint=hint)
            if not root_first and position[id(child)] > position[id(node)]:
                raise check.fail(
                    f"{_name(node)} comes before its child, {_name(child)}", case=case, hint=_POST_ORDER_HINT
                )
    check.ok()


def _check_sort(check, sort, graphs, root_first=False, hints=None):
    for make in graphs:
        case, root = make()
        _validate_order(check, check.call(sort, root, case=case, hints=hints), root, case, root_first)


def check_topo_sort(topo_sort):
    """Exercise 4.1: a recursive topological sort, children before parents."""
    check = Check("4.1", "topo_sort()")
    _check_sort(check, topo_sort, _GRAPHS)
    check.passed()


def _deep_chain(n=20_000):
    x = Value(0.0, label="x0")
    for _ in range(n):
        x = x + 1.0
    return f"a chain {n:,} additions deep", x


def check_topo_sort_iterative(topo_sort_iterative):
    """Exercise 4.2: the same order without recursion (works on graphs of any depth)."""
    check = Check("4.2", "topo_sort_iterative()")
    hints = {
        RecursionError: "Your function still recurses, and a deep graph runs it out of stack: keep your own "
        "stack (a list) of the nodes still to visit instead of calling a function from itself."
    }
    _check_sort(check, topo_sort_iterative, _GRAPHS + [_deep_chain], hints=hints)
    check.passed()


def check_backward(backward):
    """Exercise 4.3: backward(root) fills in every node's grad."""
    check = Check("4.3", "backward()")
    for make in _GRAPHS:
        case, root = make()
        _, reference = make()
        reference.backward()
        expected = [n.grad for n in topological_order(reference)]
        nodes = topological_order(root)
        uses = {}
        for node in nodes:
            for child in node._children:
                uses[id(child)] = uses.get(id(child), 0) + 1
        for attempt in ("", " (calling backward() a second time)"):
            check.call(backward, root, case=case + attempt)
            for node, want in zip(nodes, expected, strict=False):
                if attempt:
                    hint = "backward() twice should give the same gradients: set every node's grad to 0 first."
                elif node is root:
                    hint = "Start the backward pass with root.grad = 1: d(root)/d(root) = 1."
                elif uses.get(id(node), 0) > 1:
                    hint = (
                        f"{_name(node)} is used {uses[id(node)]} times, so its gradient is a sum over those uses: "
                        "accumulate with child.grad += ... instead of child.grad = ...."
                    )
                elif all(n.grad == 0 for n in nodes if n is not root):
                    hint = "Walk the nodes from the root towards the leaves: reversed(topological order)."
                else:
                    hint = (
                        "For each node, from the root backwards, and each (child, local derivative) pair: "
                        "child.grad += local derivative · node.grad."
                    )
                check.close(node.grad, want, case + attempt, what=f"grad of {_name(node)}", tol=1e-9, hint=hint)
    check.passed()


def check_kahn_order(kahn_order):
    """Exercise 4.4: Kahn's algorithm, the root first and every node before its children."""
    check = Check("4.4", "kahn_order()")
    _check_sort(check, kahn_order, [_skip, _square, _diamond, _neuron, _chain, _single], root_first=True)
    check.passed()
