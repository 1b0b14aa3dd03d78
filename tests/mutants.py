"""Hand-made mutations of the package: does some test fail for each one?

Each mutant replaces one piece of behaviour in micrograd/ (a local
derivative, a check, a default...). The script copies the package and its
tests to a scratch folder, applies one mutant at a time and runs the test
files that claim to check that module (stopping at the first failure). A
mutant that no test catches is a *survivor*: a test is missing or too weak.

    python tests/mutants.py             # every mutant (about 15 minutes)
    python tests/mutants.py viz data    # only the mutants of these modules
    python tests/mutants.py --tests tests/test_torch.py engine   # only these test files
    python tests/mutants.py --what "d tanh" engine               # one mutant

Not collected by pytest (the name does not start with test_).
"""

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FAST = "tests/test_backward.py::test_million_step_chain_backprops_and_frees_under_the_default_recursion_limit"
TESTS = {  # the most specific first: the run stops at the first failure
    "engine": [
        "tests/test_engine.py",
        "tests/test_backward.py",
        "tests/test_bad_input_engine.py",
        "tests/test_lecture_compat.py",
        "tests/test_gradcheck.py",
        "tests/test_properties.py",
        "tests/test_torch.py",
    ],
    "nn": ["tests/test_nn.py", "tests/test_bad_input_nn.py", "tests/test_torch.py"],
    "losses": [
        "tests/test_losses_optim.py",
        "tests/test_bad_input_losses.py",
        "tests/test_torch.py",
    ],
    "optim": ["tests/test_losses_optim.py", "tests/test_bad_input_optim.py", "tests/test_torch.py"],
    "data": ["tests/test_data.py", "tests/test_bad_input_data.py"],
    "gradcheck": ["tests/test_gradcheck.py", "tests/test_bad_input_gradcheck.py"],
    "viz": ["tests/test_viz.py", "tests/test_bad_input_viz.py"],
}

