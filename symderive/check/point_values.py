"""A number claimed for a derivative that is not constant: its value at the problem's point.

A ``partials`` problem with ``at:`` asks for the forward and backward pass at that point, so
``∂z/∂x₃ = -3`` or ``\\frac{\\partial z}{\\partial x_3} = 0.082167`` answers with the derivative's
value there. A claim with no free symbol (a number, or an expression of numbers such as
``-6 \\cdot 0.5`` or ``e^{0.25} \\cdot 0.8``) for a derivative that depends on the variables is
read that way; a constant derivative (``∂z/∂x₁ = 1``) is compared as before, and without a
point a number stays compared with the derivative everywhere (refuted, with a note).

The rule, decided exactly (no float64 anywhere in a verdict):

- the claim equal to the exact value at the point is ``proved`` ("equal to the exact value");
- a right-hand side that is one decimal number (``0.082167``, ``-3.0``, ``8.2167 \\times
  10^{-2}``) is accepted when it is the exact value *correctly rounded* to as many
  significant digits as written, counted from the value's own first digit: |claim − value| ≤
  ½ unit in that digit, a value exactly half-way accepting either neighbour (0.1 is no rounding
  of 0.052, 0.05 is; 0.0 × 10² has no digit at all and is compared exactly). That is a fact
  about two exact numbers, so the verdict is ``proved`` too, with the evidence "correctly
  rounded to the digits written". A truncation that is not also the rounding
  (0.0821 for 0.082167…) is refuted, and so is a value one unit off in its last digit;
- an integer, a fraction or an expression of numbers must equal the value exactly: ``-3`` for
  −3.0000001 is refuted, since nothing says digits were dropped.

The digits written are read from the claim's text (its last side), and used only when the
number they spell is exactly the value the parser read; the number compared is always the
parsed one. Signs are decided on exact rationals where possible, else by SymPy's ``evalf``
with ``strict=True`` (it tracks the accuracy of every operation and adds digits where terms
cancel); a sign it cannot settle gives ``undecided``, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

import mpmath
import sympy
from sympy.core.evalf import PrecisionExhausted

from symderive.budget import time_limit
from symderive.check.equivalence import Comparison, Verdict
from symderive.check.targets import Target
from symderive.errors import BudgetExceeded
from symderive.functions import to_native

MAXIMUM_DIGITS = 400
"""The digits ``evalf`` may add where a difference cancels before its sign counts as unknown."""
SIGN_SECONDS = 2.0
"""How long deciding one sign may take (milliseconds, but ``e^{e^{e^{9}}}`` is untrusted input)."""
SHOWN_EXTRA_DIGITS = 4
"""Digits of the exact value shown beyond those the claim wrote (ten at least)."""

_NOT_FINITE = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)
_SIGN = r"(?P<sign>[-+−]?)"
_MANTISSA = r"(?P<whole>\d*)\.(?P<fraction>\d+)"
_POWER = (
    r"(?:\s*(?:[eE](?P<e>[-+−]?\d+)"
    r"|(?:\\times|\\cdot)\s*10\s*\^\s*(?:\{\s*(?P<braced>[-+−]?\s*\d+)\s*\}|(?P<bare>\d))))?"
)
_TRAILING = r"(?:\s|\\[,;:! ]|\\quad|\\qquad|[.,;$])*"
_DECIMAL = re.compile(rf"\s*{_SIGN}\s*{_MANTISSA}{_POWER}{_TRAILING}")


@dataclass(frozen=True)
class WrittenDecimal:
    """A decimal number as written: its exact value and the place of its last written digit."""

    text: str
    value: Fraction
    last_place: int
    """The power of ten of the last digit written: −6 for 0.082167, −6 for 8.2167 × 10⁻²."""
    significant: int


def written_decimal(side: str) -> WrittenDecimal | None:
    """The decimal number a right-hand side consists of, or None (an integer, a fraction, an
    expression, anything else): only a decimal point says digits were dropped."""
    match = _DECIMAL.fullmatch(side)
    if match is None:
        return None
    whole, fraction = match["whole"], match["fraction"]
    power_text = match["e"] or match["braced"] or match["bare"] or "0"
    power = int(re.sub(r"\s", "", power_text).replace("−", "-"))
    if abs(power) > 100 or len(whole) + len(fraction) > 100:
        return None
    value = Fraction(f"{whole or '0'}.{fraction}") * Fraction(10) ** power
    if match["sign"] in ("-", "−"):
        value = -value
    significant = len((whole + fraction).lstrip("0"))
    if significant == 0 or value == 0:
        return None  # 0.0 (× 10⁵) has no digit to round to: compared exactly
    text = match.group(0).strip().rstrip(".,;$").strip()
    return WrittenDecimal(text, value, power - len(fraction), significant)


def right_side(text: str) -> str:
    """The claim's last side as written (after its last ``=``)."""
    return text.rsplit("=", 1)[-1]


