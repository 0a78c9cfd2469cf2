"""Layout inside math is blanked to spaces (positions kept) and what it frames is read."""

from __future__ import annotations

import pytest
import sympy

from symderive.errors import ExpressionError
from symderive.parsing.latex import parse_latex
from symderive.parsing.layout import blank_layout
from symderive.parsing.names import make_symbol
from symderive.parsing.notation import DerivativeNotation

x, y = make_symbol("x"), make_symbol("y")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(r"\boxed{x^2}", x**2, id="boxed"),
        pytest.param(r"2\boxed{x+1}", 2 * x + 2, id="boxed-term-keeps-its-group"),
        pytest.param(r"\color{red}{x} + 1", x + 1, id="color-argument"),
        pytest.param(r"\color{blue} x", x, id="color-switch"),
        pytest.param(r"\textcolor{red}{x^2}", x**2, id="textcolor"),
        pytest.param(r"\underbrace{x^2}_{\text{chain rule}} + 1", x**2 + 1, id="underbrace"),
        pytest.param(r"\overbrace{x}^{\text{outer}} y", x * y, id="overbrace"),
        pytest.param(r"\tag{1} x", x, id="tag"),
        pytest.param(r"\tag*{(3)} x", x, id="starred-tag"),
        pytest.param(r"x \label{eq:grad}", x, id="label"),
        pytest.param(r"\Large x \nonumber", x, id="size-and-nonumber"),
        pytest.param("x.", x, id="full-stop"),
        pytest.param("x ,", x, id="trailing-comma"),
        pytest.param(r"\left. x \right.", x, id="invisible-delimiters"),
    ],
)
def test_layout_is_not_part_of_the_value(text: str, expected: sympy.Expr) -> None:
    assert parse_latex(text).sides == (expected,)


def test_a_boxed_relation_is_read_as_the_relation() -> None:
    relation = parse_latex(r"\boxed{\frac{dz}{dx_1} = 2 x_1}")
    assert relation.sides == (DerivativeNotation("z", variable="x1"), 2 * make_symbol("x1"))


@pytest.mark.parametrize(
    "text",
    [r"\boxed{x} + \color{red}{y}.", r"\underbrace{x}_{a} \tag{2}", "x,", r"\Large{x}"],
)
def test_blanking_keeps_every_position(text: str) -> None:
    blanked = blank_layout(text)
    assert len(blanked) == len(text)
    kept = [(i, c) for i, c in enumerate(blanked) if not c.isspace()]
    assert all(text[i] == c for i, c in kept)


def test_an_error_after_layout_points_at_the_written_character() -> None:
    with pytest.raises(ExpressionError) as raised:
        parse_latex(r"\boxed{x} + \color{red}{y} + ?")
    location = raised.value.location
    assert location is not None and location.column == 30
    assert location.line_text == r"\boxed{x} + \color{red}{y} + ?"


def test_a_word_in_text_is_not_a_function() -> None:
    """``\\text{so } x`` was read as the function "so" applied to x."""
    with pytest.raises(ExpressionError):
        parse_latex(r"\text{so } x = 1")
    assert parse_latex(r"\text{softmax}(z) = 1").sides[0] != make_symbol("softmax")


@pytest.mark.parametrize(
    ("text", "written", "other"),
    [
        pytest.param("e^xy", y * sympy.exp(x), sympy.exp(x * y), id="e-to-the-xy"),
        pytest.param("2^xy + 1", 2**x * y + 1, 2 ** (x * y) + 1, id="two-to-the-xy"),
    ],
)
def test_a_bare_exponent_keeps_both_readings(
    text: str, written: sympy.Expr, other: sympy.Expr
) -> None:
    relation = parse_latex(text)
    assert relation.sides == (written,)
    assert [reading.expression for reading in relation.alternatives] == [other]


@pytest.mark.parametrize("text", ["e^{x}y", "e^x y", r"e^x \cdot y", "x^2 y"])
def test_a_braced_or_spaced_exponent_has_one_reading(text: str) -> None:
    assert parse_latex(text).alternatives == ()


def test_a_value_at_the_point_keeps_its_name() -> None:
    relation = parse_latex(r"\left.\frac{\partial z}{\partial x_1}\right|_{\mathbf{x}} = 1")
    assert relation.sides == (DerivativeNotation("z", variable="x1", partial=True), 1)


def test_a_point_given_under_the_bar_is_not_dropped() -> None:
    """|_{x_3 = 1} names a point that may not be the problem's: refused, never ignored."""
    with pytest.raises(ExpressionError):
        parse_latex(r"\left.\frac{\partial z}{\partial x_3}\right|_{x_3 = 1} = -6")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(r"\frac{\partial z}{\partial x_3}\Big|_{x_3 \to 1} = -3", id="a-limit"),
        pytest.param(r"\frac{\partial z}{\partial x_3}\Big|_{(1,2,1)} = -3", id="coordinates"),
        pytest.param(r"\frac{\partial z}{\partial x_3}\Big|_{1} = -3", id="a-number"),
        pytest.param(r"\frac{\partial z}{\partial x_3} = -6x_3 \Big|_{x} = -3", id="after-a-value"),
    ],
)
def test_a_bar_that_is_not_the_problems_point_is_refused(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse_latex(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(r"\frac{\partial z}{\partial x_2} = 5 \text{ (constant)}", id="aside"),
        pytest.param(r"\text{Therefore, } \frac{\partial z}{\partial x_2} = 5", id="lead-in"),
        pytest.param(
            r"\frac{\partial z}{\partial x_2} = 5 \quad \text{by the chain rule}", id="why"
        ),
        pytest.param(r"\frac{\partial z}{\partial x_2} = 5\text{.}", id="a-full-stop-in-text"),
        pytest.param(r"\frac{\partial z}{\partial x_2} = 5 \ \text{for all } x", id="for-all"),
        pytest.param(
            r"\frac{\partial z}{\partial x_2} = 5 \text{ for all x}.", id="for-all-in-text"
        ),
        pytest.param(r"\frac{\partial z}{\partial x_2} = 5 \quad \forall x_1, x_2", id="forall"),
        pytest.param(
            r"\frac{\partial z}{\partial x_2} = 5, \text{for every } x \in \mathbb{R}^3",
            id="for-every-in-the-reals",
        ),
    ],
)
def test_words_around_a_claim_are_not_part_of_it(text: str) -> None:
    """A remark, or "for all x" (the claim holds everywhere, which is what is checked)."""
    assert parse_latex(text).sides == (DerivativeNotation("z", variable="x2", partial=True), 5)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(r"\frac{dz}{dx} = 1 \text{ if } x > 0", id="a-condition"),
        pytest.param(r"\frac{dz}{dx} = 2 \ \text{for all } x > 0", id="for-all-restricted"),
        pytest.param(r"\frac{dz}{dx} = 2 \text{ for all x > 0}", id="for-all-restricted-in-text"),
        pytest.param(r"\frac{dz}{dx} = 2 \quad \forall x \neq 0", id="forall-but-one-point"),
        pytest.param(r"\frac{dz}{dx} = 0 \text{ otherwise}", id="otherwise"),
    ],
)
def test_words_that_restrict_a_claim_are_kept_and_refused(text: str) -> None:
    """Dropping "if x > 0" would claim more than the student did: refused, never read without."""
    with pytest.raises(ExpressionError):
        parse_latex(text)
