"""Mutants of the exercises' reference solutions that compute the same thing as the solution.

No check can tell these apart from the solution, so tests/exercise_mutants.py leaves them out of
the score. Each entry: (exercise, the mutant's key as the tool prints it -- "kind: old -> new" --,
why it is equivalent). The tool fails if an entry matches no mutant any more, or if the check kills
it (then it was not equivalent).
"""

INDEPENDENT = "independent assignments: neither reads what the other writes"

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
]
