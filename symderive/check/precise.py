"""Two expressions' difference at an exact point, to as many digits as it takes to be sure.

Rounding must never refute a right answer, and no difference may be too small to refute a wrong
one (``10⁻³⁰·sin x``, a bump ``e^{−1000x²}``). Both sides are evaluated at the exact point with
30 digits, then 60, then more: a real difference stays the same as the precision doubles, while
rounding error (``cosh²(x+40) − sinh²(x+40)`` has 34 digits of it at 30-digit precision) shrinks
with it. A difference is *certified* only once two precisions agree on it to eight digits; one
that keeps shrinking is rounding, and the point counts as agreeing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

import mpmath
import sympy
from sympy.core.evalf import PrecisionExhausted

from symderive.functions import to_native
from symderive.parsing.names import natural_key

PRECISIONS = (30, 60, 120)
"""Digits tried in turn; a difference must agree at two successive ones to count."""
AGREEMENT = mpmath.mpf("1e-8")
"""How closely two precisions must agree on a difference for it to be real."""
IMAGINARY_FLOOR = 1e-12
CERTIFIED_DIGITS = 15
MAXIMUM_DIGITS = 400
"""The digits ``evalf`` may add where terms cancel before a difference counts as zero."""


class Outcome(StrEnum):
    """What the precise evaluation found at one point."""

    EQUAL = "equal"
    DIFFERENT = "different"
    UNDEFINED = "undefined"
    CLAIM_UNDEFINED = "claim-undefined"
    INCONCLUSIVE = "inconclusive"
    CANDIDATE = "candidate"
    """Two precisions agree on a difference, not yet certified (``compare_at(certify=False)``)."""


@dataclass(frozen=True)
class RefutingPoint:
    """A point where the claim and the correct value differ, with both values."""

    point: tuple[tuple[sympy.Symbol, sympy.Rational], ...]
    claimed: complex
    correct: complex
    gap: float | None = None
    """claimed − correct, computed at full precision (the two values as floats may round to the
    same number when the difference is 10⁻³⁰)."""


@lru_cache(maxsize=1024)
def compiled(expression: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> Any:
    """``lambdify`` to mpmath once per expression (a class's answers share their targets)."""
    return sympy.lambdify(variables, to_native(expression), modules="mpmath")


def _value(expression: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational], digits: int) -> Any:
    """The value with ``digits`` digits (an mpmath number), or None where it is not a finite
    number."""
    variables = tuple(sorted(point, key=lambda symbol: symbol.name))
    try:
        function = compiled(expression, variables)
        with mpmath.workdps(digits):
            value = function(
                *(mpmath.mpf(int(p.p)) / int(p.q) for p in (point[v] for v in variables))
            )
            value = mpmath.mpmathify(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, NameError, AttributeError):
        value = _evaluated(expression, point, digits)  # mpmath lacks the function: SymPy's evalf
    if value is None or not mpmath.isfinite(value):
        return None
    return value


def _evaluated(
    expression: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational], digits: int
) -> mpmath.mpc | mpmath.mpf | None:
    try:
        number = to_native(expression).xreplace(point).evalf(digits)
        with mpmath.workdps(digits):
            return mpmath.mpmathify(complex(number)) if not number.is_real else mpmath.mpf(number)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError):
        return None


def _real(value: Any) -> bool:
    return value is not None and abs(mpmath.im(value)) <= IMAGINARY_FLOOR * max(1, abs(value))


def _ordered(
    point: dict[sympy.Symbol, sympy.Rational],
) -> tuple[tuple[sympy.Symbol, sympy.Rational], ...]:
    return tuple(sorted(point.items(), key=lambda item: natural_key(item[0].name)))


@dataclass(frozen=True)
class PointComparison:
    """The outcome at one point; for a difference, the point and both values."""

    outcome: Outcome
    found: RefutingPoint | None = None


