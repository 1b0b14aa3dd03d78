"""How fast is micrograd? The reference demo workload, side by side with a lecture-style engine.

Workload (karpathy/micrograd's demo.ipynb): 100 points of make_moons(100, noise=0.1),
an MLP(2, [16, 16, 1]) (337 parameters), SVM hinge loss mean(relu(1 - y * score))
plus 1e-4 * sum(p * p), full-batch SGD with lr = 1.0 - 0.9 * k / 100 for 100 steps.

It runs twice in the same process: with the `micrograd` package, and with
`closure_engine.py` (per-node `_backward` closures, recursive topological sort,
children in a set, constants wrapped in new Values). Both start from the same
weights, so their losses must agree. Then two micro-benchmarks of micrograd:
time per graph node for building and backpropagating a 10**5-op expression
(gc on), and bytes per Value.

    python benchmarks/bench_training.py              # closure engine: first 20 steps
    python benchmarks/bench_training.py --steps 100  # closure engine: all 100 steps (minutes)
"""

import argparse
import gc
import platform
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import closure_engine  # noqa: E402

from micrograd import MLP, Value, topological_order  # noqa: E402
from micrograd.data import make_moons  # noqa: E402
from micrograd.losses import hinge_loss, l2_penalty  # noqa: E402

TOTAL_STEPS = 100


def clock(start=(0.0, 0.0)):
    """(wall-clock, CPU) seconds since `start`: CPU time is less disturbed by other processes."""
    return time.perf_counter() - start[0], time.process_time() - start[1]


ALPHA = 1e-4


class GcMonitor:
    """Counts the cycle collector's runs per generation, the objects it freed, and the time it took."""

    def __init__(self):
        self.runs, self.collected, self.seconds = [0, 0, 0], 0, 0.0

    def __enter__(self):
        gc.collect()
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self._callback)

    def _callback(self, phase, info):
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start
            self.runs[info["generation"]] += 1
            self.collected += info["collected"]

    def __str__(self):
        return (
            f"gc runs gen0/gen1/gen2 = {self.runs[0]}/{self.runs[1]}/{self.runs[2]}, "
            f"{self.collected} objects collected, {self.seconds:.2f} s in gc"
        )


def lr_at(k):
    return 1.0 - 0.9 * k / 100


def train_micrograd(X, y, seed, steps):
    """The workload with the micrograd package. Returns ((wall, cpu) seconds after each step, losses, accuracies)."""
    model = MLP(2, [16, 16, 1], seed=seed)
    params = model.parameters()
    times, losses, accs = [], [], []
    start = clock()
    for k in range(steps):
        scores = [model(x) for x in X]
        loss = hinge_loss(scores, y) + l2_penalty(params, alpha=ALPHA)
        accs.append(sum((yi > 0) == (s.data > 0) for yi, s in zip(y, scores, strict=True)) / len(y))
        model.zero_grad()
        loss.backward()
        for p in params:
            p.data -= lr_at(k) * p.grad
        losses.append(loss.data)
        times.append(clock(start))
    return times, losses, accs


def train_closure(X, y, seed, steps):
    """The same workload, line for line as in karpathy's demo, on the closure engine."""
    random.seed(seed)  # karpathy's MLP draws its weights from the global random module
    model = closure_engine.MLP(2, [16, 16, 1])
    times, losses, accs = [], [], []
    start = clock()
    for k in range(steps):
        inputs = [list(map(closure_engine.Value, xrow)) for xrow in X]
        scores = list(map(model, inputs))
        margins = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores, strict=True)]
        data_loss = sum(margins) * (1.0 / len(margins))
        reg_loss = ALPHA * sum(p * p for p in model.parameters())
        total_loss = data_loss + reg_loss
        accs.append(sum((yi > 0) == (s.data > 0) for yi, s in zip(y, scores, strict=True)) / len(y))
        model.zero_grad()
        total_loss.backward()
        for p in model.parameters():
            p.data -= lr_at(k) * p.grad
        losses.append(total_loss.data)
        times.append(clock(start))
    return times, losses, accs


