"""Self-checks for the exercise notebooks (`exercises/NN_topic.ipynb`).

    import micrograd_checks as checks
    checks.check_derivative(derivative)      # after writing derivative() in exercise 1.1

Each check runs your code on hidden test cases. If all pass it prints a line starting with ✔;
otherwise it raises `CheckFailed` saying which case failed, what was expected, what you got and
a hint (`NotImplementedYet` if the exercise still raises NotImplementedError). The expected
answers are computed with micrograd itself, never copied from a solution.
"""

from micrograd_checks.capstone import check_own_add_mul_pow, check_own_value
from micrograd_checks.capstone_activations import check_own_activations
from micrograd_checks.capstone_backward import check_own_backward
from micrograd_checks.capstone_derived import check_own_derived_ops
from micrograd_checks.capstone_nn import capstone_summary, check_own_mlp
from micrograd_checks.capstone_training import check_own_training
from micrograd_checks.chain_rule import (
    check_backprop_by_hand,
    check_f_and_grads,
    check_gradient_step,
    check_shared_node,
)
from micrograd_checks.chain_rule_tape import check_tape_backward
from micrograd_checks.core import CheckFailed, LearnerError, NotImplementedYet, WrongInput
from micrograd_checks.derivatives import (
    check_central_difference,
    check_derivative,
    check_partials,
)
from micrograd_checks.derivatives_exact import check_best_step, check_exact_partials
from micrograd_checks.mlp_training import (
    check_cross_entropy,
    check_cross_entropy_grad,
    check_softmax,
)
from micrograd_checks.mlp_training_loop import check_moons_training, check_train_step
from micrograd_checks.neuron_classes import check_my_mlp, check_my_neuron
from micrograd_checks.neurons import check_neuron_forward, check_sigmoid
from micrograd_checks.topological_backward import check_backward
from micrograd_checks.topological_sort import (
    check_kahn_order,
    check_topo_sort,
    check_topo_sort_iterative,
)
from micrograd_checks.value import (
    check_pow_and_tanh,
    check_reflected,
    check_scalar_div,
    check_scalar_exp_log,
    check_scalar_sub,
)

__all__ = [
    "CheckFailed",
    "NotImplementedYet",
    "WrongInput",
    "LearnerError",
    # chapter 1: derivatives
    "check_derivative",
    "check_central_difference",
    "check_partials",
    "check_exact_partials",
    "check_best_step",
    # chapter 2: the chain rule
    "check_backprop_by_hand",
    "check_shared_node",
    "check_f_and_grads",
    "check_tape_backward",
    "check_gradient_step",
    # chapter 3: the Value object
    "check_scalar_sub",
    "check_scalar_div",
    "check_scalar_exp_log",
    "check_reflected",
    "check_pow_and_tanh",
    # chapter 4: topological sort and backward()
    "check_topo_sort",
    "check_topo_sort_iterative",
    "check_backward",
    "check_kahn_order",
    # chapter 5: neurons
    "check_neuron_forward",
    "check_sigmoid",
    "check_my_neuron",
    "check_my_mlp",
    # chapter 6: training an MLP
    "check_softmax",
    "check_cross_entropy",
    "check_cross_entropy_grad",
    "check_train_step",
    "check_moons_training",
    # the capstone: build micrograd yourself
    "check_own_value",
    "check_own_add_mul_pow",
    "check_own_derived_ops",
    "check_own_activations",
    "check_own_backward",
    "check_own_mlp",
    "check_own_training",
    "capstone_summary",
]
