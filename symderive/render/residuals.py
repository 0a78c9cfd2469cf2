"""Round-off residuals as bounds, so that no output depends on the last bits of a float.

A float64 residual such as 2.2e-16 or 3.3e-16 is round-off: which of the two comes out depends
on the BLAS kernel NumPy picks for the CPU, and on the number of threads. Printed as it is, it
would make the same problem print differently from one machine to the next. So a residual below
``FLOOR`` is shown only as ``< 1e-12``, far above any round-off of a well-conditioned check and far
below its tolerance; a larger one as three significant digits, rounded up so that it stays an
upper bound.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, Decimal

from symderive.render.document import Math

FLOOR = 1e-12
SIGNIFICANT_DIGITS = 3


def residual_bound(value: float) -> float:
    """An upper bound of a residual that does not depend on its last bits: ``FLOOR`` below it,
    else the value rounded up to ``SIGNIFICANT_DIGITS`` significant digits."""
    if value < FLOOR:
        return FLOOR
    exact = Decimal(repr(value))  # the shortest decimal that reads back as this float
    quantum = Decimal(1).scaleb(exact.adjusted() - (SIGNIFICANT_DIGITS - 1))
    return float(exact.quantize(quantum, rounding=ROUND_CEILING))


def residual_text(value: float) -> str:
    """``< 1e-12`` for round-off, else the bound with three significant digits (``3.34e-11``)."""
    if value < FLOOR:
        return f"< {power_of_ten(FLOOR).unicode}"
    return f"{residual_bound(value):.{SIGNIFICANT_DIGITS}g}"


def residual_math(value: float) -> Math:
    """``residual_text`` as math: ``< 10^{-12}`` in LaTeX."""
    text = residual_text(value)
    if value < FLOOR:
        return Math(f"< {power_of_ten(FLOOR).latex}", text)
    return Math(_scientific_latex(text), text)


def power_of_ten(value: float) -> Math:
    """A tolerance such as 1e-9: ``10^{-9}`` in LaTeX, ``1e-9`` (not ``1e-09``) in text."""
    exponent = round(math.log10(value))
    if value != 10.0**exponent:
        return Math(_scientific_latex(f"{value:g}"), f"{value:g}")
    return Math(f"10^{{{exponent}}}", f"1e{exponent}")


def _scientific_latex(text: str) -> str:
    """``3.34e-11`` → ``3.34\\times 10^{-11}``; a number without an exponent as it is."""
    mantissa, _, exponent = text.partition("e")
    return rf"{mantissa}\times 10^{{{int(exponent)}}}" if exponent else text
