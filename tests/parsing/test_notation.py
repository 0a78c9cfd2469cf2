"""Second derivatives' names in LaTeX (``notation.py``, and the inline slash forms read by
``derivative_names.py``): order 2, the variables below, a mixed one's other variable; what is
not a second derivative's name stays an error, never a quotient."""

from __future__ import annotations

import pytest
import sympy

from symderive.errors import ExpressionError
from symderive.parsing.latex import parse_latex
from symderive.parsing.names import make_symbol
from symderive.parsing.notation import DerivativeNotation

x = make_symbol("x")


def second(
    function: str | None,
    variable: str,
    other: str | None = None,
    partial: bool = True,
    expression: sympy.Basic | None = None,
) -> DerivativeNotation:
    return DerivativeNotation(
        function,
        variable=variable,
        partial=partial,
        order=2,
        expression=expression,
        second_variable=other,
    )


@pytest.mark.parametrize(
    ("text", "notation"),
    [
        pytest.param(r"\frac{\partial^2 f}{\partial x^2}", second("f", "x"), id="pure"),
        pytest.param(r"\frac{\partial^2 f}{(\partial x)^2}", second("f", "x"), id="pure-grouped"),
        pytest.param(r"\frac{\partial^2 f}{\partial x \partial x}", second("f", "x"), id="twice"),
        pytest.param(
            r"\frac{\partial^2 f}{\partial x\,\partial y}", second("f", "x", "y"), id="mixed"
        ),
        pytest.param(
            r"\frac{\partial^2 f}{\partial y \partial x}",
            second("f", "x", "y"),
            id="mixed-other-order",
        ),
        pytest.param(
            r"\frac{\partial^2 z}{\partial x_1 \partial x_2}",
            second("z", "x1", "x2"),
            id="mixed-subscripts",
        ),
        pytest.param(r"\frac{d^2 y}{dx^2}", second("y", "x", partial=False), id="total"),
        pytest.param(
            r"\frac{d^2}{dx^2} x^3",
            second(None, "x", partial=False, expression=x**3),
            id="operator",
        ),
        pytest.param(r"d^2f/dx^2", second("f", "x", partial=False), id="inline"),
        pytest.param(
            r"\partial^2 f/\partial x \partial y", second("f", "x", "y"), id="inline-mixed"
        ),
        pytest.param(
            r"d^2/dx^2 (x^3)",
            second(None, "x", partial=False, expression=x**3),
            id="inline-operator",
        ),
        pytest.param(r"∂²f/∂x∂y", second("f", "x", "y"), id="unicode"),
        pytest.param(
            r"\frac{d^2\sigma}{dx^2}", second("sigma", "x", partial=False), id="function-command"
        ),
        pytest.param(
            r"\frac{d^{2}\tanh}{dx^{2}}",
            second("tanh", "x", partial=False),
            id="function-command-braced",
        ),
    ],
)
def test_second_derivative_names(text: str, notation: DerivativeNotation) -> None:
    assert parse_latex(f"{text} = 1").sides == (notation, sympy.Integer(1))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(r"\frac{\partial^2 f}{\partial x}", id="one-variable-below"),
        pytest.param(r"\frac{\partial f}{\partial x^2}", id="first-order-over-a-square"),
        pytest.param(r"\frac{\partial^2 f}{\partial x^2 \partial y}", id="three-variables"),
        pytest.param(r"\frac{\partial^2 f}{d x^2}", id="mixed-markers"),
        pytest.param(r"d^2 f/dx = 1", id="inline-one-variable"),
        pytest.param(r"\frac{d^2\sigma}{dx}", id="function-command-one-variable"),
    ],
)
def test_what_is_not_a_second_derivative_stays_an_error(text: str) -> None:
    with pytest.raises(ExpressionError, match="derivative's name"):
        parse_latex(f"{text} = 1")


def test_a_first_derivative_keeps_order_one() -> None:
    notation = parse_latex(r"\frac{\partial f}{\partial x} = 1").sides[0]
    assert isinstance(notation, DerivativeNotation)
    assert notation.order == 1 and notation.second_variable is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param(r"\cos 2y", sympy.cos(2 * make_symbol("y")), id="cos"),
        pytest.param(r"2x\sin 2x", 2 * x * sympy.sin(2 * x), id="after-a-product"),
        pytest.param(r"\sin^2 2x", sympy.sin(2 * x) ** 2, id="a-power"),
    ],
)
def test_a_digit_and_a_letter_after_a_function_are_its_argument(
    text: str, value: sympy.Expr
) -> None:
    assert parse_latex(text).sides == (value,)