# (module, what the mutant breaks, text to replace, replacement)
MUTANTS = [
    ("engine", "d(a+b)/db", "local_grads=(1.0, 1.0))", "local_grads=(1.0, 0.0))"),
    (
        "engine",
        "d(a*b) swapped",
        "local_grads=(other.data, self.data)",
        "local_grads=(self.data, other.data)",
    ),
    ("engine", "d(a-b)/db", "local_grads=(1.0, -1.0)", "local_grads=(1.0, 1.0)"),
    ("engine", "d(a/b)/db sign", "-out / b))", "out / b))"),
    ("engine", "division by 0 check", "if b == 0:", "if False:"),
    ("engine", "d(-x)", "local_grads=(-1.0,)", "local_grads=(1.0,)"),
    ("engine", "power rule exponent", "return n * _power(x, n - 1)", "return n * _power(x, n)"),
    ("engine", "power rule limit at 0", "return 0.0 if n == 0 else math.inf", "return 0.0"),
    ("engine", "d(a^b)/db", "d_exponent = out * math.log(a)", "d_exponent = math.log(a)"),
    ("engine", "d(a^b)/db at a < 0", "0.0 if a == 0 else math.nan", "0.0"),
    ("engine", "0 ** negative check", "if a == 0 and b < 0:", "if False:"),
    ("engine", "complex power check", "if isinstance(out, complex):", "if False:"),
    ("engine", "d exp", "local_grads=(e,))", "local_grads=(1.0,))"),
    ("engine", "d log", "local_grads=(1.0 / x,)", "local_grads=(x,)"),
    ("engine", "log domain check", "if x <= 0:", "if x < 0:"),
    ("engine", "d tanh", "local_grads=(1.0 - t * t,)", "local_grads=(1.0 - t,)"),
    ("engine", "relu keeps NaN", "if x > 0 or math.isnan(x):", "if x > 0:"),
    (
        "engine",
        "relu slope",
        'return Value(x, (self,), "relu", local_grads=(1.0,))',
        'return Value(x, (self,), "relu", local_grads=(x,))',
    ),
    ("engine", "sigmoid x < 0", "s = e / (1.0 + e)", "s = 1.0 / (1.0 + e)"),
    ("engine", "d sigmoid", "local_grads=(s * (1.0 - s),)", "local_grads=(s,)"),
    (
        "engine",
        "dot local grads",
        "[x.data for x in xs] + [w.data for w in ws]",
        "[w.data for w in ws] + [x.data for x in xs]",
    ),
    ("engine", "dot length check", "if len(ws) != len(xs):", "if False:"),
    ("engine", "interior grads reset", "node.grad = 0.0", "pass"),
    ("engine", "leaf accumulation", "self.grad += 1.0  # d(self)/d(self)", "self.grad = 1.0"),
    ("engine", "reverse order", "for node in reversed(order):", "for node in order:"),
    ("engine", "_prev", "return set(self._children)", "return set()"),
    (
        "engine",
        "_backward accumulates",
        "            child.grad += local_grad * self.grad",
        "            child.grad = local_grad * self.grad",
    ),
    ("engine", "missing local grads", "if not node._local_grads:", "if False:"),
    (
        "engine",
        "exponent type check",
        "    if isinstance(n, Real):\n        return float(n)",
        "    if True:\n        return float(n)",
    ),
    (
        "engine",
        "topological_order type check",
        '    if not hasattr(root, "_children"):  # a Value, or a class like it\n        _needs',
        "    if False:\n        _needs",
    ),
    ("engine", "visited set", "            if child not in visited:", "            if True:"),
    ("nn", "bias starts at 0", "self.b = Value(0.0)", "self.b = Value(0.5)"),
    (
        "nn",
        "unfused sum includes bias",
        "for wi, xi in zip(self.w, x)), self.b)",
        "for wi, xi in zip(self.w, x)), Value(0.0))",
    ),
    (
        "nn",
        "last layer activation",
        "activation=output_activation if i == last else activation",
        "activation=activation",
    ),
    ("nn", "one output is a Value", "return out[0] if len(out) == 1 else out", "return out"),
    ("nn", "seed used", 'return random.Random(whole_number(seed, "seed"))', "return random"),
    (
        "nn",
        "zero_grad",
        "            p.grad = 0.0\n\n    def parameters(self):\n        return []",
        "            pass\n\n    def parameters(self):\n        return []",
    ),
    ("nn", "input length check", "if len(x) != len(self.w):", "if False:"),
    (
        "nn",
        "nonlin flag",
        "self.activation = activation if nonlin else None",
        "self.activation = activation",
    ),
    ("losses", "mse square", "(p - t) ** 2", "(p - t)"),
    ("losses", "hinge sign", "(1 - y * s).relu()", "(1 + y * s).relu()"),
    (
        "losses",
        "bce z < 0",
        "losses.append(-z * y + (1 + z.exp()).log())",
        "losses.append(-z * y + (1 + (-z).exp()).log())",
    ),
    (
        "losses",
        "softmax shift",
        "exps = [(z - biggest).exp() for z in logits]",
        "exps = [z.exp() for z in logits]",
    ),
    (
        "losses",
        "cross entropy target",
        "losses.append(log_sum_exp - shifted[target])",
        "losses.append(log_sum_exp - shifted[0])",
    ),
    (
        "losses",
        "accuracy threshold",
        "hits = [(s.data > 0) == (y > 0)",
        "hits = [(s.data >= 0) == (y >= 0)",
    ),
    (
        "losses",
        "accuracy labels check",
        "if not (kinds <= {-1, 1} or kinds <= {0, 1}):",
        "if False:",
    ),
    ("losses", "l2 alpha", "return alpha * sum((p * p", "return sum((p * p"),
    ("losses", "mean", "* (1.0 / len(values))", "* 1.0"),
    ("optim", "sgd direction", "p.data -= self.lr * g", "p.data += self.lr * g"),
    ("optim", "momentum decay", "self.momentum * v + g", "v + g"),
    ("optim", "adamw weight decay", "p.data *= 1 - self.lr * self.weight_decay", "pass"),
    ("optim", "adamw bias correction", "correction1 = 1 - b1**self.t", "correction1 = 1"),
    ("optim", "adamw eps", "math.sqrt(correction2) + self.eps", "math.sqrt(correction2)"),
    ("optim", "duplicate parameters", "if id(p) in seen:", "if False:"),
    (
        "optim",
        "lr check",
        'self.lr = number(lr, "lr (the learning rate)", low=0, low_open=True)',
        "self.lr = lr",
    ),
    (
        "data",
        "moons labels",
        "labels = [0] * n_out + [1] * n_in\n    return _shuffle_and_jitter(points, labels, noise, rng)"
        "\n\n\ndef make_circles",
        "labels = [0] * n_samples\n    return _shuffle_and_jitter(points, labels, noise, rng)"
        "\n\n\ndef make_circles",
    ),
    (
        "data",
        "noise used",
        "points[i][0] + rng.gauss(0, noise)",
        "points[i][0] + rng.gauss(0, 0.0)",
    ),
    (
        "data",
        "yinyang dots",
        "if d_top < r / 6 or d_bottom < r / 6:",
        "if d_top < r / 3 or d_bottom < r / 3:",
    ),
    ("data", "shuffle", "rng.shuffle(order)", "pass"),
    (
        "data",
        "circles factor",
        "[factor * math.cos(t), factor * math.sin(t)]",
        "[0.5 * math.cos(t), 0.5 * math.sin(t)]",
    ),
    ("data", "radius check", 'radius = number(radius, "radius", low=0, low_open=True)', "pass"),
    (
        "data",
        "n_samples check",
        'n_samples = whole_number(n_samples, "n_samples", minimum=1)',
        "pass",
    ),
    (
        "gradcheck",
        "central difference",
        "grads.append((up - down) / (2 * h))",
        "grads.append((up - down) / h)",
    ),
    ("gradcheck", "tolerance", "self.ok = self.error <= tol", "self.ok = self.error <= 1.0"),
    (
        "gradcheck",
        "analytic gradient",
        "GradcheckRow(n, v.grad, g, tol)",
        "GradcheckRow(n, g, g, tol)",
    ),
    ("gradcheck", "h check", 'h = number(h, "h (the step size)", low=0, low_open=True)', "pass"),
    ("viz", "prediction is class 0", "return 1 if output.data > 0 else 0", "return 0"),
    ("viz", "many outputs: argmax", "return scores.index(max(scores))", "return 0"),
    (
        "viz",
        "names by memory address",
        'name = {id(node): f"v{i}" for i, node in enumerate(order)}',
        'name = {id(node): f"v{id(node)}" for i, node in enumerate(order)}',
    ),
    ("viz", "highlight", "if id(node) in highlight", "if False"),
    ("viz", "show_grad", "        if show_grad:\n", "        if True:\n"),
    ("viz", "number", "        if number:\n", "        if False:\n"),
    (
        "viz",
        "control characters",
        "return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)",
        "return text",
    ),
    (
        "viz",
        "accuracy in percent",
        "axes[1].plot([100 * a for a in accuracies]",
        "axes[1].plot([a for a in accuracies]",
    ),
    ("viz", "leaf colour", "else LEAF_COLOR", "else NODE_COLOR"),
    (
        "viz",
        "edges to children",
        "                dot.edge(name[id(child)], op)",
        "                pass",
    ),
]


