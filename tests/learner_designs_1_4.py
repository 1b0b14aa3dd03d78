"""Unusual but correct answers to exercises 1.1-4.4: each must pass its check.

exercise -> [(replacements, what the design is)], replacements as in learner_mistakes_1_4.py. A
check that rejects one of these is too narrow (it tests one way of writing the answer, not what
the answer must do).
"""

DESIGNS = {
    "1.1": [([(None, "fx = f(x)\nreturn (f(x + h) - fx) / h")], "f(x) computed once, first")],
    "1.2": [
        (
            [(None, "return (derivative(f, x, h) + derivative(f, x, -h)) / 2")],
            "the mean of a forward and a backward difference",
        ),
        (
            [(None, "return derivative(f, x - h, 2 * h)")],
            "a forward difference of step 2h from x − h",
        ),
        ([(None, "return (f(x + h) - f(x - h)) / (h + h)")], "h + h instead of 2 * h"),
    ],
    "1.3": [
        (
            [
                (
                    None,
                    "return [\n"
                    "    (f(*point[:i], p + h, *point[i + 1 :]) - f(*point[:i], p - h, *point[i + 1 :]))\n"
                    "    / (2 * h)\n"
                    "    for i, p in enumerate(point)\n"
                    "]",
                )
            ],
            "a comprehension over slices, never copying point",
        ),
        (
            [
                (
                    None,
                    "out = []\n"
                    "for i in range(len(point)):\n"
                    "    old = point[i]\n"
                    "    point[i] = old + h\n"
                    "    up = f(*point)\n"
                    "    point[i] = old - h\n"
                    "    down = f(*point)\n"
                    "    point[i] = old\n"
                    "    out.append((up - down) / (2 * h))\n"
                    "return out",
                )
            ],
            "nudging point itself and putting each number back exactly",
        ),
        (
            [
                (
                    None,
                    "return [\n"
                    "    central_difference(lambda t: f(*point[:i], t, *point[i + 1 :]), point[i], h)\n"
                    "    for i in range(len(point))\n"
                    "]",
                )
            ],
            "exercise 1.2's central_difference on one input at a time",
        ),
    ],
    "1.4": [
        (
            [
                (
                    None,
                    "return [-3 * a * a - 0.5 / math.sqrt(a), 10 * b + 2.5 * b * math.sqrt(b), c**-2]",
                )
            ],
            "square roots instead of powers",
        ),
        (
            [
                (
                    None,
                    "def power(n, x):  # d(x^n)/dx\n"
                    "    return n * x ** (n - 1)\n\n"
                    "return [-power(3, a) - power(0.5, a), 5 * power(2, b) + power(2.5, b), -power(-1, c)]",
                )
            ],
            "a helper function for the power rule",
        ),
    ],
    "1.5": [
        (
            [(None, "return min(STEPS, key=lambda h: abs(central_difference(f, x, h) - exact))")],
            "min() with a key",
        ),
        (
            [
                (
                    None,
                    "errors = [(central_difference(f, x, h) - exact) ** 2 for h in STEPS]\n"
                    "return STEPS[errors.index(min(errors))]",
                )
            ],
            "squared errors instead of absolute ones",
        ),
    ],
    "2.1": [
        (
            [
                (
                    None,
                    "dL_dd, dL_dw = w, d\ndL_de = dL_dz = w\ndL_dx, dL_dy = y * w, x * w",
                )
            ],
            "closed forms, no intermediate gradients",
        )
    ],
    "2.2": [
        (
            [(None, "dL_dr = q\ndL_dq = r + q\ndL_da = q + (r + q) * b\ndL_db = (r + q) * a")],
            "each gradient as one sum over paths",
        )
    ],
    "2.3": [
        (
            [
                (
                    None,
                    "slope = 1 - math.tanh(x * y) ** 2\n"
                    "df_dx = t + s * slope * y\n"
                    "df_dy = t + s * slope * x",
                )
            ],
            "the product rule on s * tanh(xy) directly",
        )
    ],
    "2.4": [
        (
            [
                (
                    None,
                    "local = {\n"
                    "    '+': lambda out, a, b: (1.0, 1.0),\n"
                    "    '*': lambda out, a, b: (values[b], values[a]),\n"
                    "    'tanh': lambda out, a: (1 - values[out] ** 2,),\n"
                    "}\n"
                    "for out, op, args in tape[::-1]:\n"
                    "    for name, d in zip(args, local[op](out, *args)):\n"
                    "        grads[name] = grads[name] + d * grads[out]",
                )
            ],
            "a table of local derivatives",
        )
    ],
    "2.5": [
        (
            [
                (
                    None,
                    "grads = f_and_grads(x, y)[1:]\n"
                    "moves = [-eta * g for g in grads]\n"
                    "return x + moves[0], y + moves[1], sum(g * m for g, m in zip(grads, moves))",
                )
            ],
            "lists of gradients and moves",
        )
    ],
    "3.1": [
        ([("(self, other), (1.0, -1.0)", "[self, other], [1, -1]")], "lists and integers"),
        (
            [('(self, other), (1.0, -1.0), "-"', '(other, self), (-1.0, 1.0), "-"')],
            "children listed b first, each with its own local derivative",
        ),
        (
            [('return Scalar(-self.data, (self,), (-1.0,), "neg")', "return self * -1")],
            "-a as a times -1",
        ),
        (
            [
                (
                    'return Scalar(self.data - other.data, (self, other), (1.0, -1.0), "-")',
                    "return self + (-other)",
                )
            ],
            "a - b as a + (-b)",
        ),
    ],
    "3.2": [
        (
            [
                (
                    None,
                    "inverse = Scalar(1.0 / other.data, (other,), (-1.0 / other.data**2,), 'inv')\n"
                    "return self * inverse",
                )
            ],
            "a times a node for 1/b",
        )
    ],
    "3.3": [
        ([("(self,), (1.0 / self.data,)", "[self], [self.data**-1]")], "lists for log"),
        ([("e = math.exp(self.data)", "e = math.e**self.data")], "exp as math.e ** a"),
    ],
    "3.4": [
        ([("return Scalar(other) - self", "return -self + other")], "rsub from neg and add"),
        (
            [("    return self + other\n", "    return self.__add__(other)\n")],
            "radd calling __add__",
        ),
        (
            [("return Scalar(other) / self", "return Scalar(other) * (Scalar(1.0) / self)")],
            "rtruediv as a product with 1 / a",
        ),
        (
            [("Scalar.__radd__ = scalar_radd\n", "Scalar.__radd__ = Scalar.__add__\n")],
            "radd is add itself",
        ),
        (
            [("return Scalar(other) - self", "return self * -1 + other")],
            "rsub as a times -1, plus the number",
        ),
    ],
    "3.5": [
        (
            [
                (
                    "    e = (x * 2).exp()\n    return (e - 1) / (e + 1)",
                    "    return 1 - 2 / ((2 * x).exp() + 1)",
                )
            ],
            "tanh as 1 − 2/(e^(2x) + 1), with numbers on the left",
        ),
        (
            [
                (
                    'return Scalar(self.data**n, (self,), (n * self.data ** (n - 1),), f"**{n}")',
                    "if n == int(n) and n >= 1:\n"
                    "        out = self\n"
                    "        for _ in range(int(n) - 1):\n"
                    "            out = out * self\n"
                    "        return out\n"
                    "    if n == int(n) and n < 0:\n"
                    "        return 1 / self ** -n\n"
                    '    return Scalar(self.data**n, (self,), (n * self.data ** (n - 1),), f"**{n}")',
                )
            ],
            "whole powers by repeated *, negative ones as 1 / a^-n, the rule for the rest",
        ),
        (
            [
                (
                    "    e = (x * 2).exp()\n    return (e - 1) / (e + 1)",
                    "    return (x.exp() - (-x).exp()) / (x.exp() + (-x).exp())",
                )
            ],
            "tanh as (e^x − e^−x) / (e^x + e^−x)",
        ),
        (
            [
                (
                    "    e = (x * 2).exp()\n    return (e - 1) / (e + 1)",
                    "    two = Scalar(2.0)\n    return two / (1 + (-two * x).exp()) - 1",
                )
            ],
            "tanh as 2 / (1 + e^−2x) − 1, with a constant Scalar made by hand",
        ),
    ],
    "4.1": [
        ([("for child in node._children:", "for child in node._prev:")], "_prev, a set"),
        (
            [
                (
                    None,
                    "order = []\n\n"
                    "def visit(node):\n"
                    "    if node not in order:\n"
                    "        for child in node._children:\n"
                    "            visit(child)\n"
                    "        order.append(node)\n\n"
                    "visit(root)\n"
                    "return order",
                )
            ],
            "the order list itself as the record of visited nodes",
        ),
    ],
    "4.2": [
        (
            [
                (
                    None,
                    "order, visited = [], {root}\n"
                    "stack = [(root, iter(root._children))]\n"
                    "while stack:\n"
                    "    node, children = stack[-1]\n"
                    "    for child in children:\n"
                    "        if child not in visited:\n"
                    "            visited.add(child)\n"
                    "            stack.append((child, iter(child._children)))\n"
                    "            break\n"
                    "    else:\n"
                    "        stack.pop()\n"
                    "        order.append(node)\n"
                    "return order",
                )
            ],
            "a stack of iterators",
        )
    ],
    "4.3": [
        (
            [
                (
                    None,
                    "parents, seen, stack = {}, {root}, [root]\n"
                    "while stack:\n"
                    "    node = stack.pop()\n"
                    "    for child in node._children:\n"
                    "        parents[child] = parents.get(child, 0) + 1\n"
                    "        if child not in seen:\n"
                    "            seen.add(child)\n"
                    "            stack.append(child)\n"
                    "for node in seen:\n"
                    "    if node._children:\n"
                    "        node.grad = 0.0\n"
                    "root.grad = 1.0\n"
                    "ready = [root]\n"
                    "while ready:\n"
                    "    node = ready.pop()\n"
                    "    for child, local in zip(node._children, node._local_grads):\n"
                    "        child.grad += local * node.grad\n"
                    "        parents[child] -= 1\n"
                    "        if parents[child] == 0:\n"
                    "            ready.append(child)",
                )
            ],
            "Kahn's order, root first, instead of a reversed topological sort",
        ),
        (
            [
                ("    root.grad = 1.0\n", "    root.grad += 1.0\n"),
                ("    for node in reversed(order):\n", "    for node in order[::-1]:\n"),
            ],
            "root.grad += 1 after the reset, and a reversed slice",
        ),
    ],
    "4.4": [
        (
            [
                (
                    None,
                    "from collections import Counter\n\n"
                    "count, seen, stack = Counter(), {root}, [root]\n"
                    "while stack:\n"
                    "    for child in stack.pop()._children:\n"
                    "        count[child] += 1\n"
                    "        if child not in seen:\n"
                    "            seen.add(child)\n"
                    "            stack.append(child)\n"
                    "order, ready = [], [root]\n"
                    "while ready:\n"
                    "    node = ready.pop(0)\n"
                    "    order.append(node)\n"
                    "    for child in node._children:\n"
                    "        count[child] -= 1\n"
                    "        if not count[child]:\n"
                    "            ready.append(child)\n"
                    "return order",
                )
            ],
            "a Counter and a list as the queue",
        ),
        (
            [
                (
                    None,
                    "parents = {}\n"
                    "for node in topo_sort_iterative(root):\n"
                    "    for child in node._children:\n"
                    "        parents[child] = parents.get(child, 0) + 1\n"
                    "order, ready = [], [root]\n"
                    "while ready:\n"
                    "    node = ready.pop()\n"
                    "    order.append(node)\n"
                    "    for child in set(node._children):\n"
                    "        parents[child] -= node._children.count(child)\n"
                    "        if parents[child] <= 0:\n"
                    "            ready.append(child)\n"
                    "return order",
                )
            ],
            "counts from exercise 4.2's order, a stack as the ready list, set() with count()",
        ),
    ],
}

from learner_designs_5_6 import DESIGNS as _DESIGNS_5_6  # noqa: E402

DESIGNS.update(_DESIGNS_5_6)
