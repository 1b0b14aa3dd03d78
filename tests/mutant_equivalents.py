# ruff: noqa: E501 (a mutant's key is one long line, as the tool prints it)
"""Mutants of the exercises' reference solutions that compute the same thing as the solution.

No check can tell these apart from the solution, so tests/exercise_mutants.py leaves them out of
the score. Each entry: (exercise, the mutant's key as the tool prints it -- "kind: old -> new" --,
why it is equivalent). The tool fails if an entry matches no mutant any more, or if the check kills
it (then it was not equivalent).
"""

INDEPENDENT = "independent assignments: neither reads what the other writes"
LR_CHOICE = (
    "exercise 6.5 leaves the learning rate to the learner; this schedule still trains the moons "
    "to 95 % (a schedule that does not is killed)"
)
RELU_AT_ZERO = (
    "relu at exactly 0: the value is 0 both ways, and its slope there is a convention (either "
    "side's slope is right); the checks never put a relu input at exactly 0"
)
LR_CHOICE_8_7 = (
    "exercise 8.7 leaves the learning rate to the learner ('a learning rate that starts at 1.0 and "
    "shrinks' is advice); this one still trains the moons to 95 % with a correct loop, which the "
    "check watches step by step"
)
LOSS_CHOICE = (
    "exercise 8.7 leaves the loss to the learner (hinge or cross-entropy); a hinge loss with labels "
    "-1 and +2 still separates the classes by the sign of the score, and trains to 95 %"
)
SUM_ORDER = (
    "the same terms added in the other order: equal up to rounding, far inside the tolerance"
)

