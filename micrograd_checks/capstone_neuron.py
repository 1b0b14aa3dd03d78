"""Part 8.6's checks of a Neuron (see capstone_layers for the Layer, capstone_nn for the MLP).

Every number is the check's own: it sets the parameters to hidden values, so the expected outputs
are computed before the learner's code runs, on fresh copies of the inputs.
"""

import math

from micrograd_checks.core import Hint, hidden_rng, number

_ACTIVATIONS = {
    "relu": lambda s: max(s, 0.0),
    "tanh": math.tanh,
    "sigmoid": lambda s: 1 / (1 + math.exp(-s)) if s > -700 else 0.0,
}


def _same(a, b):
    return a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _flat_parameters(check, Value, obj, name, what):
    """obj.parameters() as a list of the learner's Values, or a failure naming what is wrong."""
    got = check.call(obj.parameters, case=f"{what}.parameters()")
    case = f"{what}.parameters()"
    if got is None:
        raise check.fail(
            f"{what}.parameters() gave None",
            case=case,
            hint=f"Does {name}.parameters() end with `return`?",
        )
    if not isinstance(got, (list, tuple)):
        raise check.fail(
            f"{what}.parameters() gave a {type(got).__name__}, not a list",
            case=case,
            hint=Hint(
                "A generator can be walked only once, and len() does not work on it.",
                "Build the list: [p for ... for p in ...], and return it.",
                key=f"{name} params type",
            ),
        )
    got = list(got)
    if any(isinstance(p, (list, tuple)) for p in got):
        raise check.fail(
            f"{what}.parameters() holds a list inside the list",
            case=case,
            hint=Hint(
                "parameters() should be one flat list of Values, not a list of lists.",
                "Add the lists together (a + b) or take every item out of them in a comprehension.",
                key=f"{name} nested",
            ),
        )
    if name == "Layer" and got and all(hasattr(p, "parameters") for p in got):
        raise check.fail(
            f"{what}.parameters() lists the neurons themselves",
            case=case,
            hint="A layer's parameters are the weights and biases of its neurons, taken out of "
            "each neuron's parameters().",
        )
    return got


def _set(params, values):
    for p, v in zip(params, values):
        p.data = v


def _check_neuron_params(check, Value, Neuron, neuron):
    what = "Neuron(3)"
    params = _flat_parameters(check, Value, neuron, "Neuron", what)
    if len(params) != 4:
        five = check.call(Neuron, 5, case="Neuron(5)")
        count = check.call(five.parameters, case="Neuron(5).parameters()")
        count = len(count) if isinstance(count, (list, tuple)) else None
        if count == len(params):
            raise check.fail(
                f"Neuron(nin) ignores nin: Neuron(3) and Neuron(5) both have {count} parameters",
                case="Neuron(3).parameters() and Neuron(5).parameters()",
                hint=Hint(
                    "A neuron has one weight per input, however many inputs it is made for.",
                    "Make nin weights: range(nin), whatever nin is.",
                    key="nin ignored",
                ),
            )
        raise check.fail(
            f"{what}.parameters() should have 4 items, not {len(params)}",
            case=f"{what}.parameters()",
            hint=Hint(
                "Count them: every neuron has one weight per input, plus one bias.",
                "Return its weights and its bias: self.w + [self.b].",
                key="count Neuron",
            ),
        )
    if all(isinstance(p, Value) for p in params[:-1]) and not isinstance(params[-1], Value):
        raise check.fail(
            f"{what}'s bias is a plain number, not a {Value.__name__}",
            case=f"{what}.parameters()",
            got=params[-1],
            hint=f"Make the bias a {Value.__name__} too, so that backward() can reach it.",
        )
    if not all(isinstance(p, Value) for p in params):
        wrong = next(p for p in params if not isinstance(p, Value))
        raise check.fail(
            f"every parameter should be one of your {Value.__name__}s",
            case=f"{what}.parameters()",
            got=wrong,
            hint=f"Make the weights and the bias {Value.__name__}s, so that backward() can reach them.",
        )
    if len({id(p) for p in params}) != len(params):
        raise check.fail(
            f"{what}'s weights are one and the same Value",
            case=f"{what}.parameters()",
            hint=Hint(
                "[Value(...)] * nin repeats one Value: every weight would move together.",
                "Make a new Value for each weight: [Value(random.uniform(-1, 1)) for _ in range(nin)].",
                key="one weight",
            ),
        )
    again = check.call(neuron.parameters, case=f"{what}.parameters() a second time")
    if not isinstance(again, (list, tuple)) or len(again) != len(params):
        raise check.fail(
            f"{what}.parameters() gave a different list the second time",
            case=f"{what}.parameters() called twice",
            got=[len(params), len(again) if isinstance(again, (list, tuple)) else again],
            hint=Hint(
                "parameters() should only report the neuron's Values, not change the neuron.",
                "Return a new list, self.w + [self.b], instead of appending to self.w.",
                key="params change",
            ),
        )
    if not any(p is q for p, q in zip(again, params)):
        raise check.fail(
            f"{what}.parameters() makes new Values on every call: they are not the ones the "
            "neuron computes with",
            case=f"{what}.parameters() called twice",
            hint="Return the neuron's own weights and bias, not new Values made from their data: "
            "training would move copies and never the neuron.",
        )
    check.ok()
    return params


