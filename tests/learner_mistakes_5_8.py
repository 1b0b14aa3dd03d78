"""Plausible mistakes in exercises 5.1-6.5 and the capstone 8.1-8.7 (format: learner_mistakes_1_4)."""

MISTAKES = {
    "5.1": [
        ([("total = b\n", "total = 0.0\n")], "leaves something out of the sum"),
        ([("    return total.tanh()", "    return total")], "not squashed yet"),
        ([("    return total.tanh()", "    return Value(math.tanh(total.data))")], "no .data"),
        ([("    return total.tanh()", "    return total.sigmoid()")], "one term at a time"),
    ],
    "5.2": [
        ([("(s * (1.0 - s),)", "(s,)")], "That is s itself"),
        ([("    if x >= 0:\n", "    if True:\n")], "overflows"),
        ([(None, "return 1 / (1 + (-v).exp())")], "only child is v"),
    ],
    "5.3": [
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
        ([("    model.zero_grad()\n", "")], "Reset them"),
        ([("    return loss.data\n", "    return loss\n")], "should be a plain number"),
        ([("p.data -= lr * p.grad", "p.data += lr * p.grad")], "moved uphill"),
        (
            [("    for p in model.parameters():\n        p.data -= lr * p.grad\n", "")],
            "Nothing moved",
        ),
    ],
    "6.5": [
        ([("lr = 1.0 - 0.9 * k / steps", "lr = 0.001")], "below 95 %"),
        ([("    return losses\n", "    return losses[-1]\n")], "non-empty list"),
        (
            [
                (
                    "losses.append(train_step(model, X, y, lr))",
                    "losses.append(Value(train_step(model, X, y, lr)))",
                )
            ],
            "plain numbers",
        ),
    ],
    "8.1": [
        (
            [
                (
                    'return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"',
                    "return object.__repr__(self)",
                )
            ],
            "does not show the data",
        ),
        (
            [
                (
                    "self.grad = 0.0\n        self._children",
                    "self.grad = 1.0\n        self._children",
                )
            ],
            "starts with `grad = 0.0`",
        ),
        (
            [
                (
                    "        self._children = tuple(children)  # the Values this one was computed from\n",
                    "",
                )
            ],
            "no (empty) children",
        ),
        ([("self.data = float(data)", "self.value = float(data)")], "looked for `data`"),
    ],
    "8.2": [
        ([("(other.data, self.data))\n", "(self.data, other.data))\n")], "the other factor"),
        (
            [("(self, other), (1.0, 1.0))", "(self, other), (1.0, 0.0))")],
            "how much does a + b move",
        ),
        (
            [
                (
                    "    other = other if isinstance(other, Value) else Value(other)\n"
                    "    return Value(self.data + other.data",
                    "    return Value(self.data + other.data",
                )
            ],
            "plain number as `other`",
        ),
        ([("(n * self.data ** (n - 1),)", "(n * self.data**n,)")], "Use the power rule"),
        (
            [
                (
                    "return Value(self.data + other.data, (self, other), (1.0, 1.0))",
                    "return self.data + other.data",
                )
            ],
            "should give a new Value",
        ),
    ],
    "8.3": [
        ([("return Value(other) - self", "return self - other")], "compute other − self"),
        ([("return Value(other) / self", "return self / other")], "compute other / self"),
        ([("return self + (-other)", "return self + other")], "makes a − b smaller"),
        ([("Value.__radd__ = value_radd\n", "")], "write __radd__"),
    ],
    "8.4": [
        ([("(1.0 - t * t,)", "(1.0 - self.data * self.data,)")], "slope of tanh"),
        ([("(1.0 if x > 0 else 0.0,)", "(1.0,)")], "slope of relu"),
        (
            [("return Value(e, (self,), (e,))", "return Value(e, (self,), (self.data,))")],
            "slope of exp",
        ),
        (
            [
                (
                    "    t = math.tanh(self.data)\n    return Value(t, (self,), (1.0 - t * t,))",
                    "    e = (self * 2).exp()\n    return (e - 1) / (e + 1)",
                )
            ],
            "should be a single node",
        ),
    ],
    "8.5": [
        (
            [
                (
                    None,
                    "order, visited = [], set()\n\n"
                    "def visit(node):\n"
                    "    if node not in visited:\n"
                    "        visited.add(node)\n"
                    "        for child in node._children:\n"
                    "            visit(child)\n"
                    "        order.append(node)\n\n"
                    "visit(root)\n"
                    "return order",
                )
            ],
            "out of stack",
        ),
        (
            [("    for node in reversed(order):\n", "    for node in order:\n")],
            "before it had received it",
        ),
        ([("    self.grad = 1.0\n", "")], "with respect to itself"),
        (
            [("child.grad += local_grad * node.grad", "child.grad = local_grad * node.grad")],
            "a contribution from each",
        ),
        ([("        elif node not in visited:\n", "        else:\n")], "appears more than once"),
    ],
    "8.6": [
        (
            [("        return self.w + [self.b]\n", "        return self.w\n")],
            "should have 4 items",
        ),
        (
            [
                (
                    "        for layer in self.layers:\n            x = layer(x)\n        return x\n",
                    "        return [layer(x) for layer in self.layers][-1]\n",
                )
            ],
            "does not depend on the first layer",
        ),
        ([("            p.grad = 0.0\n", "            pass\n")], "left some gradients"),
        (
            [("            p.grad = 0.0\n", "            p.data = 0.0\n")],
            "changed the parameters' data",
        ),
        (
            [
                (
                    "self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]",
                    "self.w = [random.uniform(-1, 1) for _ in range(nin)]",
                )
            ],
            "one of your Values",
        ),
    ],
    "8.7": [
        (
            [("losses.append(loss.data)", "losses.append(loss)"), ("y, steps=40", "y, steps=2")],
            "should be a plain number",
        ),
        ([("y, steps=40", "y, steps=2")], "below 95 %"),
        (
            [("p.data -= lr * p.grad", "p.data += lr * p.grad"), ("y, steps=40", "y, steps=3")],
            "loss did not go down",
        ),
    ],
}

SUPPORT = {}
