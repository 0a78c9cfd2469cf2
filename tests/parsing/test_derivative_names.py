"""Derivative names written inline with a slash, and the ∂ operator with its variable below:
each reads as the derivative it names, and a slash between differentials that names none is
refused rather than cancelled (``(dz)/(dx_4)`` once read as z/x₄)."""

from __future__ import annotations

import pytest
import sympy

from symderive.errors import ExpressionError
from symderive.parsing.latex import parse_latex
from symderive.parsing.names import make_symbol
from symderive.parsing.notation import DerivativeNotation

x, x1, x2, z = (make_symbol(name) for name in ("x", "x1", "x2", "z"))


@pytest.mark.parametrize(
    ("text", "notation"),
    [
        pytest.param("(dz)/(dx_4)", DerivativeNotation("z", variable="x4"), id="grouped-leibniz"),
        pytest.param(
            r"(\partial z)/(\partial x_4)",
            DerivativeNotation("z", variable="x4", partial=True),
            id="grouped-partial",
        ),
        pytest.param(
            r"\left(d z\right)/\left(d x_1\right)",
            DerivativeNotation("z", variable="x1"),
            id="grouped-with-left-right",
        ),
        pytest.param(
            "d/dx_1 (x_1^2)",
            DerivativeNotation(None, variable="x1", expression=x1**2),
            id="slash-operator",
        ),
        pytest.param(
            r"d/dx \tanh(x)",
            DerivativeNotation(None, variable="x", expression=sympy.tanh(x)),
            id="slash-operator-on-a-function",
        ),
        pytest.param(
            r"\partial/\partial x_2 (x_1 x_2)",
            DerivativeNotation(None, variable="x2", partial=True, expression=x1 * x2),
            id="slash-partial-operator",
        ),
        pytest.param(
            r"\partial_{x_2} z",
            DerivativeNotation(None, variable="x2", partial=True, expression=z),
            id="partial-subscript-braced",
        ),
        pytest.param(
            r"D_{x_2} z",
            DerivativeNotation(None, variable="x2", partial=True, expression=z),
            id="d-operator-braced",
        ),
        pytest.param(
            r"D_x (x^3)",
            DerivativeNotation(None, variable="x", partial=True, expression=x**3),
            id="d-operator-letter",
        ),
        pytest.param(
            r"\partial_x (x^3)",
            DerivativeNotation(None, variable="x", partial=True, expression=x**3),
            id="partial-subscript-letter",
        ),
    ],
)
def test_inline_names_read_as_the_derivative_they_name(
    text: str, notation: DerivativeNotation
) -> None:
    assert parse_latex(f"{text} = 1").sides == (notation, sympy.Integer(1))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("d/dx = 1", id="operator-on-nothing"),
        pytest.param("x d / d = 1", id="differentials-on-both-sides"),
        pytest.param(r"(d z)/(d x) / 2 = 1", id="name-then-a-division"),
        pytest.param(r"\partial_{x} = 1", id="partial-operator-on-nothing"),
    ],
)
def test_differentials_are_never_cancelled(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse_latex(text)


def test_d_with_a_number_below_stays_a_name() -> None:
    assert parse_latex("D_1 + D_{12} = 1").sides[0] == make_symbol("D1") + make_symbol("D12")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a/b", sympy.Symbol("a", real=True) / sympy.Symbol("b", real=True), id="a/b"),
        pytest.param("d/2", sympy.Symbol("d", real=True) / 2, id="d-over-a-number"),
    ],
)
def test_ordinary_divisions_are_unchanged(text: str, expected: sympy.Expr) -> None:
    (side,) = parse_latex(text).sides
    assert side == expected