def _output(check, Value, neuron, x, what):
    """neuron(x) on a fresh copy of x, checked to leave x alone and to give a Value."""
    given = list(x)
    out = check.call(neuron, given, case=f"{what} on {x}")
    if given != x:
        raise check.fail(
            f"{what} changed the list of inputs it was given",
            case=f"{what} on {x}",
            got=given,
            hint="Calling a neuron must leave its inputs alone: compute the sum without appending "
            "to (or changing) the list x.",
        )
    if not isinstance(out, Value):
        raise check.fail(
            f"{what} gave a {type(out).__name__}, not a {Value.__name__}",
            case=f"{what} on {x}",
            got=out,
            hint=f"Build the output from your {Value.__name__} operations on the weights (no .data), "
            "so that backward() can reach them.",
        )
    return out


def _totals(rng, params, target):
    """Inputs and parameter values (weights, then the bias) whose w · x + b is `target`."""
    x = [round(rng.uniform(-2, 2), 3) for _ in range(len(params) - 1)]
    w = [round(rng.uniform(-1, 1), 3) for _ in x]
    b = target - sum(wi * xi for wi, xi in zip(w, x))
    return x, w + [b]


def check_neuron(check, Value, Neuron):
    """A Neuron: its parameters, w · x + b through an activation (none with nonlin=False), and
    gradients that reach its own parameters. Returns the activation it uses."""
    rng = hidden_rng("8.6 neuron")
    neuron = check.call(Neuron, 3, case="Neuron(3)")
    params = _check_neuron_params(check, Value, Neuron, neuron)
    what = "Neuron(3)"
    possible = set(_ACTIVATIONS)
    for target in (round(rng.uniform(0.3, 1.5), 3), -round(rng.uniform(0.3, 1.5), 3)):
        x, values = _totals(rng, params, target)
        _set(params, values)
        got = number(_output(check, Value, neuron, x, what))
        fits = {name for name, f in _ACTIVATIONS.items() if _same(got, f(target))}
        if fits & possible:
            possible &= fits
            continue
        case = f"{what} with weights {values[:-1]} and bias {values[-1]:.6g}, on {x}"
        no_bias = target - values[-1]
        if _same(got, target) and target < 0:
            raise check.fail(
                f"{what} gave w · x + b itself, with no activation",
                case=case,
                got=got,
                hint=Hint(
                    "A neuron made with nonlin=True (the default) passes its sum through an "
                    "activation.",
                    "Return act.relu() if self.nonlin else act.",
                    key="no activation",
                ),
            )
        if any(_same(got, f(no_bias)) for f in (*_ACTIVATIONS.values(), lambda s: s)):
            raise check.fail(
                f"{what} leaves out the bias",
                case=case,
                got=got,
                hint=Hint(
                    "Your neuron's sum has every weight times its input but not the bias.",
                    "Start the sum at the bias: sum((wi * xi for ...), self.b).",
                    key="no bias",
                ),
            )
        bias_first = sum(w * xi for w, xi in zip(values[1:], x)) + values[0]
        if any(_same(got, f(bias_first)) for f in _ACTIVATIONS.values()):
            raise check.fail(
                "Neuron.parameters() lists them in a different order: the bias first, then the "
                "weights",
                case=case,
                got=got,
                hint="Your neuron computes the right thing, but the check set the parameters in "
                "the order parameters() gave them, and the bias was first. The training loop and "
                "the other exercises expect each neuron's weights first, then its bias.",
            )
        raise check.fail(
            "the neuron's output is not an activation of w · x + b",
            case=case,
            expected=f"an activation of {target:.6g}",
            got=got,
            hint=Hint(
                "Compare your neuron's sum with the formula, term by term.",
                "Multiply each weight by its input, add the products and the bias, then apply "
                "the activation.",
                key="neuron formula",
            ),
        )
    check.ok()
    x, values = _totals(rng, params, round(rng.uniform(0.3, 1.5), 3))
    _set(params, values)
    _check_gradients(check, neuron, params, x, what)
    linear = check.call(Neuron, 3, nonlin=False, case="Neuron(3, nonlin=False)")
    lparams = _check_neuron_params(check, Value, Neuron, linear)
    x, values = _totals(rng, lparams, -round(rng.uniform(0.3, 1.5), 3))
    _set(lparams, values)
    got = number(_output(check, Value, linear, x, "Neuron(3, nonlin=False)"))
    if not _same(got, values[-1] + sum(w * xi for w, xi in zip(values, x))):
        raise check.fail(
            "Neuron(3, nonlin=False) applied an activation",
            case=f"Neuron(3, nonlin=False) on {x}",
            got=got,
            hint="A neuron made with nonlin=False (the output layer's) gives its sum w · x + b "
            "as it is: keep nonlin and look at it in __call__.",
        )
    check.ok()
    _check_start(check, Neuron)
    return _ACTIVATIONS[sorted(possible)[0]]


