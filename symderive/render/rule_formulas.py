"""The general form of every differentiation rule, in LaTeX: what a step shows beside itself.

The derivation names the formula a step applies (``Formula``); how it is written is decided
here, once, for every format (Unicode is translated from this LaTeX).
"""

from __future__ import annotations

from symderive.derive.steps import Formula

_KINK = r"\begin{cases} 1 & u > 0 \\ 0 & u < 0 \end{cases}"

RULE_FORMULAS: dict[Formula, str] = {
    Formula.CONSTANT: r"\frac{d}{dx} c = 0",
    Formula.VARIABLE: r"\frac{d}{dx} x = 1",
    Formula.SUM: r"\frac{d}{dx}(f + g) = f' + g'",
    Formula.CONSTANT_MULTIPLE: r"\frac{d}{dx}(c f) = c f'",
    Formula.PRODUCT: r"\frac{d}{dx}(f g) = f' g + f g'",
    Formula.QUOTIENT: r"\frac{d}{dx}\frac{f}{g} = \frac{f' g - f g'}{g^{2}}",
    Formula.POWER: r"\frac{d}{du} u^{n} = n u^{n-1}",
    Formula.GENERAL_POWER: r"\frac{d}{dx} f^{g} = f^{g}\left(g' \ln f + \frac{g f'}{f}\right)",
    Formula.EXPONENTIAL: r"\frac{d}{du} a^{u} = a^{u} \ln a",
    Formula.NATURAL_EXPONENTIAL: r"\frac{d}{du} e^{u} = e^{u}",
    Formula.LOGARITHM: r"\frac{d}{du} \ln u = \frac{1}{u}",
    Formula.CHAIN: r"\frac{d}{dx} f(u(x)) = f'(u)\, u'(x)",
    Formula.EXTREMUM: r"\frac{d}{dx} \max(f, g) = f'\,H(f - g) + g'\,H(g - f)",
    Formula.CASES: (
        r"\frac{d}{dx} \begin{cases} f & c_1 \\ g & c_2 \end{cases} = "
        r"\begin{cases} f' & c_1 \\ g' & c_2 \end{cases}"
    ),
    Formula.SINE: r"\frac{d}{du} \sin u = \cos u",
    Formula.COSINE: r"\frac{d}{du} \cos u = -\sin u",
    Formula.TANGENT: r"\frac{d}{du} \tan u = 1 + \tan^{2} u",
    Formula.ARCSINE: r"\frac{d}{du} \arcsin u = \frac{1}{\sqrt{1 - u^{2}}}",
    Formula.ARCCOSINE: r"\frac{d}{du} \arccos u = -\frac{1}{\sqrt{1 - u^{2}}}",
    Formula.ARCTANGENT: r"\frac{d}{du} \arctan u = \frac{1}{1 + u^{2}}",
    Formula.HYPERBOLIC_SINE: r"\frac{d}{du} \sinh u = \cosh u",
    Formula.HYPERBOLIC_COSINE: r"\frac{d}{du} \cosh u = \sinh u",
    Formula.HYPERBOLIC_TANGENT: r"\frac{d}{du} \tanh u = 1 - \tanh^{2} u",
    Formula.SIGMOID: r"\frac{d}{du} \sigma(u) = \sigma(u)\,(1 - \sigma(u))",
    Formula.RELU: r"\frac{d}{du} \operatorname{ReLU}(u) = H(u) = " + _KINK,
    Formula.SOFTPLUS: r"\frac{d}{du} \operatorname{softplus}(u) = \sigma(u)",
    Formula.ABSOLUTE_VALUE: r"\frac{d}{du} |u| = \operatorname{sign}(u)",
    Formula.ERROR_FUNCTION: r"\frac{d}{du} \operatorname{erf} u = \frac{2}{\sqrt{\pi}} e^{-u^{2}}",
    Formula.STEP_FUNCTION: (
        r"\frac{d}{du} H(u) = \frac{d}{du} \operatorname{sign}(u) = "
        r"\begin{cases} 0 & u > 0 \\ 0 & u < 0 \end{cases}"
    ),
}


def formula_latex(formula: Formula | None) -> str | None:
    """The LaTeX of a step's general formula, or None for a step without one (simplification)."""
    return None if formula is None else RULE_FORMULAS[formula]
