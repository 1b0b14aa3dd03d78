"""Plausible mistakes in exercises 5.1-6.5 (format: learner_mistakes_1_4); the capstone's, 8.1-8.7,
are in learner_mistakes_8 and merged in here."""

from learner_mistakes_8 import MISTAKES as CAPSTONE

MISTAKES = {
    "5.1": [
        ([("    return total.tanh()", "    return Value.dot(w, x, b).tanh()")], "Value.dot()"),
        ([("total = b\n", "total = 0.0\n")], "leaves something out of the sum"),
        ([("    return total.tanh()", "    return total")], "not squashed yet"),
        ([("    return total.tanh()", "    return Value(math.tanh(total.data))")], "no .data"),
        ([("    return total.tanh()", "    return total.sigmoid()")], "one term at a time"),
    ],
    "5.2": [
        ([(None, "return v.sigmoid()")], "Value.sigmoid()"),
        ([("(s * (1.0 - s),)", "(1.0 - s,)")], "not the sigmoid's slope"),
        ([("s = 1.0 / (1.0 + math.exp(-x))", "s = 1.0 / (1.0 + math.exp(x))")], "1 / (1 + e^(−x))"),
        ([("(s * (1.0 - s),)", "(s,)")], "That is s itself"),
        ([("    if x >= 0:\n", "    if True:\n")], "overflows"),
        ([(None, "return 1 / (1 + (-v).exp())")], "only child is v"),
    ],
    "5.3": [
        (
            [
                (
                    "class MyNeuron:\n",
                    "from micrograd.nn import Neuron as _Neuron\n\n\nclass MyNeuron(_Neuron):\n",
                )
            ],
            "inherits from micrograd's Neuron",
        ),
        ([("return self.w + [self.b]", "return self.w")], "bias is a parameter too"),
        ([("        return total.tanh()", "        return total")], "not squashed yet"),
        (
            [
                (
                    "return self.w + [self.b]",
                    "return [Value(w.data) for w in self.w] + [Value(self.b.data)]",
                )
            ],
            "own Value objects",
        ),
        (
            [("        total = self.b\n", "        total = 0.0\n")],
            "leaves something out of the sum",
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
        ([("return x[0] if len(x) == 1 else x", "return x")], "not a list of one"),
        (
            [
                (
                    "return [p for layer in self.layers for p in layer.parameters()]",
                    "return self.layers[-1].parameters()",
                )
            ],
            "41 items",
        ),
        (
            [
                (
                    "return [p for n in self.neurons for p in n.parameters()]",
                    "return self.neurons[0].parameters()",
                )
            ],
            "8 items",
        ),
        (
            [
                (
                    "for layer in self.layers:\n            x = layer(x)\n        return x[0] if len(x) == 1 else x",
                    "out = [layer(x) for layer in self.layers][-1]\n        return out[0] if len(out) == 1 else out",
                )
            ],
            "next layer's inputs",
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
    ],
    "6.3": [
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
            [("    for p in model.parameters():\n        p.data -= lr * p.grad\n", "")],
            "Nothing moved",
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
    ],
}

MISTAKES.update(CAPSTONE)

SUPPORT = {}
