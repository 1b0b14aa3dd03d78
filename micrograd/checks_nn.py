"""Self-checks for the exercises of chapters 5 (neurons) and 6 (training an MLP).

Expected values come from micrograd itself: `Value.dot`, `Value.tanh`, `Value.sigmoid`,
`micrograd.losses` and `micrograd.optim.SGD`.
"""

import math

from micrograd.checks_core import Check, is_close, number
from micrograd.engine import Value
from micrograd.losses import accuracy, cross_entropy, hinge_loss
from micrograd.losses import softmax as reference_softmax
from micrograd.nn import MLP
from micrograd.optim import SGD

# ----- chapter 5 ---------------------------------------------------------------------------------


def _expect_value(check, out, case):
    if not isinstance(out, Value):
        hint = "Build the result with micrograd operations (on Values), so backward() can reach the parameters."
        raise check.fail("the result should be a micrograd Value", case=case, got=out, hint=hint)
    return out


def _neuron_hint(w, x, b):
    plain = [number(v) for v in w], [number(v) for v in x], number(b)

    def hint(got):
        ws, xs, bias = plain
        total = sum(wi * xi for wi, xi in zip(ws, xs, strict=False))
        if is_close(got, math.tanh(total), 1e-9) and bias:
            return "Add the bias b to the weighted sum before squashing it."
        if is_close(got, total + bias, 1e-9):
            return "Squash the weighted sum with tanh: return (...).tanh()."
        return "A neuron computes tanh(w1·x1 + w2·x2 + ... + wn·xn + b)."

    return hint


def check_neuron_forward(neuron):
    """Exercise 5.1: neuron(w, x, b) = tanh(w · x + b) as a Value."""
    check = Check("5.1", "neuron()")
    cases = [([0.5, -1.0], [2.0, 1.0], 0.3), ([1.0, 2.0, 3.0], [-1.0, 0.5, 0.25], -0.2), ([0.8], [-2.5], 1.0)]
    for ws, xs, bias in cases:
        case = f"w = {ws}, x = {xs}, b = {bias}"
        w, b = [Value(v) for v in ws], Value(bias)
        out = _expect_value(check, check.call(neuron, w, list(xs), b, case=case), case)
        ref_w, ref_b = [Value(v) for v in ws], Value(bias)
        ref = Value.dot(ref_w, xs, ref_b).tanh()
        check.close(out.data, ref.data, case, what="output", hint=_neuron_hint(ws, xs, bias))
        check.call(out.backward, case=case)
        ref.backward()
        grad_hint = "Use only Value operations on w and b (no .data), so every weight and the bias are in the graph."
        for i, (got, want) in enumerate(zip(w, ref_w, strict=False)):
            check.close(got.grad, want.grad, case, what=f"gradient of w[{i}]", hint=grad_hint)
        check.close(b.grad, ref_b.grad, case, what="gradient of b", hint=grad_hint)
    check.passed()


def check_sigmoid(sigmoid):
    """Exercise 5.2: sigmoid(v) as one new node with local derivative s(1 - s)."""
    check = Check("5.2", "sigmoid()")
    overflow = {
        OverflowError: "e^(−x) overflows for very negative x. For x < 0 use the equal e^x / (1 + e^x), "
        "which cannot overflow."
    }
    for x in (0.0, 2.0, -3.0, 10.0, -1000.0, 1000.0):
        case = f"sigmoid(Value({x:g}))"
        v = Value(x)
        out = _expect_value(check, check.call(sigmoid, v, case=case, hints=overflow), case)
        expected = Value(x).sigmoid()
        check.close(out.data, expected.data, case, what="output", hint="sigmoid(x) = 1 / (1 + e^(−x)).")
        if len(out._children) != 1 or out._children[0] is not v:
            hint = (
                "Create the output node directly, with v as its only child and the local derivative next to it: "
                "Value(s, (v,), (local derivative,), 'sigmoid')."
            )
            raise check.fail("the result should be one new node whose only child is v", case=case, hint=hint)
        check.call(out.backward, case=case)

        def hint(got, s=expected.data):
            if s * (1 - s) and is_close(got, s, 1e-9):
                return "That is s itself. The slope of the sigmoid is s · (1 − s), where s is its output."
            return "The slope of the sigmoid is s · (1 − s), where s is its output."

        check.close(v.grad, expected.data * (1 - expected.data), case, what="gradient of v", tol=1e-9, hint=hint)
    check.passed()


