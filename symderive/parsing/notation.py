"""The names of derivatives as students write them, read off LaTeX's parsed pieces.

``\\frac{dz}{dx_1}``, ``\\frac{\\partial z}{\\partial x_1}``, ``dz/dx_1``, ``f'(t)``,
``\\sigma'(z)_j`` and the operator form ``\\frac{d}{dx} f(x)`` all say which derivative the
other side of ``=`` claims to be. The checker uses that to attribute a claim to a problem.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

DIFFERENTIAL = sympy.Symbol("d", real=True)
PARTIAL = sympy.Symbol("∂")


@dataclass(frozen=True)
class DerivativeNotation:
    """The left-hand side of a claim: which derivative it states.

    ``\\frac{\\partial z}{\\partial x_1}`` gives function ``z`` and variable ``x1``; ``f'(t)``
    gives function ``f`` and argument ``t``; ``\\sigma'(z)_j`` adds the index ``j``.
    """

    function: str | None
    variable: str | None = None
    argument: sympy.Expr | None = None
    index: str | None = None
    partial: bool = False
    order: int = 1
    expression: sympy.Basic | None = None


@dataclass(frozen=True)
class Operator:
    """``\frac{d}{dx}`` waiting for what it applies to (the rest of its product)."""

    variable: str
    partial: bool


def operator_of(numerator: object, denominator: object) -> Operator | None:
    """``\frac{d}{dx}`` or ``\frac{\\partial}{\\partial x}`` with nothing on top."""
    for marker, partial in ((DIFFERENTIAL, False), (PARTIAL, True)):
        if numerator == marker and isinstance(denominator, sympy.Mul):
            bottom = sympy.Mul.make_args(denominator)
            if len(bottom) == 2 and marker in bottom:
                variable = next(factor for factor in bottom if factor != marker)
                if isinstance(variable, sympy.Symbol):
                    return Operator(variable.name, partial)
    return None


def leibniz(numerator: object, denominator: object) -> DerivativeNotation | None:
    """``\\frac{dz}{dx}`` / ``\\frac{\\partial z}{\\partial x}`` → which derivative is named."""
    if not isinstance(numerator, sympy.Mul) or not isinstance(denominator, sympy.Mul):
        return None
    for marker, partial in ((DIFFERENTIAL, False), (PARTIAL, True)):
        top, bottom = sympy.Mul.make_args(numerator), sympy.Mul.make_args(denominator)
        if len(top) == 2 and len(bottom) == 2 and marker in top and marker in bottom:
            function = next(factor for factor in top if factor != marker)
            variable = next(factor for factor in bottom if factor != marker)
            if isinstance(function, sympy.Symbol) and isinstance(variable, sympy.Symbol):
                return DerivativeNotation(function.name, variable=variable.name, partial=partial)
            if (
                isinstance(function, sympy.Function)
                and len(function.args) == 1
                and isinstance(variable, sympy.Symbol)
            ):  # \frac{d\sigma(x)}{dx}: the function applied, named by its class
                return DerivativeNotation(
                    type(function).__name__.lower(),
                    variable=variable.name,
                    argument=function.args[0],
                    partial=partial,
                )
    return None


def looks_like_leibniz(numerator: object, denominator: object) -> bool:
    """Both sides carry the differential's d (or ∂) as a factor: a derivative's name that could
    not be read. Cancelling the d's would silently turn d(σ(x))/dx into σ(x)/x."""

    def carries(side: object, marker: sympy.Symbol) -> bool:
        factors = sympy.Mul.make_args(side) if isinstance(side, sympy.Basic) else ()
        return any(f == marker or (f.is_Pow and f.base == marker) for f in factors)

    return any(
        carries(numerator, marker) and carries(denominator, marker)
        for marker in (DIFFERENTIAL, PARTIAL)
    )
