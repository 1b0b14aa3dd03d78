"""Plausible mistakes in capstone exercise 8.3, "Everything else from +, * and **" (format:
learner_mistakes_1_4). Appended to learner_mistakes_8.MISTAKES; correct designs in DESIGNS."""

_WRAP = "    other = other if isinstance(other, Value) else Value(other)\n"
_OTHER = "(other.data if isinstance(other, Value) else other)"

MISTAKES = {
    "8.3": [
        # value_neg
        (
            [("    return self * -1\n", "    return Value(-self.data, (self,), (-1.0,))\n")],
            "`-a` makes a node of its own",
        ),
        (
            [("    return self * -1\n", "    self.data = -self.data\n    return self\n")],
            "`-a` changed its input a",
        ),
        ([("    return self * -1\n", "    return -self.data\n")], "`-a` gave a plain number"),
        (
            [("    return self * -1\n", "    return Value(-self.data)\n")],
            "`-a` is not connected to a",
        ),
        ([("    return self * -1\n", "    return 0 - self\n")], "`-a` never finishes"),
        # value_sub
        ([("return self + (-other)", "return (-self) + other")], "You computed b − a"),
        (
            [
                (
                    "    return self + (-other)\n",
                    _WRAP
                    + "    return Value(self.data - other.data, (self, other), (1.0, -1.0))\n",
                )
            ],
            "`a - b` makes a node of its own",
        ),
        (
            [("return self + (-other)", f"return Value(self.data - {_OTHER})")],
            "`a - b` is not connected to a",
        ),
        ([("return self + (-other)", "return self - other")], "`a - b` never finishes"),
        (
            [
                (
                    "    return self + (-other)\n",
                    _WRAP + "    other.data = -other.data\n    return self + other\n",
                )
            ],
            "`a - b` changed its input b",
        ),
        # value_truediv
        ([("return self * other**-1", "return self * other**1")], "came out as a × b"),
        ([("return self * other**-1", "return self**-1 * other")], "came out as b / a"),
        ([("return self * other**-1", "return self * self**-1")], "came out as a / a"),
        (
            [
                (
                    "    return self * other**-1\n",
                    _WRAP + "    return Value(\n"
                    "        self.data / other.data,\n"
                    "        (self, other),\n"
                    "        (1 / other.data, -self.data / other.data**2),\n"
                    "    )\n",
                )
            ],
            "`a / b` makes a node of its own",
        ),
        (
            [("return self * other**-1", f"return self.data / {_OTHER}")],
            "`a / b` gave a plain number",
        ),
        ([("return self * other**-1", "return self * (1 / other)")], "`a / b` never finishes"),
        # value_radd
        ([("    return self + other\n", "    return other + self\n")], "`n + a` never finishes"),
        (
            [("    return self + other\n", "    return self.data + other\n")],
            "`n + a` gave a plain number",
        ),
        (
            [
                (
                    "    return self + other\n",
                    "    return Value(self.data + other, (self,), (1.0,))\n",
                )
            ],
            "`n + a` makes a node of its own",
        ),
        (
            [("    return self + other\n", "    self.data += other\n    return self\n")],
            "`n + a` changed its input a",
        ),
        ([("    return self + other\n", "    return self * other\n")], "`n + a` gives the wrong"),
        # value_rmul
        ([("    return self * other\n", "    return other * self\n")], "`n * a` never finishes"),
        ([("    return self * other\n", "    return self + other\n")], "`n * a` gives the wrong"),
        (
            [
                (
                    "    return self * other\n",
                    "    return Value(other * self.data, (self,), (other,))\n",
                )
            ],
            "`n * a` makes a node of its own",
        ),
        (
            [("    return self * other\n", "    return self.data * other\n")],
            "`n * a` gave a plain number",
        ),
        (
            [("    return self * other\n", "    return Value(self.data * other)\n")],
            "`n * a` is not connected to a",
        ),
        (
            [
                (
                    "    return self * other\n",
                    "    from micrograd import Value as Number\n\n    return self * Number(other)\n",
                )
            ],
            "`n * a` calls micrograd's own code",
        ),
        # value_rsub
        ([("return Value(other) - self", "return other - self")], "`n - a` never finishes"),
        (
            [("return Value(other) - self", "return Value(other - self.data, (self,), (-1.0,))")],
            "`n - a` makes a node of its own",
        ),
        (
            [("return Value(other) - self", "return Value(other - self.data)")],
            "`n - a` is not connected to a",
        ),
        (
            [("return Value(other) - self", "return other - self.data")],
            "`n - a` gave a plain number",
        ),
        (
            [
                (
                    "    return Value(other) - self\n",
                    "    self.data = other - self.data\n    return self\n",
                )
            ],
            "`n - a` changed its input a",
        ),
        # value_rtruediv
        ([("return Value(other) / self", "return other / self")], "`n / a` never finishes"),
        ([("return Value(other) / self", "return Value(other) * self**1")], "came out as n × a"),
        (
            [
                (
                    "return Value(other) / self",
                    "return Value(other / self.data, (self,), (-other / self.data**2,))",
                )
            ],
            "`n / a` makes a node of its own",
        ),
        (
            [("return Value(other) / self", "return other / self.data")],
            "`n / a` gave a plain number",
        ),
        (
            [("return Value(other) / self", "return Value(other / self.data)")],
            "`n / a` is not connected to a",
        ),
        # found by red-teaming the check
        ([("    return self * -1\n", "    return self**-1\n")], "`-a` came out as 1 / a"),
        ([("    return self * -1\n", "    self * -1\n")], "`-a` gave None"),
        (
            [
                (
                    "Value.__neg__ = value_neg\n",
                    "import micrograd\n\nValue.__neg__ = micrograd.Value.__neg__\n",
                )
            ],
            "micrograd's own micrograd.engine.Value.__neg__",
        ),
        (
            [("    return self + (-other)\n", "    self.grad = 1.0\n    return self + (-other)\n")],
            "its grad was 0, now 1",
        ),
        (
            [
                (
                    "    return self * other**-1\n",
                    "    if isinstance(other, Value):\n"
                    "        return self * other**-1\n"
                    "    return Value(self.data / other, (self,), (1 / other,))\n",
                )
            ],
            "`a / n` makes a node of its own",
        ),
        (
            [("    return self + other\n", "    return NotImplemented\n")],
            "Python runs `n + a` with __radd__(self, other)",
        ),
        ([("return Value(other) - self", "return -self - other")], "came out as −a − n"),
        ([("return Value(other) / self", "return self**-1 / other")], "`n / a` gives the wrong"),
        (  # the package's engine run in the notebook: its code copied in, not imported
            [
                (
                    "Value.__neg__ = value_neg\n",
                    "import micrograd.engine as _eng\n\n_ns = {}\n"
                    "exec(open(_eng.__file__).read(), _ns)\nValue.__neg__ = _ns['Value'].__neg__\n",
                )
            ],
            "your Value's __neg__ is micrograd's own code",
        ),
    ]
}

# Correct answers unlike the solution's: each must pass.
DESIGNS = {
    "8.3": [
        ([("    return self * -1\n", "    return -1 * self\n")], "-1 * self (through __rmul__)"),
        ([("    return self * -1\n", "    return self * -1.0\n")], "a float -1.0"),
        ([("return self + (-other)", "return self + -1 * other")], "a + (-1) * b"),
        (
            [("return self + (-other)", "return value_add(self, value_neg(other))")],
            "calls the module's functions, not the operators",
        ),
        ([("return self * other**-1", "return other**-1 * self")], "b ** -1 * a"),
        ([("    return self + other\n", "    return self.__add__(other)\n")], "self.__add__"),
        (
            [("    return self + other\n", "    return self if other == 0 else self + other\n")],
            "0 + a is a itself",
        ),
        ([("    return self * other\n", "    return Value(other) * self\n")], "Value(n) * a"),
        ([("return Value(other) - self", "return -self + other")], "-a + n"),
        ([("return Value(other) - self", "return other + (-self)")], "n + (-a) via __radd__"),
        ([("return Value(other) / self", "return other * self**-1")], "n * a ** -1"),
        ([("return Value(other) / self", "return self**-1 * other")], "a ** -1 * n"),
    ]
}
