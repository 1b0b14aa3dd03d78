"""Plausible mistakes in the capstone's parts 8.1, 8.2 and 8.4 (format: learner_mistakes_1_4),
merged into learner_mistakes_8.MISTAKES."""

_ADD = "    return Value(self.data + other.data, (self, other), (1.0, 1.0))\n"
_MUL = "    return Value(self.data * other.data, (self, other), (other.data, self.data))\n"
_POW = "    return Value(self.data**n, (self,), (n * self.data ** (n - 1),))\n"

MISTAKES = {
    "8.1": [],
    "8.2": [
        (
            [
                (
                    _ADD,
                    "    self.data += other.data\n    return Value(self.data, (self, other), (1.0, 1.0))\n",
                )
            ],
            "a + b changed its input",
        ),
        (
            [(_MUL, "    return Value(self.data * other.data, (self, other), (1.0, 1.0))\n")],
            "as for a sum",
        ),
        (
            [
                (
                    _MUL,
                    "    out = Value(self.data * other.data, (self, other))\n\n"
                    "    def _backward():\n"
                    "        self.grad = other.data * out.grad\n"
                    "        other.grad = self.data * out.grad\n\n"
                    "    out._backward = _backward\n"
                    "    return out\n",
                )
            ],
            "both children",
        ),
        (
            [
                (
                    _MUL,
                    "    out = Value(self.data * other.data)\n"
                    "    out._children = {self: other.data, other: self.data}\n"
                    "    return out\n",
                )
            ],
            "keeps its children in a dict",
        ),
        (
            [
                (
                    _POW,
                    "    out = Value(1.0)\n"
                    "    for _ in range(int(n)):\n"
                    "        out = out * self\n"
                    "    return out\n",
                )
            ],
            "works for whole powers only",
        ),
        ([(_POW, "    return Value(self.data * n, (self,), (n,))\n")], "should hold a.data ** n"),
        (
            [(_POW, "    return Value(self.data**n, (self,), (n * self.data ** (n - 1)))\n")],
            "without its comma",
        ),
        (
            [
                (
                    _POW,
                    "    self.data = self.data**n\n"
                    "    return Value(self.data, (self,), (n * self.data ** (n - 1),))\n",
                )
            ],
            "a ** 2 changed its input",
        ),
    ],
    "8.4": [],
}
