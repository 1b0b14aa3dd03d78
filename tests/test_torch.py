"""micrograd against PyTorch in float64: every op, an MLP, the losses, and SGD-momentum / AdamW steps.

Skipped, with a reason that says so, when PyTorch is not installed; with
MICROGRAD_REQUIRE_TORCH=1 in the environment (CI and `make test` set it) a
missing PyTorch is an error instead, so the comparisons cannot silently vanish.
"""

import math
import os

import pytest

if os.environ.get("MICROGRAD_REQUIRE_TORCH") == "1":
    import torch  # an ImportError here means: pip install torch==2.13.0 (the CPU build)
else:
    torch = pytest.importorskip(
        "torch",
        reason="PyTorch is not installed, so micrograd is NOT compared with it: "
        "pip install torch==2.13.0 (CPU build)",
    )
F = torch.nn.functional

from ops import BY_NAME, OPS  # noqa: E402

from micrograd import MLP, Value  # noqa: E402
from micrograd.losses import binary_cross_entropy, cross_entropy, hinge_loss, mse_loss, softmax  # noqa: E402
from micrograd.optim import SGD, AdamW  # noqa: E402

REL = 1e-12  # both sides compute in float64; library functions may differ in the last bits


def t(x):
    return torch.tensor(float(x), dtype=torch.float64, requires_grad=True)


def both(f, *xs, torch_f=None):
    """Run f on Values and on float64 tensors; returns ((out, grads), (out, grads))."""
    vs, ts = [Value(x) for x in xs], [t(x) for x in xs]
    v_out, t_out = f(*vs), (torch_f or f)(*ts)
    v_out.backward()
    t_out.backward()
    return (v_out.data, [v.grad for v in vs]), (t_out.item(), [x.grad.item() for x in ts])


def assert_same(ours, theirs, rel=REL):
    assert ours[0] == pytest.approx(theirs[0], rel=rel, abs=1e-300)
    assert ours[1] == pytest.approx(theirs[1], rel=rel, abs=1e-300)


def on_tensors(op):
    return op.torch or op.apply  # the same expression works on Values and on tensors


CASES = [(op, point) for op in OPS for point in op.points()]


@pytest.mark.parametrize(
    "op, point", CASES, ids=[f"{op.name}@{','.join(map(str, p))}" for op, p in CASES]
)
def test_op_matches_torch(op, point):
    ours, theirs = both(op.apply, *point, torch_f=on_tensors(op))
    assert_same(ours, theirs)


def test_a_shared_subexpression_matches_torch():
    def f(a, b):
        return (a * b).tanh() * (a * b) + a / (b * b + 1)

    for point in [(0.7, -1.3), (2.5, 0.4), (1e-3, 3.0), (4.0, -0.01)]:
        assert_same(*both(f, *point))


# every one-input method defined on all numbers (from the one list), and 2**x
EVERYWHERE = {"any", "moderate", "not near 0"}
RANGE_OPS = [
    op.name
    for op in OPS
    if op.arity == 1
    and op.table
    and op.table[0].startswith("a.")
    and set(op.input_domains) <= EVERYWHERE
] + ["2**x"]


@pytest.mark.parametrize("x", [-20.0, -1.0, 0.0, 1.0, 20.0, 700.0])
@pytest.mark.parametrize("name", RANGE_OPS)
def test_unary_op_matches_torch_across_the_range(name, x):
    op = BY_NAME[name]
    assert_same(*both(op.apply, x, torch_f=on_tensors(op)))


@pytest.mark.parametrize(
    "base, exponent", [(0.0, 0.0), (0.0, 0.5), (0.0, 1.0), (0.0, 2.0), (0.0, 1.5), (-2.0, 3.0)]
)
def test_power_edge_cases_match_torch(base, exponent):
    ours, theirs = both(lambda a, b: a**b, base, exponent)
    assert ours[0] == theirs[0] and ours[1][0] == theirs[1][0]
    if base == 0:
        assert ours[1][1] == theirs[1][1]
    for n in (exponent, int(exponent)):
        assert_same(*both(lambda a, b, n=n: a**n + b, base, 0.0))


