"""Plausible mistakes in exercises 3.1-3.5, for the simulated learners (format: learner_mistakes_1_4).

Each part (a function the learner completes) has at least five, each with its own marker.
"""

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
        # neg: a tuple of one written without its comma, a detached result, a float, a changed a
        (
            [('(self,), (-1.0,), "neg"', '(self), (-1.0,), "neg"')],
            "children are one Scalar, not a tuple",
        ),
        (
            [('return Scalar(-self.data, (self,), (-1.0,), "neg")', "return Scalar(-self.data)")],
            "-a: backward() never reached a",
        ),
        (
            [('return Scalar(-self.data, (self,), (-1.0,), "neg")', "return -self.data")],
            "-a returned a float",
        ),
        (
            [
                (
                    'return Scalar(-self.data, (self,), (-1.0,), "neg")',
                    "self.data = -self.data\n    return self",
                )
            ],
            "-a changed a",
        ),
        # sub: a - b as -(b - a) calls itself; b negated in place
        (
            [
                (
                    'return Scalar(self.data - other.data, (self, other), (1.0, -1.0), "-")',
                    "return -(other - self)",
                )
            ],
            "your __sub__() calls itself",
        ),
        (
            [
                (
                    'return Scalar(self.data - other.data, (self, other), (1.0, -1.0), "-")',
                    "other.data = -other.data\n    return self + other",
                )
            ],
            "a - b changed b",
        ),
        (
            [("(self, other), (1.0, -1.0)", "(other, self), (1.0, -1.0)")],
            "came out in each other's place",
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
        # an error inside the given Scalar class is not "your cell": the learner's line calls it
        (
            [
                (
                    'return Scalar(a / b, (self, other), (1.0 / b, -a / b**2), "/")',
                    "return Scalar(self * (1 / b))",
                )
            ],
            "the Scalar class given at the top raised TypeError in its __init__()",
        ),
    ],
    "3.3": [
        ([("(1.0 / self.data,)", "(self.data,)")], "slope of the natural logarithm"),
        (
            [
                (
                    'return Scalar(e, (self,), (e,), "exp")',
                    'return Scalar(e, (self,), (self.data,), "exp")',
                )
            ],
            "slope of eˣ",
        ),
        ([("math.log(self.data)", "math.log10(self.data)")], "value of log(a) is wrong"),
        ([("e = math.exp(self.data)", "e = math.e * self.data")], "value of exp(a) is wrong"),
        ([("(1.0 / self.data,)", "(1.0 / self.data, 0.0)")], "1 child but 2 local derivatives"),
        # exp: through micrograd, a tuple of one without its comma, detached, a float
        (
            [("e = math.exp(self.data)", "e = micrograd.Value(self.data).exp().data")],
            "calls micrograd's own Value",
        ),
        (
            [('return Scalar(e, (self,), (e,), "exp")', 'return Scalar(e, (self,), (e), "exp")')],
            "local derivatives are one float",
        ),
        (
            [('return Scalar(e, (self,), (e,), "exp")', "return Scalar(e)")],
            "exp(a): backward() never reached a",
        ),
        ([('return Scalar(e, (self,), (e,), "exp")', "return e")], "exp(a) returned a float"),
        # log: kept away from 0 with a small number, detached, a float
        (
            [
                (
                    'return Scalar(math.log(self.data), (self,), (1.0 / self.data,), "log")',
                    'return Scalar(math.log(self.data + 1e-12), (self,), (1.0 / (self.data + 1e-12),), "log")',
                )
            ],
            "right for larger a but not for this small one",
        ),
        (
            [
                (
                    'return Scalar(math.log(self.data), (self,), (1.0 / self.data,), "log")',
                    "return Scalar(math.log(self.data))",
                )
            ],
            "log(a): backward() never reached a",
        ),
        (
            [
                (
                    'return Scalar(math.log(self.data), (self,), (1.0 / self.data,), "log")',
                    "return math.log(self.data)",
                )
            ],
            "log(a) returned a float",
        ),
    ],
    "3.4": [
        # radd
        ([("Scalar.__radd__ = scalar_radd\n", "")], "Scalar has no __radd__"),
        (
            [("    return self + other\n", "    return other + self\n")],
            "your __radd__() calls itself",
        ),
        (
            [("    return self + other\n", "    return self.data + other\n")],
            "2 + a returned a float",
        ),
        (
            [("    return self + other\n", "    return Scalar(self.data + other)\n")],
            "2 + a: backward() never reached a",
        ),
        (
            [("    return self + other\n", "    self.data += other\n    return self\n")],
            "2 + a changed a",
        ),
        ([("    return self + other\n", "    return self\n")], "2 + a returned a itself"),
        ([("    return self + other\n", "    return self * other\n")], "wrong value of 2 + a"),
        # rmul
        ([("    return self * other\n", "    return self + other\n")], "wrong value of 3 * a"),
        (
            [("    return self * other\n", "    return other * self\n")],
            "your __rmul__() calls itself",
        ),
        (
            [("    return self * other\n", "    return self.data * other\n")],
            "3 * a returned a float",
        ),
        (
            [("    return self * other\n", "    return Scalar(other * self.data)\n")],
            "3 * a: backward() never reached a",
        ),
        ([("    return self * other\n", "    return self\n")], "3 * a returned a itself"),
        # rsub
        ([("return Scalar(other) - self", "return self - other")], "2 - a came out as a - 2"),
        (
            [("return Scalar(other) - self", "return Scalar(other - self.data)")],
            "2 - a: backward() never reached a",
        ),
        ([("return Scalar(other) - self", "return other - self")], "your __rsub__() calls itself"),
        ([("return Scalar(other) - self", "return other - self.data")], "2 - a returned a float"),
        (
            [("return Scalar(other) - self", "self.data = other - self.data\n    return self")],
            "2 - a changed a",
        ),
        # rtruediv
        ([("return Scalar(other) / self", "return self / other")], "3 / a came out as a / 3"),
        (
            [("return Scalar(other) / self", "return other / self")],
            "your __rtruediv__() calls itself",
        ),
        ([("return Scalar(other) / self", "return other / self.data")], "3 / a returned a float"),
        (
            [("return Scalar(other) / self", "return Scalar(other / self.data)")],
            "3 / a: backward() never reached a",
        ),
        ([("return Scalar(other) / self", "return Scalar(other) * self")], "wrong value of 3 / a"),
        # a node made by hand instead of reusing the operations
        (
            [
                (
                    "    return self + other\n",
                    "    return Scalar(self.data + other, (self,), (1.0,))\n",
                )
            ],
            "2 + a made a new node of its own",
        ),
        (
            [
                (
                    "    return self * other\n",
                    "    return Scalar(self.data * other, (self,), (float(other),))\n",
                )
            ],
            "3 * a made a new node of its own",
        ),
        (
            [
                (
                    "return Scalar(other) - self",
                    'return Scalar(other - self.data, (self,), (-1.0,), "r-")',
                )
            ],
            "2 - a made a new node of its own",
        ),
        (
            [
                (
                    "return Scalar(other) / self",
                    "return Scalar(other / self.data, (self,), (-other / self.data**2,))",
                )
            ],
            "3 / a made a new node of its own",
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
            "tanh_from_ops(a): backward() never reached a",
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
            "is not a whole positive number, so multiplying",
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
        ([("e = (x * 2).exp()", "e = x.exp()")], "what exp() is applied to"),
        # pow: whole powers by repeated * from a itself (a ** 0 gives a), a float, detached
        (
            [
                (
                    'return Scalar(self.data**n, (self,), (n * self.data ** (n - 1),), f"**{n}")',
                    "if n == int(n) and n >= 0:\n        out = self\n"
                    "        for _ in range(int(n) - 1):\n            out = out * self\n"
                    "        return out\n    "
                    + 'return Scalar(self.data**n, (self,), (n * self.data ** (n - 1),), f"**{n}")',
                )
            ],
            "a ** 0 returned a itself",
        ),
        (
            [
                (
                    'return Scalar(self.data**n, (self,), (n * self.data ** (n - 1),), f"**{n}")',
                    "return self.data**n",
                )
            ],
            "a ** 2 returned a float",
        ),
        (
            [
                (
                    'return Scalar(self.data**n, (self,), (n * self.data ** (n - 1),), f"**{n}")',
                    "return Scalar(self.data**n)",
                )
            ],
            "a ** 2: backward() never reached a",
        ),
        # pow: a slope right for n = 2 but wrong only at n = 0, or only for a negative n
        (
            [
                (
                    'return Scalar(self.data**n, (self,), (n * self.data ** (n - 1),), f"**{n}")',
                    "if n == 0:\n        return Scalar(1.0, (self,), (1.0,))\n    "
                    + 'return Scalar(self.data**n, (self,), (n * self.data ** (n - 1),), f"**{n}")',
                )
            ],
            "a constant: how fast does it change",
        ),
        (
            [("(n * self.data ** (n - 1),)", "(abs(n) * self.data ** (n - 1),)")],
            "its slope is negative",
        ),
        # tanh: a node made with math.tanh then chained; tanh from x.data plus a typed-in slope;
        # micrograd's tanh
        (
            [
                (
                    "    e = (x * 2).exp()\n    return (e - 1) / (e + 1)",
                    '    t = math.tanh(x.data)\n    node = Scalar(t, (x,), (1 - t * t,), "tanh")\n'
                    "    return node * 1 + 0",
                )
            ],
            "made a node by hand",
        ),
        (
            [
                (
                    "    e = (x * 2).exp()\n    return (e - 1) / (e + 1)",
                    "    t = math.tanh(x.data)\n    return Scalar(t) + (x - x.data) * (1 - t * t)",
                )
            ],
            "computed from x.data",
        ),
        (
            [
                (
                    "    e = (x * 2).exp()\n    return (e - 1) / (e + 1)",
                    "    return Scalar(micrograd.Value(x.data).tanh().data, (x,), (1.0,))",
                )
            ],
            "calls micrograd's own",
        ),
    ],
}

# Helper code some mistakes call, exec'd into the learner's namespace first.
SUPPORT = {
    "3.3": "import micrograd\n",
    "3.5": "import micrograd\n",
}
