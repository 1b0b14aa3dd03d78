"""Self-checks for the capstone, part 8.4: tanh(), relu() and exp() as single nodes
(see micrograd_checks.capstone for how your class is read).

Extreme inputs: tanh(±50), tanh(400) and tanh(-750) must work (±1, slope 0: math.tanh never
overflows); exp(700) and exp(-750) too. exp(710) is beyond a float: your exp may raise
OverflowError there (as math.exp does) or give inf; anything else fails.
"""

import math

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks import capstone_cases as cases
from micrograd_checks import capstone_props as props
from micrograd_checks import own_code
from micrograd_checks.core import Hint
from micrograd_checks.wrapper import checker, klass

_OWN = "your own Value class"
_ACTIVATIONS = {
    "tanh": (math.tanh, "tanh's slope is 1 − t², where t = tanh(x) is the node's output."),
    "relu": (
        lambda x: max(x, 0.0),
        "relu is flat (slope 0) where x < 0 and has slope 1 where x > 0.",
    ),
    "exp": (math.exp, "The slope of eˣ is eˣ itself: exp's local derivative is its own output."),
}
_EXTREME = {"tanh": (50.0, -50.0, 400.0, -750.0), "relu": (), "exp": (700.0, -750.0)}


def _overflow(name, x):
    return Hint(
        f"{name}() overflowed at {x:g}: a number on the way, such as e^(2x), is too big for a "
        f"float (beyond about 1.8e308), although {name}({x:g}) itself is not.",
        "Use math.tanh(x): it gives ±1 there and never overflows.",
        key=f"{name} overflow",
    )


def _node(check, Value, name, x, case):
    """a.name() on a fresh a: a new node whose only child is a, a left untouched."""
    crashes = {
        props.NotATuple: props.comma_hint(f"a.{name}()"),
        OverflowError: _overflow(name, x),
    }
    with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
        a = Value(x)
        before = props.snapshot([a])
        out = check.call(props.tuples(lambda: getattr(a, name)()), case=case, hints=crashes)
    own_code.refuse_delegation(check, seen, {own_code.ENGINE, own_code.NN}, case, _OWN)
    props.untouched(check, Value, [a], before, f"a.{name}()", case)
    if out is None:
        raise check.fail(
            f"{name}() gave None: the method has no `return`",
            case=case,
            hint="A method that ends without `return` gives None: return the new "
            f"{Value.__name__} you made.",
        )
    if not isinstance(out, Value):
        raise check.fail(
            f"{name}() should give a {Value.__name__}",
            case=case,
            got=out,
            hint=f"Return a new {Value.__name__} with the input as its only child.",
        )
    if out is a:
        hint = Hint(
            f"{name}() gave back its input itself, not a new node: the graph then has no {name} "
            f"node, so a.{name}() and a are one object (a grad given to the result is given to "
            "a), and there is no local derivative of its own to pass on.",
            f"Return a new {Value.__name__} with the input as its only child and the local "
            "derivative next to it, even where the value does not change.",
            key=f"{name} self",
        )
        raise check.fail(f"{name}() returned its input itself", case=case, hint=hint)
    kids = adapter.children(out, Value)
    if not kids:
        raise check.fail(
            f"{name}() gave a {Value.__name__} without children",
            case=case,
            hint=Hint(
                f"The result of a.{name}() does not remember a, so no gradient can ever flow "
                "back through it to a.",
                f"Pass (self,) as the new {Value.__name__}'s children, with its local derivative.",
                key=f"{name} detached",
            ),
        )
    if len(kids) > 1 and any(k is a for k in kids) and len(adapter.nodes(out)) == len(kids) + 1:
        raise check.fail(
            f"{name}() built its result with another operation ({len(kids)} children)",
            case=case,
            hint=Hint(
                f"Your {name}() is a product or a sum of a with a number: the graph shows that "
                f"operation, not {name}, and the exercise asks for one {name} node with a as its "
                "only child.",
                f"Return {Value.__name__}(value, (self,), (local derivative,)).",
                key=f"{name} other op",
            ),
        )
    if len(kids) != 1 or kids[0] is not a:
        hint = (
            f"Make {name}() one new node whose only child is a, with its own local derivative, "
            "rather than a chain of other operations."
        )
        raise check.fail(f"{name}() should be a single node", case=case, hint=hint)
    return out


