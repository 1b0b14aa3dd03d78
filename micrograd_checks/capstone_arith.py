"""Part 8.2's gradient checks (see capstone_props): random expressions of +, * and ** on fresh
inputs, a Value used five times, and a chain 2,000 operations deep, against finite differences of
the learner's own forward pass."""

from micrograd_checks import capstone_props as props
from micrograd_checks.core import Hint


def gradients(check, Value):
    """Gradients through random expressions of +, * and ** on fresh inputs (finite differences
    of your own forward pass), a Value used many times, and a chain 2,000 operations deep."""
    for _ in range(4):
        inputs, steps = props.random_program(check.random, _BASIC_STEPS)
        props.program(check, Value, inputs, steps, "a random expression", _STEP_HINTS)
    props.every_step_on_both_signs(check, Value, _BASIC_STEPS, _STEP_HINTS)
    x, y = check.uniform(0.5, 2), check.uniform(-2, -0.5)
    shared = [
        ("{x} * {y}", lambda p, q: p * q, 0, 0),
        ("{x} * {y}", lambda p, q: p * q, 2, 0),
        ("{x} * {y}", lambda p, q: p * q, 0, 1),
        ("{x} + {y}", lambda p, q: p + q, 3, 4),
        ("{x} + {y}", lambda p, q: p + q, 5, 0),
        ("{x} ** 2", lambda p, q: p**2, 6, 6),
    ]
    props.program(check, Value, [x, y], shared, "x used five times", _STEP_HINTS)
    chain = []
    for k in range(1000):
        last = 1 + 2 * k
        chain.append(("{x} * 1.001", lambda p, q: p * 1.001, last - 1 if k else 0, 0))
        chain.append(("{x} + {y}", lambda p, q: p + q, last, 0))
    props.program(
        check, Value, [check.uniform(-1, 1)], chain, "a chain of 2,000 operations", _STEP_HINTS
    )


_STEP_HINTS = {
    "{x} + {y}": Hint("Nudge one input of a sum: how much does the sum move?", key="sum gradient"),
    "{x} * {y}": Hint(
        "Nudge one factor of a product: the product moves by the other factor times the nudge.",
        key="product gradient",
    ),
}
_BASIC_STEPS = [
    ("{x} + {y}", lambda p, q: p + q, None),
    ("{x} * {y}", lambda p, q: p * q, None),
    ("{x} + 1.5", lambda p, q: p + 1.5, None),
    ("{x} * -0.5", lambda p, q: p * -0.5, None),
    ("{x} ** 2", lambda p, q: p**2, None),
    ("{x} ** 3", lambda p, q: p**3, None),
    ("{x} ** -1", lambda p, q: p**-1, lambda p, q: abs(p) > 0.3),
    ("{x} ** 0.5", lambda p, q: p**0.5, lambda p, q: p > 0.1),
]
