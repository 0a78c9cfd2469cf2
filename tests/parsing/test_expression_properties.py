"""Property tests: SymPy's own str() of a random expression parses back to an equal expression,
and no text whatsoever makes the parser fail with anything but our located ExpressionError."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import expressions

from symderive.errors import ExpressionError
from symderive.parsing.expression import parse_expression


@settings(max_examples=100, deadline=None)
@given(expressions)
def test_sympy_string_form_parses_back(expression: sympy.Expr) -> None:
    text = str(expression).replace("E", "e")  # SymPy prints Euler's number as E; we read e
    parsed = parse_expression(text).expression
    assert parsed == expression or sympy.simplify(sympy.expand(parsed - expression)) == 0


_ALPHABET = st.sampled_from([*"x1 2+-*/^()._,eabsinpxlog=[]'\"{}\\", "exp", "sin", "**"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_random_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        parse_expression(text)
    except ExpressionError as error:
        assert error.location is not None
        assert error.location.column is not None