@checker("8.4", "tanh(), relu() and exp()", klass("Value"))
def check_own_activations(check, Value):
    """Exercise 8.4: tanh(), relu() and exp() as single nodes with their own local derivatives."""
    own_code.refuse_classes(check, [Value], what=_OWN)
    for name, (f, recipe) in _ACTIVATIONS.items():
        hidden = [check.uniform(-3, -0.05, 3), check.uniform(0.05, 3, 3)]
        for x in (-1.3, -0.2, 0.4, 2.0, *hidden, *_EXTREME[name]):
            case = f"a.{name}() with a = {x:g}"
            out = _node(check, Value, name, x, case)
            check.close(out, f(x), case, what="value", hint=f"{name}({x:g}) is {f(x):.6g}.")
            ((_, got),) = check.call(adapter.local_derivatives, out, case=case)
            slope = adapter.finite_difference(f, x)
            check.close(
                got,
                slope,
                case,
                what="local derivative",
                tol=1e-5,
                hint=Hint(
                    f"Check the slope of {name} at {x:g} with a tiny nudge.", recipe, key=name
                ),
            )
    _relu_corner(check, Value)
    _beyond_floats(check, Value)
    _gradients(check, Value)
    cases.compare_programs(check, Value, cases.ALL, 8, seed=None)
    check.passed()


def _relu_corner(check, Value):
    """relu at exactly 0: value 0, and the slope the book uses at the corner (chapter 3): 0."""
    case = "a.relu() with a = 0"
    out = _node(check, Value, "relu", 0.0, case)
    check.close(out, 0.0, case, what="value", hint="relu(0) is 0.")
    ((_, got),) = check.call(adapter.local_derivatives, out, case=case)
    hint = Hint(
        "At exactly a = 0 ReLU has a corner, where no single slope exists: this book uses 0 "
        "there (chapter 3, as micrograd and PyTorch do), and your relu() uses another number.",
        "Give slope 1 only for a > 0 (strictly), and 0 otherwise.",
        key="relu corner",
    )
    check.close(got, 0.0, case, what="local derivative at the corner", hint=hint)


def _beyond_floats(check, Value):
    """exp(710) overflows a float: OverflowError (as math.exp) or inf, nothing else."""
    case = "a.exp() with a = 710 (e^710 is beyond the largest float, about 1.8e308)"

    def run():
        try:
            return Value(710.0).exp()
        except OverflowError:
            return "OverflowError"

    out = check.call(run, case=case)
    if out != "OverflowError" and not (isinstance(out, Value) and out.data == math.inf):
        raise check.fail(
            "exp(710) should overflow: raise OverflowError (as math.exp does) or give inf",
            case=case,
            got=getattr(out, "data", out),
            hint=Hint(
                "e^710 does not fit in a float: a finite number there is a silently wrong "
                "answer (capping the input, or catching the error, hides the overflow).",
                "Compute the value with math.exp(self.data) and let it raise.",
                key="exp overflow",
            ),
        )
    check.ok()


_STEPS = [
    ("{x}.tanh()", lambda p, q: p.tanh(), None),
    ("{x}.relu()", lambda p, q: p.relu(), None),
    ("{x}.exp()", lambda p, q: p.exp(), lambda p, q: p < 3),
    ("{x} + {y}", lambda p, q: p + q, None),
    ("{x} * {y}", lambda p, q: p * q, None),
]
_STEP_HINTS = {
    f"{{x}}.{name}()": Hint(f"Check the slope of {name} with a tiny nudge.", recipe, key=name)
    for name, (_, recipe) in _ACTIVATIONS.items()
}


def _gradients(check, Value):
    """Gradients through random expressions of tanh, relu and exp (with + and * to share
    inputs) on fresh inputs, against finite differences of your own forward pass; one Value
    used by all three; a chain 3,000 operations deep."""
    for _ in range(4):
        inputs, steps = props.random_program(check.random, _STEPS)
        props.program(check, Value, inputs, steps, "a random expression", _STEP_HINTS)
    props.every_step_on_both_signs(check, Value, _STEPS, _STEP_HINTS)
    x = check.uniform(0.3, 1.5)
    shared = [
        ("{x}.tanh()", lambda p, q: p.tanh(), 0, 0),
        ("{x}.relu()", lambda p, q: p.relu(), 0, 0),
        ("{x}.exp()", lambda p, q: p.exp(), 0, 0),
        ("{x} * {y}", lambda p, q: p * q, 1, 2),
        ("{x} + {y}", lambda p, q: p + q, 4, 3),
    ]
    props.program(check, Value, [x], shared, "x used by tanh, relu and exp", _STEP_HINTS)
    chain, last = [], 0
    for k in range(1000):
        name, scale = [("tanh", 0.001), ("relu", 0.001), ("exp", 0.0002)][k % 3]
        chain.append((f"{{x}}.{name}()", lambda p, q, name=name: getattr(p, name)(), last, last))
        chain.append((f"{{x}} * {scale}", lambda p, q, s=scale: p * s, last + 1, last + 1))
        chain.append(("{x} + {y}", lambda p, q: p + q, last, last + 2))
        last += 3
    start = check.uniform(0.2, 1.0)
    props.program(check, Value, [start], chain, "a chain of 3,000 operations", _STEP_HINTS)