def _reference_neuron(neuron, x):
    """(tanh(w · x + b) built from copies of the neuron's parameters, those copies)."""
    params = [Value(w.data) for w in neuron.w] + [Value(neuron.b.data)]
    return Value.dot(params[:-1], x, params[-1]).tanh(), params


def check_my_neuron(MyNeuron):
    """Exercise 5.3: a MyNeuron class with __call__ and parameters()."""
    check = Check("5.3", "MyNeuron")
    n = check.call(MyNeuron, 3, seed=5, case="MyNeuron(3, seed=5)")
    n.b.data = 0.4  # a bias that matters
    case = "MyNeuron(3).parameters()"
    hint = "The bias is a parameter too: training must update it, just like the weights."
    params = check.sequence(check.call(n.parameters, case=case), 4, case, what="parameters()", hint=hint)
    own = n.w + [n.b]
    if not all(p is q for p, q in zip(params, own, strict=False)):
        hint = "Return the neuron's own Value objects, the weights and then the bias, not copies or numbers."
        raise check.fail("parameters() should return [w1, w2, w3, b], the neuron's own Values", case=case, hint=hint)
    check.ok()
    for x in ([1.0, -2.0, 0.5], [0.0, 0.3, -0.7]):
        case = f"MyNeuron(3) on x = {x}"
        out = _expect_value(check, check.call(n, x, case=case), case)
        ref, ref_params = _reference_neuron(n, x)
        check.close(out.data, ref.data, case, what="output", hint=_neuron_hint(n.w, x, n.b))
        for p in params:
            p.grad = 0.0
        check.call(out.backward, case=case)
        ref.backward()
        for i, (p, r) in enumerate(zip(params, ref_params, strict=False)):
            check.close(
                p.grad, r.grad, case, what=f"gradient of parameter {i}", hint="Build the output from self.w and self.b."
            )
    check.passed()


def check_my_mlp(MyLayer, MyMLP):
    """Exercise 5.4: MyLayer and MyMLP built from MyNeuron."""
    check = Check("5.4", "MyLayer and MyMLP")
    layer = check.call(MyLayer, 3, 2, seed=1, case="MyLayer(3, 2)")
    x = [1.0, -0.5, 2.0]
    case = f"MyLayer(3, 2) on x = {x}"
    outs = check.sequence(check.call(layer, x, case=case), 2, case, what="the layer's outputs")
    for i, (out, neuron) in enumerate(zip(outs, layer.neurons, strict=False)):
        check.close(
            out,
            _reference_neuron(neuron, x)[0].data,
            case,
            what=f"output {i}",
            hint="Output i is neuron i applied to the inputs.",
        )
    case = "MyLayer(3, 2).parameters()"
    params = check.sequence(check.call(layer.parameters, case=case), 8, case, what="parameters()")
    own = [p for neuron in layer.neurons for p in neuron.w + [neuron.b]]
    if not all(p is q for p, q in zip(params, own, strict=False)):
        raise check.fail("parameters() should list every neuron's parameters, neuron by neuron", case=case)
    check.ok()

    mlp = check.call(MyMLP, 3, [4, 4, 1], seed=2, case="MyMLP(3, [4, 4, 1])")
    case = "MyMLP(3, [4, 4, 1]).parameters()"
    count_hint = "Each neuron has one weight per input plus a bias: 4·(3 + 1) + 4·(4 + 1) + 1·(4 + 1) = 41."
    params = check.call(mlp.parameters, case=case)
    check.sequence(params, 41, case, what="parameters()")
    if len({id(p) for p in params}) != 41:
        raise check.fail("parameters() lists some Values twice", case=case, hint=count_hint)
    check.ok()
    for sizes, x in (([4, 4, 1], [1.0, -0.5, 2.0]), ([3, 2], [0.5, 0.25, -1.0])):
        model = mlp if sizes == [4, 4, 1] else check.call(MyMLP, 3, sizes, seed=3, case=f"MyMLP(3, {sizes})")
        case = f"MyMLP(3, {sizes}) on x = {x}"
        expected = x
        for lay in model.layers:
            expected = [_reference_neuron(neuron, expected)[0] for neuron in lay.neurons]
        got = check.call(model, x, case=case)
        hint = "Each layer's outputs are the next layer's inputs: x = layer(x), one layer after the other."
        if len(expected) == 1:
            if isinstance(got, (list, tuple)):
                hint = "When the last layer has a single neuron, return that Value itself, not a list of one."
                raise check.fail("the output should be a single Value", case=case, got=got, hint=hint)
            check.close(got, expected[0].data, case, what="output", hint=hint)
        else:
            got = check.sequence(got, len(expected), case, what="the outputs")
            for i, (g, e) in enumerate(zip(got, expected, strict=False)):
                check.close(g, e.data, case, what=f"output {i}", hint=hint)
    check.passed()