def compare_at(
    claimed: sympy.Expr,
    correct: sympy.Expr,
    point: dict[sympy.Symbol, sympy.Rational],
    difference: sympy.Expr | None = None,
    certify: bool = True,
) -> PointComparison:
    """Equal, certified different, or undefined at ``point`` (see the module doc).

    ``difference``, when given, is ``claimed − correct`` already expanded: evaluated by itself
    it shows a difference far below the sides' rounding (``e^{−10⁶(x−1.7)²}`` is 10⁻⁴⁷²⁹⁴⁶⁷ at
    x = −1.6, invisible next to values near 1 at any working precision). A point where the
    correct value is a real number and the claim has none (NaN, complex) is
    ``CLAIM_UNDEFINED``: the derivative exists there and the claim says nothing true."""
    previous: Any = None
    previous_direct: Any = None
    for digits in PRECISIONS:
        correct_value = _value(correct, point, digits)
        if not _real(correct_value):
            return PointComparison(Outcome.UNDEFINED)
        claimed_value = _value(claimed, point, digits)
        if not _real(claimed_value):
            if digits == PRECISIONS[0]:
                continue  # confirm at more digits that the claim really has no value here
            nan = complex("nan") if claimed_value is None else complex(claimed_value)
            return PointComparison(
                Outcome.CLAIM_UNDEFINED, RefutingPoint(_ordered(point), nan, complex(correct_value))
            )
        with mpmath.workdps(digits):
            gap = mpmath.re(claimed_value) - mpmath.re(correct_value)
        direct = _value(difference, point, digits) if difference is not None else None
        direct = mpmath.re(direct) if _real(direct) else None
        if _stable(previous, gap) or _stable(previous_direct, direct):
            size: Any = gap if _stable(previous, gap) else direct
            found = RefutingPoint(
                _ordered(point), complex(claimed_value), complex(correct_value), float(size)
            )
            if not certify:
                return PointComparison(Outcome.CANDIDATE, found)
            if not certified(claimed, correct, point, difference):
                return PointComparison(Outcome.INCONCLUSIVE)
            return PointComparison(Outcome.DIFFERENT, found)
        previous, previous_direct = gap, direct
    return PointComparison(Outcome.EQUAL)  # zero, or shrinking as the digits grew: rounding


def _stable(previous: Any, current: Any) -> bool:
    """Two precisions agree on a nonzero difference: a candidate, for ``certified``."""
    return (
        previous is not None
        and current is not None
        and current != 0
        and abs(current - previous) <= AGREEMENT * abs(current)
    )


def certified(
    claimed: sympy.Expr,
    correct: sympy.Expr,
    point: dict[sympy.Symbol, sympy.Rational],
    difference: sympy.Expr | None,
) -> bool:
    """SymPy's ``evalf``, which tracks the accuracy of every sum and adds digits where terms
    cancel, shows the difference nonzero at ``point``. Agreement between two precisions is not
    enough on its own: ``cosh²(71.7) − sinh²(71.7)`` is exactly 0 at 30 and at 60 digits."""
    native = difference if difference is not None else to_native(claimed) - to_native(correct)
    try:
        value = sympy.N(native.xreplace(point), CERTIFIED_DIGITS, strict=True, maxn=MAXIMUM_DIGITS)
    except PrecisionExhausted:
        return False  # zero to every digit evalf would try
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError, NameError):
        return False
    return bool(value.is_number and value.is_zero is False and value.is_finite)


def counterexample_at(
    claimed: sympy.Expr, correct: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational]
) -> RefutingPoint | None:
    """Both values at a point already shown to differ exactly (a constant difference, a piece
    that differs): None when either side has no real value there (then it is no
    counterexample)."""
    claimed_value = _value(claimed, point, PRECISIONS[0])
    correct_value = _value(correct, point, PRECISIONS[0])
    if not (_real(claimed_value) and _real(correct_value)):
        return None
    return RefutingPoint(_ordered(point), complex(claimed_value), complex(correct_value))