def run(selected, tests=None, what_only=None):
    scratch = Path(tempfile.mkdtemp(prefix="micrograd-mutants-"))
    shutil.copytree(ROOT / "micrograd", scratch / "micrograd")
    shutil.copytree(ROOT / "tests", scratch / "tests")
    shutil.copy(ROOT / "pyproject.toml", scratch / "pyproject.toml")
    env = {"PYTHONPATH": str(scratch), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"}
    survivors = []
    for module, what, old, new in MUTANTS:
        if (selected and module not in selected) or (what_only and what != what_only):
            continue
        path = scratch / "micrograd" / f"{module}.py"
        original = path.read_text()
        if original.count(old) != 1:
            print(f"!! {module}: {what}: the text to mutate is not found exactly once")
            survivors.append((module, what, "not applied"))
            continue
        path.write_text(original.replace(old, new))
        start = time.time()
        caught = None
        for test_file in tests or TESTS[module]:  # one file at a time: stop at the first that fails
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-x",
                    "-q",
                    "--tb=no",
                    "-p",
                    "no:cacheprovider",
                    "--deselect",
                    FAST,
                    test_file,
                ],
                cwd=scratch,
                env=env,
                capture_output=True,
                text=True,
            )
            failed = [
                line.split()[1] for line in done.stdout.splitlines() if line.startswith("FAILED")
            ]
            if done.returncode not in (0, 1, 5) or (done.returncode == 1 and not failed):
                failed = [f"{test_file} (pytest exit {done.returncode})"]
            if failed:
                caught = failed[0]
                break
        path.write_text(original)
        mark = f"caught by {caught}" if caught else "SURVIVED"
        print(f"{module:9} {what:32} {time.time() - start:5.0f} s  {mark}", flush=True)
        if not caught:
            survivors.append((module, what, mark))
    shutil.rmtree(scratch)
    print(f"\n{len(survivors)} survivors")
    for s in survivors:
        print("  ", *s)
    return survivors


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("modules", nargs="*")
    parser.add_argument("--tests", nargs="+", help="run these test files instead")
    parser.add_argument("--what", help="only the mutant with this description")
    args = parser.parse_args()
    sys.exit(1 if run(set(args.modules), args.tests, args.what) else 0)