# ----- chapter 6 ---------------------------------------------------------------------------------

_LOGITS = [0.0, 3.0, -2.0, 1.0]
_SOFTMAX_CASES = [_LOGITS, [1000.0, 1001.0, 999.0], [5.0], [-1.0, -1.0], [0.5, -1.0, 2.0]]
_OVERFLOW = {
    OverflowError: "exp() of a big logit is too large for a float. Subtract the largest logit from every logit "
    "first: the probabilities do not change, and exp() can no longer overflow."
}


def check_softmax(softmax):
    """Exercise 6.1: softmax(logits) -> probabilities as Values, numerically stable."""
    check = Check("6.1", "softmax()")
    for logits in _SOFTMAX_CASES:
        case = f"softmax({logits})"
        inputs = [Value(z) for z in logits]
        probs = check.sequence(check.call(softmax, inputs, case=case, hints=_OVERFLOW), len(logits), case)
        total = sum(number(p) for p in probs) if all(number(p) is not None for p in probs) else 1.0
        if not is_close(total, 1.0, 1e-9):
            hint = "Probabilities must add up to 1: divide each exponential by the sum of all of them."
            raise check.fail("the probabilities do not add up to 1", case=case, got=probs, hint=hint)
        ref_inputs = [Value(z) for z in logits]
        ref = reference_softmax(ref_inputs)
        for i, (p, r) in enumerate(zip(probs, ref, strict=False)):
            check.close(
                p, r.data, case, what=f"probability {i}", tol=1e-9, hint="softmax(z)_i = e^(z_i) / Σ_j e^(z_j)."
            )
        last = _expect_value(check, probs[-1], case)
        check.call(last.backward, case=case)
        ref[-1].backward()
        for i, (z, r) in enumerate(zip(inputs, ref_inputs, strict=False)):
            hint = "Build the probabilities from Value operations on the logits, so gradients flow back to them."
            check.close(
                z.grad, r.grad, case + ", gradient of the last probability", what=f"d/dz{i}", tol=1e-9, hint=hint
            )
    check.passed()


_CE_CASES = [(_LOGITS, 1), (_LOGITS, 2), ([2.0, -1.0], 0), ([1000.0, 1001.0, 999.0], 0)]


def check_cross_entropy(cross_entropy_fn):
    """Exercise 6.2: cross_entropy(logits, target) = -log(softmax(logits)[target]) as a Value."""
    check = Check("6.2", "cross_entropy()")
    for logits, target in _CE_CASES:
        case = f"logits {logits}, target class {target}"
        inputs = [Value(z) for z in logits]
        loss = _expect_value(check, check.call(cross_entropy_fn, inputs, target, case=case, hints=_OVERFLOW), case)
        ref_inputs = [Value(z) for z in logits]
        ref = cross_entropy([ref_inputs], [target])

        def hint(got, want=ref.data):
            if want and is_close(got, -want, 1e-9):
                return "The sign is flipped: the loss is −log(p), which is never negative."
            return "The loss is −log(p), where p is the probability softmax gives the target class."

        check.close(loss.data, ref.data, case, what="loss", tol=1e-9, hint=hint)
        check.call(loss.backward, case=case)
        ref.backward()
        for i, (z, r) in enumerate(zip(inputs, ref_inputs, strict=False)):
            hint = "Build the loss from Value operations (your softmax, then .log()), so gradients reach the logits."
            check.close(z.grad, r.grad, case, what=f"dL/dz{i}", tol=1e-9, hint=hint)
    check.passed()