def compare_at_point(claimed: sympy.Expr, target: Target, text: str) -> Comparison | None:
    """The claim compared with the derivative's value at the problem's point, when it is a
    number for a derivative that is not constant and the problem gives a point; else None."""
    if not target.point or claimed.free_symbols or not target.correct.free_symbols:
        return None
    if claimed.has(*_NOT_FINITE):
        return None  # not a number at all: refuted everywhere, as before
    place = point_text(target)
    if target.point_kinks:
        kinks = ", ".join(str(kink) for kink in target.point_kinks)
        stage = (
            f"value at {place}: the point sits on the kink of {kinks}, where the derivative's "
            "value is a convention: not compared"
        )
        return Comparison(Verdict.UNDECIDED, stage)
    exact = to_native(target.correct).xreplace(dict(target.point))
    if not exact.is_number or exact.has(*_NOT_FINITE):
        return Comparison(Verdict.UNDECIDED, f"the derivative has no value at {place}")
    written = written_decimal(right_side(text))
    if written is not None and sympy.Rational(written.value) != claimed:
        written = None  # the text says something else than what was read: compare exactly
    return _decided(to_native(claimed), exact, written, place)


def _decided(
    claimed: sympy.Expr, exact: sympy.Expr, written: WrittenDecimal | None, place: str
) -> Comparison:
    shown = _shown(exact, max((written.significant if written else 0) + SHOWN_EXTRA_DIGITS, 10))
    if _sign(sympy.im(claimed)) not in (0, None):
        stage = f"value at {place}: the claim is {_shown(claimed, 12)}, not a real number; the "
        return Comparison(Verdict.REFUTED, stage + f"derivative there is {shown}")
    difference = _sign(claimed - exact)
    if difference == 0:
        return Comparison(Verdict.PROVED, f"value at {place}: equal to the exact value {shown}")
    if difference is None:
        stage = f"value at {place}: whether the claim equals the derivative there ({shown}) "
        return Comparison(Verdict.UNDECIDED, stage + "could not be decided")
    if written is None:
        stage = f"value at {place}: the claim is {_shown(claimed, 12)}, the derivative there is "
        return Comparison(Verdict.REFUTED, stage + shown)
    leading = _leading_place(exact)
    if leading is None:
        stage = f"value at {place}: the size of the derivative there ({shown}) is not known"
        return Comparison(Verdict.UNDECIDED, stage)
    # rounded to as many significant digits as written, at the value's own first digit: 0.1
    # for 0.052 is no rounding of it (0.05 is), though it is within half a unit of 0.1's digit
    unit = sympy.Rational(10) ** (leading - written.significant + 1)
    half = unit / 2
    above, below = _sign(exact - (claimed - half)), _sign(claimed + half - exact)
    if not (claimed / unit).is_integer:
        above = -1  # 0.99 for 1.0272 is within 0.05, but no rounding of it to two digits (1.0)
    digits = f"{written.text} written to {_plural(written.significant, 'significant digit')}"
    if above is None or below is None:
        stage = f"value at {place}: {digits}; whether the derivative there ({shown}) rounds to "
        return Comparison(Verdict.UNDECIDED, stage + "it could not be decided")
    if above >= 0 and below >= 0:
        stage = f"value at {place}: {digits}, correctly rounded; the derivative there is {shown}"
        return Comparison(Verdict.PROVED, stage)
    rounded = _rounded(exact, written)
    stage = (
        f"value at {place}: {digits}; the derivative there is {shown}, which rounds to "
        f"{rounded} at that digit"
    )
    return Comparison(Verdict.REFUTED, stage)


