"""Part 8.6's checks of MLP.parameters() (see capstone_mlp): a list, flat, of the network's own
Values, the same ones on every call, and none shared with another MLP."""

import types

from micrograd_checks.core import Hint, number


def parameters_list(check, Value, model, case):
    """model.parameters() as a list of Values, with a diagnosis for each wrong kind of result."""
    params = check.call(model.parameters, case=case)
    if isinstance(params, (types.GeneratorType, map, filter)) or (
        hasattr(params, "__next__") and not isinstance(params, (list, tuple))
    ):
        raise check.fail(
            "MLP.parameters() returned a generator, not a list",
            case=case,
            got=params,
            hint=Hint(
                "A generator can be read only once, and the training loop reads the parameters "
                "in every step (zero_grad(), then the update).",
                "Return a list: [p for layer in self.layers for p in layer.parameters()].",
                key="mlp parameters generator",
            ),
        )
    if not isinstance(params, (list, tuple)):
        raise check.fail(
            "MLP.parameters() should return a list",
            case=case,
            got=params,
            hint="Return the list of every layer's parameters.",
        )
    if any(isinstance(p, (list, tuple)) for p in params):
        raise check.fail(
            "MLP.parameters() should be one flat list of Values, not a list of lists",
            case=case,
            got=params,
            hint=Hint(
                "Each layer gives a list; the MLP's list holds the Values of all of them, one after "
                "the other.",
                "[p for layer in self.layers for p in layer.parameters()]",
                key="mlp parameters flat",
            ),
        )
    if any(hasattr(p, "parameters") for p in params):
        raise check.fail(
            "MLP.parameters() gave the layers themselves, not their Values",
            case=case,
            got=next(p for p in params if hasattr(p, "parameters")),
            hint="The training loop needs every weight and bias: ask each layer for its "
            "parameters() and put all of them in one list.",
        )
    if not all(isinstance(p, Value) for p in params):
        raise check.fail(
            f"every item of MLP.parameters() should be one of your {Value.__name__}s",
            case=case,
            got=next(p for p in params if not isinstance(p, Value)),
            hint=f"Make the weights and the bias {Value.__name__}s, so that backward() can reach them.",
        )
    return list(params)


def _twice(check, first, second, case):
    if len(second) != len(first):
        raise check.fail(
            f"MLP.parameters() gave {len(first)} Values the first time and {len(second)} "
            "the second time",
            case=case,
            hint=Hint(
                "Calling parameters() should not change anything: it seems to add to a list that "
                "it keeps between calls.",
                "Build a new list in parameters() each time it is called, and return it.",
                key="mlp parameters twice",
            ),
        )


def same_values(check, Value, model, other, case):
    """Two MLPs own different Values; one MLP's parameters() gives the same Values every time."""
    first = list(parameters_list(check, Value, model, case))
    second = parameters_list(check, Value, model, case)
    _twice(check, first, second, case)
    if [id(p) for p in first] != [id(p) for p in second]:
        raise check.fail(
            "MLP.parameters() gives new Values on every call: copies, not the network's own",
            case=case,
            hint=Hint(
                "The training loop changes the Values parameters() gives; changing copies leaves "
                "the network as it was.",
                "Return the layers' own Values: [p for layer in self.layers for p in "
                "layer.parameters()], no Value(...) around them.",
                key="mlp parameters copies",
            ),
        )
    theirs = {id(p) for p in parameters_list(check, Value, other, case)}
    if theirs & {id(p) for p in first}:
        raise _shared(check, case + ", made twice")
    return first


def check_separate(check, MLP):
    """Two MLPs made one after the other own different Values (before anything else runs them:
    layers shared through a default argument make every later MLP unusable)."""
    case = "MLP(2, [3, 1]), made twice"
    lists = []
    for _ in range(2):
        model = check.call(MLP, 2, [3, 1], case=case)
        params = check.call(model.parameters, case=case)
        if not isinstance(params, (list, tuple)):
            return
        params = list(params)  # a copy: the learner's list might grow on the next call
        again = check.call(model.parameters, case=case)
        if not isinstance(again, (list, tuple)):
            return
        _twice(check, params, again, case)
        lists.append({id(p) for p in params if not isinstance(p, (list, tuple))})
    if lists[0] & lists[1]:
        raise _shared(check, case)


def _shared(check, case):
    return check.fail(
        "two MLPs share Values: a second MLP holds the layers of the first one",
        case=case,
        hint=Hint(
            "Every MLP needs layers of its own. A list given as a default argument "
            "(`layers=[]`) or kept on the class is made once and shared by every MLP.",
            "Make a new list in __init__: self.layers = [Layer(...) for ...].",
            key="mlp shared layers",
        ),
    )


def check_order(check, model, params, nin, nouts, x, out, case):
    """parameters() follows the network: each neuron's weights then its bias, neuron after neuron,
    layer after layer. Called once the output and the gradients are right, so that an output our
    own forward pass from the parameters cannot reproduce, but reproduces from the layers taken
    last-first, is the order of parameters()."""
    from micrograd_checks.capstone_shape import _forward

    sizes = [nin, *nouts]
    right = [k != len(nouts) - 1 for k in range(len(nouts))]
    values = [number(p.data) for p in params]
    got = number(out.data if hasattr(out, "data") else out)
    if got is None or None in values:
        return
    if abs(_forward(values, sizes, x, right) - got) < 1e-6:
        return
    # parameters() gave the layers last-first: cut the list with the layers read backwards
    blocks, k = [], 0
    for a, b in reversed(list(zip(sizes, sizes[1:]))):
        blocks.append(values[k : k + (a + 1) * b])
        k += (a + 1) * b
    reordered = [v for block in reversed(blocks) for v in block]
    if abs(_forward(reordered, sizes, x, right) - got) < 1e-6:
        raise check.fail(
            "MLP.parameters() lists them in a different order: the last layer's parameters first",
            case=case,
            hint="Your network computes the right thing, but the training loop and the grader "
            "read parameters() layer by layer, from the first layer to the last (and, in each "
            "neuron, its weights then its bias).",
        )
