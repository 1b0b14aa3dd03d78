"""Plausible mistakes in exercises 4.1-4.4, for the simulated learners (format: learner_mistakes_1_4);
chapter 3's are in learner_mistakes_3.py (merged in here)."""

import learner_mistakes_3

MISTAKES = {
    **learner_mistakes_3.MISTAKES,
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
        (
            [
                (
                    None,
                    "import graphlib\n"
                    "\n"
                    "graph, stack = {}, [root]\n"
                    "while stack:\n"
                    "    node = stack.pop()\n"
                    "    if node not in graph:\n"
                    "        graph[node] = set(node._children)\n"
                    "        stack.extend(node._children)\n"
                    "return list(graphlib.TopologicalSorter(graph).static_order())",
                )
            ],
            "calls the standard library's graphlib",
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
        (
            [
                (
                    "zip(node._children, node._local_grads)",
                    "set(zip(node._children, node._local_grads))",
                )
            ],
            "each listing",
        ),
        (
            [("zip(node._children, node._local_grads)", "zip(node._prev, node._local_grads)")],
            "children from _prev",
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
        ([(None, "return list(reversed(topological_order(root)))")], "calls micrograd's own"),
        ([(None, "return topo_sort_iterative(root)")], "children come first"),
        (
            [
                ("def kahn_order(root):", "def kahn_order(root, parents={}):"),
                ("    parents = {root: 0}\n", "    parents[root] = 0\n"),
            ],
            "kept something from an earlier call",
        ),
        (
            [
                (
                    None,
                    "nodes, stack = {root}, [root]\n"
                    "while stack:\n"
                    "    for child in stack.pop()._children:\n"
                    "        if child not in nodes:\n"
                    "            nodes.add(child)\n"
                    "            stack.append(child)\n"
                    "for node in nodes:\n"
                    "    node.grad = 0\n"
                    "for node in nodes:\n"
                    "    for child in node._children:\n"
                    "        child.grad += 1\n"
                    "order, ready = [], [root]\n"
                    "while ready:\n"
                    "    node = ready.pop(0)\n"
                    "    order.append(node)\n"
                    "    for child in node._children:\n"
                    "        child.grad -= 1\n"
                    "        if child.grad == 0:\n"
                    "            ready.append(child)\n"
                    "return order",
                )
            ],
            "changed the graph it was given",
        ),
        (
            [(None, "return list(reversed(topo_sort_iterative(root)))")],
            "returns your topo_sort_iterative()",
        ),
        (
            [
                (
                    None,
                    "import graphlib\n"
                    "\n"
                    "graph, stack = {root: set()}, [root]\n"
                    "while stack:\n"
                    "    node = stack.pop()\n"
                    "    for child in node._children:\n"
                    "        if child not in graph:\n"
                    "            graph[child] = set()\n"
                    "            stack.append(child)\n"
                    "        graph[child].add(node)\n"
                    "return list(graphlib.TopologicalSorter(graph).static_order())",
                )
            ],
            "the standard library's graphlib",
        ),
    ],
}

# Helper code some mistakes call, exec'd into the learner's namespace first.
SUPPORT = {
    **learner_mistakes_3.SUPPORT,
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
