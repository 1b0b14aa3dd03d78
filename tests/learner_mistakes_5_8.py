"""Plausible mistakes in exercises 5.1-6.5 (format: learner_mistakes_1_4); the capstone's, 8.1-8.7,
are in learner_mistakes_8 and merged in here."""

from learner_mistakes_8 import MISTAKES as CAPSTONE

# the solution's text that the mistakes of 5.3 and 5.4 replace
_NP = "return self.w + [self.b]"
_NC = (
    "        total = self.b\n        for wi, xi in zip(self.w, x):\n"
    "            total = total + wi * xi\n        return total.tanh()"
)
_LC = "return [n(x) for n in self.neurons]"
_LP = "return [p for n in self.neurons for p in n.parameters()]"
_MC = (
    "for layer in self.layers:\n            x = layer(x)\n        return x[0] if len(x) == 1 else x"
)
_MP = "return [p for layer in self.layers for p in layer.parameters()]"
_CE = "return -softmax(logits)[target].log()"
_TRAIN = (
    "    losses = []\n    for k in range(steps):\n"
    "        lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1\n"
    "        losses.append(train_step(model, X, y, lr))\n    return losses\n"
)
_OWN_LOOP = (  # a train() with its own loop instead of train_step
    "    losses = []\n    for k in range(steps):\n        lr = 1.0 - 0.9 * k / steps\n"
    "        scores = [model(x) for x in X]\n"
    "        loss = hinge_loss(scores, [2 * t - 1 for t in y])\n"
    "        ZERO\n        loss.backward()\n        for p in model.parameters():\n"
    "            UPDATE\n        losses.append(loss.data)\n    return losses\n"
)
_UPD = "    for p in model.parameters():\n        p.data -= lr * p.grad\n"

