"""Numeric checks of an activation's derivative: central differences at seeded points.

Independent of the derivation: the function is rewritten into SymPy's own (``to_native``) and
differenced at 50 digits, at points a margin away from every kink, the same points on every run.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import mpmath
import sympy

from symderive.derive.evaluation import (
    ABSOLUTE_TOLERANCE,
    PRECISION,
    RELATIVE_STEP,
    RELATIVE_TOLERANCE,
)
from symderive.functions import to_native

CHECK_POINTS = 3
KINK_MARGIN = sympy.Rational(1, 10)


@dataclass(frozen=True)
class NumericCheck:
    """A derived derivative beside a central difference (f(x+h) − f(x−h))/2h at one point.

    ``variable`` is the one the difference moves; ``output`` is the index of the output
    differentiated when the function has several (softmax), None when it has one.
    """

    variable: sympy.Symbol
    point: tuple[tuple[sympy.Symbol, sympy.Rational], ...]
    derivative: float
    finite_difference: float
    step: float
    error: float
    passed: bool
    output: int | None = None


def finite_difference_check(
    function: sympy.Expr,
    derivative: sympy.Expr,
    variable: sympy.Symbol,
    point: Mapping[sympy.Symbol, sympy.Rational],
    output: int | None = None,
) -> NumericCheck:
    """The derivative at ``point`` beside a central difference in ``variable``, 50 digits."""
    native, derived = to_native(function), to_native(derivative)
    center = point[variable]
    step = RELATIVE_STEP * max(1, abs(center))
    with mpmath.workdps(PRECISION):
        above = _value(native, {**point, variable: center + step})
        below = _value(native, {**point, variable: center - step})
        estimate = (above - below) / (2 * _value(step, {}))
        exact = _value(derived, dict(point))
        error = abs(estimate - exact)
        allowed = RELATIVE_TOLERANCE * max(abs(estimate), abs(exact)) + ABSOLUTE_TOLERANCE
    return NumericCheck(
        variable,
        tuple(point.items()),
        float(exact),
        float(estimate),
        float(step),
        float(error),
        bool(error <= allowed),
        output,
    )


def decimal(value: sympy.Rational) -> str:
    """A two-decimal point as written: ``-1.25``, ``3``."""
    return f"{float(value):g}"


def _value(expression: sympy.Expr, point: Mapping[sympy.Symbol, sympy.Expr]) -> mpmath.mpf:
    value = expression.xreplace(dict(point)).evalf(PRECISION)
    return mpmath.mpf(str(value)) if value.is_real else mpmath.mpf("nan")


def check_points(
    seed: str,
    low: sympy.Rational,
    high: sympy.Rational,
    avoid: Sequence[sympy.Expr],
    usable: Callable[[sympy.Rational], bool],
    count: int = CHECK_POINTS,
) -> list[sympy.Rational]:
    """Random two-decimal points in [low, high], 0.1 from every kink, where ``usable`` holds.

    The seed makes them the same on every run (golden files). Fewer than ``count`` come back
    only when the range holds no usable point in a few hundred draws.
    """
    generator = random.Random(seed)
    found: list[sympy.Rational] = []
    first, last = int(sympy.ceiling(low * 100)), int(sympy.floor(high * 100))
    for _ in range(400):
        if len(found) == count:
            break
        value = sympy.Rational(generator.randint(first, last), 100)
        far = all(abs(value - k) >= KINK_MARGIN for k in avoid)
        if far and value not in found and usable(value):
            found.append(value)
    return sorted(found)


def is_finite_real(expression: sympy.Expr) -> bool:
    """Whether a closed expression evaluates to a finite real number."""
    value = expression.evalf(PRECISION)
    return bool(value.is_number and value.is_real and value.is_finite)
