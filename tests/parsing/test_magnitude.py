"""Digit estimates that keep SymPy from folding numbers too large to print."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symderive.parsing.magnitude import (
    coefficient_digits,
    expanded_digits,
    integer_digits,
    number_digits,
    power_digits,
    product_digits,
    total_digits,
)

x = sympy.Symbol("x")
rationals = st.fractions(min_value=-(10**12), max_value=10**12, max_denominator=10**6).map(
    lambda value: sympy.Rational(value.numerator, value.denominator)
)


@given(value=st.integers(min_value=-(10**400), max_value=10**400))
def test_integer_digits_is_exact_or_one_more(value: int) -> None:
    digits = len(str(abs(value)))
    assert digits <= integer_digits(value) <= digits + 1


@settings(max_examples=100, deadline=None)
@given(base=rationals.filter(lambda value: value != 0), exponent=st.integers(-60, 60))
def test_power_digits_bounds_what_sympy_folds(base: sympy.Rational, exponent: int) -> None:
    """The estimate is an upper bound (within one digit) of the folded coefficient's digits."""
    folded = (base * x) ** exponent
    coefficient = folded.as_coeff_Mul()[0]
    assert number_digits(coefficient) <= power_digits(base * x, sympy.Integer(exponent)) + 2


@settings(max_examples=100, deadline=None)
@given(factors=st.lists(rationals, min_size=1, max_size=6))
def test_product_digits_bounds_the_product(factors: list[sympy.Rational]) -> None:
    product = sympy.Mul(*factors, x)
    assert coefficient_digits(product) <= product_digits(factors)


def test_a_number_times_a_sum_counts_the_largest_term() -> None:
    assert coefficient_digits(10**50 * x + 3) == 51


def test_symbols_and_functions_carry_no_digits() -> None:
    assert coefficient_digits(sympy.exp(x)) == 0
    assert power_digits(x + 1, sympy.Integer(9999)) == 0
    assert power_digits(x, x) == 0


def test_total_digits_counts_numerators_and_denominators() -> None:
    assert total_digits(sympy.Rational(10**20, 3) * x + 7) == 21 + 1


@settings(max_examples=100, deadline=None)
@given(
    coefficients=st.lists(rationals, min_size=1, max_size=3),
    exponent=st.integers(1, 12),
)
def test_expanded_digits_bounds_the_expanded_coefficients(
    coefficients: list[sympy.Rational], exponent: int
) -> None:
    """Every coefficient of (c0 + c1·x + c2·x²)^n multiplied out is within the estimate."""
    power = sympy.Add(*(c * x**k for k, c in enumerate(coefficients))) ** exponent
    expanded = sympy.Poly(sympy.expand(power), x)
    largest = max(
        len(str(abs(value.p))) for c in expanded.coeffs() for value in [sympy.Rational(c)]
    )
    largest = max(largest, *(len(str(sympy.Rational(c).q)) for c in expanded.coeffs()))
    assert largest <= expanded_digits(power) + 1


def test_expanded_digits_of_the_sums_that_crashed() -> None:
    assert expanded_digits((x + 10**990) ** 5) > 4_900
    assert 3_000 < expanded_digits((x + 1) ** 10_000) < 3_100
    assert expanded_digits(sympy.exp(x) ** 50) == 0