def _check_gradients(check, neuron, params, x, what):
    for p in params:
        p.grad = 0.0
    out = check.call(neuron, list(x), case=f"{what} on {x}")
    check.call(out.backward, case=f"{what} on {x}, backward()")
    h = 1e-6
    slopes = []
    for p in params:
        saved = p.data
        p.data = saved + h
        up = number(neuron(list(x)))
        p.data = saved - h
        down = number(neuron(list(x)))
        p.data = saved
        slopes.append((up - down) / (2 * h))
    grads = [number(p.grad) for p in params]
    if all(g == 0 for g in grads) and any(abs(s) > 1e-6 for s in slopes):
        raise check.fail(
            f"{what}'s output does not lead back to its parameters",
            case=f"{what} on {x}, backward()",
            hint="backward() found no path to the weights: build the output from Value operations "
            "on them, not from their .data.",
        )
    if all(s == 0 for s in slopes) and any(g not in (0, None) for g in grads):
        raise check.fail(
            f"{what} gave the same output after its parameters changed: it keeps its output from "
            "an earlier call",
            case=f"{what} on {x}, its weights nudged one at a time",
            hint="A neuron must compute w · x + b afresh on every call: the training loop "
            "changes the weights between calls, with the same inputs. Keep no cache of outputs.",
        )
    for k, (g, s) in enumerate(zip(grads, slopes)):
        check.close(
            g,
            s,
            f"{what} on {x}",
            what=f"gradient of parameter {k}",
            tol=1e-4,
            hint="backward() and the output disagree: build the output only from Value "
            "operations on the parameters and the inputs.",
        )


def _check_start(check, Neuron):
    """Fresh weights are random in (-1, 1) over the whole interval; biases start at 0 (chapter 5)."""
    neuron = check.call(Neuron, 400, case="Neuron(400)")
    params = list(check.call(neuron.parameters, case="Neuron(400).parameters()"))
    weights = [number(p.data) for p in params[:-1]]
    if not all(-1 <= w <= 1 for w in weights) or min(weights) > -0.8 or max(weights) < 0.8:
        raise check.fail(
            "the starting weights of Neuron(400) are not spread over (-1, 1)",
            case="the 400 weights of Neuron(400)",
            got=[min(weights), max(weights)],
            hint="Start every weight at random.uniform(-1, 1).",
        )
    other = check.call(Neuron, 400, case="Neuron(400)")
    again = [number(p.data) for p in check.call(other.parameters, case="Neuron(400)")[:-1]]
    if again == weights:
        raise check.fail(
            "every new Neuron(400) starts with the same weights",
            case="two Neuron(400)",
            hint="Each neuron needs its own random weights, or all the neurons of a layer would "
            "compute the same thing and learn the same way: do not reset the random generator "
            "(random.seed) in __init__.",
        )
    bias = number(params[-1].data)
    if bias != 0:
        raise check.fail(
            "a new Neuron's bias should start at 0",
            case="Neuron(400)",
            got=bias,
            hint="As in chapter 5: random weights in (-1, 1), and a bias of 0 (training moves it).",
        )
    check.ok()
