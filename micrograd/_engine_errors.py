"""The engine's error messages for bad input, kept out of the teaching code."""


def _no_local_grads(node):
    hint = ""
    if not isinstance(node._op, str):  # Value(data, children, local_grads, op)
        hint = (
            f" (the third argument, {node._op!r:.40}, is the name of the "
            "operation now; the local derivatives go in local_grads=)"
        )
    raise ValueError(
        f"a {node._op!r:.40} node has {len(node._children)} children but no "
        "local derivatives: micrograd stores one local derivative per child "
        "instead of a _backward closure, so build it as "
        f"Value(data, children, op, local_grads=(d_child1, ...)){hint}"
    )


def _needs_a_value(function, x):
    raise TypeError(
        f"{function} needs the Value at the end of a computation, "
        f"got {type(x).__name__} {x!r:.40}"
    )
