"""Part 8.6's checks of the MLP (see capstone_nn): MLP.__init__, __call__, parameters() and
zero_grad(), each mistake with its own diagnosis.

The network is a fresh MLP(nin, [a, b, 1]) with sizes drawn at random (the learner cannot fit
them), chosen so that each plausible slip gives a parameter count or an output of its own: every
layer reading nin inputs, one layer too few, one layer left out of parameters(), the last layer
skipped, a return after the first layer.
"""

from micrograd_checks.capstone_mlp_params import check_order, parameters_list, same_values
from micrograd_checks.core import Hint, number

GROUPS = ("first", "second", "last")


def draw_sizes(rng):
    """(nin, [a, b, 1]) such that the counts of the plausible slips all differ."""
    while True:
        nin, a, b = rng.randint(2, 3), rng.randint(4, 6), rng.randint(3, 6)
        if a == b:
            continue
        sizes = _counts(nin, [a, b, 1])
        if len(set(sizes.values())) == len(sizes):
            return nin, [a, b, 1]


def _counts(nin, nouts):
    a, b, c = nouts
    layers = [(nin + 1) * a, (a + 1) * b, (b + 1) * c]
    return {
        "right": sum(layers),
        "unchained": (nin + 1) * (a + b + c),
        "too few": layers[0] + layers[1],
        "no first": layers[1] + layers[2],
        "no second": layers[0] + layers[2],
    }


def _layer_sizes(nin, nouts):
    sizes = [nin, *nouts]
    return [(sizes[i] + 1) * sizes[i + 1] for i in range(len(nouts))]


def _count(check, params, out, nin, nouts, case, other_count):
    """Diagnose the number of parameters and the output's shape (`other_count`: the number of
    parameters of an MLP of other sizes)."""
    counts, n = _counts(nin, nouts), len(params)
    a, b, _ = nouts
    if n == other_count and n != counts["right"]:
        raise check.fail(
            "MLP.__init__ ignores the sizes it was given",
            case=case,
            got=f"{n} parameters, as many as MLP(2, [3, 1]) has",
            hint="Build the layers from the arguments nin and nouts, whatever sizes they ask for.",
        )
    if len({id(p) for p in params}) != n:
        raise check.fail(
            "MLP.parameters() lists some Values more than once",
            case=case,
            hint="Each weight and bias should be in the list once: take each layer's parameters "
            "once, and nothing more.",
        )
    width = len(out) if isinstance(out, (list, tuple)) else None
    if n == counts["unchained"]:
        raise check.fail(
            "MLP.__init__ gave every layer nin inputs",
            case=case,
            got=f"{n} parameters, not {counts['right']}",
            hint=Hint(
                "Only the first layer reads the network's inputs; every other layer reads the "
                "outputs of the layer before it, so it has that many weights per neuron.",
                "sizes = [nin] + nouts; layer i is Layer(sizes[i], sizes[i + 1]).",
                key="mlp chain sizes",
            ),
        )
    if n == counts["too few"] and width == b:
        raise check.fail(
            f"MLP.__init__ made one layer too few: {len(nouts) - 1} layers for {len(nouts)} sizes",
            case=case,
            got=out,
            hint=Hint(
                "`nouts` holds one size per layer, the last one included.",
                "Make len(nouts) layers: for i in range(len(nouts)).",
                key="mlp layer count",
            ),
        )
    if width == b and n == counts["right"]:
        raise check.fail(
            "MLP.__call__ never ran its last layer",
            case=case,
            got=out,
            hint=Hint(
                f"The output has {b} numbers: the outputs of the layer before the last one.",
                "Run every layer: for layer in self.layers: x = layer(x).",
                key="mlp call last",
            ),
        )
    if width == a and a != b:
        raise check.fail(
            "MLP.__call__ returned after the first layer",
            case=case,
            got=out,
            hint=Hint(
                f"The output has {a} numbers, the first layer's: look at where your `return` is.",
                "Return after the loop over the layers, not inside it.",
                key="mlp call early",
            ),
        )
    for name, missing in zip(GROUPS, ("no first", "no second", "too few")):
        if n == counts[missing] and width is None:
            raise check.fail(
                f"MLP.parameters() left out the parameters of the {name} layer",
                case=case,
                got=f"{n} parameters, not {counts['right']}",
                hint="parameters() should list the Values of every layer, the first and the last "
                "included.",
            )
    if n != counts["right"]:
        raise check.fail(
            f"MLP.parameters() should have {counts['right']} items, not {n}",
            case=case,
            hint=Hint(
                "Count them: every neuron has one weight per input, plus one bias.",
                "MLP: the parameters of each of its layers, one layer after the other.",
                key="count mlp",
            ),
        )


def _single_value(check, Value, Layer, out, case):
    if isinstance(out, Value):
        return out
    if isinstance(out, (list, tuple)) and len(out) == 1 and isinstance(out[0], Value):
        from micrograd_checks import capstone_layers

        capstone_layers.check_layer_of_one(check, Value, Layer)  # the layer's doing, if it fails
        raise check.fail(
            "MLP.__call__ returned a list where one Value was expected",
            case=case,
            got=out,
            hint="With one neuron in the last layer, the network's output is that neuron's "
            "Value itself, as your Layer gives it.",
        )
    raise check.fail(
        f"the output should be one of your {Value.__name__}s",
        case=case,
        got=out,
        hint=f"Build the output from your {Value.__name__} operations (no .data), so backward() works.",
    )


