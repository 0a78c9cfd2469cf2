"""Two expressions' difference at an exact point, to as many digits as it takes to be sure.

Rounding must never refute a right answer, and no difference may be too small to refute a wrong
one (``10⁻³⁰·sin x``, a bump ``e^{−1000x²}``). Both sides are evaluated at the exact point with
30 digits, then 60, then more: a real difference stays the same as the precision doubles, while
rounding error (``cosh²(x+40) − sinh²(x+40)`` has 34 digits of it at 30-digit precision) shrinks
with it. A difference is *certified* only once two precisions agree on it to eight digits; one
that keeps shrinking is rounding, and the point counts as agreeing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any, TypeVar

import mpmath
import sympy
from sympy.core.evalf import PrecisionExhausted

from symderive.budget import time_limit
from symderive.check.evaluator import Unsupported, mpmath_function
from symderive.errors import BudgetExceeded
from symderive.functions import to_native
from symderive.parsing.names import natural_key

PRECISIONS = (30, 60, 120)
"""Digits tried in turn; a difference must agree at two successive ones to count."""
AGREEMENT = mpmath.mpf("1e-8")
"""How closely two precisions must agree on a difference for it to be real."""
T = TypeVar("T")
UNKNOWN_VALUE = object()
"""What ``_value`` gives when the evaluation ran out of its time or out of mpmath's range (an
infinity or NaN from finite inputs: ``e^{e^{e^{e^{2.3}}}}``): unknown, not "undefined"."""
IMAGINARY_FLOOR = 1e-12
CERTIFIED_DIGITS = 15
EVALUATION_SECONDS = 1.0
"""How long one evaluation at one point may take (far above the milliseconds it needs)."""
MAXIMUM_DIGITS = 400
"""The digits ``evalf`` may add where terms cancel before a difference counts as zero."""


class Outcome(StrEnum):
    """What the precise evaluation found at one point."""

    EQUAL = "equal"
    DIFFERENT = "different"
    UNDEFINED = "undefined"
    CLAIM_UNDEFINED = "claim-undefined"
    UNKNOWN = "unknown"
    """A side could not be evaluated (in time, or within mpmath's range): no evidence."""
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
    """An mpmath function once per expression (a class's answers share their targets): built by
    ``evaluator``, or by ``lambdify`` for what it does not know."""
    native = to_native(expression)
    try:
        return mpmath_function(native, variables)
    except Unsupported:
        return sympy.lambdify(variables, native, modules="mpmath")


def _bounded(operation: Callable[[], T], fallback: T) -> T:
    """``operation`` under its own short time limit, whatever budget encloses it: ``sin`` of
    ``e^{e^{e^{500}}}`` makes mpmath compute π to more digits than there are atoms. A point that
    cannot be evaluated in time is no evidence either way (the fallback says so). Its own timer,
    not the file's shared budget: a spent budget must not stop the exact refutations."""
    own: object = None
    try:
        with time_limit(EVALUATION_SECONDS, "an evaluation at one point") as own:
            return operation()
    except BudgetExceeded as error:
        if error.budget is not own:
            raise
        return fallback


def _value(expression: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational], digits: int) -> Any:
    """The value with ``digits`` digits (an mpmath number), or None where it is not a finite
    number; ``UNKNOWN_VALUE`` where it cannot be computed (too slow, too large)."""
    return _bounded(lambda: _unbounded_value(expression, point, digits), UNKNOWN_VALUE)


def _unbounded_value(
    expression: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational], digits: int
) -> Any:
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
    if value is None or value is UNKNOWN_VALUE:
        return value
    return value if mpmath.isfinite(value) else UNKNOWN_VALUE


def _evaluated(
    expression: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational], digits: int
) -> Any:
    """SymPy's ``evalf`` where mpmath failed: None where the value is infinite or undefined
    (a pole), ``UNKNOWN_VALUE`` where it cannot be computed (beyond any precision's range)."""
    try:
        number = to_native(expression).xreplace(point).evalf(digits)
    except (
        TypeError,
        ValueError,
        ZeroDivisionError,
        OverflowError,
        AttributeError,
        RecursionError,
    ):
        return UNKNOWN_VALUE
    if number.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    if not number.is_number or number.free_symbols:
        return UNKNOWN_VALUE
    try:
        with mpmath.workdps(digits):
            return mpmath.mpmathify(complex(number)) if not number.is_real else mpmath.mpf(number)
    except (TypeError, ValueError, OverflowError):
        return UNKNOWN_VALUE


def _unknown(*values: Any) -> bool:
    return any(value is UNKNOWN_VALUE for value in values)


def _real(value: Any) -> bool:
    return value is not None and abs(mpmath.im(value)) <= IMAGINARY_FLOOR * max(1, abs(value))


def ordered_point(
    point: dict[sympy.Symbol, sympy.Rational],
) -> tuple[tuple[sympy.Symbol, sympy.Rational], ...]:
    """A point's coordinates in the variables' natural order (x2 before x10), as reported."""
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
        claimed_value = _value(claimed, point, digits)
        if _unknown(correct_value, claimed_value):
            return PointComparison(Outcome.UNKNOWN)
        if not _real(correct_value):
            return PointComparison(Outcome.UNDEFINED)
        if not _real(claimed_value):
            if digits == PRECISIONS[0]:
                continue  # confirm at more digits that the claim really has no value here
            nan = complex("nan") if claimed_value is None else complex(claimed_value)
            return PointComparison(
                Outcome.CLAIM_UNDEFINED,
                RefutingPoint(ordered_point(point), nan, complex(correct_value)),
            )
        with mpmath.workdps(digits):
            gap = mpmath.re(claimed_value) - mpmath.re(correct_value)
        direct = _value(difference, point, digits) if difference is not None else None
        direct = mpmath.re(direct) if direct is not UNKNOWN_VALUE and _real(direct) else None
        if _stable(previous, gap) or _stable(previous_direct, direct):
            size: Any = gap if _stable(previous, gap) else direct
            found = RefutingPoint(
                ordered_point(point), complex(claimed_value), complex(correct_value), float(size)
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
    return _bounded(lambda: _nonzero(native, point), False)


def _nonzero(native: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational]) -> bool:
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
    if _unknown(claimed_value, correct_value):
        return None
    if not (_real(claimed_value) and _real(correct_value)):
        return None
    return RefutingPoint(ordered_point(point), complex(claimed_value), complex(correct_value))
