"""Independent checks of derived results against SymPy's own ``diff``.

Every step of a derivation is checked here before it is returned. The check rewrites our own
functions (sigmoid, ReLU, softplus) into SymPy's with ``to_native`` first, so SymPy never uses
our derivative table: the two paths are independent. A symbolic check is tried first (structural
equality, then expansion, both cheap); where it cannot decide, the two sides are compared at
random points with 30-digit arithmetic. A disagreement is a bug and raises VerificationError.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import mpmath
import sympy

from symderive.budget import within_budget
from symderive.derive.steps import Verification
from symderive.errors import VerificationError
from symderive.functions import to_native

SYMBOLIC_BUDGET_SECONDS = 0.5
SAMPLE_POINTS = 6
MAX_ATTEMPTS = 60
RELATIVE_TOLERANCE = mpmath.mpf("1e-15")
_PRECISION_DIGITS = 30


def symbolically_equal(left: sympy.Expr, right: sympy.Expr) -> bool:
    """True when cheap symbolic manipulation shows ``left == right``; False means undecided."""
    if left == right:
        return True
    difference = left - right
    if difference == 0:
        return True

    def expanded_is_zero() -> bool:
        return bool(sympy.expand(difference) == 0)

    decided, finished = within_budget(expanded_is_zero, SYMBOLIC_BUDGET_SECONDS, False)
    return decided and finished


def _sample_value(generator: random.Random) -> sympy.Rational:
    """Mostly moderate values, never exactly at the usual kinks and poles (0, ±1)."""
    magnitude = generator.choice((0.5, 1.5, 3.0))
    value = generator.uniform(-magnitude, magnitude)
    return sympy.Rational(round(value * 10**6) + 1, 10**6)


def _evaluate(
    expression: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational]
) -> mpmath.mpc | None:
    """Evaluate at a point with 30 digits; None where the expression is undefined there."""
    try:
        value = expression.xreplace(point).evalf(_PRECISION_DIGITS)
    except (ZeroDivisionError, ValueError, TypeError, OverflowError):
        return None
    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or not value.is_number:
        return None
    try:
        return mpmath.mpc(complex(value))
    except (TypeError, ValueError, OverflowError):
        return None


def numerically_equal(
    left: sympy.Expr,
    right: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    seed: int = 20261127,
) -> tuple[bool, dict[sympy.Symbol, sympy.Rational] | None]:
    """Compare at random points; (False, point) at the first point where they differ.

    Points where either side is undefined are skipped and redrawn. If no point in the budget is
    usable, the comparison is reported as failed with no point: the caller must not claim success.
    """
    generator = random.Random(seed)
    usable = 0
    for _ in range(MAX_ATTEMPTS):
        point = {variable: _sample_value(generator) for variable in variables}
        left_value, right_value = _evaluate(left, point), _evaluate(right, point)
        if left_value is None or right_value is None:
            continue
        scale = max(abs(left_value), abs(right_value), mpmath.mpf(1))
        if abs(left_value - right_value) > RELATIVE_TOLERANCE * scale:
            return False, point
        usable += 1
        if usable >= SAMPLE_POINTS:
            return True, None
    return False, None


def check_equal(left: sympy.Expr, right: sympy.Expr, what: str) -> Verification:
    """Prove or test ``left == right`` (both native SymPy); raise VerificationError if not."""
    if symbolically_equal(left, right):
        return Verification.SYMBOLIC
    variables = sorted(left.free_symbols | right.free_symbols, key=lambda symbol: symbol.name)
    equal, point = numerically_equal(left, right, variables)
    if equal:
        return Verification.NUMERIC
    where = f" at {point}" if point else " (no point where both sides are defined)"
    raise VerificationError(f"internal check failed for {what}: {left} ≠ {right}{where}")


def check_derivative(
    before: sympy.Expr, wrt: sympy.Symbol, after: sympy.Expr, what: str
) -> Verification:
    """Check that d(before)/d(wrt) = after, using SymPy's diff on the native form of ``before``."""
    expected = sympy.diff(to_native(before), wrt)
    return check_equal(expected, to_native(after), what)