def _moving_groups(check, MLP, model, params, nin, nouts, x, rng, case):
    """Which layers' parameters get a gradient, over a few networks and inputs (relu can switch
    every unit of a layer off for one input)."""
    sizes = _layer_sizes(nin, nouts)
    bounds = [sum(sizes[:k]) for k in range(len(sizes) + 1)]
    moving = [False] * len(sizes)
    nets = [(model, params)]
    for _ in range(4):
        extra = check.call(MLP, nin, list(nouts), case=case)
        nets.append((extra, list(check.call(extra.parameters, case=case))))
    for net, ps in nets:
        for point in [x] + [[rng.uniform(-2, 2) for _ in range(nin)] for _ in range(3)]:
            for p in ps:
                p.grad = 0.0
            out = check.call(net, list(point), case=case)
            out = out[0] if isinstance(out, (list, tuple)) else out
            check.call(out.backward, case=case)
            for k in range(len(sizes)):
                moving[k] = moving[k] or any(p.grad != 0 for p in ps[bounds[k] : bounds[k + 1]])
        if all(moving):
            return moving
    return moving


def check_mlp(check, Value, Layer, MLP, rng, gradients_match):
    """MLP.__init__, __call__ and parameters(); returns (model, params) for check_zero_grad."""
    nin, nouts = draw_sizes(rng)
    case = f"MLP({nin}, {nouts})"
    given = list(nouts)
    model = check.call(MLP, nin, given, case=case)
    if given != nouts:
        raise check.fail(
            "MLP.__init__ changed the list nouts it was given",
            case=case,
            got=given,
            hint="The caller may use its list again (for a second network, or a plot): build a "
            "new list, sizes = [nin] + list(nouts), instead of inserting into nouts.",
        )
    other = check.call(MLP, nin, list(nouts), case=case)
    params = same_values(check, Value, model, other, case)
    x = [round(rng.uniform(-2, 2), 2) for _ in range(nin)]
    out = check.call(model, list(x), case=f"{case} on {x}")
    small = check.call(MLP, 2, [3, 1], case="MLP(2, [3, 1])")
    other_count = len(parameters_list(check, Value, small, "MLP(2, [3, 1])"))
    _count(check, params, out, nin, nouts, f"{case} on {x}", other_count)
    _single_value(check, Value, Layer, out, f"{case} on {x}")
    check.ok()
    out = gradients_match(check, Value, model, list(x), params, f"{case} on {x}")
    check_order(check, model, params, nin, nouts, x, out, f"{case} on {x}")
    moving = _moving_groups(check, MLP, model, params, nin, nouts, x, rng, case)
    if not moving[0] and not moving[1]:
        raise check.fail(
            "the MLP's output depends on its last layer only (MLP.__call__)",
            case=case,
            hint=Hint(
                "The first layers' parameters have no effect on the output: each layer should "
                "read the outputs of the layer before it, not the network's inputs.",
                "Feed each layer's outputs to the next one: x = layer(x), layer after layer.",
                key="chain layers",
            ),
        )
    if not moving[0]:
        raise check.fail(
            "MLP.__call__ skipped its first layer",
            case=case,
            hint=Hint(
                "The first layer's parameters have no effect on the output.",
                "Run every layer, from the first: for layer in self.layers: x = layer(x).",
                key="mlp call first",
            ),
        )
    check.ok()
    return model, params


def check_zero_grad(check, model, params, rng):
    """MLP.zero_grad() sets every parameter's grad to 0 and leaves the data alone."""
    case = "model.zero_grad()"
    for p in params:
        p.grad = rng.choice((-1, 1)) * rng.uniform(0.5, 2.0)
    before_data, before_grad = [p.data for p in params], [p.grad for p in params]
    check.call(model.zero_grad, case=case)
    if [p.data for p in params] != before_data:
        raise check.fail(
            "MLP.zero_grad() changed the parameters' data",
            case=case,
            hint="zero_grad() resets the gradients only: set each parameter's `.grad` to 0, "
            "leave `.data`.",
        )
    grads = [p.grad for p in params]
    if any(g is None for g in grads):
        raise check.fail(
            "MLP.zero_grad() set the gradients to None",
            case=case,
            hint="backward() adds to each grad, and None + a number fails: set them to 0.",
        )
    if grads == before_grad:
        raise check.fail(
            "MLP.zero_grad() left every gradient as it was",
            case=case,
            hint=Hint(
                "After zero_grad() every parameter's grad should be 0.",
                "Loop over self.parameters() and set each one's grad to 0.",
                key="zero_grad",
            ),
        )
    values = {number(g) for g in grads}
    if len(values) == 1 and values != {0.0}:
        raise check.fail(
            f"MLP.zero_grad() set every gradient to {grads[0]!r}, not to 0",
            case=case,
            hint="backward() adds to the grads, so they must start from 0.",
        )
    reset = sum(number(g) == 0 for g in grads)
    if reset < len(grads):
        raise check.fail(
            f"MLP.zero_grad() reset only {reset} of the {len(grads)} gradients",
            case=case,
            hint=Hint(
                "Some parameters kept their gradient: zero_grad() should reach all of them.",
                "Loop over self.parameters(), every layer's, and set each one's grad to 0.",
                key="zero_grad some",
            ),
        )
    check.ok()
