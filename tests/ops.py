"""The one list of `Value` operations the tests check.

test_engine (derivatives by hand and by finite differences), test_torch
(against PyTorch), test_properties (random graphs) and test_gradcheck all
read OPS. To add an operation, add one row here.

Each row says how to apply the op to Values (`apply`, which PyTorch tensors
understand too unless `torch` says otherwise), its value on plain floats
(`value`, written independently of micrograd) and one derivative formula per
input (`derivatives`). `domains` gives each input's domain: where the test
points are taken, and how random graphs keep their inputs inside it.

`table` is the operation's row in chapter 3's table of operations (Markdown: the
operation, its output y, then dy/da and dy/db), which `make notebooks` writes into
book/03_value.md (scripts/book_tables.py); rows without it are variants of an
operation that has one. The READMEs' lists of operations are tested against it.
"""

import math
from dataclasses import dataclass

from micrograd import Value


def _sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


@dataclass(frozen=True)
class Op:
    name: str
    apply: object  # f(*Values) -> Value
    value: object  # f(*floats) -> float
    derivatives: tuple  # one f(*floats) -> float per input
    domains: tuple = None  # one domain name per input; None: "any" for each
    torch: object = None  # f(*tensors), when `apply` does not work on tensors
    table: tuple = None  # chapter 3's row: (operation, output, dy/da[, dy/db]), Markdown

    @property
    def arity(self):
        return len(self.derivatives)

    @property
    def input_domains(self):
        return self.domains or ("any",) * self.arity

    def points(self):
        """Test points: one tuple of inputs each, every input inside its domain."""
        columns = [DOMAINS[d].points for d in self.input_domains]
        return list(zip(*columns))


@dataclass(frozen=True)
class Domain:
    points: tuple  # where the unit tests evaluate
    inside: object  # float -> True when a random graph may feed x directly
    remap: object  # x -> an expression of x inside the domain (Values or floats)


DOMAINS = {
    "any": Domain((-2.5, -0.4, 0.3, 1.7), lambda x: True, lambda x: x),
    "nonzero": Domain((-1.5, -0.5, 0.7, 2.0), lambda x: abs(x) > 0.25, lambda x: x * x + 1.0),
    "positive": Domain((0.05, 0.8, 3.0, 1.5), lambda x: x > 0.25, lambda x: x * x + 0.5),
    # relu's kink: finite differences are wrong within h of 0
    "not near 0": Domain((-2.5, -0.4, 0.3, 1.7), lambda x: abs(x) > 0.05, lambda x: x * x + 0.5),
    # exp: keep values small enough to compare
    "moderate": Domain((-2.5, -0.4, 0.3, 1.7), lambda x: abs(x) < 5, lambda x: x / (1 + x * x)),
}

