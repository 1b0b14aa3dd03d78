"""Unusual but correct answers to exercises 5.1-6.5 (format: learner_designs_1_4, which merges them in)."""

_NC = "        return total.tanh()"
_MC = (
    "for layer in self.layers:\n            x = layer(x)\n        return x[0] if len(x) == 1 else x"
)

DESIGNS = {
    "5.1": [
        (
            [
                (
                    "    total = b\n    for wi, xi in zip(w, x):\n        total = total + wi * xi\n",
                    "    total = sum((xi * wi for wi, xi in zip(w, x)), b)\n",
                )
            ],
            "sum() with the bias as its start, x * w",
        )
    ],
    "5.3": [
        ([("return self.w + [self.b]", "return (*self.w, self.b)")], "parameters() as a tuple"),
        (
            [
                (
                    "        total = self.b\n",
                    "        x = [xi if isinstance(xi, Value) else Value(xi) for xi in x]\n"
                    "        total = self.b\n",
                ),
                (_NC, "        return sum((wi * xi for wi, xi in zip(self.w, x)), self.b).tanh()"),
            ],
            "inputs converted into a new list, the sum with sum()",
        ),
    ],
    "5.4": [
        (
            [
                (
                    "return [n(x) for n in self.neurons]",
                    "out = [n(x) for n in self.neurons]\n        return out[0] if len(out) == 1 else out",
                ),
                (_MC, "for layer in self.layers:\n            x = layer(x)\n        return x"),
            ],
            "the layer unwraps a single output (as karpathy's micrograd does)",
        ),
        (
            [
                (
                    "return [p for layer in self.layers for p in layer.parameters()]",
                    "params = []\n        for layer in self.layers:\n"
                    "            params.extend(layer.parameters())\n        return params",
                ),
                (
                    _MC,
                    "out = list(x)\n        for layer in self.layers:\n            out = layer(out)\n"
                    "        return out[0] if len(out) == 1 else out",
                ),
            ],
            "a loop that extends one list; the input copied first",
        ),
    ],
    "6.1": [
        (
            [
                (
                    "    total = sum(exps)\n",
                    "    total = exps[0]\n    for e in exps[1:]:\n        total = total + e\n",
                )
            ],
            "the total added up in a loop",
        ),
        (
            [
                ("(z - biggest).exp()", "math.e ** (z - biggest)"),
                (
                    "return [e / total for e in exps]",
                    "inverse = total**-1\n    return [e * inverse for e in exps]",
                ),
            ],
            "e ** z (a Value exponent), then one power -1 and products",
        ),
    ],
    "6.2": [
        (
            [
                (
                    "return -softmax(logits)[target].log()",
                    "zs = [z if isinstance(z, Value) else Value(z) for z in logits]\n"
                    "    biggest = max(z.data for z in zs)\n"
                    "    return sum((z - biggest).exp() for z in zs).log() - (zs[target] - biggest)",
                )
            ],
            "log-sum-exp minus the target's logit, without softmax",
        ),
        (
            [
                (
                    "return -softmax(logits)[target].log()",
                    "return (1 / softmax(logits)[target]).log()",
                )
            ],
            "log of one over the probability",
        ),
    ],
    "6.3": [
        (
            [
                (
                    "    return [e / total - (1.0 if i == target else 0.0) for i, e in enumerate(exps)]",
                    "    probs = [e / total for e in exps]\n    probs[target] -= 1\n    return probs",
                )
            ],
            "the probabilities, then 1 taken off the target's",
        )
    ],
    "6.4": [
        (
            [("    model.zero_grad()\n", "    for p in model.parameters():\n        p.grad = 0\n")],
            "gradients reset by hand, to the int 0",
        )
    ],
}
