"""Shared steps of the 5.3 and 5.4 checks (see neuron_classes): calling the learner's neuron or
layer on a fresh list, comparing gradients, Value inputs and inputs of the wrong length."""

from micrograd.engine import Value

from micrograd_checks import own_code
from micrograd_checks.core import Hint, expect_value
from micrograd_checks.neurons import _neuron_hint, _refuse_package


def _call(check, owner, fn, x, case, hints=None):
    """fn(a fresh copy of x), refusing micrograd's code and a change to the list it was given."""
    given = list(x)
    with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
        got = check.call(fn, given, case=case, hints=hints)
    _refuse_package(check, seen, case, f"the {owner[2:].lower()}")
    if len(given) != len(x) or any(a is not b for a, b in zip(given, x, strict=False)):
        raise check.fail(
            f"{owner}'s __call__ changed the list x it was given",
            case=case,
            got=given,
            hint="The caller still needs its inputs (the same x goes to every neuron of a layer, "
            "and a dataset is used again every step): read x, never change it.",
        )
    return got


def _grads(check, owner, pairs, case, source="the Values its neurons compute"):
    """Compare the learner's parameters' gradients with those of the reference copies."""
    for i, (own, ref) in enumerate(pairs):
        check.close(
            own.grad,
            ref.grad,
            case,
            what=f"gradient of parameter {i}",
            hint=f"Build {owner}'s output from {source} with Value operations (no .data, no new "
            "Value(...)), so backward() reaches every parameter.",
        )


def _value_inputs(check, n, params, numbers):
    """Inputs that are Values (a layer's outputs): the gradient must reach them too."""
    case = f"MyNeuron(3) on x = Values {numbers} (the outputs of an earlier layer)"
    x, ref_x = [Value(v) for v in numbers], [Value(v) for v in numbers]
    ref_params = [Value(p.data) for p in params]
    ref = Value.dot(ref_params[:-1], ref_x, ref_params[-1]).tanh()
    out = expect_value(check, _call(check, "MyNeuron", n, x, case), case)
    check.close(
        out.data, ref.data, case, what="output", hint=_neuron_hint(params[:-1], x, params[-1])
    )
    for p in params:
        p.grad = 0.0
    check.call(out.backward, case=case)
    ref.backward()
    for i, (xi, ri) in enumerate(zip(x, ref_x, strict=True)):
        check.close(
            xi.grad,
            ri.grad,
            case,
            what=f"gradient of the input x[{i}]",
            hint=Hint(
                "The inputs can be Values, the outputs of an earlier layer: backward() must reach "
                "them too, or the layers before this neuron never learn.",
                "Multiply the weights by the inputs themselves (wi * xi), never by xi.data.",
                key="input gradient",
            ),
        )


def _wrong_length(check, n):
    """MyNeuron(3) must refuse 2 or 4 inputs with a ValueError, not quietly use fewer of them."""
    for x in ([0.5, -1.0], [0.5, -1.0, 0.25, 2.0]):
        case = f"MyNeuron(3) on x = {x}, {len(x)} inputs for 3 weights"
        try:
            with own_code.calls_into(own_code.ENGINE, own_code.NN) as seen:
                got = n(list(x))
        except ValueError:
            continue
        except Exception as error:  # noqa: BLE001 - any other crash is the wrong kind of refusal
            raise check.fail(
                f"MyNeuron's __call__ raised {type(error).__name__}, not ValueError",
                case=case,
                hint="Check the number of inputs yourself, first, and raise a ValueError that "
                "says how many inputs the neuron takes.",
            ) from None
        _refuse_package(check, seen, case, "the neuron")
        raise check.fail(
            f"MyNeuron's __call__ accepted {len(x)} inputs for 3 weights",
            case=case,
            got=got,
            hint=Hint(
                "zip stops at the shorter list without a word, so a wrongly wired network still "
                "gives an answer: refuse inputs of the wrong length.",
                "if len(x) != len(self.w): raise ValueError(...) before the sum.",
                key="length",
            ),
        )
    check.ok()