OPS = [
    Op(
        "a+b",
        lambda a, b: a + b,
        lambda a, b: a + b,
        (lambda a, b: 1.0, lambda a, b: 1.0),
        table=("a + b", "$a + b$", "$1$", "$1$"),
    ),
    Op(
        "a-b",
        lambda a, b: a - b,
        lambda a, b: a - b,
        (lambda a, b: 1.0, lambda a, b: -1.0),
        table=("a - b", "$a - b$", "$1$", "$-1$"),
    ),
    Op(
        "a*b",
        lambda a, b: a * b,
        lambda a, b: a * b,
        (lambda a, b: b, lambda a, b: a),
        table=("a * b", "$a \\cdot b$", "$b$", "$a$"),
    ),
    Op(
        "a/b",
        lambda a, b: a / b,
        lambda a, b: a / b,
        (lambda a, b: 1 / b, lambda a, b: -a / b**2),
        ("any", "nonzero"),
        table=("a / b", "$a / b$", "$1 / b$", "$-a / b^2$"),
    ),
    Op(
        "a**b",
        lambda a, b: a**b,
        lambda a, b: a**b,
        (lambda a, b: b * a ** (b - 1), lambda a, b: a**b * math.log(a)),
        ("positive", "any"),
        table=("a ** b", "$a^b$", "$b \\, a^{b-1}$", "$a^b \\ln a$ (needs $a > 0$)"),
    ),
    Op("-x", lambda x: -x, lambda x: -x, (lambda x: -1.0,), table=("-a", "$-a$", "$-1$")),
    Op(
        "x**2",
        lambda x: x**2,
        lambda x: x * x,
        (lambda x: 2 * x,),
        table=("a ** n", "$a^n$", "$n \\, a^{n-1}$"),
    ),
    Op("x**3", lambda x: x**3, lambda x: x * x * x, (lambda x: 3 * x * x,)),
    Op("x**-1", lambda x: x**-1, lambda x: 1 / x, (lambda x: -1 / x**2,), ("nonzero",)),
    Op("x**-2", lambda x: x**-2, lambda x: 1 / x**2, (lambda x: -2 / x**3,), ("nonzero",)),
    Op("x**0", lambda x: x**0, lambda x: 1.0, (lambda x: 0.0,)),
    Op("x**0.5", lambda x: x**0.5, math.sqrt, (lambda x: 0.5 / math.sqrt(x),), ("positive",)),
    Op(
        "x**1.5",
        lambda x: x**1.5,
        lambda x: x * math.sqrt(x),
        (lambda x: 1.5 * math.sqrt(x),),
        ("positive",),
    ),
    Op("x+2", lambda x: x + 2, lambda x: x + 2, (lambda x: 1.0,)),
    Op("x-2", lambda x: x - 2, lambda x: x - 2, (lambda x: 1.0,)),
    Op("x*2", lambda x: x * 2, lambda x: 2 * x, (lambda x: 2.0,)),
    Op("x/2", lambda x: x / 2, lambda x: x / 2, (lambda x: 0.5,)),
    Op("2+x", lambda x: 2 + x, lambda x: 2 + x, (lambda x: 1.0,)),
    Op("2-x", lambda x: 2 - x, lambda x: 2 - x, (lambda x: -1.0,)),
    Op("2*x", lambda x: 2 * x, lambda x: 2 * x, (lambda x: 2.0,)),
    Op("2/x", lambda x: 2 / x, lambda x: 2 / x, (lambda x: -2 / x**2,), ("nonzero",)),
    Op("2**x", lambda x: 2**x, lambda x: math.pow(2, x), (lambda x: 2**x * math.log(2),)),
    Op(
        "exp",
        lambda x: x.exp(),
        math.exp,
        (math.exp,),
        ("moderate",),
        table=("a.exp()", "$e^a$", "$e^a = y$"),
    ),
    Op(
        "log",
        lambda x: x.log(),
        math.log,
        (lambda x: 1 / x,),
        ("positive",),
        table=("a.log()", "$\\ln a$ (needs $a > 0$)", "$1 / a$"),
    ),
    Op(
        "tanh",
        lambda x: x.tanh(),
        math.tanh,
        (lambda x: 1 - math.tanh(x) ** 2,),
        table=("a.tanh()", "$\\tanh a$", "$1 - \\tanh^2 a = 1 - y^2$"),
    ),
    Op(
        "relu",
        lambda x: x.relu(),
        lambda x: x if x > 0 else 0.0,
        (lambda x: 1.0 if x > 0 else 0.0,),
        ("not near 0",),
        table=("a.relu()", "$\\max(0, a)$", "$1$ if $a > 0$, else $0$"),
    ),
    Op(
        "sigmoid",
        lambda x: x.sigmoid(),
        _sigmoid,
        (lambda x: _sigmoid(x) * _sigmoid(-x),),
        table=(
            "a.sigmoid()",
            "$\\sigma(a) = \\frac{1}{1 + e^{-a}}$",
            "$\\sigma(a)\\,(1 - \\sigma(a)) = y\\,(1 - y)$",
        ),
    ),
    Op(
        "dot",  # Value.dot([w1, w2], [x, w1], bias): w1 is used twice
        lambda w1, w2, x, bias: Value.dot([w1, w2], [x, w1], bias),
        lambda w1, w2, x, bias: bias + w1 * x + w2 * w1,
        (
            lambda w1, w2, x, bias: x + w2,
            lambda w1, w2, x, bias: w1,
            lambda w1, w2, x, bias: w1,
            lambda w1, w2, x, bias: 1.0,
        ),
        torch=lambda w1, w2, x, bias: bias + w1 * x + w2 * w1,
    ),
]

BY_NAME = {op.name: op for op in OPS}