def test_dot_matches_torch():
    ws, xs, b = [0.3, -1.2, 2.0], [1.5, 0.25, -0.75], 0.1
    v = [Value(x) for x in ws + xs + [b]]
    out = Value.dot(v[:3], v[3:6], v[6]).tanh()
    out.backward()
    tw, tx, tb = (torch.tensor(z, dtype=torch.float64, requires_grad=True) for z in (ws, xs, b))
    ref = (tw @ tx + tb).tanh()
    ref.backward()
    assert out.data == pytest.approx(ref.item(), rel=REL)
    expected = tw.grad.tolist() + tx.grad.tolist() + [tb.grad.item()]
    assert [x.grad for x in v] == pytest.approx(expected, rel=REL)


# ----- an MLP, forward and backward -----


def torch_mlp(model, activation, output):
    """The model's weights as float64 (W, b) tensor pairs, one per layer, with the
    activations the model was *asked* for (not read back from it)."""
    layers = []
    for i, layer in enumerate(model.layers):
        W = torch.tensor(
            [[w.data for w in n.w] for n in layer.neurons], dtype=torch.float64, requires_grad=True
        )
        b = torch.tensor([n.b.data for n in layer.neurons], dtype=torch.float64, requires_grad=True)
        layers.append((W, b, output if i == len(model.layers) - 1 else activation))
    return layers


def torch_forward(layers, x):
    h = torch.as_tensor(x, dtype=torch.float64)
    for W, b, activation in layers:
        h = W @ h + b
        h = getattr(torch, activation)(h) if activation else h
    return h


def torch_grads(layers):
    return [
        g
        for W, b, _ in layers
        for i in range(len(b))
        for g in W.grad[i].tolist() + [b.grad[i].item()]
    ]


@pytest.mark.parametrize("fused", [True, False])
@pytest.mark.parametrize(
    "activation, output",
    [("relu", None), ("tanh", "tanh"), ("sigmoid", "sigmoid"), ("tanh", None), (None, "sigmoid")],
)
def test_mlp_forward_and_backward_match_torch(activation, output, fused):
    model = MLP(3, [6, 5, 2], activation=activation, output_activation=output, fused=fused, seed=4)
    layers = torch_mlp(model, activation, output)
    batch = [[0.5, -1.0, 2.0], [1.5, 0.3, -0.2], [-0.7, -0.4, 0.9]]
    outs = [model(x) for x in batch]
    loss = sum((o * o for out in outs for o in out), Value(0.0))
    loss.backward()
    ref_outs = [torch_forward(layers, x) for x in batch]
    ref = sum((o * o).sum() for o in ref_outs)
    ref.backward()
    assert [o.data for out in outs for o in out] == pytest.approx(
        torch.cat(ref_outs).tolist(), rel=REL
    )
    assert loss.data == pytest.approx(ref.item(), rel=REL)
    assert [p.grad for p in model.parameters()] == pytest.approx(
        torch_grads(layers), rel=1e-10, abs=1e-14
    )


# ----- losses -----


def test_losses_match_torch():
    z, y01, ypm = [2.0, -0.5, 0.1, -3.0], [1, 0, 0, 1], [1, -1, -1, 1]
    tz = torch.tensor(z, dtype=torch.float64)
    cases = [
        (
            lambda v: mse_loss(v, [0.5, 0.0, -1.0, 2.0]),
            lambda x: F.mse_loss(x, torch.tensor([0.5, 0.0, -1.0, 2.0]).double()),
        ),
        (
            lambda v: binary_cross_entropy(v, y01),
            lambda x: F.binary_cross_entropy_with_logits(x, torch.tensor(y01).double()),
        ),
        (
            lambda v: hinge_loss(v, ypm),
            lambda x: (1 - torch.tensor(ypm).double() * x).relu().mean(),
        ),
        (lambda v: cross_entropy([v], [2]), lambda x: F.cross_entropy(x[None], torch.tensor([2]))),
        (lambda v: softmax(v)[1], lambda x: torch.softmax(x, 0)[1]),
    ]
    for ours, theirs in cases:
        vs = [Value(x) for x in z]
        loss = ours(vs)
        loss.backward()
        tx = tz.clone().requires_grad_(True)
        ref = theirs(tx)
        ref.backward()
        assert loss.data == pytest.approx(ref.item(), rel=REL)
        assert [v.grad for v in vs] == pytest.approx(tx.grad.tolist(), rel=1e-11, abs=1e-15)


