"""Second derivatives named in plain text, read whole: never as a quotient of names."""

from __future__ import annotations

import pytest

from symderive.parsing.notation import DerivativeNotation
from symderive.parsing.second_order_names import plain_second_order


def second(
    function: str, variable: str, other: str | None = None, partial: bool = False
) -> DerivativeNotation:
    return DerivativeNotation(
        function, variable=variable, partial=partial, order=2, second_variable=other
    )


@pytest.mark.parametrize(
    ("text", "notation"),
    [
        pytest.param("d2f/dx2", second("f", "x"), id="digits"),
        pytest.param("d^2f/dx^2", second("f", "x"), id="carets"),
        pytest.param("d^2 f / dx^2", second("f", "x"), id="spaced"),
        pytest.param("d^{2}f/dx^{2}", second("f", "x"), id="braced"),
        pytest.param("d²f/dx²", second("f", "x"), id="superscripts"),
        pytest.param("d^2f/(dx)^2", second("f", "x"), id="parenthesised"),
        pytest.param("∂²f/∂x²", second("f", "x", partial=True), id="partial"),
        pytest.param("∂²f/∂x∂y", second("f", "x", "y", partial=True), id="mixed"),
        pytest.param("∂²f/∂y∂x", second("f", "x", "y", partial=True), id="mixed-other-order"),
        pytest.param("d2f/dxdy", second("f", "x", "y"), id="mixed-digits"),
        pytest.param("d^2f/dx dy", second("f", "x", "y"), id="mixed-spaced"),
        pytest.param("d^2z/dx_1 dx_2", second("z", "x1", "x2"), id="subscripted"),
        pytest.param("∂²f/∂x∂x", second("f", "x", partial=True), id="same-twice"),
    ],
)
def test_second_order_names(text: str, notation: DerivativeNotation) -> None:
    assert plain_second_order(text) == notation


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("df/dx", id="first-order"),
        pytest.param("d2f/dx", id="no-square-below"),
        pytest.param("d^2f/dx", id="caret-no-square-below"),
        pytest.param("df/dx^2", id="no-square-above"),
        pytest.param("d^2f/∂x^2", id="mixed-markers"),
        pytest.param("d2f/dx22", id="too-many-digits"),
        pytest.param("d2f/dx2 + 1", id="more-after"),
        pytest.param("d^3f/dx^3", id="third"),
        pytest.param("d^2f/dx^2dy", id="three-variables"),
        pytest.param("x^2/y^2", id="a-quotient"),
    ],
)
def test_other_text_is_not_a_second_derivative(text: str) -> None:
    assert plain_second_order(text) is None