def check_cross_entropy_grad(cross_entropy_grad):
    """Exercise 6.3: the gradient of the cross-entropy with respect to the logits, as plain numbers."""
    check = Check("6.3", "cross_entropy_grad()")
    for logits, target in _CE_CASES:
        case = f"logits {logits}, target class {target}"
        got = check.sequence(check.call(cross_entropy_grad, list(logits), target, case=case), len(logits), case)
        inputs = [Value(z) for z in logits]
        cross_entropy([inputs], [target]).backward()
        probs = [p.data for p in reference_softmax(logits)]
        for i, z in enumerate(inputs):

            def hint(value, i=i, want=z.grad, target=target, probs=probs):
                if is_close(value, -want, 1e-9) and want:
                    return "The sign is flipped: raising the target's logit should lower the loss."
                if i == target and is_close(value, probs[i], 1e-9):
                    return (
                        "Close: every class gets its probability, but the target class also gets the derivative "
                        "of the −z_target part of the loss (write it as log Σ_j e^(z_j) − z_target)."
                    )
                return "Write the loss as log Σ_j e^(z_j) − z_target and differentiate with respect to each z_i."

            check.close(got[i], z.grad, case, what=f"dL/dz{i}", tol=1e-9, hint=hint)
    check.passed()


def check_train_step(train_step):
    """Exercise 6.4: one step of gradient descent on the hinge loss."""
    from micrograd.data import make_moons

    check = Check("6.4", "train_step()")
    X, y = make_moons(16, noise=0.1, seed=3)
    model, reference = MLP(2, [4, 1], seed=7), MLP(2, [4, 1], seed=7)
    optimizer = SGD(reference.parameters(), lr=0.1)
    for step in (1, 2):
        case = f"step {step} on 16 moons points with MLP(2, [4, 1]) and lr = 0.1"
        before = [p.data for p in model.parameters()]
        got = check.call(train_step, model, X, list(y), 0.1, case=case)
        loss = hinge_loss([reference(x) for x in X], [2 * t - 1 for t in y])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        hint = (
            "Return the hinge loss of the model's scores on every point of X, with labels 2·y − 1 (−1 or +1), "
            "computed before the update (as a number: loss.data)."
        )
        check.close(got, loss.data, case, what="loss", tol=1e-9, hint=hint)
        after = [p.data for p in model.parameters()]
        want = [p.data for p in reference.parameters()]
        if after == before:
            hint = "Nothing moved: after backward(), move every parameter against its gradient by lr · grad."
        elif all(is_close(a - b0, -(w - b0), 1e-6) for a, b0, w in zip(after, before, want, strict=False)):
            hint = "The parameters moved uphill: subtract lr · grad (gradient descent), don't add it."
        elif step == 2:
            hint = (
                "The first step was right, the second was not: the first step's gradients were still there. "
                "Reset them (model.zero_grad()) before loss.backward()."
            )
        else:
            hint = "Forward pass, loss, zero the gradients, backward(), then p.data −= lr · p.grad for every parameter."
        for i, (a, w) in enumerate(zip(after, want, strict=False)):
            check.close(a, w, case, what=f"parameter {i} after the step", tol=1e-9, hint=hint)
    check.passed()


def check_moons_training(get_result, X, y):
    """Exercise 6.5: a model trained on the moons classifies at least 95 % of them correctly."""
    check = Check("6.5", "train()")
    model, losses = check.sequence(check.call(get_result, case="the training run above"), 2, "(model, losses)")
    case = f"the trained model on the {len(X)} moons points"
    if not isinstance(losses, (list, tuple)) or not losses or any(number(v) is None for v in losses):
        hint = "train() should return the list of losses, one number per step."
        raise check.fail("`losses` should be a non-empty list of numbers", case=case, got=losses, hint=hint)
    if not number(losses[-1]) < number(losses[0]):
        hint = "The loss should go down during training: check train_step (exercise 6.4) and the learning rate."
        raise check.fail("the loss did not go down", case=case, got=[losses[0], losses[-1]], hint=hint)
    check.ok()
    acc = accuracy([check.call(model, x, case=case) for x in X], y)
    if acc < 0.95:
        hint = (
            "Train for more steps or with a larger learning rate (one that shrinks over the steps helps at the "
            "end), and make sure exercise 6.4's check passes."
        )
        raise check.fail(f"accuracy {acc:.0%} is below 95 %", case=case, hint=hint)
    check.ok()
    check.passed(f"the trained model classifies {acc:.0%} of the moons correctly.")