def build_expression(n_ops):
    """A chain of n_ops operations (*, +, tanh, - in turn) that reuses its input x every step."""
    x = Value(0.5)
    y = x
    for _ in range(n_ops // 4):
        y = (y * x + 1.0).tanh() - x
    return y


def time_graph(n_ops, repeats):
    """Median (wall, CPU) seconds to build the expression, to backpropagate, and to free it; gc on."""
    gc.enable()
    runs = []
    for _ in range(repeats):
        start = clock()
        root = build_expression(n_ops)
        built = clock(start)
        root.backward()
        done = clock(start)
        del root
        freed = clock(start)
        runs.append([built, _minus(done, built), _minus(freed, done)])
    return [[statistics.median(run[part][i] for run in runs) for i in (0, 1)] for part in range(3)]


def _minus(a, b):
    return a[0] - b[0], a[1] - b[1]


def measure_memory(n_ops):
    """tracemalloc: bytes allocated while building the expression, and after backward()."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    root = build_expression(n_ops)
    built = tracemalloc.get_traced_memory()[0] - before
    root.backward()
    after_backward = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    order = topological_order(root)
    return built, after_backward, len(order), sum(1 for node in order if node._children)


def report_training(X, y, seed, steps):
    print(
        f"\n== Training workload: MLP(2, [16, 16, 1]), {len(X)} moons points, SVM loss + L2, full-batch SGD =="
    )
    with GcMonitor() as gc_micrograd:
        m_times, m_losses, m_accs = train_micrograd(X, y, seed, TOTAL_STEPS)
    with GcMonitor() as gc_closure:
        c_times, c_losses, c_accs = train_closure(X, y, seed, steps)
    gc.collect()

    def per_step(seconds, n):
        return f"{seconds[0]:7.2f} s = {1e3 * seconds[0] / n:7.1f} ms/step (CPU {1e3 * seconds[1] / n:7.1f} ms/step)"

    m_first, c_total = m_times[steps - 1], c_times[-1]
    print(f"micrograd       all {TOTAL_STEPS} steps: {per_step(m_times[-1], TOTAL_STEPS)}")
    print(f"              first {steps:3d} steps: {per_step(m_first, steps)}")
    print(f"                {gc_micrograd}")
    print(f"                final loss {m_losses[-1]:.6f}, accuracy {100 * m_accs[-1]:.0f}%")
    print(f"closure engine first {steps:3d} steps: {per_step(c_total, steps)}")
    print(f"                {gc_closure}")
    if steps < TOTAL_STEPS:
        estimate = c_total[0] / steps * TOTAL_STEPS
        print(
            f"                {TOTAL_STEPS} steps would take ~{estimate:.0f} s (its per-step time x {TOTAL_STEPS})"
        )
    else:
        print(f"                final loss {c_losses[-1]:.6f}, accuracy {100 * c_accs[-1]:.0f}%")
    gap = max(abs(a - b) for a, b in zip(m_losses[:steps], c_losses, strict=True))
    print(f"same run?       largest loss difference over the first {steps} steps: {gap:.1e}")
    speedup = [c_total[i] / m_first[i] for i in (0, 1)]
    print(
        f"SPEED-UP        {speedup[0]:.1f}x per step (CPU time: {speedup[1]:.1f}x), first {steps} steps of each"
    )
    if steps == TOTAL_STEPS:
        whole = [c_total[i] / m_times[-1][i] for i in (0, 1)]
        print(
            f"                {whole[0]:.1f}x for the whole {TOTAL_STEPS}-step run (CPU time: {whole[1]:.1f}x)"
        )


def report_graph(n_ops):
    print(
        f"\n== Graph micro-benchmark: a chain of {n_ops} ops (*, +, tanh, - in turn), gc on, median of 5 =="
    )
    build, backward, free = time_graph(n_ops, repeats=5)
    built_bytes, after_bytes, n_values, n_op_nodes = measure_memory(n_ops)
    print(
        f"graph: {n_values} Values = {n_op_nodes} op nodes + {n_values - n_op_nodes} leaves (x, wrapped constants)"
    )
    us_value, us_op = 1e6 / n_values, 1e6 / n_op_nodes
    for i, kind in enumerate(("wall-clock", "CPU time")):
        total = build[i] + backward[i]
        print(
            f"{kind:>10}: build {build[i] * us_value:.2f} + backward {backward[i] * us_value:.2f} "
            f"= {total * us_value:.2f} us per Value ({total * us_op:.2f} us per op node); "
            f"freeing {free[i] * us_value:.2f} us per Value"
        )
    print("memory (tracemalloc: bytes allocated while building the graph, divided by the count):")
    print(
        f"  {built_bytes / n_values:.0f} bytes per Value, {built_bytes / n_op_nodes:.0f} bytes per op node"
    )
    print(
        f"  after backward() (each .grad becomes a float object): {after_bytes / n_values:.0f} bytes per Value"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--steps", type=int, default=20, help="training steps for the closure engine (default 20)"
    )
    parser.add_argument(
        "--seed", type=int, default=1337, help="seed for the data and the initial weights"
    )
    parser.add_argument(
        "--graph-ops", type=int, default=10**5, help="operations in the micro-benchmark graph"
    )
    args = parser.parse_args(argv)
    steps = max(1, min(args.steps, TOTAL_STEPS))
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.machine()}"
    )
    X, labels = make_moons(100, noise=0.1, seed=args.seed)
    report_training(X, [2 * label - 1 for label in labels], args.seed, steps)
    report_graph(args.graph_ops)
    return 0


if __name__ == "__main__":
    sys.exit(main())
