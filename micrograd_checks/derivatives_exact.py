"""Self-checks for exercises 1.4 and 1.5: exact partial derivatives, and the best step size."""

import math

from micrograd_checks.core import Hint, is_close
from micrograd_checks.derivatives import _central, _exact_partial, _exp, _f, _forward
from micrograd_checks.watch import Watch
from micrograd_checks.wrapper import checker, function

_EXACT_HINTS = [
    "∂f/∂a: only −a³ and −a^0.5 involve a. Use the power rule d(xⁿ)/dx = n·xⁿ⁻¹ on each, keeping the minus signs.",
    "∂f/∂b: only 5b² and b^2.5 involve b. Use the power rule on each; a constant factor such as the 5 "
    "stays in front.",
    "∂f/∂c: only −1/c involves c. Write it as −c⁻¹, use the power rule, and mind both minus signs.",
]


# functions that estimate a derivative (or evaluate f for one): exercise 1.4 asks for the formulas
_ESTIMATORS = {"f", "partials", "central_difference", "derivative"}
_ESTIMATE = (
    "Very close, but not exact: that looks like an estimate. Work the "
    "derivatives out with the differentiation rules: they give exact formulas."
)


class _NoEstimates(Watch):
    """Watch f_partials_exact() for calls to f or to an estimator (used as `check.call(watch=)`);
    as a Watch, it keeps an outer watcher (the grader's) seeing every call."""

    def __init__(self):
        super().__init__(steps=None)
        self.estimator = None

    def _profile(self, frame, event, arg):
        if event == "call" and self.estimator is None and frame.f_code.co_name in _ESTIMATORS:
            self.estimator = frame.f_code.co_name
        return super()._profile(frame, event, arg)

    def verdict(self, check, case):
        super().verdict(check, case)
        if self.estimator:
            raise check.fail(
                f"your f_partials_exact() calls {self.estimator}(): the derivatives come out of an "
                "estimate",
                case=case,
                hint=_ESTIMATE,
            )


@checker("1.4", "f_partials_exact()", function("f_partials_exact"))
def check_exact_partials(check, f_partials_exact):
    """Exercise 1.4: the partial derivatives of f(a, b, c), worked out by hand."""
    u = check.uniform
    for point in [
        (u(1.5, 2.5), u(2.5, 3.5), u(3.0, 5.0)),
        (u(0.3, 0.8), u(1.0, 1.5), u(-4.0, -2.0)),
        (u(3.0, 4.0), u(0.1, 0.4), u(0.5, 1.0)),
        (1.0, 1.0, 1.0),
        # c close to 0, where -1/c is steep: any estimate of the slope is visibly off
        (u(1.5, 2.5), u(1.0, 2.0), u(0.002, 0.004, digits=4)),
    ]:
        case = f"(a, b, c) = {point}"
        got = check.sequence(
            check.call(f_partials_exact, *point, case=case, watch=_NoEstimates()),
            3,
            case,
            what="[df/da, df/db, df/dc]",
        )
        exact = [_exact_partial(_f, point, i) for i in range(3)]
        for i, name in enumerate("abc"):

            def hint(value, i=i, exact=exact, got=got):
                if is_close(value, exact[i], 1e-3):
                    return _ESTIMATE
                others = [e for j, e in enumerate(exact) if j != i]
                if any(is_close(value, e, 1e-9) for e in others):
                    return "That is another input's derivative: return them in the order [df/da, df/db, df/dc]."
                return _EXACT_HINTS[i]

            check.close(got[i], exact[i], case, what=f"∂f/∂{name}", tol=1e-12, hint=hint)
    check.passed()


STEPS = [10.0**-k for k in range(1, 16)]


@checker("1.5", "best_step()", function("best_step"))
def check_best_step(check, best_step):
    """Exercise 1.5: best_step(f, x, exact), the step h in STEPS with the smallest error."""
    cases = [
        ("x**3 at x = 2 (exact slope 12)", lambda x: x**3, 2.0, 12.0),
        ("exp(x) at x = 1 (exact slope e)", _exp, 1.0, math.e),
        ("1/x at x = 0.5 (exact slope -4)", lambda x: 1 / x, 0.5, -4.0),
        ("x**2 at x = 1000 (exact slope 2000)", lambda x: x**2, 1000.0, 2000.0),
    ]
    results = []
    for case, f, x, exact in cases:
        got = check.call(best_step, f, x, exact, case=case)
        errors = {h: abs(_central(f, x, h) - exact) for h in STEPS}
        best = min(errors, key=errors.get)
        if not isinstance(got, float) or got not in errors:
            hint = (
                "Return the step h itself (one of STEPS), not its error."
                if isinstance(got, float) and 0 <= got < 1e-1 and got not in errors
                else "Return one of the numbers in STEPS: the step with the smallest error."
            )
            raise check.fail(
                "the result should be one of the steps in STEPS", case=case, got=got, hint=hint
            )
        patterns = {
            "worst": max(errors, key=errors.get),
            "signed": min(STEPS, key=lambda h, f=f, x=x, exact=exact: _central(f, x, h) - exact),
            "tiniest": STEPS[-1],
            "biggest": STEPS[0],
            "forward": min(
                STEPS, key=lambda h, f=f, x=x, exact=exact: abs(_forward(f, x, h) - exact)
            ),
            "next": STEPS[min(STEPS.index(best) + 1, len(STEPS) - 1)],
        }
        wrong = errors[got] > 1.5 * errors[best] + 1e-15
        results.append((case, got, best, wrong, patterns))
    failures = [r for r in results if r[3]]
    if failures:
        case, got, best, _, _ = failures[0]
        # the mistake is the pattern the answers follow on every case
        kind = next(
            (
                k
                for k in ("worst", "tiniest", "biggest", "signed", "forward", "next")
                if all(r[1] == r[4][k] for r in results)
            ),
            "same" if len({r[1] for r in results}) == 1 else None,
        )
        hints = {
            "worst": "That step has the largest error of all: you want the smallest.",
            "tiniest": Hint(
                "The tiniest step is not the best: below some size, rounding error grows.",
                "Measure the error abs(estimate − exact) for every h and keep the h where it is smallest.",
                key="tiniest",
            ),
            "signed": Hint(
                "Compare the size of each error, whatever its sign: a big negative error is still big.",
                "Use abs(central_difference(f, x, h) − exact) and keep the h where it is smallest.",
                key="abs",
            ),
            "biggest": "That is the biggest step, the first in STEPS: measure every step's error "
            "and keep the smallest.",
            "forward": "Those are the best steps for the forward difference: estimate each slope "
            "with your central_difference.",
            "next": "That is the step right after the best one: check which index you return.",
            "same": "You return the same step for every function, although their best steps "
            "differ: measure the errors with the f, x and exact slope you are given.",
            None: Hint(
                "Measure every step's error the same way, and keep the step where it is smallest.",
                "Use abs(central_difference(f, x, h) − exact) for each h in STEPS.",
                key="best",
            ),
        }
        raise check.fail(
            "that is not the step with the smallest error",
            case=case,
            expected=best,
            got=got,
            hint=hints[kind],
        )
    check.count += len(results)
    check.passed()
