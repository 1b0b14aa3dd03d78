"""Plausible mistakes in exercises 3.1-4.4, for the simulated learners (format: learner_mistakes_1_4)."""

MISTAKES = {
    "3.1": [
        ([('(1.0, -1.0), "-"', '(1.0, 1.0), "-"')], "wrong gradient of b"),
        ([('(-1.0,), "neg"', '(1.0,), "neg"')], "which way does −a move"),
        ([("self.data - other.data", "other.data - self.data")], "compute the new Scalar's data"),
        ([('(self,), (-1.0,), "neg"', '{self}, (-1.0,), "neg"')], "keeps its children in a set"),
        (
            [
                (
                    'return Scalar(self.data - other.data, (self, other), (1.0, -1.0), "-")',
                    "return self + (-1.0) * other.data",
                )
            ],
            "backward() never reached b",
        ),
        ([("(1.0, -1.0)", "(lambda g: g, lambda g: -g)")], "is a function, not a number"),
        (
            [
                (
                    'return Scalar(-self.data, (self,), (-1.0,), "neg")',
                    "import micrograd\n\n    v = -micrograd.Value(self.data)\n"
                    '    return Scalar(v.data, (self,), (-1.0,), "neg")',
                )
            ],
            "calls micrograd's own",
        ),
    ],
    "3.2": [
        ([("-a / b**2", "a / b**2")], "wrong gradient of b"),
        ([("(1.0 / b, -a / b**2)", "(1.0, -a / b**2)")], "wrong gradient of a"),
        ([("Scalar(a / b,", "Scalar(b / a,")], "compute the new Scalar's data"),
        (
            [("(self, other), (1.0 / b", "{self: 1, other: 2}, (1.0 / b")],
            "keeps its children in a dict",
        ),
        (
            [("(1.0 / b, -a / b**2)", "(lambda: 1.0 / b, lambda: -a / b**2)")],
            "is a function, not a number",
        ),
        ([("(self, other), (1.0 / b", "(self, b), (1.0 / b")], "a child is a float, not a Scalar"),
    ],
    "3.3": [
        ([("(1.0 / self.data,)", "(self.data,)")], "slope of the natural logarithm"),
        (
            [('Scalar(e, (self,), (e,), "exp")', 'Scalar(e, (self,), (self.data,), "exp")')],
            "slope of eˣ",
        ),
        ([("math.log(self.data)", "math.log10(self.data)")], "value of log(a) is wrong"),
        ([("e = math.exp(self.data)", "e = math.e * self.data")], "value of exp(a) is wrong"),
        ([("(1.0 / self.data,)", "(1.0 / self.data, 0.0)")], "1 child but 2 local derivatives"),
    ],
    "3.4": [
        ([("return Scalar(other) - self", "return self - other")], "a.__rsub__(2)"),
        ([("return Scalar(other) / self", "return self / other")], "a.__rtruediv__(1)"),
        ([("Scalar.__radd__ = scalar_radd\n", "")], "a.__radd__(2)"),
        ([("    return self * other\n", "    return self + other\n")], "a.__rmul__(3)"),
        (
            [("return Scalar(other) - self", "return Scalar(other - self.data)")],
            "backward() never reached a",
        ),
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
            "backward() never reached a",
        ),
        ([("Scalar(self.data**n,", "Scalar(self.data * n,")], "value of a ** n is wrong"),
        ([("(n * self.data ** (n - 1),)", "(n * self.data ** (n - 1), 0.0)")], "1 child but 2"),
        (
            [
                (
                    'return Scalar(self.data**n, (self,), (n * self.data ** (n - 1),), f"**{n}")',
                    "out = Scalar(1.0)\n    for _ in range(int(n)):\n        out = out * self\n    return out",
                )
            ],
            "not a whole positive power",
        ),
        (
            [
                (
                    "    e = (x * 2).exp()\n    return (e - 1) / (e + 1)",
                    '    t = math.tanh(x.data)\n    return Scalar(t, (x,), (1 - t * t,), "tanh")',
                )
            ],
            "one node over x",
        ),
        ([("e = (x * 2).exp()", "e = x.exp()")], "multiply x by 2"),
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
        ([(None, "return topological_order(root)")], "calls micrograd's own"),
        ([("    return order", "    return order[::-1]")], "the order is reversed"),
        (
            [
                ("def topo_sort(root):", "def topo_sort(root, visited=set()):"),
                (
                    "    order, visited = [], set()\n\n    def visit",
                    "    order = []\n\n    def visit",
                ),
            ],
            "kept something from an earlier call",
        ),
        (
            [
                (
                    None,
                    "order = []\n\n"
                    "def visit(node):\n"
                    "    for child in node._children:\n"
                    "        visit(child)\n"
                    "    if node not in order:\n"
                    "        order.append(node)\n\n"
                    "visit(root)\n"
                    "return order",
                )
            ],
            "long after every node had been seen",
        ),
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
        ([(None, "return topological_order(root)")], "calls micrograd's own"),
        ([("    return order", "    return reversed(order)")], "should return a list"),
        (
            [
                ("def topo_sort_iterative(root):", "def topo_sort_iterative(root, visited=set()):"),
                ("    order, visited = [], set()\n    stack", "    order = []\n    stack"),
            ],
            "kept something from an earlier call",
        ),
        (
            [
                (
                    None,
                    "order, stack = [], [(root, False)]\n"
                    "while stack:\n"
                    "    node, children_done = stack.pop()\n"
                    "    if children_done:\n"
                    "        if node not in order:\n"
                    "            order.append(node)\n"
                    "    else:\n"
                    "        stack.append((node, True))\n"
                    "        for child in node._children:\n"
                    "            stack.append((child, False))\n"
                    "return order",
                )
            ],
            "long after every node had been seen",
        ),
        (
            [
                (
                    None,
                    "order, done, stack = [], set(), [root]\n"
                    "while stack:\n"
                    "    node = stack[-1]\n"
                    "    if node._children:  # the children still to do\n"
                    "        child, node._children = node._children[0], node._children[1:]\n"
                    "        if child not in done:\n"
                    "            stack.append(child)\n"
                    "    else:\n"
                    "        stack.pop()\n"
                    "        if node not in done:\n"
                    "            done.add(node)\n"
                    "            order.append(node)\n"
                    "return order",
                )
            ],
            "changed the graph",
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
        ([("    root.grad = 1.0\n", "    order[0].grad = 1.0\n")], "the 1 went to the wrong node"),
        (
            [
                (
                    "    for node in order:\n"
                    "        if node._children:  # results start each pass from 0; leaves accumulate\n"
                    "            node.grad = 0.0\n",
                    "",
                )
            ],
            "kept the gradients of the first pass",
        ),
        (
            [
                (
                    "        if node._children:  # results start each pass from 0; leaves accumulate\n"
                    "            node.grad = 0.0\n",
                    "        node.grad = 0.0\n",
                )
            ],
            "reset the leaves' gradients",
        ),
        (
            [("child.grad += local_grad * node.grad", "child.grad += local_grad")],
            "its local derivative alone",
        ),
        (
            [
                (
                    "    order = topo_sort_iterative(root)\n",
                    "    order = reversed(topo_sort_iterative(root))\n",
                ),
                ("    for node in reversed(order):\n", "    for node in order:\n"),
            ],
            "Only the root has a gradient",
        ),
        (
            [("    order = topo_sort_iterative(root)\n", "    order = topo_sort(root)\n")],
            "graph 10,000 operations deep",
        ),
        ([(None, "root.backward()")], "calls micrograd's own Value.backward()"),
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
        ([(None, "return list(reversed(topological_order(root)))")], "calls micrograd's own"),
        ([(None, "return topo_sort_iterative(root)")], "children come first"),
        (
            [
                ("def kahn_order(root):", "def kahn_order(root, parents={}):"),
                ("    parents = {root: 0}\n", "    parents[root] = 0\n"),
            ],
            "kept something from an earlier call",
        ),
    ],
}

# Helper code some mistakes call, exec'd into the learner's namespace first.
SUPPORT = {
    "4.1": "from micrograd.engine import topological_order\n",
    "4.2": "from micrograd.engine import topological_order\n",
    "4.4": "from collections import deque\n\nfrom micrograd.engine import topological_order\n\n\n"
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