def _leading_place(exact: sympy.Expr) -> int | None:
    """The power of ten of the value's first significant digit (−2 for 0.052), settled by
    exact comparisons with powers of ten; None when they cannot be decided."""
    size = abs(exact)
    try:
        guess = int(mpmath.floor(mpmath.log10(mpmath.mpf(sympy.N(size, 30)))))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    for place in (guess - 1, guess, guess + 1):
        low, high = (
            _sign(size - sympy.Rational(10) ** place),
            _sign(sympy.Rational(10) ** (place + 1) - size),
        )
        if low is None or high is None:
            return None
        if low >= 0 and high > 0:
            return place
    return None


def _sign(expression: sympy.Expr) -> int | None:
    """-1, 0 or 1, exactly; None when no number of digits up to ``MAXIMUM_DIGITS`` settles it
    within ``SIGN_SECONDS`` (its own timer: a spent file budget must not stop an exact sign)."""
    if expression.is_Rational:
        return int(sympy.sign(expression))
    own: object = None
    try:
        with time_limit(SIGN_SECONDS, "the sign of a value at a point") as own:
            return _unbounded_sign(expression)
    except BudgetExceeded as error:
        if error.budget is not own:
            raise
        return None


def _unbounded_sign(expression: sympy.Expr) -> int | None:
    if sympy.expand(expression) == 0:
        return 0
    try:
        value = sympy.N(expression, 15, strict=True, maxn=MAXIMUM_DIGITS)
    except PrecisionExhausted:
        return None
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError):
        return None
    if not value.is_number or value.is_zero is not False:
        return None
    real, imaginary = value.as_real_imag()
    if imaginary != 0 or real.is_zero is not False:
        return None
    return 1 if real > 0 else -1


def _shown(value: sympy.Expr, digits: int) -> str:
    """A number as a decimal: exact when it has a short one, else ``digits`` digits and "…"."""
    if value.is_Rational:
        exact = _terminating(Fraction(int(value.p), int(value.q)))
        if exact is not None and len(exact.lstrip("-0.")) <= digits:
            return exact
    text = sympy.N(value, digits).__format__("")
    return _plain(text) + "…"


def _terminating(number: Fraction) -> str | None:
    denominator = number.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return None
    with localcontext() as context:
        context.prec = 200
        return format(Decimal(number.numerator) / Decimal(number.denominator), "f")


def _plain(text: str) -> str:
    """SymPy's Float text without an exponent where a plain decimal is short."""
    if "e" not in text:
        return text
    with localcontext() as context:
        context.prec = 200
        plain = format(Decimal(text), "f")
    return plain if len(plain) <= 24 else text


def _rounded(exact: sympy.Expr, written: WrittenDecimal) -> str:
    """The exact value rounded at the claim's last digit (for the evidence only)."""
    digits = max(written.significant + 20, 30)
    with localcontext() as context:
        context.prec = digits + 10
        value = Decimal(str(sympy.N(exact, digits)))
        return format(value.quantize(Decimal(1).scaleb(written.last_place), ROUND_HALF_EVEN), "f")


def point_text(target: Target) -> str:
    """``x1 = 1, x2 = 2, x3 = 0.5``: the point as the problem file wrote it."""
    return ", ".join(f"{symbol} = {_coordinate(value)}" for symbol, value in target.point)


def _coordinate(value: sympy.Rational) -> str:
    if value.is_Integer:
        return str(value)
    return _terminating(Fraction(int(value.p), int(value.q))) or str(value)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def no_point_note(claimed: sympy.Expr, target: Target) -> str | None:
    """Why a number for a derivative that is not constant is compared everywhere."""
    if target.point or claimed.free_symbols or not target.correct.free_symbols:
        return None
    names = ", ".join(sorted(str(symbol) for symbol in target.correct.free_symbols))
    return (
        f"a number for a derivative that depends on {names}: the problem gives no point "
        "('at:'), so it is compared with the derivative everywhere"
    )
