"""Self-checks for the capstone, parts 8.6-8.7 (your own network and its training), and the summary.

Gradients of your network are compared with finite differences of its own forward pass, so any
activation and any layout of the classes is accepted.
"""

import contextlib
import io

from micrograd_checks import (
    capstone_layers,
    capstone_mlp,
    capstone_mlp_params,
    capstone_shape,
    own_code,
)
from micrograd_checks.core import CheckFailed, Hint, NotImplementedYet, hidden_rng, number
from micrograd_checks.wrapper import checker, klass


def _parameters(check, Value, obj, case, count, what):
    params = check.call(obj.parameters, case=case)
    params = check.sequence(
        params,
        count,
        case,
        what=f"{what}.parameters()",
        hint=Hint(
            f"Count them: every neuron has one weight per input, plus one bias ({what}).",
            "Neuron: its weights and its bias. Layer: the parameters of each of its neurons. "
            "MLP: those of each of its layers.",
            key=f"count {what}",
        ),
    )
    if not all(isinstance(p, Value) for p in params):
        wrong = next(p for p in params if not isinstance(p, Value))
        raise check.fail(
            f"every parameter should be one of your {Value.__name__}s",
            case=case,
            got=wrong,
            hint=f"Make the weights and the bias {Value.__name__}s, so that backward() can reach them.",
        )
    if len({id(p) for p in params}) != len(params):
        raise check.fail("parameters() lists some Values twice", case=case)
    check.ok()
    return params


def _score(out):
    """The one number a model gives for a point (a Value, or a list holding one)."""
    if isinstance(out, (list, tuple)) and len(out) == 1:
        out = out[0]
    return out


def _values_in(out):
    out = _score(out)
    return list(out) if isinstance(out, (list, tuple)) else [out]


def _gradients_match(check, Value, model, x, params, case):
    out = _score(check.call(model, x, case=case))
    if not isinstance(out, Value):
        raise check.fail(
            f"the output should be one of your {Value.__name__}s",
            case=case,
            got=out,
            hint=f"Build the output from your {Value.__name__} operations (no .data), so backward() works.",
        )
    for p in params:
        p.grad = 0.0
    check.call(out.backward, case=case)
    h = 1e-6
    for k, p in enumerate(params):
        saved = p.data
        p.data = saved + h
        up = _score(model(x)).data
        p.data = saved - h
        down = _score(model(x)).data
        p.data = saved
        slope = (up - down) / (2 * h)
        base = out.data
        right, left = (up - base) / h, (base - down) / h
        if abs(right - left) > 1e-3 * max(1.0, abs(slope)):
            # a kink (relu exactly at 0): backward() may take either one-sided slope
            grad = number(p.grad)
            slope = right if grad is not None and abs(grad - right) < abs(grad - left) else left
        check.close(
            p.grad,
            slope,
            case,
            what=f"gradient of parameter {k}",
            tol=1e-4,
            hint="backward() and the output disagree: build the output only from Value operations "
            "on the parameters and the inputs.",
        )
    return out


@checker(
    "8.6",
    "Neuron, Layer and MLP",
    klass("Value"),
    klass("Neuron"),
    klass("Layer"),
    klass("MLP"),
)
def check_own_mlp(check, Value, Neuron, Layer, MLP):
    """Exercise 8.6: Neuron, Layer and MLP on your own Value, with parameters() and zero_grad()."""
    own_code.refuse_classes(
        check, [Value, Neuron, Layer, MLP], what="your own Value, Neuron, Layer and MLP"
    )
    crashed = None  # a crash of the probe: first a chance for a Neuron/Layer diagnosis
    with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
        try:
            check.call(Neuron, 3, case="Neuron(3)")
            probe = check.call(MLP, 2, [3, 1], case="MLP(2, [3, 1])")
            check.call(probe, [0.5, -1.0], case="MLP(2, [3, 1]) on [0.5, -1]")
        except CheckFailed as error:
            crashed = error
    own_code.refuse_delegation(
        check, seen, {own_code.ENGINE, own_code.NN}, "Neuron(3), MLP(2, [3, 1])", "your own network"
    )
    capstone_layers.check_neuron_and_layer(check, Value, Neuron, Layer)
    capstone_mlp_params.check_separate(check, MLP)  # e.g. layers kept in a default argument
    if crashed is not None:
        raise crashed

    rng = hidden_rng("8.6 MLP")
    model, params = capstone_mlp.check_mlp(check, Value, Layer, MLP, rng, _gradients_match)
    capstone_shape.check_shape(check, Value, Neuron, Layer, MLP)
    capstone_mlp.check_zero_grad(check, model, params, rng)
    check.passed()


# part -> (check name, the names it reads from the notebook)
PARTS = [
    ("8.1", "check_own_value", ["Value"]),
    ("8.2", "check_own_add_mul_pow", ["Value"]),
    ("8.3", "check_own_derived_ops", ["Value"]),
    ("8.4", "check_own_activations", ["Value"]),
    ("8.5", "check_own_backward", ["Value", "topological_sort"]),
    ("8.6", "check_own_mlp", ["Value", "Neuron", "Layer", "MLP"]),
    ("8.7", "check_own_training", ["Value", "MLP", "train", "model", "losses"]),
]
_PACKED = {
    "8.7": lambda Value, MLP, train, model, losses: (Value, MLP, train, lambda: (model, losses))
}


def capstone_rows(namespace):
    """Run every capstone check on the names in `namespace`, silently.

    Returns {part: (status, message)} with status "passed", "failed" or "not done".
    """
    import micrograd_checks as checks

    rows = {}
    for part, name, needs in PARTS:
        missing = [n for n in needs if n not in namespace]
        if missing:
            rows[part] = ("not done", f"`{missing[0]}` is not defined yet")
            continue
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                args = [namespace[n] for n in needs]
                args = _PACKED[part](*args) if part in _PACKED else args
                getattr(checks, name)(*args)
            rows[part] = ("passed", "")
        except NotImplementedYet as error:
            rows[part] = ("not done", error.hint or "not implemented yet")
        except CheckFailed as error:
            rows[part] = ("failed", error.problem)
    return rows


def capstone_summary(namespace):
    """Run every capstone check on the names in `namespace` (pass `globals()`); print where you are."""
    rows = capstone_rows(namespace)
    marks = {"passed": "✔", "failed": "✘", "not done": "⏳"}
    print("Build micrograd yourself: where you are")
    for part, (status, message) in rows.items():
        detail = f" ({message})" if message and status != "not done" else ""
        print(f"  {marks[status]} Exercise {part}: {status}{detail}")
    done = sum(status == "passed" for status, _ in rows.values())
    print(f"  {done} of {len(rows)} parts passed.")
