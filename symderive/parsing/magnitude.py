"""How many digits the exact numbers of an expression may carry, checked before SymPy computes them.

SymPy folds numbers as it builds: ``(10x)^9999`` becomes ``10^9999·x^9999`` and
``10^4000·10^4000`` one 8001-digit integer. Such numbers are cheap to make, but everything that
prints them (LaTeX, JSON, Python's ``str`` with its 4300-digit limit) chokes or raises, and every
product in a derivative makes them larger. Both parsers therefore estimate the digits a power or a
product would produce before computing it, and bound the digits of all numbers an expression holds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

import sympy

MAX_NUMBER_DIGITS_TOTAL = 1_000
"""Digits of all exact numbers in one expression together (numerators and denominators)."""

_DIGITS_PER_BIT = math.log10(2)


def integer_digits(value: int) -> int:
    """Decimal digits of ``value`` (from its bit length: no conversion to a string)."""
    return int(abs(value).bit_length() * _DIGITS_PER_BIT) + 1


def number_digits(value: sympy.Basic) -> int:
    """Digits of an exact rational's numerator or denominator, whichever is longer; else 0."""
    if isinstance(value, sympy.Rational):
        return max(integer_digits(int(value.p)), integer_digits(int(value.q)))
    return 0


def _coefficient(value: sympy.Basic) -> sympy.Basic | None:
    """The number SymPy folds into a product with ``value``: a product's numeric coefficient."""
    if isinstance(value, sympy.Rational):
        return value
    if isinstance(value, sympy.Mul):
        return value.as_coeff_Mul()[0]
    return None


def coefficient_digits(value: sympy.Basic) -> int:
    """Digits of the number SymPy would fold into a product with ``value``; for a sum the largest
    coefficient of its terms (a number times a sum is distributed over the terms)."""
    if isinstance(value, sympy.Add):
        return max((coefficient_digits(term) for term in value.args), default=0)
    coefficient = _coefficient(value)
    return number_digits(coefficient) if coefficient is not None else 0


def power_digits(base: sympy.Basic, exponent: sympy.Basic) -> float:
    """An upper estimate of the digits ``base ** exponent`` would carry once SymPy folds it."""
    coefficient = _coefficient(base)
    if not isinstance(exponent, sympy.Rational) or not isinstance(coefficient, sympy.Rational):
        return 0.0
    if coefficient.is_zero:
        return 0.0
    size = max(math.log10(abs(int(coefficient.p))), math.log10(int(coefficient.q)))
    return size * abs(float(exponent))


MAX_EXPANDED_DIGITS = 2_000
"""Digits the coefficients of an expression may reach once expanded: ``expand``, ``factor`` and
``cancel`` run (under time budgets) in simplification and checking, and a product of two such
expressions must still print (4,300 digits)."""


@lru_cache(maxsize=4096)
def expanded_digits(value: sympy.Basic) -> float:
    """An upper bound of the digits of any coefficient of ``value`` multiplied out.

    The logarithm of a bound on the sum of the coefficients' sizes: products add, a sum adds
    its terms' (numerators and different denominators both grow) and the logarithm of their
    number, an integer power of a sum
    multiplies (the multinomial coefficients of (a + b)^n are at most (|a| + |b|)^n), and a
    function application or a symbol counts as 1. ``(x + 10^990)^5`` has 4,951-digit
    coefficients when expanded; ``(x + 1)^10000`` 3,010.
    """
    if isinstance(value, sympy.Rational):
        return 0.0 if value.p in (1, -1) and value.q == 1 else _log_size(value)
    if isinstance(value, sympy.Mul):
        return sum(expanded_digits(factor) for factor in value.args)
    if isinstance(value, sympy.Add):
        return sum(expanded_digits(term) for term in value.args) + math.log10(len(value.args))
    if isinstance(value, sympy.Pow) and isinstance(value.exp, sympy.Rational):
        return expanded_digits(value.base) * abs(float(value.exp))
    return 0.0


def expanded_power_digits(base: sympy.Basic, exponent: sympy.Basic) -> float:
    """``expanded_digits`` of ``base ** exponent`` before SymPy builds it."""
    if not isinstance(exponent, sympy.Rational) or not isinstance(base, sympy.Basic):
        return 0.0
    return expanded_digits(base) * abs(float(exponent))


def expanded_product_digits(factors: Iterable[object]) -> float:
    """``expanded_digits`` of a product of ``factors`` before SymPy builds it."""
    return sum(expanded_digits(factor) for factor in factors if isinstance(factor, sympy.Basic))


def _log_size(value: sympy.Rational) -> float:
    return max(math.log10(abs(int(value.p))), math.log10(int(value.q))) if value.p else 0.0


def product_digits(factors: Iterable[sympy.Basic]) -> int:
    """An upper bound of the digits of the numeric coefficient of a product of ``factors``."""
    return sum(coefficient_digits(factor) for factor in factors if isinstance(factor, sympy.Basic))


def total_digits(expression: sympy.Basic) -> int:
    """Digits of every exact number in ``expression`` together."""
    return sum(number_digits(atom) for atom in expression.atoms(sympy.Rational))
