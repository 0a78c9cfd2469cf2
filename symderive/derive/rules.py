"""The table of outer derivatives: d f(u)/du for every whitelisted function of one argument.

Each entry names the rule and its general formula (a printer writes it beside the step) and
builds f'(u) from u. Caveats such as the kink of ReLU travel with the entry as a code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from symderive.derive.steps import Caveat, Formula, Rule
from symderive.functions import relu, sigmoid, softplus


@dataclass(frozen=True)
class OuterRule:
    """How to differentiate f(u) with respect to u."""

    rule: Rule
    formula: Formula
    derivative: Callable[[sympy.Expr], sympy.Expr]
    note: Caveat | None = None


OUTER_RULES: dict[type, OuterRule] = {
    sympy.exp: OuterRule(Rule.EXPONENTIAL, Formula.NATURAL_EXPONENTIAL, sympy.exp),
    sympy.log: OuterRule(Rule.LOGARITHM, Formula.LOGARITHM, lambda u: 1 / u),
    sympy.sin: OuterRule(Rule.TRIGONOMETRIC, Formula.SINE, sympy.cos),
    sympy.cos: OuterRule(Rule.TRIGONOMETRIC, Formula.COSINE, lambda u: -sympy.sin(u)),
    sympy.tan: OuterRule(
        Rule.TRIGONOMETRIC,
        Formula.TANGENT,
        lambda u: 1 + sympy.tan(u) ** 2,
    ),
    sympy.asin: OuterRule(
        Rule.INVERSE_TRIGONOMETRIC,
        Formula.ARCSINE,
        lambda u: 1 / sympy.sqrt(1 - u**2),
    ),
    sympy.acos: OuterRule(
        Rule.INVERSE_TRIGONOMETRIC,
        Formula.ARCCOSINE,
        lambda u: -1 / sympy.sqrt(1 - u**2),
    ),
    sympy.atan: OuterRule(
        Rule.INVERSE_TRIGONOMETRIC,
        Formula.ARCTANGENT,
        lambda u: 1 / (1 + u**2),
    ),
    sympy.sinh: OuterRule(Rule.HYPERBOLIC, Formula.HYPERBOLIC_SINE, sympy.cosh),
    sympy.cosh: OuterRule(Rule.HYPERBOLIC, Formula.HYPERBOLIC_COSINE, sympy.sinh),
    sympy.tanh: OuterRule(
        Rule.HYPERBOLIC,
        Formula.HYPERBOLIC_TANGENT,
        lambda u: 1 - sympy.tanh(u) ** 2,
    ),
    sigmoid: OuterRule(
        Rule.SPECIAL_FUNCTION,
        Formula.SIGMOID,
        lambda u: sigmoid(u) * (1 - sigmoid(u)),
    ),
    relu: OuterRule(
        Rule.SPECIAL_FUNCTION,
        Formula.RELU,
        sympy.Heaviside,
        Caveat.RELU_KINK,
    ),
    softplus: OuterRule(
        Rule.SPECIAL_FUNCTION,
        Formula.SOFTPLUS,
        sigmoid,
    ),
    sympy.Abs: OuterRule(
        Rule.SPECIAL_FUNCTION,
        Formula.ABSOLUTE_VALUE,
        sympy.sign,
        Caveat.ABSOLUTE_VALUE_KINK,
    ),
    # H(u) and sign(u), the derivatives of ReLU, max and |u|: met again in a second derivative
    sympy.Heaviside: OuterRule(
        Rule.SPECIAL_FUNCTION, Formula.STEP_FUNCTION, lambda u: sympy.Integer(0), Caveat.STEP_JUMP
    ),
    sympy.sign: OuterRule(
        Rule.SPECIAL_FUNCTION, Formula.STEP_FUNCTION, lambda u: sympy.Integer(0), Caveat.STEP_JUMP
    ),
    sympy.erf: OuterRule(
        Rule.SPECIAL_FUNCTION,
        Formula.ERROR_FUNCTION,
        lambda u: 2 / sympy.sqrt(sympy.pi) * sympy.exp(-(u**2)),
    ),
}
