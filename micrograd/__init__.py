"""micrograd: a tiny scalar autograd engine and a neural-network library on top of it.

    from micrograd import Value, MLP
    from micrograd.viz import draw_dot        # graph pictures (needs graphviz)
"""

from micrograd.engine import Value, topological_order
from micrograd.nn import MLP, Layer, Module, Neuron

__all__ = ["Value", "topological_order", "Module", "Neuron", "Layer", "MLP"]
__version__ = "1.0.0"
