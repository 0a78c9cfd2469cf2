"""Fuzzing both expression parsers: a result or a located ExpressionError, never anything else."""

from __future__ import annotations

import sympy
from hypothesis import example, given
from profiles import fuzz_settings, hang_alarm
from strategies import expressions
from vocabulary import any_text, latex_soup, plain_soup

from symderive.errors import ExpressionError
from symderive.parsing.expression import parse_expression
from symderive.parsing.latex import parse_latex


def _parses_or_is_located(parse: object, text: str) -> None:
    assert callable(parse)
    with hang_alarm():
        try:
            parse(text)
        except ExpressionError as error:
            assert error.location is not None
            assert error.location.line is not None and error.location.column is not None


@fuzz_settings(300)
@given(text=any_text)
@example(text="(2/3)^9999")  # regression: a 4771-digit denominator crashed the printers
@example(text="(10x)^9999")  # regression: SymPy folded 10^9999 out of the power
@example(text="10^400*10^400*10^400*x")  # regression: a product of bounded powers
@example(text="z = z + 1")  # regression: reported without a location
def test_plain_parser_on_random_text(text: str) -> None:
    _parses_or_is_located(parse_expression, text)


@fuzz_settings(300)
@given(text=plain_soup)
def test_plain_parser_on_token_soup(text: str) -> None:
    _parses_or_is_located(parse_expression, text)


@fuzz_settings(300)
@given(text=any_text)
def test_latex_parser_on_random_text(text: str) -> None:
    _parses_or_is_located(parse_latex, text)


@fuzz_settings(300)
@given(text=latex_soup)
@example(text="\\left(\\frac{2}{3}\\right)^{9999}")  # regression, as for the plain parser
@example(text="10^{400} \\cdot 10^{400} \\cdot 10^{400} x_2")
def test_latex_parser_on_token_soup(text: str) -> None:
    _parses_or_is_located(parse_latex, text)


@fuzz_settings(150)
@given(expression=expressions)
def test_printed_expressions_parse(expression: sympy.Expr) -> None:
    """Structured input: what SymPy prints of a whitelisted expression parses, without hanging.

    (SymPy prints Euler's number as ``E``, a name to us, so only success is asserted.)
    """
    text = sympy.sstr(expression).replace("**", "^")
    with hang_alarm():
        parsed = parse_expression(text)
    assert isinstance(parsed.expression, sympy.Expr)
