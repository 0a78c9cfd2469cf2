"""Functions a claim names rather than writes out: ``\\operatorname{ELU}_{\\alpha}(x) + \\alpha``.

The parser keeps a function it cannot evaluate as an opaque application (``ELU(x)``). Under an
activation problem, the problem's own function is known: its definition is substituted, so
"ELU'(x) = ELU(x) + α for x < 0" is checked like any other answer. Under GELU, Φ and φ are the
standard normal distribution function and density, as the solution itself prints them. Any
other opaque function is left alone, and the checker calls the claim undecided, never refuted:
we cannot tell what it means.
"""

from __future__ import annotations

import re

import sympy
from sympy.core.function import AppliedUndef

from symderive.derive.activations import ActivationSolution

_NORMAL_DISTRIBUTION = ("phi_upper", "phi")


def _key(name: str) -> str:
    """The spelling-free form of a function's name: LeakyReLU, leaky_relu → leakyrelu."""
    if name == "Phi":
        return "phi_upper"
    if name in ("phi", "varphi"):
        return "phi"
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _own_names(solution: ActivationSolution) -> set[str]:
    """The names the solution prints for its function, without a Greek parameter subscript."""
    printed = re.sub(r"_[α-ω]$", "", solution.unicode_name)
    return {_key(solution.name), _key(printed)} - {"expression"}


def _normal(name: str, argument: sympy.Expr) -> sympy.Expr:
    if name == "phi_upper":
        return (1 + sympy.erf(argument / sympy.sqrt(2))) / 2
    return sympy.exp(-(argument**2) / 2) / sympy.sqrt(2 * sympy.pi)


def resolve_functions(value: sympy.Basic, solution: ActivationSolution) -> sympy.Basic:
    """``value`` with the problem's own named function (and Φ, φ under GELU) written out."""
    applications = value.atoms(AppliedUndef)
    if not applications:
        return value
    if solution.jacobian is not None:
        return value
    own = _own_names(solution)
    normal = solution.name == "gelu"
    replacements: dict[sympy.Basic, sympy.Basic] = {}
    for application in applications:
        key = _key(type(application).__name__)
        if len(application.args) != 1:
            continue
        (argument,) = application.args
        if key in own:
            replacements[application] = solution.definition.xreplace({solution.variable: argument})
        elif normal and key in _NORMAL_DISTRIBUTION:
            replacements[application] = _normal(key, argument)
    if not replacements:
        return value
    resolved = value.xreplace(replacements)
    return resolved if resolved == value else resolve_functions(resolved, solution)


def unknown_functions(value: sympy.Basic) -> list[str]:
    """The names of opaque functions still in ``value``, sorted."""
    return sorted({type(application).__name__ for application in value.atoms(AppliedUndef)})
