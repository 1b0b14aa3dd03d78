"""Plausible mistakes in the capstone's MLP (8.6: MLP.__init__, __call__, parameters(), zero_grad())
and its training loop (8.7); format: learner_mistakes_1_4, merged by learner_mistakes_8."""

_INIT_BODY = "        self.layers = [Layer(sizes[i], sizes[i + 1], nonlin=i != last) for i in range(len(nouts))]\n"
_CALL_BODY = "        for layer in self.layers:\n            x = layer(x)\n        return x\n"
_PARAMETERS = (
    "    def parameters(self):\n        ### BEGIN SOLUTION\n"
    "        return [p for layer in self.layers for p in layer.parameters()]\n"
)

MISTAKES = {
    "8.6": [
        (
            [
                (
                    "    def zero_grad(self):\n        ### BEGIN SOLUTION\n"
                    "        for p in self.parameters():\n            p.grad = 0.0\n",
                    "    from micrograd.nn import Module as _Module\n\n"
                    "    zero_grad = _Module.zero_grad\n\n    def _unused(self):\n"
                    "        ### BEGIN SOLUTION\n        pass\n",
                )
            ],
            "zero_grad is micrograd's own",
        ),
        (
            [
                (
                    "class Layer:",
                    "import micrograd.nn\n\nNeuron.parameters = micrograd.nn.Neuron.parameters\n\n\nclass Layer:",
                )
            ],
            "parameters is micrograd's own",
        ),
        # MLP.__init__
        (
            [
                (
                    "Layer(sizes[i], sizes[i + 1], nonlin=i != last)",
                    "Layer(nin, sizes[i + 1], nonlin=i != last)",
                )
            ],
            "MLP.__init__ gave every layer nin inputs",
        ),
        ([("nonlin=i != last)", "nonlin=True)")], "MLP.__init__ made the last layer nonlinear"),
        ([("nonlin=i != last)", "nonlin=i == last)")], "activations the other way round"),
        ([("for i in range(len(nouts))]", "for i in range(len(nouts) - 1)]")], "one layer too few"),
        (
            [
                ("def __init__(self, nin, nouts):", "def __init__(self, nin, nouts, layers=[]):"),
                (
                    _INIT_BODY,
                    "        self.layers = layers\n"
                    "        for i in range(len(nouts)):\n"
                    "            self.layers.append(Layer(sizes[i], sizes[i + 1], nonlin=i != last))\n",
                ),
            ],
            "two MLPs share Values",
        ),
        ([("nonlin=i != last)", "nonlin=False)")], "MLP.__init__ made the hidden layers linear"),
        (  # parameters() with the layers last-first
            [
                (
                    "        return [p for layer in self.layers for p in layer.parameters()]\n",
                    "        return [p for layer in reversed(self.layers) for p in layer.parameters()]\n",
                )
            ],
            "the last layer's parameters first",
        ),
        (  # only the first hidden layer nonlinear: MLP(2, [4, 4, 1]) alone would not show it
            [("nonlin=i != last)", "nonlin=i == 0)")],
            "every hidden layer needs one",
        ),
        (
            [
                (
                    _INIT_BODY,
                    "        sizes = [2, 4, 4, 1]  # the network of the exercise\n"
                    "        self.layers = [Layer(sizes[i], sizes[i + 1], nonlin=i != 2) for i in range(3)]\n",
                )
            ],
            "MLP.__init__ ignores the sizes",
        ),
        (
            [
                (
                    "        sizes = [nin] + list(nouts)\n        last = len(nouts) - 1\n",
                    "        sizes = nouts\n        sizes.insert(0, nin)\n        last = len(nouts) - 2\n",
                ),
                ("for i in range(len(nouts))]", "for i in range(len(nouts) - 1)]"),
            ],
            "changed the list nouts",
        ),
        # MLP.__call__
        (
            [
                (
                    _CALL_BODY,
                    "        for layer in self.layers:\n"
                    "            x = [n(x) for n in layer.neurons]\n"
                    "        return x\n",
                )
            ],
            "MLP.__call__ returned a list",
        ),
        (
            [
                (
                    _CALL_BODY,
                    "        for layer in self.layers[:-1]:\n            x = layer(x)\n        return x\n",
                )
            ],
            "MLP.__call__ never ran its last layer",
        ),
        (
            [
                (
                    _CALL_BODY,
                    "        for layer in self.layers[1:]:\n            x = layer(x)\n        return x\n",
                )
            ],
            "MLP.__call__ skipped its first layer",
        ),
        (
            [
                (
                    _CALL_BODY,
                    "        for layer in self.layers:\n            x = layer(x)\n            return x\n",
                )
            ],
            "MLP.__call__ returned after the first layer",
        ),
        # MLP.parameters
        (
            [("for layer in self.layers for p in", "for layer in self.layers[:-1] for p in")],
            "MLP.parameters() left out the parameters",
        ),
        (
            [
                (
                    "[p for layer in self.layers for p in layer.parameters()]",
                    "[Value(p.data) for layer in self.layers for p in layer.parameters()]",
                )
            ],
            "MLP.parameters() gives new Values",
        ),
        (
            [
                (
                    "return [p for layer in self.layers for p in layer.parameters()]",
                    "return (p for layer in self.layers for p in layer.parameters())",
                )
            ],
            "MLP.parameters() returned a generator",
        ),
        (
            [
                (
                    "[p for layer in self.layers for p in layer.parameters()]",
                    "[layer.parameters() for layer in self.layers]",
                )
            ],
            "MLP.parameters() should be one flat list",
        ),
        (
            [
                (
                    _PARAMETERS,
                    "    def parameters(self, params=[]):\n        ### BEGIN SOLUTION\n"
                    "        for layer in self.layers:\n"
                    "            params.extend(layer.parameters())\n"
                    "        return params\n",
                )
            ],
            "Values the first time and",
        ),
        (
            [
                (
                    "[p for layer in self.layers for p in layer.parameters()]",
                    "[p for layer in self.layers for n in layer.neurons for p in layer.parameters()]",
                )
            ],
            "MLP.parameters() lists some Values more than once",
        ),
        (
            [
                (
                    "return [p for layer in self.layers for p in layer.parameters()]",
                    "return self.layers",
                )
            ],
            "gave the layers themselves",
        ),
        # MLP.zero_grad
        (
            [("            p.grad = 0.0\n", "            p.grad = None\n")],
            "MLP.zero_grad() set the gradients to None",
        ),
        (
            [("for p in self.parameters():\n", "for p in self.layers[0].parameters():\n")],
            "MLP.zero_grad() reset only",
        ),
        ([("            p.grad = 0.0\n", "            p.grad = 1.0\n")], "not to 0"),
    ],
    "8.7": [
        (
            [
                (
                    "        model.zero_grad()\n        loss.backward()\n",
                    "        loss.backward()\n        model.zero_grad()\n",
                )
            ],
            "reset between backward() and the update",
        ),
        (
            [
                (
                    "    labels = [2 * t - 1 for t in y]  # 0/1 -> -1/+1\n",
                    "    for i in range(len(y)):\n        y[i] = 2 * y[i] - 1  # 0/1 -> -1/+1\n"
                    "    labels = y\n",
                )
            ],
            "train() changed the X or y it was given: the y",
        ),
        (
            [("    for k in range(steps):\n", "    for k in range(steps - 1):\n")],
            "steps, not the",
        ),
        (
            [
                ("        scores = [model(x) for x in X]\n", ""),
                ("    losses = []\n", "    losses = []\n    scores = [model(x) for x in X]\n"),
            ],
            "every step ran backward() on the same loss",
        ),
        (
            [
                (
                    "zip(labels, scores)",
                    "zip([2 * t - 1 for t in make_moons(100, noise=0.1, seed=0)[1]], scores)",
                )
            ],
            "does not use the y it was given",
        ),
        (
            [
                (
                    "scores = [model(x) for x in X]",
                    "scores = [model(list(x)) for x in make_moons(100, noise=0.1, seed=0)[0]]",
                )
            ],
            "does not use the X it was given",
        ),
        (
            [("    return losses\n", "    return [1.0 - 0.01 * k for k in range(steps)]\n")],
            "is not the loss step",
        ),
        (
            [
                (
                    "    labels = [2 * t - 1 for t in y]  # 0/1 -> -1/+1\n",
                    "    from micrograd.optim import SGD\n\n"
                    "    labels = [2 * t - 1 for t in y]  # 0/1 -> -1/+1\n",
                ),
                (
                    "        for p in model.parameters():\n            p.data -= lr * p.grad\n",
                    "        SGD(model.parameters(), lr=lr).step()\n",
                ),
            ],
            "calls micrograd.optim",
        ),
        (
            [
                (
                    "model = MLP(2, [8, 8, 1])",
                    "from micrograd.nn import MLP as PackageMLP\n\nmodel = PackageMLP(2, [8, 8, 1])",
                )
            ],
            "not one of your own MLPs",
        ),
        ([("p.data -= lr * p.grad", "p.grad -= lr * p.grad")], "gradients, not their data"),
        (  # hinge loss with the sign of label · score flipped: it learns the opposite labels
            [("(1 - t * s).relu()", "(1 + t * s).relu()")],
            "learned the opposite labels",
        ),
    ],
}
