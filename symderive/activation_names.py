"""The activation functions a problem file may name, with their aliases and parameters.

Problem files are checked against these names before anything is derived, so the vocabulary
lives below both the kinds that read it and the solvers that give each name its mathematics
(``derive/activation_catalogue.py`` defines every function named here, ``derive/collapse.py``
and ``derive/counterexample.py`` the collapse of stacked layers). Loading a problem file thus
needs neither the solvers nor NumPy.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from symderive.parsing.names import make_symbol

ALPHA = make_symbol("alpha")
BETA = make_symbol("beta")

SCALAR_FUNCTIONS = (
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "elu",
    "softplus",
    "gelu",
    "gelu_tanh",
    "swish",
    "silu",
)
"""The catalogue of kind ``activation``, in its order (softmax and log-softmax follow)."""
VECTOR_FUNCTIONS = ("softmax", "log_softmax")
ALIASES = {"logistic": "sigmoid", "gelu_erf": "gelu", "logsoftmax": "log_softmax"}

AFFINE_ACTIVATIONS = ("identity", "linear")
"""Activations under which stacked layers collapse to one affine map (kind ``linear-collapse``)."""
PIECEWISE_LINEAR = ("relu", "leaky_relu")
SMOOTH = ("elu", "tanh", "sigmoid", "softplus", "silu")
NONLINEAR = PIECEWISE_LINEAR + SMOOTH
"""Activations under which they do not: a verified counterexample instead of a proof."""


@dataclass(frozen=True)
class Parameter:
    """A parameter of an activation function, with its default and its admissible values."""

    name: str
    symbol: sympy.Symbol
    default: sympy.Rational
    meaning: str
    positive: bool = False


PARAMETERS: dict[str, tuple[Parameter, ...]] = {
    "leaky_relu": (Parameter("alpha", ALPHA, sympy.Rational(1, 100), "the slope for x < 0"),),
    "elu": (
        Parameter("alpha", ALPHA, sympy.Integer(1), "the saturation value −α for x → −∞", True),
    ),
    "swish": (Parameter("beta", BETA, sympy.Integer(1), "the slope inside σ(βx)"),),
}
"""The parameters each function accepts (none for SiLU, whose β is fixed at 1)."""


def function_names() -> list[str]:
    """Every name ``function:`` accepts, catalogue order, vector functions last."""
    return [*SCALAR_FUNCTIONS, *VECTOR_FUNCTIONS]


def canonical_name(text: str) -> str | None:
    """The catalogue name for ``LeakyReLU``, ``leaky-relu`` or ``leaky_relu``; None if unknown."""
    squashed = text.strip().lower().replace("-", "").replace("_", "").replace(" ", "")
    for name in [*function_names(), *ALIASES]:
        if name.replace("_", "") == squashed:
            return ALIASES.get(name, name)
    return None


def parameters_of(name: str) -> tuple[Parameter, ...]:
    """The parameters a function accepts (none for SiLU, whose β is fixed at 1)."""
    return PARAMETERS.get(name, ())
