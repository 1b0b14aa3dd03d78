"""Plausible mistakes in exercises 1.1-4.4, for the simulated learners (tests/test_checks_learners.py).

Chapters 1 and 2 are here, chapters 3 and 4 in learner_mistakes_3_4.py (merged into MISTAKES).

exercise -> [(replacements, marker)]: each replacement is (old, new), applied to the exercise's
code cells (old must occur exactly once in them), or (None, new body of the exercise's first
solution region). `marker` is text that the check's message must contain for that mistake and
no other mistake of the same exercise may get.
"""

import learner_mistakes_3_4

MISTAKES = {
    "1.1": [
        ([("(f(x + h) - f(x)) / h", "(f(x) - f(x + h)) / h")], "sign is flipped"),
        ([("(f(x + h) - f(x)) / h", "f(x + h) - f(x)")], "h times too small"),
        ([("(f(x + h) - f(x)) / h", "f(x)")], "That is f(x) itself"),
        ([("(f(x + h) - f(x)) / h", "(f(x + 1e-6) - f(x)) / 1e-6")], "Use the `h` you are given"),
        (
            [("(f(x + h) - f(x)) / h", "(f(x + h) - f(x - h)) / (2 * h)")],
            "That is the central difference",
        ),
        ([("(f(x + h) - f(x)) / h", "(f(x) - f(x - h)) / h")], "That steps backward"),
        ([("(f(x + h) - f(x)) / h", "(f(x + h) - f(x - h)) / h")], "Twice the slope"),
        (
            [("def derivative(f, x, h=1e-6):", "def derivative(f, x, h=1e-5):")],
            "Keep the default step",
        ),
    ],
    "1.2": [
        ([("/ (2 * h)", "/ h")], "2h apart"),
        ([("(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x)) / h")], "not as accurate"),
        (
            [("(f(x + h) - f(x - h)) / (2 * h)", "(f(x - h) - f(x + h)) / (2 * h)")],
            "sign is flipped",
        ),
        (
            [("(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h / 2) - f(x - h / 2)) / h")],
            "with the step h you were given",
        ),
        (
            [("(f(x + h) - f(x - h)) / (2 * h)", "(f(x + 1e-5) - f(x - 1e-5)) / (2 * 1e-5)")],
            "not a step of your own",
        ),
        (
            [("(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x - h)) / 2 * h")],
            "Mind the brackets",
        ),
        (
            [("def central_difference(f, x, h=1e-5):", "def central_difference(f, x, h=1e-6):")],
            "Keep the default step",
        ),
        (
            [("(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x - h)) / (2 * 1e-5)")],
            "times too big: divide by 2h",
        ),
    ],
    "1.3": [
        (
            [
                (
                    "up[i] += h\n        down[i] -= h",
                    "up = [p + h for p in point]\n        down = [p - h for p in point]",
                )
            ],
            "nudged every input at once",
        ),
        (
            [("up, down = list(point), list(point)", "up, down = point, list(point)")],
            "changed the list",
        ),
        ([("for i in range(len(point)):", "for i in range(len(point) - 1):")], "items, not"),
        ([("(f(*up) - f(*down)) / (2 * h)", "(f(*up) - f(*point)) / h")], "one-sided difference"),
        ([("(f(*up) - f(*down)) / (2 * h)", "(f(*up) - f(*down)) / h")], "Twice too big"),
        (
            [
                ("up[i] += h\n        down[i] -= h", "up[i] += 1e-5\n        down[i] -= 1e-5"),
                ("(2 * h)", "(2 * 1e-5)"),
            ],
            "it is an argument",
        ),
        (
            [
                (
                    "    for i in range(len(point)):\n        up, down = list(point), list(point)\n",
                    "    up, down = list(point), list(point)\n    for i in range(len(point)):\n",
                )
            ],
            "still in your copy of the point",
        ),
    ],
    "1.4": [
        ([("df_da = -3 * a**2", "df_da = 3 * a**2")], "only −a³ and −a^0.5"),
        ([("10 * b", "5 * b")], "only 5b² and b^2.5"),
        ([("df_dc = 1 / c**2", "df_dc = -1 / c**2")], "only −1/c"),
        ([("return [df_da, df_db, df_dc]", "return [df_dc, df_db, df_da]")], "in the order"),
        ([("return [df_da, df_db, df_dc]", "return [df_da, df_db]")], "should have 3 items, not 2"),
        (
            [("return [df_da, df_db, df_dc]", "return partials(f, [a, b, c])")],
            "looks like an estimate",
        ),
    ],
    "1.5": [
        ([("errors.index(min(errors))", "errors.index(max(errors))")], "largest error of all"),
        ([("return STEPS[errors.index(min(errors))]", "return min(errors)")], "not its error"),
        ([("return STEPS[errors.index(min(errors))]", "return STEPS[-1]")], "tiniest step"),
        (
            [("abs(central_difference(f, x, h) - exact)", "central_difference(f, x, h) - exact")],
            "whatever its sign",
        ),
        (
            [
                (
                    "return STEPS[errors.index(min(errors))]",
                    "return STEPS[errors.index(min(errors)) + 1]",
                )
            ],
            "right after the best one",
        ),
        (
            [("central_difference(f, x, h) - exact)", "derivative(f, x, h) - exact)")],
            "for the forward difference",
        ),
        ([("return STEPS[errors.index(min(errors))]", "return STEPS[0]")], "biggest step"),
        ([("return STEPS[errors.index(min(errors))]", "return 1e-05")], "same step for every"),
    ],
    "2.1": [
        ([("dL_dx = y * dL_de", "dL_dx = x * dL_de")], "Chain rule: dL/dx"),
        ([("dL_dd = w * dL_dL", "dL_dd = d * dL_dL")], "wrong dL/dd"),
        ([("dL_de = 1.0 * dL_dd", "dL_de = -1.0 * dL_dd")], "sign is flipped"),
        ([("dL_dz = 1.0 * dL_dd", "dL_dz = dL_dL")], "wrong dL/dz"),
        ([("dL_dw = d * dL_dL", "dL_dw = w * dL_dL")], "wrong dL/dw"),
        ([("dL_dy = x * dL_de", "dL_dy = y * dL_de")], "Chain rule: dL/dy"),
    ],
    "2.2": [
        ([("dL_dq += 1.0 * dL_dr", "pass")], "q reaches L along two paths"),
        ([("dL_da += b * dL_dq", "pass")], "a reaches L along two paths"),
        ([("dL_db = a * dL_dq", "dL_db = b * dL_dq")], "b reaches L only through q"),
        ([("dL_dr = q * dL_dL", "dL_dr = r * dL_dL")], "dL/dr is the other factor"),
        ([("dL_dr = q * dL_dL", "dL_dr = -q * dL_dL")], "The sign is flipped"),
    ],
    "2.3": [
        ([("df_dx = 1.0 * df_ds + y * df_du", "df_dx = y * df_du")], "along two paths"),
        ([("df_du = (1 - t**2) * df_dt", "df_du = df_dt")], "tanh's local derivative"),
        (
            [("df_dx = 1.0 * df_ds + y * df_du", "df_dx = 1.0 * df_ds + x * df_du")],
            "*other* factor",
        ),
        (
            [("df_du = (1 - t**2) * df_dt", "df_du = (t**2 - 1) * df_dt")],
            "slope of tanh is positive",
        ),
        ([("return out, df_dx, df_dy", "return df_dx, df_dy, out")], "in that order"),
        ([("df_du = (1 - t**2) * df_dt", "df_du = (1 - u**2) * df_dt")], "square t, not u"),
        (
            [
                (
                    "df_dt = s  # out = s * t\n    df_ds = t",
                    "df_dt = t  # out = s * t\n    df_ds = s",
                )
            ],
            "for s the local derivative is the other factor",
        ),
        (
            [
                (
                    None,
                    "X, Y = Value(x), Value(y)\n"
                    "f = (X + Y) * (X * Y).tanh()\n"
                    "f.backward()\n"
                    "df_dx, df_dy = X.grad, Y.grad",
                )
            ],
            "calls micrograd's own",
        ),
        (
            [
                (
                    None,
                    "h = 1e-5\n"
                    "g = lambda a, b: (a + b) * math.tanh(a * b)\n"
                    "df_dx = (g(x + h, y) - g(x - h, y)) / (2 * h)\n"
                    "df_dy = (g(x, y + h) - g(x, y - h)) / (2 * h)",
                )
            ],
            "looks like an estimate",
        ),
    ],
    "2.4": [
        (
            [
                ('elif op == "tanh":', 'elif op == "tanh" and len(args) > 1:'),
                ('raise ValueError(f"unknown', 'raise NotImplementedError(f"unknown'),
            ],
            "Your own code raised NotImplementedError",
        ),
        (
            [("grads[first] += values[second] * g", "grads[first] = values[second] * g")],
            "each use adds its own contribution",
        ),
        (
            [("(1 - values[out] ** 2) * g", "(1 - values[name] ** 2) * g")],
            "tanh's local derivative is 1 − tanh(u)²",
        ),
        ([("in reversed(tape):", "in tape:")], "once it has received all of it"),
        (
            [("grads[first] += values[second] * g", "grads[first] += values[first] * g")],
            "*other* input's value",
        ),
        (
            [("                grads[name] += g", "                grads[name] += 1.0")],
            "not the number 1",
        ),
        (
            [
                (
                    "    for out, op, args in reversed(tape):\n",
                    "    tape.reverse()\n    for out, op, args in tape:\n",
                )
            ],
            "changed the tape it was given",
        ),
        (
            [("            for name in args:\n", "            for name in set(args):\n")],
            "without skipping the repeat",
        ),
        (
            [("            grads[name] += (1 - values[out] ** 2) * g", "            pass")],
            "passed nothing on to its input",
        ),
        (
            [
                (
                    None,
                    "nodes = {n: Value(v) for n, v in values.items()}\n"
                    "for out, op, args in tape:\n"
                    "    a = [nodes[n] for n in args]\n"
                    "    nodes[out] = a[0].tanh() if op == 'tanh' else a[0] + a[1] if op == '+' else a[0] * a[1]\n"
                    "nodes[tape[-1][0]].backward()\n"
                    "grads = {n: node.grad for n, node in nodes.items()}",
                )
            ],
            "calls micrograd's own",
        ),
        (
            [
                (
                    "            grads[name] += (1 - values[out] ** 2) * g",
                    "            values[out] = 1 - values[out] ** 2\n"
                    "            grads[name] += values[out] * g",
                )
            ],
            "changed the dict of values",
        ),
    ],
    "2.5": [
        (
            [("dx, dy = -eta * df_dx, -eta * df_dy", "dx, dy = eta * df_dx, eta * df_dy")],
            "goes uphill",
        ),
        (
            [("df_dx * dx + df_dy * dy\n", "-(df_dx * dx + df_dy * dy)\n")],
            "predicted change is negative",
        ),
        ([("df_dx * dx + df_dy * dy\n", "-(df_dx**2 + df_dy**2)\n")], "missing the step size"),
        (
            [
                (
                    None,
                    "_, df_dx, _ = f_and_grads(x, y)\n"
                    "new_x = x - eta * df_dx\n"
                    "_, _, df_dy = f_and_grads(new_x, y)\n"
                    "new_y = y - eta * df_dy\n"
                    "return new_x, new_y, -eta * (df_dx**2 + df_dy**2)",
                )
            ],
            "after x had already moved",
        ),
        ([("df_dx * dx + df_dy * dy\n", "df_dx * dx\n")], "counts only one input's move"),
        (
            [("dx, dy = -eta * df_dx, -eta * df_dy", "dx, dy = -eta * df_dx, -eta * df_dx")],
            "y moved by x's gradient",
        ),
        (
            [
                (
                    "df_dx * dx + df_dy * dy\n",
                    "f_and_grads(x + dx, y + dy)[0] - f_and_grads(x, y)[0]\n",
                )
            ],
            "actual change of f",
        ),
        (
            [
                (
                    None,
                    "X, Y = Value(x), Value(y)\n"
                    "out = (X + Y) * (X * Y).tanh()\n"
                    "out.backward()\n"
                    "return x - eta * X.grad, y - eta * Y.grad, -eta * (X.grad**2 + Y.grad**2)",
                )
            ],
            "calls micrograd's own",
        ),
    ],
    **learner_mistakes_3_4.MISTAKES,
}

SUPPORT = learner_mistakes_3_4.SUPPORT