def test_stable_losses_match_torch_at_extreme_logits():
    z, y = [1000.0, -1000.0, 1000.0, -1000.0], [1, 0, 0, 1]
    vs = [Value(x) for x in z]
    loss = binary_cross_entropy(vs, y)
    loss.backward()
    tx = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    ref = F.binary_cross_entropy_with_logits(tx, torch.tensor(y).double())
    ref.backward()
    assert loss.data == pytest.approx(ref.item()) and [v.grad for v in vs] == pytest.approx(
        tx.grad.tolist()
    )
    assert math.isfinite(cross_entropy([[Value(1000.0), Value(-1000.0)]], [1]).data)
    logits = [Value(1000.0), Value(1001.0), Value(-5.0)]
    probs = softmax(logits)
    probs[0].backward()
    tl = torch.tensor([1000.0, 1001.0, -5.0], dtype=torch.float64, requires_grad=True)
    ref = torch.softmax(tl, 0)
    ref[0].backward()
    assert [p.data for p in probs] == pytest.approx(ref.tolist(), rel=REL)
    assert [v.grad for v in logits] == pytest.approx(tl.grad.tolist(), rel=1e-11, abs=1e-300)


# ----- optimisers: the same steps as torch.optim -----


def objective(ps, lib):
    """A fixed non-quadratic loss of four parameters, written once for Values and once for tensors."""
    a, b, c, d = ps
    tanh = (lambda v: v.tanh()) if lib == "micrograd" else torch.tanh
    return (a - 1.0) ** 2 + 3.0 * (b + 0.5) ** 2 + tanh(a * c) + 0.1 * d**4 + (c * d - 0.3) ** 2


@pytest.mark.parametrize(
    "ours, theirs",
    [
        (lambda ps: SGD(ps, lr=0.05), lambda ps: torch.optim.SGD(ps, lr=0.05)),
        (
            lambda ps: SGD(ps, lr=0.05, momentum=0.9),
            lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9),
        ),
        (lambda ps: AdamW(ps, lr=0.05), lambda ps: torch.optim.AdamW(ps, lr=0.05)),
        (
            lambda ps: AdamW(ps, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
            lambda ps: torch.optim.AdamW(
                ps, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1
            ),
        ),
    ],
    ids=["sgd", "sgd-momentum", "adamw", "adamw-custom"],
)
def test_optimiser_steps_match_torch(ours, theirs):
    start = [0.3, -1.2, 0.8, 1.1]
    ps = [Value(x) for x in start]
    ts = [t(x) for x in start]
    opt, ref = ours(ps), theirs(ts)
    for _ in range(25):
        opt.zero_grad()
        objective(ps, "micrograd").backward()
        ref.zero_grad()
        objective(ts, "torch").backward()
        opt.step()
        ref.step()
        assert [p.data for p in ps] == pytest.approx([x.item() for x in ts], rel=1e-10, abs=1e-14)


def test_adamw_training_an_mlp_matches_torch():
    model = MLP(2, [4, 1], activation="tanh", seed=9)
    layers = torch_mlp(model, "tanh", None)
    xs, ys = [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]], [1.0, 1.0, -1.0, -1.0]
    opt = AdamW(model.parameters(), lr=0.05)
    ref = torch.optim.AdamW([p for W, b, _ in layers for p in (W, b)], lr=0.05)
    for _ in range(10):
        loss = mse_loss([model(x) for x in xs], ys)
        opt.zero_grad()
        loss.backward()
        opt.step()
        ref_loss = F.mse_loss(
            torch.cat([torch_forward(layers, x) for x in xs]), torch.tensor(ys).double()
        )
        ref.zero_grad()
        ref_loss.backward()
        ref.step()
        assert loss.data == pytest.approx(ref_loss.item(), rel=1e-10)
    weights = [
        x for W, b, _ in layers for i in range(len(b)) for x in W[i].tolist() + [b[i].item()]
    ]
    assert [p.data for p in model.parameters()] == pytest.approx(weights, rel=1e-9)