MISTAKES = {
    "5.1": [
        ([("    return total.tanh()", "    return Value.dot(w, x, b).tanh()")], "Value.dot()"),
        ([("total = b\n", "total = 0.0\n")], "leaves something out of the sum"),
        ([("    return total.tanh()", "    return total")], "not squashed yet"),
        ([("    return total.tanh()", "    return Value(math.tanh(total.data))")], "no .data"),
        ([("    return total.tanh()", "    return total.sigmoid()")], "one term at a time"),
        (
            [("    total = b\n", "    w.append(b)\n    x.append(1.0)\n    total = 0.0\n")],
            "neuron() changed the list w",
        ),
        (
            [
                (
                    "    total = b\n    for wi, xi in zip(w, x):\n        total = total + wi * xi\n"
                    "    return total.tanh()",
                    "    t = math.tanh(sum(wi.data * xi for wi, xi in zip(w, x)) + b.data)\n"
                    "    return Value(t, tuple(w) + (b,), 'neuron',\n"
                    "                 local_grads=tuple((1 - t * t) * xi for xi in x) + (1 - t * t,))",
                )
            ],
            "made a node of its own (op 'neuron'",
        ),
    ],
    "5.2": [
        ([(None, "return v.sigmoid()")], "Value.sigmoid()"),
        ([("(s * (1.0 - s),)", "(1.0 - s,)")], "not the sigmoid's slope"),
        ([("s = 1.0 / (1.0 + math.exp(-x))", "s = 1.0 / (1.0 + math.exp(x))")], "1 / (1 + e^(−x))"),
        ([("(s * (1.0 - s),)", "(s,)")], "That is s itself"),
        ([("    if x >= 0:\n", "    if True:\n")], "overflows"),
        ([(None, "return 1 / (1 + (-v).exp())")], "chain of several nodes"),
        (
            [("Value(s, (v,), ", "Value(s, (Value(x),), ")],
            "not v itself",
        ),
        (
            [("    return Value(s, (v,), ", "    v.data = s\n    return Value(s, (v,), ")],
            "changed the data of v",
        ),
        (
            [("    if x >= 0:\n", "    x = max(-30.0, min(30.0, x))\n    if x >= 0:\n")],
            "clamp",
        ),
        (
            [
                (
                    "(s * (1.0 - s),)",
                    "((1 / (1 + math.exp(-(x + 1e-5))) - 1 / (1 + math.exp(-(x - 1e-5)))) / 2e-5,)",
                )
            ],
            "an estimate",
        ),
    ],
    "5.3": [
        (
            [
                (
                    "total = total + wi * xi\n        return total.tanh()",
                    "total = total + wi * (xi.data if isinstance(xi, Value) else xi)\n"
                    "        return total.tanh()",
                )
            ],
            "gradient of the input x[",
        ),
        (
            [
                (
                    _NC,
                    "        if not hasattr(self, '_out'):\n"
                    "            total = self.b\n"
                    "            for wi, xi in zip(self.w, x):\n"
                    "                total = total + wi * xi\n"
                    "            self._out = total.tanh()\n"
                    "        return self._out",
                )
            ],
            "MyNeuron gave the same answer for a different input",
        ),
        (
            [
                (
                    "class MyNeuron:\n",
                    "from micrograd.nn import Neuron as _Neuron\n\n\nclass MyNeuron(_Neuron):\n",
                )
            ],
            "inherits from micrograd's Neuron",
        ),
        # parameters()
        ([(_NP, "return self.w")], "bias is a parameter too"),
        (
            [(_NP, "return [Value(w.data) for w in self.w] + [Value(self.b.data)]")],
            "MyNeuron.parameters() returns copies",
        ),
        ([(_NP, "return [w.data for w in self.w] + [self.b.data]")], "returns numbers"),
        ([(_NP, "return [self.b] + self.w")], "in the wrong order"),
        (
            [(_NP, "params = self.w\n        params.append(self.b)\n        return params")],
            "different list the second time",
        ),
        ([(_NP, "return (p for p in self.w + [self.b])")], "returns a generator"),
        ([(_NP, "return self.w + [self.b, self.b]")], "lists some Values twice"),
        # __call__
        ([("        return total.tanh()", "        return total")], "not squashed yet"),
        (
            [("        total = self.b\n", "        total = 0.0\n")],
            "leaves something out of the sum",
        ),
        ([(_NC, "        return (self.b + self.w[0] * x[0]).tanh()")], "uses only the first input"),
        (
            [
                (
                    "        if len(x) != len(self.w):\n            raise ValueError(",
                    "        if len(x) > len(self.w):\n            raise ValueError(",
                )
            ],
            "accepted 2 inputs for 3 weights",
        ),
        ([("        return total.tanh()", "        return total.tanh().tanh()")], "squashed twice"),
        (
            [("        return total.tanh()", "        return [total.tanh()]")],
            "a list holding one Value",
        ),
        (
            [("        return total.tanh()", "        return Value(total.tanh().data)")],
            "Build MyNeuron's output",
        ),
        (
            [
                (
                    "        total = self.b\n",
                    "        for i in range(len(x)):\n            x[i] = Value(x[i])\n        total = self.b\n",
                )
            ],
            "MyNeuron's __call__ changed the list x",
        ),
    ],
    "5.4": [
        (
            [
                (
                    "class MyLayer:\n",
                    "from micrograd.nn import Layer as _Layer\n\n\nclass MyLayer(_Layer):\n",
                )
            ],
            "inherits from micrograd's Layer",
        ),
        # MyLayer.__call__
        ([(_LC, "return [self.neurons[0](x)]")], "uses only its first neuron"),
        ([(_LC, "return [n(x).tanh() for n in self.neurons]")], "MyLayer squashes"),
        ([(_LC, "return (n(x) for n in self.neurons)")], "one output per neuron"),
        ([(_LC, "return [Value(n(x).data) for n in self.neurons]")], "Build MyLayer's output"),
        (
            [(_LC, "x[:] = [Value(v) for v in x]\n        return [n(x) for n in self.neurons]")],
            "MyLayer's __call__ changed the list x",
        ),
        # MyLayer.parameters()
        ([(_LP, "return self.neurons[0].parameters()")], "only neuron 0's"),
        ([(_LP, "return self.neurons")], "the neurons themselves"),
        (
            [(_LP, "return [n.parameters() for n in self.neurons]")],
            "a list of lists, one per neuron",
        ),
        ([(_LP, "return [p for n in self.neurons for p in n.w]")], "leaves out the biases"),
        (
            [(_LP, "return [Value(p.data) for n in self.neurons for p in n.parameters()]")],
            "MyLayer.parameters() returns copies",
        ),
        # MyMLP.__call__
        ([("return x[0] if len(x) == 1 else x", "return x")], "not a list of one"),
        (
            [
                (
                    _MC,
                    "out = [layer(x) for layer in self.layers][-1]\n        return out[0] if len(out) == 1 else out",
                )
            ],
            "next layer's inputs",
        ),
        (
            [(_MC, _MC.replace("in self.layers:", "in self.layers[:-1]:"))],
            "stops after its second layer",
        ),
        (
            [(_MC, _MC.replace("x[0] if len(x) == 1 else x", "x[0]"))],
            "only the first of the last layer's",
        ),
        ([(_MC, _MC.replace("x[0] if", "x[0].tanh() if"))], "MyMLP squashes"),
        (
            [(_MC, _MC.replace("x = layer(x)", "x = [Value(v.data) for v in layer(x)]"))],
            "Build MyMLP's output",
        ),
        (
            [(_MC, _MC.replace("x = layer(x)", "x[:] = layer(x)"))],
            "MyMLP's __call__ changed the list x",
        ),
        # MyMLP.parameters()
        ([(_MP, "return self.layers[-1].parameters()")], "only the third layer's"),
        ([(_MP, "return self.layers")], "the layers themselves"),
        (
            [(_MP, "return [layer.parameters() for layer in self.layers]")],
            "a list of lists, one per layer",
        ),
        (
            [
                (
                    _MP,
                    "params = []\n        for layer in self.layers:\n            for n in layer.neurons:\n"
                    "                params.extend(layer.parameters())\n        return params",
                )
            ],
            "MyMLP.parameters() lists some Values twice",
        ),
        (
            [(_MP, "for layer in self.layers:\n            yield from layer.parameters()")],
            "MyMLP.parameters() returns a generator",
        ),
    ],
    "6.1": [
        (
            [(None, "from micrograd.losses import softmax as _softmax\nreturn _softmax(logits)")],
            "micrograd.losses",
        ),
        (
            [("return [e / total for e in exps]", "return [e / total for e in exps][:-1]")],
            "items, not",
        ),
        ([("(z - biggest).exp()", "z.exp()")], "Subtract the largest logit"),
        ([("return [e / total for e in exps]", "return exps")], "do not add up to 1"),
        (
            [
                (
                    "exps = [(z - biggest).exp() for z in logits]",
                    "exps = [Value(math.exp(z.data - biggest)) for z in logits]",
                )
            ],
            "gradients flow back",
        ),
        (
            [
                (
                    "    exps = [(z - biggest).exp() for z in logits]\n",
                    "    for z in logits:\n        z.data -= biggest\n    exps = [z.exp() for z in logits]\n",
                )
            ],
            "softmax() changed the logits",
        ),
        (
            [
                (
                    "    exps = [(z - biggest).exp() for z in logits]\n    total = sum(exps)\n"
                    "    return [e / total for e in exps]",
                    "    es = [math.exp(z.data - biggest) for z in logits]\n"
                    "    ps = [e / sum(es) for e in es]\n"
                    "    return [Value(p, tuple(logits), 'softmax',\n"
                    "                  local_grads=tuple(p * ((i == j) - q) for j, q in enumerate(ps)))\n"
                    "            for i, p in enumerate(ps)]",
                )
            ],
            "made a node of its own (op 'softmax'",
        ),
        (
            [
                ("    logits = [z if isinstance(z, Value) else Value(z) for z in logits]\n", ""),
                (
                    "    exps = [(z - biggest).exp() for z in logits]\n    total = sum(exps)\n"
                    "    return [e / total for e in exps]",
                    "    for i in range(len(logits)):\n        logits[i] = (logits[i] - biggest).exp()\n"
                    "    total = sum(logits)\n    return [e / total for e in logits]",
                ),
            ],
            "replaced the items of the list",
        ),
    ],
    "6.2": [
        (
            [
                (
                    "return -softmax(logits)[target].log()",
                    "return -softmax(logits)[target - 1].log()",
                )
            ],
            "That is the loss of class",
        ),
        (
            [
                (
                    "return -softmax(logits)[target].log()",
                    "from micrograd.losses import cross_entropy as _ce\n    return _ce([logits], [target])",
                )
            ],
            "your code calls micrograd.losses",
        ),
        (
            [("return -softmax(logits)[target].log()", "return softmax(logits)[target].log()")],
            "sign is flipped",
        ),
        (
            [("return -softmax(logits)[target].log()", "return -softmax(logits)[target]")],
            "where p is the probability",
        ),
        (
            [
                (
                    "return -softmax(logits)[target].log()",
                    "return -math.log(softmax(logits)[target].data)",
                )
            ],
            "should be a micrograd Value",
        ),
        (
            [(_CE, "return -softmax(logits)[target].log() / len(logits)")],
            "number of classes",
        ),
        (
            [
                (
                    _CE,
                    "for z in logits:\n        z.data -= max(v.data for v in logits)\n    " + _CE,
                )
            ],
            "cross_entropy() changed the logits",
        ),
        (
            [
                (
                    _CE,
                    "ps = [p.data for p in softmax(logits)]\n"
                    "    return Value(-math.log(ps[target]), tuple(logits), 'ce',\n"
                    "                 local_grads=tuple(q - (j == target) for j, q in enumerate(ps)))",
                )
            ],
            "made a node of its own (op 'ce'",
        ),
    ],
    "6.3": [
        (
            [
                (
                    None,
                    "cache = globals().setdefault('_grad_cache', {})\n"
                    "key = (len(logits), target)\n"
                    "if key not in cache:\n"
                    "    biggest = max(logits)\n"
                    "    exps = [math.exp(z - biggest) for z in logits]\n"
                    "    total = sum(exps)\n"
                    "    cache[key] = [e / total - (i == target) for i, e in enumerate(exps)]\n"
                    "return cache[key]",
                )
            ],
            "cross_entropy_grad() gave the same answer for a different input",
        ),
        (
            [
                (
                    "return [e / total - (1.0 if i == target else 0.0) for i, e in enumerate(exps)]",
                    "return [Value(e / total - (1.0 if i == target else 0.0)) for i, e in enumerate(exps)]",
                )
            ],
            "should be a plain number",
        ),
        (
            [
                (
                    "    biggest = max(logits)\n",
                    "    zs = [Value(z) for z in logits]\n"
                    "    loss = sum((z - max(logits)).exp() for z in zs).log() - (zs[target] - max(logits))\n"
                    "    loss.backward()\n"
                    "    return [z.grad for z in zs]\n"
                    "    biggest = max(logits)\n",
                )
            ],
            "worked out by hand",
        ),
        ([(" - (1.0 if i == target else 0.0)", "")], "every class gets its probability"),
        (
            [
                (
                    "e / total - (1.0 if i == target else 0.0)",
                    "(1.0 if i == target else 0.0) - e / total",
                )
            ],
            "raising the target's logit",
        ),
        (
            [("e / total - (1.0 if i == target else 0.0)", "e - (1.0 if i == target else 0.0)")],
            "Write the loss as",
        ),
        (
            [
                (
                    None,
                    "def loss(zs):\n    b = max(zs)\n"
                    "    return math.log(sum(math.exp(z - b) for z in zs)) + b - zs[target]\n"
                    "h = 1e-5\nreturn [\n"
                    "    (loss(logits[:i] + [z + h] + logits[i + 1 :])\n"
                    "     - loss(logits[:i] + [z - h] + logits[i + 1 :])) / (2 * h)\n"
                    "    for i, z in enumerate(logits)\n]",
                )
            ],
            "finite difference",
        ),
        (
            [
                (
                    "    exps = [math.exp(z - biggest) for z in logits]\n",
                    "    for i in range(len(logits)):\n        logits[i] -= biggest\n"
                    "    exps = [math.exp(z) for z in logits]\n",
                )
            ],
            "cross_entropy_grad() changed the logits",
        ),
        (
            [("math.exp(z - biggest)", "math.exp(z)")],
            "too large for a float",
        ),
        (
            [("(1.0 if i == target else 0.0)", "(1.0 if i == target - 1 else 0.0)")],
            "belongs to the target class",
        ),
    ],
    "6.4": [
        (
            [
                (
                    "    for p in model.parameters():\n        p.data -= lr * p.grad\n",
                    "    for p in model.parameters():\n        p.data -= lr * p.grad * 2\n",
                )
            ],
            "not by the right amount",
        ),
        ([("    model.zero_grad()\n", "")], "did not reset them"),
        ([("    return loss.data\n", "    return loss\n")], "should be a plain number"),
        ([("p.data -= lr * p.grad", "p.data += lr * p.grad")], "moved uphill"),
        (
            [(_UPD, "    for p in model.parameters():\n        p -= lr * p.grad\n")],
            "Nothing moved",
        ),
        (
            [
                (
                    "    model.zero_grad()\n    loss.backward()\n",
                    "    loss.backward()\n    model.zero_grad()\n",
                )
            ],
            "zero_grad() after backward()",
        ),
        (
            [(_UPD, "    for p in model.layers[0].parameters():\n        p.data -= lr * p.grad\n")],
            "Only some of the parameters moved",
        ),
        (
            [
                (
                    _UPD,
                    "    from micrograd.optim import SGD\n\n    SGD(model.parameters(), lr=lr).step()\n",
                )
            ],
            "micrograd.optim",
        ),
        (
            [
                (
                    "    labels = [2 * t - 1 for t in y]  # 0/1 -> -1/+1\n",
                    "    for i in range(len(y)):\n        y[i] = 2 * y[i] - 1\n    labels = y\n",
                )
            ],
            "train_step() changed the X or y",
        ),
        (
            [(_UPD, "    for p in model.parameters():\n        p.data -= 0.1 * p.grad\n")],
            "use the lr argument",
        ),
        (
            [
                (
                    "    scores = [model(x) for x in X]\n",
                    "    model = MLP(2, [16, 16, 1])\n    scores = [model(x) for x in X]\n",
                )
            ],
            "never reached the parameters of the model train_step()",
        ),
        (
            [
                (
                    "    loss = hinge_loss(scores, labels)\n",
                    "    loss = sum(((1 - t * s).relu() for s, t in zip(scores, labels)), Value(0.0))\n",
                )
            ],
            "times too large",
        ),
        (
            [
                (
                    "    scores = [model(x) for x in X]\n",
                    "    X, labels = X[:10], labels[:10]\n    scores = [model(x) for x in X]\n",
                )
            ],
            "subset of the points",
        ),
    ],
    "6.5": [
        ([("lr = 1.0 - 0.9 * k / steps", "lr = -0.5")], "moved uphill"),
        ([("    for k in range(steps):\n", "    for k in range(steps - 1):\n")], "one per step"),
        (
            [
                (
                    "losses.append(train_step(model, X, y, lr))",
                    "losses.append(train_step(MLP(2, [4, 1]), X, y, lr))",
                )
            ],
            "model train() was given",
        ),
        ([("lr = 1.0 - 0.9 * k / steps", "lr = 0.001")], "below 95 %"),
        ([("    return losses\n", "    return losses[-1]\n")], "should be a list"),
        (
            [
                (
                    "losses.append(train_step(model, X, y, lr))",
                    "losses.append(Value(train_step(model, X, y, lr)))",
                )
            ],
            "should be a plain number",
        ),
        (
            [
                (
                    "losses.append(train_step(model, X, y, lr))",
                    "losses.append(train_step(model, X, y, lr))\n        if k == 0:\n"
                    "            y[:] = [1 - t for t in y]",
                )
            ],
            "train() changed the X or y",
        ),
        ([("lr = 1.0 - 0.9 * k / steps", "lr = 1e200")], "training diverged"),
        (
            [
                (
                    _TRAIN,
                    _OWN_LOOP.replace("ZERO", "pass").replace("UPDATE", "p.data -= lr * p.grad"),
                )
            ],
            "you did not reset them",
        ),
        (
            [
                (
                    _TRAIN,
                    _OWN_LOOP.replace("ZERO", "model.zero_grad()").replace(
                        "UPDATE", "p -= lr * p.grad"
                    ),
                )
            ],
            "rebinds the name p",
        ),
        (
            [
                (
                    "losses.append(train_step(model, X, y, lr))",
                    "from micrograd.optim import SGD\n\n"
                    "        opt = SGD(model.parameters(), lr=lr)\n"
                    "        loss = hinge_loss([model(x) for x in X], [2 * t - 1 for t in y])\n"
                    "        opt.zero_grad()\n        loss.backward()\n        opt.step()\n"
                    "        losses.append(loss.data)",
                )
            ],
            "micrograd.optim",
        ),
        (
            [
                (
                    "losses.append(train_step(model, X, y, lr))",
                    "train_step(model, X, y, lr)\n        losses.append(lr)",
                )
            ],
            "is not the loss step",
        ),
    ],
}

MISTAKES.update(CAPSTONE)

SUPPORT = {}
