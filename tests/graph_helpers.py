"""Helpers shared by the engine tests."""


def recursive_topological_order(root):
    """The lecture's recursive depth-first search, as the reference for topological_order()."""
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for child in node._children:
                visit(child)
            order.append(node)

    visit(root)
    return order
