"""Plausible mistakes in the capstone, exercises 8.1-8.7 (format: learner_mistakes_1_4).

More of them, grouped by part, live in tests/learner_mistakes_8_*.py (each with its own
MISTAKES dict); every such module is found and appended here, so each can grow on its own.
"""

import importlib
from pathlib import Path

MISTAKES = {
    "8.1": [
        (
            [
                (
                    "class Value:\n",
                    "from micrograd.engine import Value as _Value\n\n\nclass Value(_Value):\n",
                )
            ],
            "inherits from micrograd's Value",
        ),
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
        (
            [
                (
                    "Value.__add__ = value_add\n",
                    "Value.__add__ = value_add\n\n\n"
                    "def set_init(self, data, children=(), local_grads=()):  # 8.1 with a set\n"
                    "    self.data, self.grad = float(data), 0.0\n"
                    "    self._children, self._local_grads = set(children), tuple(local_grads)\n\n\n"
                    "Value.__init__ = set_init\n",
                )
            ],
            "keeps its children in a set",
        ),
        (
            [("(other.data, self.data))\n", "(lambda: other.data, lambda: self.data))\n")],
            "functions, not numbers",
        ),
        ([("(other.data, self.data))\n", "(self.data, other.data))\n")], "look swapped"),
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
        ([("    return self * -1\n", "    return self * 1\n")], "Negation"),
        ([("return Value(other) - self", "return self - other")], "compute other − self"),
        ([("return Value(other) / self", "return self / other")], "compute other / self"),
        ([("return self + (-other)", "return self + other")], "makes a − b smaller"),
        ([("Value.__radd__ = value_radd\n", "")], "write __radd__"),
    ],
    "8.4": [
        (
            [
                (
                    "    return Value(x if x > 0 else 0.0, (self,), (1.0 if x > 0 else 0.0,))",
                    "    return self if x > 0 else Value(0.0, (self,), (0.0,))",
                )
            ],
            "returned its input itself",
        ),
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
                    "        if node._children:  # results start each pass from zero; leaves accumulate\n"
                    "            node.grad = 0.0\n",
                    "        node.grad = 0.0\n",
                )
            ],
            "reset the leaves' gradients",
        ),
        (
            [
                (
                    "        if node._children:  # results start each pass from zero; leaves accumulate\n"
                    "            node.grad = 0.0\n",
                    "        pass\n",
                )
            ],
            "kept the gradients of the first pass",
        ),
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
            [
                (
                    "class Neuron:\n",
                    "from micrograd.nn import Neuron as _Neuron\n\n\nclass Neuron(_Neuron):\n",
                )
            ],
            "inherits from micrograd's Neuron",
        ),
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
            "depends on its last layer only (MLP.__call__)",
        ),
        (
            [("            p.grad = 0.0\n", "            pass\n")],
            "MLP.zero_grad() left every gradient",
        ),
        (
            [("            p.grad = 0.0\n", "            p.data = 0.0\n")],
            "MLP.zero_grad() changed the parameters' data",
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
        ([("        model.zero_grad()\n", "")], "did not reset them"),
        ([("p.data -= lr * p.grad", "p.data += lr * p.grad")], "moved uphill"),
        ([("p.data -= lr * p.grad", "p -= lr * p.grad")], "did not change"),
        (
            [("    return losses\n", "    return losses[1:]\n")],
            "the list train() returns should have",
        ),
        ([("lr = 1.0 - 0.9 * k / steps", "lr = 1e300")], "diverged"),
        (
            [
                (
                    "for p in model.parameters():\n            p.data",
                    "for p in model.layers[-1].parameters():\n            p.data",
                )
            ],
            "for every parameter",
        ),
        (
            [("losses.append(loss.data)", "losses.append(loss)"), ("y, steps=40", "y, steps=2")],
            "should be a plain number",
        ),
        ([("y, steps=40", "y, steps=2")], "below 95 %"),
        (
            [("lr = 1.0 - 0.9 * k / steps", "lr = 1e4")],
            "loss went up",
        ),
    ],
}


for _path in sorted(Path(__file__).parent.glob("learner_mistakes_8_*.py")):
    for _number, _more in importlib.import_module(_path.stem).MISTAKES.items():
        MISTAKES[_number] = MISTAKES.get(_number, []) + _more
