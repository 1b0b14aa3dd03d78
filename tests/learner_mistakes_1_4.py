"""Plausible mistakes in exercises 1.1-4.4, for the simulated learners (tests/test_checks_learners.py).

exercise -> [(replacements, marker)]: each replacement is (old, new), applied to the exercise's
code cells (old must occur exactly once in them), or (None, new body of the exercise's first
solution region). `marker` is text that the check's message must contain for that mistake and
no other mistake of the same exercise may get.
"""

MISTAKES = {
    "1.1": [
        ([("(f(x + h) - f(x)) / h", "(f(x) - f(x + h)) / h")], "sign is flipped"),
        ([("(f(x + h) - f(x)) / h", "f(x + h) - f(x)")], "h times too small"),
        ([("(f(x + h) - f(x)) / h", "f(x)")], "That is f(x) itself"),
        ([("(f(x + h) - f(x)) / h", "(f(x + 1e-6) - f(x)) / 1e-6")], "Use the `h` you are given"),
    ],
    "1.2": [
        ([("/ (2 * h)", "/ h")], "2h apart"),
        ([("(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x)) / h")], "not as accurate"),
        (
            [("(f(x + h) - f(x - h)) / (2 * h)", "(f(x - h) - f(x + h)) / (2 * h)")],
            "sign is flipped",
        ),
    ],
    "1.3": [
        (
            [
                (
                    "up[i] += h\n        down[i] -= h",
                    "up = [p + h for p in point]\n        down = [p - h for p in point]",
                )
            ],
            "nudged every input at once",
        ),
        (
            [("up, down = list(point), list(point)", "up, down = point, list(point)")],
            "changed the list",
        ),
        ([("for i in range(len(point)):", "for i in range(len(point) - 1):")], "items, not"),
    ],
    "1.4": [
        ([("df_da = -3 * a**2", "df_da = 3 * a**2")], "only −a³ and −a^0.5"),
        ([("10 * b", "5 * b")], "only 5b² and b^2.5"),
        ([("df_dc = 1 / c**2", "df_dc = -1 / c**2")], "only −1/c"),
    ],
    "1.5": [
        ([("errors.index(min(errors))", "errors.index(max(errors))")], "largest error of all"),
        ([("return STEPS[errors.index(min(errors))]", "return min(errors)")], "not its error"),
        ([("return STEPS[errors.index(min(errors))]", "return STEPS[-1]")], "tiniest step"),
        (
            [("abs(central_difference(f, x, h) - exact)", "central_difference(f, x, h) - exact")],
            "whatever its sign",
        ),
    ],
    "2.1": [
        ([("dL_dx = y * dL_de", "dL_dx = x * dL_de")], "Chain rule: dL/dx"),
        ([("dL_dd = w * dL_dL", "dL_dd = d * dL_dL")], "wrong dL/dd"),
        ([("dL_de = 1.0 * dL_dd", "dL_de = -1.0 * dL_dd")], "sign is flipped"),
        ([("dL_dz = 1.0 * dL_dd", "dL_dz = dL_dL")], "wrong dL/dz"),
    ],
    "2.2": [
        ([("dL_dq += 1.0 * dL_dr", "pass")], "q reaches L along two paths"),
        ([("dL_da += b * dL_dq", "pass")], "a reaches L along two paths"),
        ([("dL_db = a * dL_dq", "dL_db = b * dL_dq")], "b reaches L only through q"),
        ([("dL_dr = q * dL_dL", "dL_dr = r * dL_dL")], "dL/dr is the other factor"),
    ],
    "2.3": [
        ([("df_dx = 1.0 * df_ds + y * df_du", "df_dx = y * df_du")], "along two paths"),
        ([("df_du = (1 - t**2) * df_dt", "df_du = df_dt")], "tanh's local derivative"),
        (
            [("df_dx = 1.0 * df_ds + y * df_du", "df_dx = 1.0 * df_ds + x * df_du")],
            "*other* factor",
        ),
    ],
    "2.4": [
        (
            [("grads[first] += values[second] * g", "grads[first] = values[second] * g")],
            "each use adds its own contribution",
        ),
        (
            [("(1 - values[out] ** 2) * g", "(1 - values[name] ** 2) * g")],
            "tanh's local derivative is 1 − tanh(u)²",
        ),
        ([("in reversed(tape):", "in tape:")], "Walk the tape backwards"),
    ],
    "2.5": [
        (
            [("dx, dy = -eta * df_dx, -eta * df_dy", "dx, dy = eta * df_dx, eta * df_dy")],
            "goes uphill",
        ),
        (
            [("df_dx * dx + df_dy * dy\n", "-(df_dx * dx + df_dy * dy)\n")],
            "predicted change is negative",
        ),
        ([("df_dx * dx + df_dy * dy\n", "-(df_dx**2 + df_dy**2)\n")], "missing the step size"),
        (
            [
                (
                    None,
                    "_, df_dx, _ = f_and_grads(x, y)\n"
                    "new_x = x - eta * df_dx\n"
                    "_, _, df_dy = f_and_grads(new_x, y)\n"
                    "new_y = y - eta * df_dy\n"
                    "return new_x, new_y, -eta * (df_dx**2 + df_dy**2)",
                )
            ],
            "after x had already moved",
        ),
    ],
    "3.1": [
        ([('(1.0, -1.0), "-"', '(1.0, 1.0), "-"')], "wrong gradient of b"),
        ([('(-1.0,), "neg"', '(1.0,), "neg"')], "which way does −a move"),
        ([("self.data - other.data", "other.data - self.data")], "compute the new Scalar's data"),
    ],
    "3.2": [
        ([("-a / b**2", "a / b**2")], "wrong gradient of b"),
        ([("(1.0 / b, -a / b**2)", "(1.0, -a / b**2)")], "wrong gradient of a"),
        ([("Scalar(a / b,", "Scalar(b / a,")], "compute the new Scalar's data"),
    ],
    "3.3": [
        ([("(1.0 / self.data,)", "(self.data,)")], "slope of the natural logarithm"),
        (
            [('Scalar(e, (self,), (e,), "exp")', 'Scalar(e, (self,), (self.data,), "exp")')],
            "slope of eˣ",
        ),
        ([("math.log(self.data)", "math.log10(self.data)")], "value of log(a) is wrong"),
    ],
    "3.4": [
        ([("return Scalar(other) - self", "return self - other")], "a.__rsub__(2)"),
        ([("return Scalar(other) / self", "return self / other")], "a.__rtruediv__(1)"),
        ([("Scalar.__radd__ = scalar_radd\n", "")], "a.__radd__(2)"),
        ([("    return self * other\n", "    return self + other\n")], "a.__rmul__(3)"),
    ],
    "3.5": [
        ([("n * self.data ** (n - 1)", "n * self.data**n")], "with the power rule"),
        ([("return (e - 1) / (e + 1)", "return (e + 1) / (e - 1)")], "compare your expression"),
        (
            [
                (
                    "    e = (x * 2).exp()\n    return (e - 1) / (e + 1)",
                    "    return Scalar(math.tanh(x.data))",
                )
            ],
            "build tanh from your Scalar operations",
        ),
        ([("Scalar(self.data**n,", "Scalar(self.data * n,")], "has data a.data ** n"),
    ],
    "4.1": [
        (
            [
                (
                    "for child in node._children:\n                visit(child)\n            order.append(node)",
                    "order.append(node)\n            for child in node._children:\n                visit(child)",
                )
            ],
            "comes before its child",
        ),
        (
            [
                (
                    None,
                    "order = []\n\n"
                    "def visit(node):\n"
                    "    for child in node._children:\n"
                    "        visit(child)\n"
                    "    order.append(node)\n\n"
                    "visit(root)\n"
                    "return order",
                )
            ],
            "appears more than once",
        ),
        ([(None, "return list(root._children) + [root]")], "nodes are missing"),
    ],
    "4.2": [
        ([(None, "return topo_sort(root)")], "your code recurses"),
        (
            [
                (
                    None,
                    "order, visited, stack = [], set(), [root]\n"
                    "while stack:\n"
                    "    node = stack.pop()\n"
                    "    if node not in visited:\n"
                    "        visited.add(node)\n"
                    "        order.append(node)\n"
                    "        stack.extend(node._children)\n"
                    "return order",
                )
            ],
            "comes before its child",
        ),
        (
            [("        elif node not in visited:\n", "        else:\n")],
            "appears more than once",
        ),
    ],
    "4.3": [
        (
            [("child.grad += local_grad * node.grad", "child.grad = local_grad * node.grad")],
            "keeps only one of its contributions",
        ),
        (
            [("    for node in reversed(order):\n", "    for node in order:\n")],
            "before they had received it",
        ),
        ([("    root.grad = 1.0\n", "")], "Every gradient came out 0"),
        (
            [("    for node in order:\n        node.grad = 0.0\n", "")],
            "set every node's grad to 0 first",
        ),
    ],
    "4.4": [
        ([(None, "return kahn_bfs_without_counts(root)")], "all of its parents have been emitted"),
        (
            [
                (
                    "        for child in node._children:\n            if child not in parents:",
                    "        for child in set(node._children):\n            if child not in parents:",
                )
            ],
            "used twice by the same parent",
        ),
        (
            [
                (
                    "            if child not in parents:\n                parents[child] = 0\n"
                    "                stack.append(child)\n            parents[child] += 1",
                    "            parents[child] = parents.get(child, 0) + 1\n"
                    "            stack.append(child)",
                )
            ],
            "nodes are missing",
        ),
    ],
}

# Helper code some mistakes call, exec'd into the learner's namespace first.
SUPPORT = {
    "4.4": "from collections import deque\n\n\n"
    "def kahn_bfs_without_counts(root):\n"
    "    order, seen, queue = [], {root}, deque([root])\n"
    "    while queue:\n"
    "        node = queue.popleft()\n"
    "        order.append(node)\n"
    "        for child in node._children:\n"
    "            if child not in seen:\n"
    "                seen.add(child)\n"
    "                queue.append(child)\n"
    "    return order\n",
}
