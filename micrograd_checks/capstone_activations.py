"""Self-checks for the capstone, part 8.4: tanh(), relu() and exp() as single nodes
(see micrograd_checks.capstone for how your class is read)."""

import math

from micrograd_checks import capstone_adapter as adapter
from micrograd_checks import capstone_cases as cases
from micrograd_checks import own_code
from micrograd_checks.core import Hint, hidden_rng
from micrograd_checks.wrapper import checker, klass

_ACTIVATIONS = {
    "tanh": (math.tanh, "tanh's slope is 1 − t², where t = tanh(x) is the node's output."),
    "relu": (
        lambda x: max(x, 0.0),
        "relu is flat (slope 0) where x < 0 and has slope 1 where x > 0.",
    ),
    "exp": (math.exp, "The slope of eˣ is eˣ itself: exp's local derivative is its own output."),
}


@checker("8.4", "tanh(), relu() and exp()", klass("Value"))
def check_own_activations(check, Value):
    """Exercise 8.4: tanh(), relu() and exp() as single nodes with their own local derivatives."""
    own_code.refuse_classes(check, [Value], what="your own Value class")
    rng = hidden_rng()
    for name, (f, recipe) in _ACTIVATIONS.items():
        hidden = [round(rng.uniform(-3, -0.05), 3), round(rng.uniform(0.05, 3), 3)]
        for x in (-1.3, -0.2, 0.4, 2.0, *hidden):
            case = f"a.{name}() with a = {x:g}"
            with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
                a = Value(x)
                out = check.call(lambda a=a, name=name: getattr(a, name)(), case=case)
            own_code.refuse_delegation(
                check, seen, {own_code.ENGINE, own_code.NN}, case, "your own Value class"
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
                    f"{name}() gave back its input itself, not a new node.",
                    f"Return a new {Value.__name__} with the input as its only child and the local "
                    "derivative next to it, even where the value does not change.",
                    key=f"{name} self",
                )
                raise check.fail(f"{name}() returned its input itself", case=case, hint=hint)
            kids = adapter.children(out, Value)
            if len(kids) != 1 or kids[0] is not a:
                hint = (
                    f"Make {name}() one new node whose only child is a, with its own local derivative, "
                    "rather than a chain of other operations."
                )
                raise check.fail(f"{name}() should be a single node", case=case, hint=hint)
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
    cases.compare_programs(check, Value, cases.ALL, 8, seed=None)
    check.passed()
