"""Plausible mistakes in the capstone's parts 8.1, 8.2 and 8.4 (format: learner_mistakes_1_4),
merged into learner_mistakes_8.MISTAKES."""

_REPR = 'return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"'
_TANH = "    t = math.tanh(self.data)\n"
_RELU = "    return Value(x if x > 0 else 0.0, (self,), (1.0 if x > 0 else 0.0,))\n"
_ADD = "    return Value(self.data + other.data, (self, other), (1.0, 1.0))\n"
_MUL = "    return Value(self.data * other.data, (self, other), (other.data, self.data))\n"
_POW = "    return Value(self.data**n, (self,), (n * self.data ** (n - 1),))\n"
# the package's engine run in the learner's notebook: its code copied in, not imported
_EXEC = "import micrograd.engine as _eng\n_ns = {}\nexec(open(_eng.__file__).read(), _ns)\n"

MISTAKES = {
    "8.1": [
        ([("self.data = float(data)", "self.data = int(data)")], "only the whole part"),
        (
            [
                ("children=(), local_grads=()):", "children=[], local_grads=[]):"),
                ("self._children = tuple(children)", "self._children = children"),
            ],
            "share one `_children` list",
        ),
        (
            [("self._local_grads = tuple(local_grads)", "self._local_grads = tuple(children)")],
            "does not keep its children and local derivatives",
        ),
        (
            [
                (
                    "        self.data = float(data)\n",
                    "        import micrograd\n\n"
                    "        self._number = micrograd.Value(float(data))  # keeps the number for me\n"
                    "        self.data = self._number.data\n",
                )
            ],
            "your code calls micrograd.engine",
        ),
        ([(_REPR, _REPR.replace("return ", "print(") + ")")], "printed its text and returned None"),
        ([(_REPR, "return self.data")], "returned a float, not a str"),
        ([("    def __repr__(self):", "    def __str__(self):")], "has __str__, and no __repr__"),
        ([(_REPR, 'return f"Value(data={self.data:.0f})"')], "rounds the data"),
        (
            [(_REPR, 'return f"Value(data={self.grad:.4g}, grad={self.data:.4g})"')],
            "shows the grad at `data`",
        ),
        (
            [
                (
                    "class Value:\n",
                    "import micrograd.engine as _eng\nexec(open(_eng.__file__).read())\n\n\n"
                    "class _Unused:\n",
                )
            ],
            "your Value's __init__ is micrograd's own code",
        ),
    ],
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
            [
                (
                    "    other = other if isinstance(other, Value) else Value(other)\n" + _ADD,
                    "    number = other.data if isinstance(other, Value) else other\n"
                    "    return Value(self.data + number, (self, other), (1.0, 1.0))\n",
                )
            ],
            "keeps a plain number (2.5) among its children",
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
                    _ADD,
                    "    out = Value(self.data + other.data, (self, other))\n\n"
                    "    def _backward():\n"
                    "        self.grad = out.grad\n"
                    "        other.grad = out.grad\n\n"
                    "    out._backward = _backward\n"
                    "    return out\n",
                )
            ],
            "two contributions (1 + 1)",
        ),
        (
            [
                (
                    _MUL,
                    "    global _out\n"
                    "    _out = Value(self.data * other.data, (self, other))\n\n"
                    "    def _backward():\n"
                    "        self.grad += other.data * _out.grad\n"
                    "        other.grad += self.data * _out.grad\n\n"
                    "    _out._backward = _backward\n"
                    "    return _out\n",
                )
            ],
            "wrong once later operations were made",
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
            [(_POW, "    out = Value(self.data**n, (self,), (n * self.data ** (n - 1),))\n")],
            "a ** 2 gave None",
        ),
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
        (
            [("Value.__add__ = value_add\n", _EXEC + "Value.__add__ = _ns['Value'].__add__\n")],
            "your Value's __add__ is micrograd's own code",
        ),
        (
            [(_MUL, _MUL.replace("(other.data, self.data)", "(other.data, other.data)"))],
            "the factor's own value",
        ),
        (
            [("(n * self.data ** (n - 1),)", "(n * self.data**n / self.data,)")],
            "divides by a.data",
        ),
        (
            [
                (
                    _POW,
                    "    if self.data == 0:\n        return Value(0.0, (self,), (0.0,))\n" + _POW,
                )
            ],
            "treat 0 as a special case",
        ),
        ([("(self, other), (1.0, 1.0))", "(self, other), (1.0,))")], "2 children but 1 local"),
        (
            [(_MUL, _MUL.replace("(other.data, self.data)", "(other, self)"))],
            "are Values, not plain numbers",
        ),
    ],
    "8.4": [
        (
            [(_TANH, "    t = (math.exp(2 * self.data) - 1) / (math.exp(2 * self.data) + 1)\n")],
            "tanh() overflowed",
        ),
        ([("(1.0 - t * t,))", "(1.0 - t * t))")], "In a.tanh(), a collection of one item"),
        (
            [("return Value(t, (self,), (1.0 - t * t,))", "return Value(t)")],
            "tanh() gave a Value without",
        ),
        ([("return Value(t, (self,), (1.0 - t * t,))", "return t")], "tanh() should give a Value"),
        (
            [(_RELU, "    return self * (1.0 if self.data > 0 else 0.0)\n")],
            "relu() built its result with another operation",
        ),
        (
            [(_RELU, "    return Value(x, (self,), (1.0,)) if x > 0 else Value(0.0)\n")],
            "relu() gave a Value without children",
        ),
        (
            [
                (
                    _RELU,
                    "    self.data = max(x, 0.0)\n"
                    "    return Value(self.data, (self,), (1.0 if x > 0 else 0.0,))\n",
                )
            ],
            "a.relu() changed its input",
        ),
        (
            [(_RELU, "    return Value(min(x, 0.0), (self,), (1.0 if x > 0 else 0.0,))\n")],
            "relu(-1.3) is 0",
        ),
        (
            [
                (
                    "    e = math.exp(self.data)\n",
                    "    e = math.exp(min(self.data, 709.0))  # no overflow\n",
                )
            ],
            "exp(710) should overflow",
        ),
        (
            [
                (
                    _TANH,
                    "    import micrograd\n\n    t = micrograd.Value(self.data).tanh().data\n",
                )
            ],
            "your code calls micrograd.engine",
        ),
        ([("return Value(e, (self,), (e,))", "return Value(e)")], "exp() gave a Value without"),
        ([("return Value(e, (self,), (e,))", "return e")], "exp() should give a Value"),
        (
            [("return Value(e, (self,), (e,))", "return Value(e, (self,), (e))")],
            "In a.exp(), a collection",
        ),
        (
            [
                (
                    "    e = math.exp(self.data)\n",
                    "    self.data = math.exp(self.data)\n    e = self.data\n",
                )
            ],
            "a.exp() changed its input",
        ),
        (
            [("Value.tanh = value_tanh\n", _EXEC + "Value.tanh = _ns['Value'].tanh\n")],
            "your Value's tanh is micrograd's own code",
        ),
        (
            [("(1.0 if x > 0 else 0.0,)", "(1.0 if x >= 0 else 0.0,)")],
            "ReLU has a corner",
        ),
    ],
}
