"""The independent checks: they accept equal expressions and reject unequal ones with a point."""

from __future__ import annotations

import pytest
import sympy

from symderive.derive.steps import Verification
from symderive.derive.verify import check_derivative, check_equal, numerically_equal
from symderive.errors import VerificationError
from symderive.functions import sigmoid
from symderive.parsing.names import make_symbol

x, y = make_symbol("x"), make_symbol("y")


def test_structural_equality_is_symbolic() -> None:
    assert check_equal(x**2, x**2, "same") is Verification.SYMBOLIC


def test_expansion_is_symbolic() -> None:
    assert check_equal((x + 1) ** 2, x**2 + 2 * x + 1, "square") is Verification.SYMBOLIC


def test_identity_beyond_expansion_is_numeric() -> None:
    left = sympy.sin(x) ** 2 + sympy.cos(x) ** 2
    assert check_equal(left, sympy.Integer(1), "pythagoras") is Verification.NUMERIC


def test_unequal_expressions_raise_with_a_point() -> None:
    with pytest.raises(VerificationError) as caught:
        check_equal(x * y, x * y + 1e-9 * x, "nearly")
    assert "at {" in caught.value.message


def test_undefined_everywhere_is_not_success() -> None:
    equal, point = numerically_equal(sympy.log(-(x**2) - 1) * sympy.zoo, x, [x])
    assert not equal and point is None


def test_derivative_of_our_sigmoid_is_checked_natively() -> None:
    assert check_derivative(sigmoid(x), x, sigmoid(x) * (1 - sigmoid(x)), "sigmoid")
    with pytest.raises(VerificationError):
        check_derivative(sigmoid(x), x, sigmoid(x) * (1 + sigmoid(x)), "wrong sigmoid")
