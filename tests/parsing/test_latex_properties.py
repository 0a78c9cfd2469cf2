"""Property tests: the LaTeX that SymPy and our renderers print parses back to an equal
expression, and arbitrary text never escapes as anything but a located ExpressionError."""

from __future__ import annotations

import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import expressions

from symderive.errors import ExpressionError
from symderive.parsing.latex import parse_latex, parse_latex_expression
from symderive.render.mathtext import latex as our_latex


def _assert_equal(parsed: sympy.Basic, expected: sympy.Basic) -> None:
    assert parsed == expected or sympy.simplify(sympy.expand(parsed - expected)) == 0


_BOUND = ("exponent larger than", "digits")
"""The parser's documented size bounds: a random exp(65536) printed as e^{65536} is refused by
design, which is no failure to parse back."""


def _parsed_back(text: str) -> sympy.Basic:
    try:
        return parse_latex_expression(text)
    except ExpressionError as error:
        assume(not any(bound in error.message for bound in _BOUND))
        raise


@settings(max_examples=100, deadline=None)
@given(expressions)
def test_sympy_latex_parses_back(expression: sympy.Expr) -> None:
    _assert_equal(_parsed_back(sympy.latex(expression)), expression)


@settings(max_examples=100, deadline=None)
@given(expressions)
def test_our_latex_parses_back(expression: sympy.Expr) -> None:
    _assert_equal(_parsed_back(our_latex(expression)), expression)


_PIECES = st.sampled_from(
    [
        *"x12+-*/^_{}()[]|&=<>,. '",
        r"\frac",
        r"\sigma",
        r"\partial",
        r"\left(",
        r"\right)",
        r"\begin{cases}",
        r"\end{cases}",
        r"\\",
        r"\text{if }",
        "σ",
        "²",
        "−",
        r"\exp",
        r"\sqrt",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_random_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        parse_latex(text)
    except ExpressionError as error:
        assert error.location is not None and error.location.column is not None
