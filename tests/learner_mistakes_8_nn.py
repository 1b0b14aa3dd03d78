"""More plausible mistakes in capstone parts 8.5 (topological_sort, backward) and 8.6 (Neuron and
Layer), in the format of learner_mistakes_1_4; appended to learner_mistakes_8.MISTAKES."""

MISTAKES = {
    "8.5": [
        (  # forgot return
            [
                (
                    "    return order\n    ### END SOLUTION\n\n\ndef value_backward",
                    "    ### END SOLUTION\n\n\ndef value_backward",
                )
            ],
            "does it end with `return`",
        ),
        (  # reversed
            [
                (
                    "    return order\n    ### END SOLUTION\n\n\ndef value_backward",
                    "    return order[::-1]\n    ### END SOLUTION\n\n\ndef value_backward",
                )
            ],
            "puts the root first",
        ),
        (  # no root
            [
                (
                    "    return order\n    ### END SOLUTION\n\n\ndef value_backward",
                    "    return order[:-1]\n    ### END SOLUTION\n\n\ndef value_backward",
                )
            ],
            "root itself is missing",
        ),
        (  # state
            [
                ("def topological_sort(root):", "def topological_sort(root, visited=set()):"),
                ("    order, visited = [], set()\n", "    order = []\n"),
            ],
            "keeps something from one call to the next",
        ),
        (  # delegation
            [
                (
                    None,
                    "from micrograd.engine import topological_order\n\nreturn topological_order(root)",
                )
            ],
            "micrograd's own topological_order",
        ),
        (  # preorder
            [
                (
                    "        if children_done:\n            order.append(node)\n",
                    "        if children_done:\n            pass\n",
                ),
                (
                    "            visited.add(node)\n",
                    "            visited.add(node)\n            order.append(node)\n",
                ),
            ],
            "comes before its child",
        ),
        (  # first child only
            [
                (
                    "            for child in node._children:\n                if child not in visited:",
                    "            for child in node._children[:1]:\n                if child not in visited:",
                )
            ],
            "should hold all",
        ),
        (  # package backward
            [
                (
                    "    order = topological_sort(self)\n    for node in order:",
                    "    from micrograd.engine import Value as _V\n\n    return _V.backward(self)\n"
                    "    order = topological_sort(self)\n    for node in order:",
                )
            ],
            "micrograd's own Value.backward",
        ),
        (  # self.grad instead of node.grad
            [("child.grad += local_grad * node.grad", "child.grad += local_grad * self.grad")],
            "times the gradient of the node being walked",
        ),
        (  # skip root
            [("    for node in reversed(order):\n", "    for node in reversed(order[:-1]):\n")],
            "never passed its gradient on",
        ),
        (  # the order cached by the root's value: a new graph with the same root value is not walked
            [
                (
                    "    order = topological_sort(self)\n",
                    "    cache = globals().setdefault('_ORDER', {})\n"
                    "    if self.data not in cache:\n"
                    "        cache[self.data] = topological_sort(self)\n"
                    "    order = cache[self.data]\n",
                )
            ],
            "keeps something from an earlier call",
        ),
    ],
    "8.6": [
        (  # bias 1
            [
                (
                    "        self.b = Value(0.0)\n        self.nonlin",
                    "        self.b = Value(1.0)\n        self.nonlin",
                )
            ],
            "bias should start at 0",
        ),
        (  # uniform 0 1
            [
                (
                    "self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]",
                    "self.w = [Value(random.uniform(0, 1)) for _ in range(nin)]",
                )
            ],
            "not spread over (-1, 1)",
        ),
        (  # [V]*nin
            [
                (
                    "self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]",
                    "self.w = [Value(random.uniform(-1, 1))] * nin",
                )
            ],
            "weights are one and the same Value",
        ),
        (  # bias float
            [
                (
                    "        self.b = Value(0.0)\n        self.nonlin",
                    "        self.b = 0.0\n        self.nonlin",
                )
            ],
            "bias is a plain number",
        ),
        (  # no bias
            [
                (
                    "act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)",
                    "act = sum(wi * xi for wi, xi in zip(self.w, x))",
                )
            ],
            "Neuron(3) leaves out the bias",
        ),
        (  # wi+xi
            [
                (
                    "act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)",
                    "act = sum((wi + xi for wi, xi in zip(self.w, x)), self.b)",
                )
            ],
            "not an activation of w · x + b",
        ),
        (  # no activation
            [("        return act.relu() if self.nonlin else act\n", "        return act\n")],
            "gave w · x + b itself",
        ),
        (  # always relu
            [
                (
                    "        return act.relu() if self.nonlin else act\n",
                    "        return act.relu()\n",
                )
            ],
            "nonlin=False) applied an activation",
        ),
        (  # detached
            [
                (
                    "act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)",
                    "act = Value(sum((wi * xi for wi, xi in zip(self.w, x)), self.b).data)",
                )
            ],
            "does not lead back to its parameters",
        ),
        (  # mutates x
            [
                (
                    "act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)",
                    "x.append(1.0)\n        act = sum(wi * xi for wi, xi in zip(self.w + [self.b], x))",
                )
            ],
            "changed the list of inputs",
        ),
        (  # copies
            [
                (
                    "        return self.w + [self.b]\n",
                    "        return [Value(p.data) for p in self.w + [self.b]]\n",
                )
            ],
            "makes new Values on every call",
        ),
        (  # nested
            [("        return self.w + [self.b]\n", "        return [self.w, self.b]\n")],
            "Neuron(3).parameters() holds a list",
        ),
        (  # append
            [
                (
                    "        return self.w + [self.b]\n",
                    "        self.w.append(self.b)\n        return self.w\n",
                )
            ],
            "gave a different list the second time",
        ),
        (  # no return
            [("        return self.w + [self.b]\n", "        self.w + [self.b]\n")],
            "Neuron(3).parameters() gave None",
        ),
        (  # nout-1
            [
                (
                    "self.neurons = [Neuron(nin, nonlin) for _ in range(nout)]",
                    "self.neurons = [Neuron(nin, nonlin) for _ in range(nout - 1)]",
                )
            ],
            "it should have 2 neurons",
        ),
        (  # [N]*nout
            [
                (
                    "self.neurons = [Neuron(nin, nonlin) for _ in range(nout)]",
                    "self.neurons = [Neuron(nin, nonlin)] * nout",
                )
            ],
            "one and the same Neuron",
        ),
        (  # swapped
            [
                (
                    "self.neurons = [Neuron(nin, nonlin) for _ in range(nout)]",
                    "self.neurons = [Neuron(nout, nonlin) for _ in range(nin)]",
                )
            ],
            "nin and nout swapped",
        ),
        (  # wrong nin
            [
                (
                    "self.neurons = [Neuron(nin, nonlin) for _ in range(nout)]",
                    "self.neurons = [Neuron(nout, nonlin) for _ in range(nout)]",
                )
            ],
            "one per input",
        ),
        (  # nonlin not passed
            [
                (
                    "self.neurons = [Neuron(nin, nonlin) for _ in range(nout)]",
                    "self.neurons = [Neuron(nin) for _ in range(nout)]",
                )
            ],
            "pass nonlin on to its neurons",
        ),
        (  # generator neurons
            [
                (
                    "self.neurons = [Neuron(nin, nonlin) for _ in range(nout)]",
                    "self.neurons = (Neuron(nin, nonlin) for _ in range(nout))",
                )
            ],
            "used up after one pass",
        ),
        (  # always first
            [("        return out[0] if len(out) == 1 else out\n", "        return out[0]\n")],
            "only its first neuron's output",
        ),
        (  # data
            [
                (
                    "        out = [n(x) for n in self.neurons]\n",
                    "        out = [n(x).data for n in self.neurons]\n",
                )
            ],
            "gave plain numbers",
        ),
        (  # sum
            [
                (
                    "        out = [n(x) for n in self.neurons]\n        return out[0] if len(out) == 1 else out\n",
                    "        return sum(n(x) for n in self.neurons)\n",
                )
            ],
            "adds its neurons' outputs up",
        ),
        (  # generator out
            [
                (
                    "        out = [n(x) for n in self.neurons]\n        return out[0] if len(out) == 1 else out\n",
                    "        return (n(x) for n in self.neurons)\n",
                )
            ],
            "not a list of its outputs",
        ),
        (  # no unwrap
            [("        return out[0] if len(out) == 1 else out\n", "        return out\n")],
            "a layer of one neuron",
        ),
        (  # layer nested
            [
                (
                    "        return [p for n in self.neurons for p in n.parameters()]\n",
                    "        return [n.parameters() for n in self.neurons]\n",
                )
            ],
            "Layer(3, 2).parameters() holds a list",
        ),
        (  # only first
            [
                (
                    "        return [p for n in self.neurons for p in n.parameters()]\n",
                    "        return self.neurons[0].parameters()\n",
                )
            ],
            "only one neuron's parameters",
        ),
        (  # no biases
            [
                (
                    "        return [p for n in self.neurons for p in n.parameters()]\n",
                    "        return [w for n in self.neurons for w in n.w]\n",
                )
            ],
            "leaves out the biases",
        ),
        (  # neurons themselves
            [
                (
                    "        return [p for n in self.neurons for p in n.parameters()]\n",
                    "        return self.neurons\n",
                )
            ],
            "the neurons themselves",
        ),
        (  # layer generator
            [
                (
                    "        return [p for n in self.neurons for p in n.parameters()]\n",
                    "        return (p for n in self.neurons for p in n.parameters())\n",
                )
            ],
            "parameters() gave a generator",
        ),
        (  # random.seed in __init__: every neuron the same
            [
                (
                    "        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]\n",
                    "        random.seed(0)\n"
                    "        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]\n",
                )
            ],
            "starts with the same weights",
        ),
        (  # two weights whatever nin (the moons have two inputs)
            [
                (
                    "self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]",
                    "self.w = [Value(random.uniform(-1, 1)) for _ in range(2)]",
                )
            ],
            "ignores nin",
        ),
        (  # outputs cached by the inputs: a change of the weights is never seen
            [
                (
                    "        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)\n"
                    "        return act.relu() if self.nonlin else act\n",
                    "        key = tuple(getattr(xi, 'data', xi) for xi in x)\n"
                    "        cache = self.__dict__.setdefault('_cache', {})\n"
                    "        if key not in cache:\n"
                    "            act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)\n"
                    "            cache[key] = act.relu() if self.nonlin else act\n"
                    "        return cache[key]\n",
                )
            ],
            "keeps its output from an earlier call",
        ),
        (  # parameters() with the bias first
            [("        return self.w + [self.b]\n", "        return [self.b] + self.w\n")],
            "the bias first, then the weights",
        ),
        (  # Layer.parameters() with the neurons last-first
            [
                (
                    "        return [p for n in self.neurons for p in n.parameters()]\n",
                    "        return [p for n in reversed(self.neurons) for p in n.parameters()]\n",
                )
            ],
            "the last neuron's parameters first",
        ),
        (  # Layer.__call__ turns the caller's numbers into Values in place
            [
                (
                    "        out = [n(x) for n in self.neurons]\n",
                    "        for i, xi in enumerate(x):\n"
                    "            x[i] = xi if isinstance(xi, Value) else Value(xi)\n"
                    "        out = [n(x) for n in self.neurons]\n",
                )
            ],
            "wrote into the caller's list of inputs",
        ),
    ],
}
