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
    gives function ``f`` and argument ``t``; ``\\sigma'(z)_j`` adds the index ``j``. A second
    derivative has ``order`` 2; a mixed one (``\\frac{\\partial^2 f}{\\partial x \\partial y}``)
    names its other variable in ``second_variable`` (None for ∂²f/∂x², f''(x)).
    """

    function: str | None
    variable: str | None = None
    argument: sympy.Expr | None = None
    index: str | None = None
    partial: bool = False
    order: int = 1
    expression: sympy.Basic | None = None
    second_variable: str | None = None


@dataclass(frozen=True)
class Operator:
    """``\frac{d}{dx}`` waiting for what it applies to (the rest of its product)."""

    variable: str
    partial: bool
    order: int = 1
    second_variable: str | None = None


def operator_of(numerator: object, denominator: object) -> Operator | None:
    """``\frac{d}{dx}`` or ``\frac{\\partial}{\\partial x}`` with nothing on top;
    ``\frac{d^2}{dx^2}`` (order 2)."""
    for marker, partial in ((DIFFERENTIAL, False), (PARTIAL, True)):
        if numerator == marker**2:
            second = second_order_variables(denominator, marker)
            if second is not None:
                return Operator(second[0], partial, 2, second[1])
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
    second = _second_order(numerator, denominator)
    if second is not None:
        return second
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


def second_order_variables(
    denominator: object, marker: sympy.Symbol
) -> tuple[str, str | None] | None:
    """The variables below a second derivative: ``∂x^2`` or ``(∂x)^2`` give (x, None),
    ``∂x ∂y`` (read as ∂²·x·y) gives (x, y); None for anything else."""
    if not isinstance(denominator, sympy.Mul):
        return None
    factors = sympy.Mul.make_args(denominator)
    others = [f for f in factors if f not in (marker, marker**2)]
    markers = [f for f in factors if f in (marker, marker**2)]
    if len(markers) != 1:
        return None
    squares = [f for f in others if f.is_Pow and f.exp == 2 and isinstance(f.base, sympy.Symbol)]
    if len(others) == 1 and len(squares) == 1:
        return (squares[0].base.name, None)
    mixed = markers[0] == marker**2 and len(others) == 2
    if mixed and all(isinstance(f, sympy.Symbol) for f in others) and others[0] != others[1]:
        first, second = sorted(f.name for f in others)
        return (first, second)
    return None


def _second_order(numerator: sympy.Mul, denominator: sympy.Mul) -> DerivativeNotation | None:
    """``\\frac{\\partial^2 f}{\\partial x^2}``, ``\\frac{d^2 y}{dx^2}``,
    ``\\frac{\\partial^2 f}{\\partial x \\partial y}``: a function's name over two variables, with
    the marker squared on top."""
    for marker, partial in ((DIFFERENTIAL, False), (PARTIAL, True)):
        top = sympy.Mul.make_args(numerator)
        if len(top) != 2 or marker**2 not in top:
            continue
        function = next(factor for factor in top if factor != marker**2)
        variables = second_order_variables(denominator, marker)
        if isinstance(function, sympy.Symbol) and variables is not None:
            variable, second_variable = variables
            return DerivativeNotation(
                function.name,
                variable=variable,
                partial=partial,
                order=2,
                second_variable=second_variable,
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
