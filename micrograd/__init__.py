"""micrograd: a tiny scalar autograd engine and a neural-network library on top of it.

`Value`, `topological_order` and the `nn` classes are importable from here; the
graph pictures live in `micrograd.viz` (they need graphviz and matplotlib).
"""

from micrograd.engine import Value, topological_order
from micrograd.nn import MLP, Layer, Module, Neuron

__all__ = ["Value", "topological_order", "Module", "Neuron", "Layer", "MLP"]
__version__ = "1.0.0"
