"""The table of outer derivatives: d f(u)/du for every whitelisted function of one argument.

Each entry names the rule, gives the general formula in LaTeX (shown beside the step) and builds
f'(u) from u. Caveats such as the kink of ReLU travel with the entry as a note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from symderive.derive.steps import Rule
from symderive.functions import relu, sigmoid, softplus


@dataclass(frozen=True)
class OuterRule:
    """How to differentiate f(u) with respect to u."""

    rule: Rule
    formula: str
    derivative: Callable[[sympy.Expr], sympy.Expr]
    note: str | None = None


def _kink_note(name: str) -> str:
    return (
        f"{name} is not differentiable where its argument is 0; any value in [0, 1] is a "
        "subgradient there, and frameworks use 0."
    )


OUTER_RULES: dict[type, OuterRule] = {
    sympy.exp: OuterRule(Rule.EXPONENTIAL, r"\frac{d}{du} e^{u} = e^{u}", sympy.exp),
    sympy.log: OuterRule(Rule.LOGARITHM, r"\frac{d}{du} \ln u = \frac{1}{u}", lambda u: 1 / u),
    sympy.sin: OuterRule(Rule.TRIGONOMETRIC, r"\frac{d}{du} \sin u = \cos u", sympy.cos),
    sympy.cos: OuterRule(
        Rule.TRIGONOMETRIC, r"\frac{d}{du} \cos u = -\sin u", lambda u: -sympy.sin(u)
    ),
    sympy.tan: OuterRule(
        Rule.TRIGONOMETRIC,
        r"\frac{d}{du} \tan u = 1 + \tan^{2} u",
        lambda u: 1 + sympy.tan(u) ** 2,
    ),
    sympy.asin: OuterRule(
        Rule.INVERSE_TRIGONOMETRIC,
        r"\frac{d}{du} \arcsin u = \frac{1}{\sqrt{1 - u^{2}}}",
        lambda u: 1 / sympy.sqrt(1 - u**2),
    ),
    sympy.acos: OuterRule(
        Rule.INVERSE_TRIGONOMETRIC,
        r"\frac{d}{du} \arccos u = -\frac{1}{\sqrt{1 - u^{2}}}",
        lambda u: -1 / sympy.sqrt(1 - u**2),
    ),
    sympy.atan: OuterRule(
        Rule.INVERSE_TRIGONOMETRIC,
        r"\frac{d}{du} \arctan u = \frac{1}{1 + u^{2}}",
        lambda u: 1 / (1 + u**2),
    ),
    sympy.sinh: OuterRule(Rule.HYPERBOLIC, r"\frac{d}{du} \sinh u = \cosh u", sympy.cosh),
    sympy.cosh: OuterRule(Rule.HYPERBOLIC, r"\frac{d}{du} \cosh u = \sinh u", sympy.sinh),
    sympy.tanh: OuterRule(
        Rule.HYPERBOLIC,
        r"\frac{d}{du} \tanh u = 1 - \tanh^{2} u",
        lambda u: 1 - sympy.tanh(u) ** 2,
    ),
    sigmoid: OuterRule(
        Rule.SPECIAL_FUNCTION,
        r"\frac{d}{du} \sigma(u) = \sigma(u)\,(1 - \sigma(u))",
        lambda u: sigmoid(u) * (1 - sigmoid(u)),
    ),
    relu: OuterRule(
        Rule.SPECIAL_FUNCTION,
        r"\frac{d}{du} \operatorname{ReLU}(u) = H(u) = "
        r"\begin{cases} 1 & u > 0 \\ 0 & u < 0 \end{cases}",
        sympy.Heaviside,
        _kink_note("ReLU"),
    ),
    softplus: OuterRule(
        Rule.SPECIAL_FUNCTION,
        r"\frac{d}{du} \operatorname{softplus}(u) = \sigma(u)",
        sigmoid,
    ),
    sympy.Abs: OuterRule(
        Rule.SPECIAL_FUNCTION,
        r"\frac{d}{du} |u| = \operatorname{sign}(u)",
        sympy.sign,
        "|u| is not differentiable at u = 0; any value in [-1, 1] is a subgradient there.",
    ),
    sympy.erf: OuterRule(
        Rule.SPECIAL_FUNCTION,
        r"\frac{d}{du} \operatorname{erf} u = \frac{2}{\sqrt{\pi}} e^{-u^{2}}",
        lambda u: 2 / sympy.sqrt(sympy.pi) * sympy.exp(-(u**2)),
    ),
}