EQUIVALENTS = [
    (
        "1.3",
        "swap statements: up[i] += h / down[i] -= h -> (swapped)",
        "up and down are separate copies: the two nudges are independent",
    ),
    (
        "1.4",
        "swap statements: df_da = -3 * a**2 - 0.5 * a**-0.5 / df_db = 10 * b + 2.5 * b**1.5 -> (swapped)",
        INDEPENDENT,
    ),
    (
        "1.4",
        "swap statements: df_db = 10 * b + 2.5 * b**1.5 / df_dc = 1 / c**2 -> (swapped)",
        INDEPENDENT,
    ),
    (
        "1.5",
        "swap operands: central_difference(f, x, h) - exact -> (exact - central_difference(f, x, h))",
        "abs(a - b) == abs(b - a)",
    ),
    (
        "5.1",
        "reversed iteration: for wi, xi in zip(w, x): total = total + wi * xi -> for wi, xi in reversed(list(zip(w, x))): total = total + wi * xi",
        SUM_ORDER,
    ),
    (
        "5.2",
        "comparison: x >= 0 -> (x > 0)",
        "at x = 0 both branches give exactly 0.5 (1 / (1 + 1) and 1 / (1 + 1))",
    ),
    (
        "5.2",
        "constant: 0 -> (1)",
        "for 0 <= x < 1 the other branch e^x / (1 + e^x) is the same sigmoid and cannot overflow "
        "either (the switch only matters for |x| > 709)",
    ),
    (
        "5.3",
        "reversed iteration: for wi, xi in zip(self.w, x): total = total + wi * xi -> for wi, xi in reversed(list(zip(self.w, x))): total = total + wi * xi",
        SUM_ORDER,
    ),
    ("6.5", "operator: 1.0 - 0.9 * k / steps -> (1.0 + 0.9 * k / steps)", LR_CHOICE),
    ("6.5", "drop operand: 1.0 - 0.9 * k / steps -> (1.0)", LR_CHOICE),
    ("6.5", "constant: 1.0 -> (2.0)", LR_CHOICE),
    ("6.5", "operator: 0.9 * k / steps -> (0.9 * k // steps)", LR_CHOICE),
    ("6.5", "operator: 0.9 * k -> (0.9 + k)", LR_CHOICE),
    ("6.5", "operator: 0.9 * k -> (0.9 ** k)", LR_CHOICE),
    ("6.5", "drop operand: 0.9 * k -> (0.9)", LR_CHOICE),
    ("6.5", "drop operand: 0.9 * k -> (k)", LR_CHOICE),
    ("6.5", "constant: 0.9 -> (-0.9)", LR_CHOICE),
    (
        "6.5",
        "reversed iteration: for k in range(steps): lr = 1.0 - 0.9 * k / steps # from 1.0 down to 0.1 losses.append(train_step(model, X, y, lr)) -> for k in reversed(list(range(steps))): lr = 1.0 - 0.9 * k / steps # from 1.0 down to 0.1 losses.append(train_step(model, X, y, lr))",
        LR_CHOICE,
    ),
    (
        "6.4",
        "reversed iteration: for p in model.parameters(): p.data -= lr * p.grad -> for p in reversed(list(model.parameters())): p.data -= lr * p.grad",
        "each parameter's update reads only its own grad: the order of the updates does not matter",
    ),
    (
        "6.4",
        "swap statements: loss = hinge_loss(scores, labels) / model.zero_grad() -> (swapped)",
        "computing the loss does not read or write any gradient: zero_grad() before or after it is the same",
    ),
    (
        "8.1",
        "drop copy: tuple(children) -> (children)",
        "the callers pass a tuple already: tuple() of a tuple is the same tuple",
    ),
    (
        "8.1",
        "drop copy: tuple(local_grads) -> (local_grads)",
        "the callers pass a tuple already: tuple() of a tuple is the same tuple",
    ),
    ("8.1", "swap statements: self.data = float(data) / self.grad = 0.0 -> (swapped)", INDEPENDENT),
    (
        "8.1",
        "swap statements: self.grad = 0.0 / self._children = tuple(children) -> (swapped)",
        INDEPENDENT,
    ),
    (
        "8.1",
        "swap statements: self._children = tuple(children) / self._local_grads = tuple(local_grads) -> (swapped)",
        INDEPENDENT,
    ),
    (
        "8.3",
        "operator: self * -1 -> (self / -1)",
        "dividing by -1 is multiplying by (-1)**-1 = -1: the same value and gradient",
    ),
    ("8.4", "comparison: x > 0 -> (x >= 0)", RELU_AT_ZERO),
    (
        "8.5",
        "reversed iteration: for node in order: if node._children: # results start each pass from zero; leaves accumulate node.grad = 0.0 -> for node in reversed(list(order)): if node._children: # results start each pass from zero; leaves accumulate node.grad = 0.0",
        "each node is reset on its own: the order of the resets does not matter",
    ),
    (
        "8.5",
        "reversed iteration: for child, local_grad in zip(node._children, node._local_grads): child.grad += local_grad * node.grad -> for child, local_grad in reversed(list(zip(node._children, node._local_grads))): child.grad += local_grad * node.grad",
        "the same contributions added in the other order: equal up to rounding",
    ),
    (
        "8.5",
        "reversed iteration: for child in node._children: if child not in visited: stack.append((child, False)) -> for child in reversed(list(node._children)): if child not in visited: stack.append((child, False))",
        "visiting the children in the other order gives another valid topological order (each node still after all its children)",
    ),
    (
        "8.5",
        "swap statements: order, visited = [], set() / stack = [(root, False)] -> (swapped)",
        INDEPENDENT,
    ),
    (
        "8.5",
        "swap statements: visited.add(node) / stack.append((node, True)) -> (swapped)",
        INDEPENDENT,
    ),
    (
        "8.6",
        "reversed iteration: for p in self.parameters(): p.grad = 0.0 -> for p in reversed(list(self.parameters())): p.grad = 0.0",
        "each parameter is reset on its own: the order does not matter",
    ),
    (
        "8.6",
        "drop copy: list(nouts) -> (nouts)",
        "the exercise and the check pass nouts as a list: [nin] + nouts is the same list",
    ),
    (
        "8.6",
        "swap statements: self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)] / self.b = Value(0.0) -> (swapped)",
        INDEPENDENT,
    ),
    (
        "8.6",
        "swap statements: self.b = Value(0.0) / self.nonlin = nonlin -> (swapped)",
        INDEPENDENT,
    ),
    (
        "8.6",
        "swap statements: sizes = [nin] + list(nouts) / last = len(nouts) - 1 -> (swapped)",
        INDEPENDENT,
    ),
    ("8.7", "drop operand: 1.0 - 0.9 * k / steps -> (1.0)", LR_CHOICE_8_7),
    ("8.7", "constant: 1.0 -> (2.0)", LR_CHOICE_8_7),
    ("8.7", "operator: 0.9 * k / steps -> (0.9 * k // steps)", LR_CHOICE_8_7),
    ("8.7", "operator: 0.9 * k -> (0.9 + k)", LR_CHOICE_8_7),
    ("8.7", "drop operand: 0.9 * k -> (k)", LR_CHOICE_8_7),
    ("8.7", "drop operand: lr * p.grad -> (p.grad)", LR_CHOICE_8_7),
    (
        "8.7",
        "reversed iteration: for p in model.parameters(): p.data -= lr * p.grad -> for p in reversed(list(model.parameters())): p.data -= lr * p.grad",
        "each parameter's update reads only its own grad: the order of the updates does not matter",
    ),
    ("8.7", "constant: 2 -> (3)", LOSS_CHOICE),
    (
        "8.7",
        "swap statements: labels = [2 * t - 1 for t in y] / losses = [] -> (swapped)",
        INDEPENDENT,
    ),
    (
        "8.7",
        "swap statements: loss = sum((1 - t * s).relu() for t, s in zip(labels, scores)) / len(X) / model.zero_grad() -> (swapped)",
        "computing the loss does not read or write any gradient: zero_grad() before or after it is the same",
    ),
    (
        "8.7",
        "swap statements: loss.backward() / lr = 1.0 - 0.9 * k / steps -> (swapped)",
        INDEPENDENT,
    ),
    (
        "8.7",
        "swap statements: for p in model.parameters(): p.data -= lr * p.grad / losses.append(loss.data) -> (swapped)",
        "loss.data is a number computed before the update: appending it before or after is the same",
    ),
]
