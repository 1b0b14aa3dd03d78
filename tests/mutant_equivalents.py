# ruff: noqa: E501 - the keys are the mutated lines, quoted whole
"""Mutants of the exercises' reference solutions that compute the same thing as the solution.

No check can tell these apart from the solution, so tests/exercise_mutants.py leaves them out of
the score. Each entry: (exercise, the mutant's key as the tool prints it -- "kind: changed lines
before -> after" --, why it is equivalent). The tool fails if an entry matches no mutant any more,
or if the check kills it (then it was not equivalent).
"""

INDEPENDENT = "independent statements: neither reads what the other writes"
ONE = "dL_dL is 1.0 (given in the cell): x * 1 == x / 1 == x ** 1 == x"
TIMES_ONE = "the local derivative of a sum is 1.0: multiplying by it changes nothing"
ANY_ORDER = (
    "the order in which a node's children are visited changes which valid order comes out, and "
    "the check accepts every valid order"
)
ACYCLIC = (
    "in a graph without cycles no descendant leads back to the node, so marking it visited before "
    "or after its children gives the same order"
)
INDEPENDENT_DEF = "visit() reads order and visited only when it is called, after both are assigned"

LR_CHOICE = (
    "exercise 6.5 leaves the learning rate to the learner; this schedule still trains the moons "
    "to 95 % (a schedule that does not is killed)"
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
    ("1.3", "swap statements: up[i] += h <-> down[i] -= h", INDEPENDENT),
    (
        "1.4",
        "swap statements: df_da = -3 * a**2 - 0.5 * a**-0.5 <-> df_db = 10 * b + 2.5 * b**1.5",
        INDEPENDENT,
    ),
    ("1.4", "swap statements: df_db = 10 * b + 2.5 * b**1.5 <-> df_dc = 1 / c**2", INDEPENDENT),
    (
        "1.5",
        "swap operands: errors = [abs(central_difference(f, x, h) - exact) for h in STEPS] -> errors = [abs((exact - central_difference(f, x, h))) for h in STEPS]",
        "abs(a - b) == abs(b - a)",
    ),
    (
        "2.1",
        "operator: dL_dd = w * dL_dL  # L = d * w: for d, the local derivative is the other factor, w -> dL_dd = (w / dL_dL)  # L = d * w: for d, the local derivative is the other factor, w",
        ONE,
    ),
    (
        "2.1",
        "operator: dL_dd = w * dL_dL  # L = d * w: for d, the local derivative is the other factor, w -> dL_dd = (w ** dL_dL)  # L = d * w: for d, the local derivative is the other factor, w",
        ONE,
    ),
    (
        "2.1",
        "drop operand: dL_dd = w * dL_dL  # L = d * w: for d, the local derivative is the other factor, w -> dL_dd = (w)  # L = d * w: for d, the local derivative is the other factor, w",
        ONE,
    ),
    ("2.1", "operator: dL_dw = d * dL_dL -> dL_dw = (d / dL_dL)", ONE),
    ("2.1", "operator: dL_dw = d * dL_dL -> dL_dw = (d ** dL_dL)", ONE),
    ("2.1", "drop operand: dL_dw = d * dL_dL -> dL_dw = (d)", ONE),
    (
        "2.1",
        "drop operand: dL_de = 1.0 * dL_dd  # d = e + z: a sum passes the gradient through -> dL_de = (dL_dd)  # d = e + z: a sum passes the gradient through",
        TIMES_ONE,
    ),
    ("2.1", "drop operand: dL_dz = 1.0 * dL_dd -> dL_dz = (dL_dd)", TIMES_ONE),
    ("2.1", "swap statements: dL_dd = w * dL_dL <-> dL_dw = d * dL_dL", INDEPENDENT),
    ("2.1", "swap statements: dL_dw = d * dL_dL <-> dL_de = 1.0 * dL_dd", INDEPENDENT),
    ("2.1", "swap statements: dL_de = 1.0 * dL_dd <-> dL_dz = 1.0 * dL_dd", INDEPENDENT),
    ("2.1", "swap statements: dL_dz = 1.0 * dL_dd <-> dL_dx = y * dL_de", INDEPENDENT),
    ("2.1", "swap statements: dL_dx = y * dL_de <-> dL_dy = x * dL_de", INDEPENDENT),
    ("2.2", "operator: dL_dr = q * dL_dL  # L = q * r -> dL_dr = (q / dL_dL)  # L = q * r", ONE),
    ("2.2", "operator: dL_dr = q * dL_dL  # L = q * r -> dL_dr = (q ** dL_dL)  # L = q * r", ONE),
    ("2.2", "drop operand: dL_dr = q * dL_dL  # L = q * r -> dL_dr = (q)  # L = q * r", ONE),
    (
        "2.2",
        "operator: dL_dq = r * dL_dL  # the direct path q -> L ... -> dL_dq = (r / dL_dL)  # the direct path q -> L ...",
        ONE,
    ),
    (
        "2.2",
        "operator: dL_dq = r * dL_dL  # the direct path q -> L ... -> dL_dq = (r ** dL_dL)  # the direct path q -> L ...",
        ONE,
    ),
    (
        "2.2",
        "drop operand: dL_dq = r * dL_dL  # the direct path q -> L ... -> dL_dq = (r)  # the direct path q -> L ...",
        ONE,
    ),
    (
        "2.2",
        "drop operand: dL_dq += 1.0 * dL_dr  # ... plus the path q -> r -> L -> dL_dq += (dL_dr)  # ... plus the path q -> r -> L",
        TIMES_ONE,
    ),
    (
        "2.2",
        "drop operand: dL_da = 1.0 * dL_dr  # the path a -> r ... -> dL_da = (dL_dr)  # the path a -> r ...",
        TIMES_ONE,
    ),
    ("2.2", "swap statements: dL_dr = q * dL_dL <-> dL_dq = r * dL_dL", INDEPENDENT),
    ("2.2", "swap statements: dL_dq += 1.0 * dL_dr <-> dL_da = 1.0 * dL_dr", INDEPENDENT),
    ("2.2", "swap statements: dL_da += b * dL_dq <-> dL_db = a * dL_dq", INDEPENDENT),
    (
        "2.3",
        "drop operand: df_dx = 1.0 * df_ds + y * df_du  # x feeds s = x + y and u = x * y: add both paths -> df_dx = (df_ds) + y * df_du  # x feeds s = x + y and u = x * y: add both paths",
        TIMES_ONE,
    ),
    (
        "2.3",
        "drop operand: df_dy = 1.0 * df_ds + x * df_du -> df_dy = (df_ds) + x * df_du",
        TIMES_ONE,
    ),
    ("2.3", "swap statements: df_dt = s <-> df_ds = t", INDEPENDENT),
    ("2.3", "swap statements: df_ds = t <-> df_du = (1 - t**2) * df_dt", INDEPENDENT),
    (
        "2.3",
        "swap statements: df_dx = 1.0 * df_ds + y * df_du <-> df_dy = 1.0 * df_ds + x * df_du",
        INDEPENDENT,
    ),
    (
        "2.4",
        "reversed iteration: for name in args: -> for name in reversed(list(args)):",
        "the inputs of + all get the same gradient, so the order of the additions does not matter",
    ),
    (
        "2.4",
        'drop statement: raise ValueError(f"unknown operation {op!r}") -> pass',
        "the exercise's tapes hold only +, * and tanh: what happens to an unknown operation is not part of the task",
    ),
    (
        "2.4",
        "swap statements: grads[first] += values[second] * g <-> grads[second] += values[first] * g",
        "both lines add to grads; for a * a they add to the same entry, and addition does not depend on order",
    ),
    (
        "4.1",
        "reversed iteration: for child in node._children: -> for child in reversed(list(node._children)):",
        ANY_ORDER,
    ),
    ("4.1", "swap statements: order, visited = [], set() <-> def visit(node):", INDEPENDENT_DEF),
    ("4.1", "swap statements: visited.add(node) <-> for child in node._children:", ACYCLIC),
    (
        "4.2",
        "reversed iteration: for child in node._children: -> for child in reversed(list(node._children)):",
        ANY_ORDER,
    ),
    ("4.2", "swap statements: order, visited = [], set() <-> stack = [(root, False)]", INDEPENDENT),
    ("4.2", "swap statements: visited.add(node) <-> stack.append((node, True))", INDEPENDENT),
    (
        "4.3",
        "reversed iteration: for node in order: -> for node in reversed(list(order)):",
        "a node's children receive their shares independently (a child used twice adds twice, in either order)",
    ),
    (
        "4.3",
        "reversed iteration: for child, local_grad in zip(node._children, node._local_grads): -> for child, local_grad in reversed(list(zip(node._children, node._local_grads))):",
        "a node's children receive their shares independently (a child used twice adds twice, in either order)",
    ),
    (
        "4.4",
        "reversed iteration: for child in node._children: -> for child in reversed(list(node._children)):",
        ANY_ORDER,
    ),
    (
        "4.4",
        "reversed iteration: for child in node._children: -> for child in reversed(list(node._children)): [2]",
        ANY_ORDER,
    ),
    (
        "4.4",
        "constant: parents = {root: 0} -> parents = {root: (1)}",
        "the root is nobody's child, so its count is never read or changed",
    ),
    ("4.4", "swap statements: parents = {root: 0} <-> stack = [root]", INDEPENDENT),
    (
        "4.4",
        "swap statements: while stack:  # count every edge once: each node's children are scanned once <-> order, ready = [], deque([root])",
        INDEPENDENT,
    ),
    (
        "4.4",
        "swap statements: order.append(node) <-> for child in node._children:",
        "'order.append(node)' and the loop over the children touch different things: the loop only changes counts and the ready queue",
    ),
    ("4.4", "swap statements: parents[child] = 0 <-> stack.append(child)", INDEPENDENT),
    (
        "5.1",
        "reversed iteration: for wi, xi in zip(w, x): -> for wi, xi in reversed(list(zip(w, x))):",
        SUM_ORDER,
    ),
    (
        "5.2",
        "comparison: if x >= 0: -> if (x > 0):",
        "at x = 0 both branches give exactly 0.5 (1 / (1 + 1) and 1 / (1 + 1))",
    ),
    (
        "5.2",
        "constant: if x >= 0: -> if x >= (1):",
        "for 0 <= x < 1 the other branch e^x / (1 + e^x) is the same sigmoid and cannot overflow "
        "either (the switch only matters for |x| > 709)",
    ),
    (
        "5.3",
        "reversed iteration: for wi, xi in zip(self.w, x): -> for wi, xi in reversed(list(zip(self.w, x))):",
        SUM_ORDER,
    ),
    (
        "5.3",
        "swap statements: if len(x) != len(self.w): <-> total = self.b",
        "'total = self.b' only names the bias: made before or after the length test, the same "
        "inputs are refused and the same sum is built",
    ),
    (
        "6.5",
        "operator: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = (1.0 + 0.9 * k / steps)  # from 1.0 down to 0.1",
        LR_CHOICE,
    ),
    (
        "6.5",
        "drop operand: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = (1.0)  # from 1.0 down to 0.1",
        LR_CHOICE,
    ),
    (
        "6.5",
        "constant: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = (2.0) - 0.9 * k / steps  # from 1.0 down to 0.1",
        LR_CHOICE,
    ),
    (
        "6.5",
        "operator: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = 1.0 - (0.9 * k // steps)  # from 1.0 down to 0.1",
        LR_CHOICE,
    ),
    (
        "6.5",
        "operator: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = 1.0 - (0.9 + k) / steps  # from 1.0 down to 0.1",
        LR_CHOICE,
    ),
    (
        "6.5",
        "operator: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = 1.0 - (0.9 ** k) / steps  # from 1.0 down to 0.1",
        LR_CHOICE,
    ),
    (
        "6.5",
        "drop operand: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = 1.0 - (0.9) / steps  # from 1.0 down to 0.1",
        LR_CHOICE,
    ),
    (
        "6.5",
        "drop operand: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = 1.0 - (k) / steps  # from 1.0 down to 0.1",
        LR_CHOICE,
    ),
    (
        "6.5",
        "constant: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = 1.0 - (-0.9) * k / steps  # from 1.0 down to 0.1",
        LR_CHOICE,
    ),
    (
        "6.5",
        "reversed iteration: for k in range(steps): -> for k in reversed(list(range(steps))):",
        LR_CHOICE,
    ),
    (
        "6.4",
        "reversed iteration: for p in model.parameters(): -> for p in reversed(list(model.parameters())):",
        "each parameter's update reads only its own grad: the order of the updates does not matter",
    ),
    (
        "6.4",
        "swap statements: loss = hinge_loss(scores, labels) <-> model.zero_grad()",
        "computing the loss does not read or write any gradient: zero_grad() before or after it is the same",
    ),
    (
        "8.1",
        "drop copy: self._children = tuple(children)  # the Values this one was computed from -> self._children = (children)  # the Values this one was computed from",
        "the callers pass a tuple already: tuple() of a tuple is the same tuple",
    ),
    (
        "8.1",
        "drop copy: self._local_grads = tuple(local_grads)  # d(self)/d(child), one per child -> self._local_grads = (local_grads)  # d(self)/d(child), one per child",
        "the callers pass a tuple already: tuple() of a tuple is the same tuple",
    ),
    ("8.1", "swap statements: self.data = float(data) <-> self.grad = 0.0", INDEPENDENT),
    (
        "8.1",
        "swap statements: self.grad = 0.0 <-> self._children = tuple(children)",
        INDEPENDENT,
    ),
    (
        "8.1",
        "swap statements: self._children = tuple(children) <-> self._local_grads = tuple(local_grads)",
        INDEPENDENT,
    ),
    (
        "8.3",
        "operator: return self * -1 -> return (self / -1)",
        "dividing by -1 is multiplying by (-1)**-1 = -1: the same value and gradient",
    ),
    (
        "8.4",
        "comparison: return Value(x if x > 0 else 0.0, (self,), (1.0 if x > 0 else 0.0,)) -> return Value(x if (x >= 0) else 0.0, (self,), (1.0 if x > 0 else 0.0,))",
        "relu's value at exactly 0 is 0 on either side of the comparison (its slope at 0 is "
        "checked, and that mutant is killed)",
    ),
    (
        "8.5",
        "reversed iteration: for node in order: -> for node in reversed(list(order)):",
        "each node is reset on its own: the order of the resets does not matter",
    ),
    (
        "8.5",
        "reversed iteration: for child, local_grad in zip(node._children, node._local_grads): -> for child, local_grad in reversed(list(zip(node._children, node._local_grads))):",
        "the same contributions added in the other order: equal up to rounding",
    ),
    (
        "8.5",
        "reversed iteration: for child in node._children: -> for child in reversed(list(node._children)):",
        "visiting the children in the other order gives another valid topological order (each node still after all its children)",
    ),
    (
        "8.5",
        "swap statements: order, visited = [], set() <-> stack = [(root, False)]",
        INDEPENDENT,
    ),
    (
        "8.5",
        "swap statements: visited.add(node) <-> stack.append((node, True))",
        INDEPENDENT,
    ),
    (
        "8.6",
        "reversed iteration: for p in self.parameters(): -> for p in reversed(list(self.parameters())):",
        "each parameter is reset on its own: the order does not matter",
    ),
    (
        "8.6",
        "drop copy: sizes = [nin] + list(nouts) -> sizes = [nin] + (nouts)",
        "the exercise and the check pass nouts as a list: [nin] + nouts is the same list",
    ),
    (
        "8.6",
        "swap statements: self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)] <-> self.b = Value(0.0)",
        INDEPENDENT,
    ),
    (
        "8.6",
        "swap statements: self.b = Value(0.0) <-> self.nonlin = nonlin",
        INDEPENDENT,
    ),
    (
        "8.6",
        "swap statements: sizes = [nin] + list(nouts) <-> last = len(nouts) - 1",
        INDEPENDENT,
    ),
    (
        "8.7",
        "drop operand: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = (1.0)  # from 1.0 down to 0.1",
        LR_CHOICE_8_7,
    ),
    (
        "8.7",
        "constant: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = (2.0) - 0.9 * k / steps  # from 1.0 down to 0.1",
        LR_CHOICE_8_7,
    ),
    (
        "8.7",
        "operator: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = 1.0 - (0.9 * k // steps)  # from 1.0 down to 0.1",
        LR_CHOICE_8_7,
    ),
    (
        "8.7",
        "operator: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = 1.0 - (0.9 + k) / steps  # from 1.0 down to 0.1",
        LR_CHOICE_8_7,
    ),
    (
        "8.7",
        "drop operand: lr = 1.0 - 0.9 * k / steps  # from 1.0 down to 0.1 -> lr = 1.0 - (k) / steps  # from 1.0 down to 0.1",
        LR_CHOICE_8_7,
    ),
    ("8.7", "drop operand: p.data -= lr * p.grad -> p.data -= (p.grad)", LR_CHOICE_8_7),
    (
        "8.7",
        "reversed iteration: for p in model.parameters(): -> for p in reversed(list(model.parameters())):",
        "each parameter's update reads only its own grad: the order of the updates does not matter",
    ),
    (
        "8.7",
        "constant: labels = [2 * t - 1 for t in y]  # 0/1 -> -1/+1 -> labels = [(3) * t - 1 for t in y]  # 0/1 -> -1/+1",
        LOSS_CHOICE,
    ),
    (
        "8.7",
        "constant: loss = sum((1 - t * s).relu() for t, s in zip(labels, scores)) / len(X) -> loss = sum(((2) - t * s).relu() for t, s in zip(labels, scores)) / len(X)",
        "a hinge loss with margin 2: relu(2 - t * s) = 2 * relu(1 - t * s / 2), the hinge loss of "
        "half the score, doubled; exercise 8.7 leaves the loss to the learner, the classes are still "
        "told apart by the sign of the score, and it trains to 95 %",
    ),
    (
        "8.7",
        "swap statements: labels = [2 * t - 1 for t in y] <-> losses = []",
        INDEPENDENT,
    ),
    (
        "8.7",
        "swap statements: loss = sum((1 - t * s).relu() for t, s in zip(labels, scores)) / len(X) <-> model.zero_grad()",
        "computing the loss does not read or write any gradient: zero_grad() before or after it is the same",
    ),
    (
        "8.7",
        "swap statements: loss.backward() <-> lr = 1.0 - 0.9 * k / steps",
        INDEPENDENT,
    ),
    (
        "8.7",
        "swap statements: for p in model.parameters(): <-> losses.append(loss.data)",
        "loss.data is a number computed before the update: appending it before or after is the same",
    ),
]
