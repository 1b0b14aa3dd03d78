"""The engine's error messages for bad input, kept out of the teaching code."""


def _op_must_be_text(op):
    hint = (
        " (the local derivatives are a keyword now: "
        "Value(data, children, op, local_grads=(...)))"
        if isinstance(op, (tuple, list))
        else ""
    )
    raise TypeError(
        f"_op, the third argument of Value, names the operation and must be "
        f"a string such as 'tanh', got {type(op).__name__} {op!r:.40}{hint}"
    )


class _NoLocalGrads:
    """Stands in for the local derivatives of a node built without them."""

    __slots__ = ("op",)

    def __init__(self, op):
        self.op = op

    def __iter__(self):
        raise ValueError(
            f"a {self.op!r} node has children but no local derivatives: "
            "micrograd stores one local derivative per child instead of a "
            "_backward closure, so build it as "
            "Value(data, children, op, local_grads=(d_child1, ...))"
        )

    def __repr__(self):
        return "<no local derivatives>"


def _needs_a_value(function, x):
    raise TypeError(
        f"{function} needs the Value at the end of a computation, "
        f"got {type(x).__name__} {x!r:.40}"
    )
