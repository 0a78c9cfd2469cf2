"""What LaTeX names mean: constants, relations and the functions a formula may call."""

from __future__ import annotations

import sympy

from symderive.functions import relu, sigmoid, softplus

CONSTANTS: dict[str, sympy.Expr] = {"e": sympy.E, "pi": sympy.pi}
RELATIONS = {
    "<": sympy.StrictLessThan,
    ">": sympy.StrictGreaterThan,
    "<=": sympy.LessThan,
    ">=": sympy.GreaterThan,
    r"\le": sympy.LessThan,
    r"\leq": sympy.LessThan,
    r"\ge": sympy.GreaterThan,
    r"\geq": sympy.GreaterThan,
    r"\lt": sympy.StrictLessThan,
    r"\gt": sympy.StrictGreaterThan,
    r"\ne": sympy.Unequality,
    r"\neq": sympy.Unequality,
    "=": sympy.Eq,
}
FUNCTIONS = {
    "exp": sympy.exp,
    "ln": sympy.log,
    "log": sympy.log,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "sec": sympy.sec,
    "csc": sympy.csc,
    "cot": sympy.cot,
    "sech": sympy.sech,
    "csch": sympy.csch,
    "coth": sympy.coth,
    "arcsin": sympy.asin,
    "arccos": sympy.acos,
    "arctan": sympy.atan,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "atan": sympy.atan,
    "sigma": sigmoid,
    "sigmoid": sigmoid,
    "relu": relu,
    "softplus": softplus,
    "erf": sympy.erf,
    "sgn": sympy.sign,
    "sign": sympy.sign,
    "max": sympy.Max,
    "min": sympy.Min,
    "h": sympy.Heaviside,
    "heaviside": sympy.Heaviside,
}
SEVERAL_ARGUMENTS = {"max", "min"}
GREEK_LETTERS = frozenset(
    {
        "alpha",
        "beta",
        "gamma",
        "epsilon",
        "varepsilon",
        "zeta",
        "eta",
        "theta",
        "kappa",
        "lambda",
        "mu",
        "nu",
        "xi",
        "pi",
        "rho",
        "tau",
        "phi",
        "varphi",
        "chi",
        "psi",
        "omega",
        "Delta",
        "Gamma",
        "Theta",
        "Lambda",
        "Phi",
        "Psi",
        "Omega",
    }
)
"""The Greek letters of the grammar's GREEK terminal: as a function's subscript, a parameter."""
