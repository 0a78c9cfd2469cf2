"""Cutting formulas into rows and sides without changing offsets; plain versus LaTeX."""

from __future__ import annotations

import pytest

from symderive.check.formulas import (
    clean,
    is_latex,
    looks_like_answer,
    offset_of,
    parse_side,
    rows,
    sides,
)
from symderive.parsing.names import make_symbol
from symderive.parsing.notation import DerivativeNotation


def _pieces(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in ranges]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a = b", ["a", "b"], id="two-sides"),
        pytest.param("a = b = c.", ["a", "b", "c"], id="chain-full-stop"),
        pytest.param("= b", ["", "b"], id="continuation"),
        pytest.param("x <= 1 = y", ["x <= 1", "y"], id="less-or-equal"),
        pytest.param("f(a = b) = c", ["f(a = b)", "c"], id="inside-parentheses"),
        pytest.param("\\frac{a=b}{c} = d", ["\\frac{a=b}{c}", "d"], id="inside-braces"),
        pytest.param("[0, 1) = I", ["[0, 1)", "I"], id="half-open-interval"),
        pytest.param("a = \\{ b = c", ["a", "\\{ b", "c"], id="escaped-brace"),
    ],
)
def test_sides(text: str, expected: list[str]) -> None:
    assert _pieces(text, sides(text, 0, len(text))) == expected


def test_rows_split_outside_cases() -> None:
    text = "a &= \\begin{cases} 1 & x \\\\ 0 & y \\end{cases} \\\\ &= b"
    assert [piece.strip() for piece in _pieces(text, rows(text))] == [
        "a &= \\begin{cases} 1 & x \\\\ 0 & y \\end{cases}",
        "&= b",
    ]


def test_a_continued_row_joins_the_row_before() -> None:
    text = "a &= b \\\\ &\\quad + c \\\\ &= d"
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert [cleaned[start:end].split() for start, end in rows(cleaned)] == [
        ["a", "=", "b", "\\quad", "+", "c"],
        ["=", "d"],
    ]


def test_a_cases_row_starting_with_a_minus_stays_a_row() -> None:
    text = "\\begin{cases} 1 & x > 0 \\\\ -1 & x < 0 \\end{cases}"
    assert "\\\\" in clean(text)


@pytest.mark.parametrize(
    "text",
    [
        "\\begin{align*} a &= b \\label{x} \\nonumber \\end{align*}",
        "\\begin{alignat}{2} a &= b \\end{alignat}",
        "a &= \\begin{cases} 1 & x > 0 \\end{cases} \\tag{3}",
    ],
)
def test_clean_keeps_length_and_cases(text: str) -> None:
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert "align" not in cleaned and "label" not in cleaned and "tag" not in cleaned
    assert ("cases" in text) == ("cases" in cleaned)
    assert ("& x" in text) == ("& x" in cleaned)  # alignment & inside cases is kept


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        pytest.param("-6 x_3", False, id="plain"),
        pytest.param("x_{10} + 1", True, id="braced-subscript"),
        pytest.param("e^{x}", True, id="braced-power"),
        pytest.param("σ(x)(1 − σ(x))", True, id="unicode"),
        pytest.param("\\frac{1}{2}", True, id="backslash"),
    ],
)
def test_is_latex(text: str, latex: bool) -> None:
    assert is_latex(text) is latex


@pytest.mark.parametrize(
    ("lhs", "answer"),
    [
        pytest.param("\\frac{dz}{dx_1}", True, id="leibniz"),
        pytest.param("\\dfrac{\\partial z}{\\partial x}", True, id="partial"),
        pytest.param("f'(t)", True, id="prime"),
        pytest.param("dz/dx_1", True, id="slash"),
        pytest.param("∂z/∂x", True, id="unicode"),
        pytest.param("\\mathcal{O}(n)", False, id="prose"),
        pytest.param("x", False, id="a-name"),
    ],
)
def test_looks_like_answer(lhs: str, answer: bool) -> None:
    assert looks_like_answer(lhs) is answer


def test_offset_of() -> None:
    assert offset_of("ab\ncd", 2, 2) == 4
    assert offset_of("ab", None, None) == 0


def test_plain_derivative_names_use_the_latex_parser() -> None:
    side = parse_side("dz/dx1", 0, 6, latex=False)
    assert isinstance(side.value, DerivativeNotation) and side.value.variable == "x1"


def test_plain_falls_back_to_latex_and_reports_its_own_error() -> None:
    assert parse_side("x1 \\cdot 2", 0, 10, latex=False).value == 2 * make_symbol("x1")
    failed = parse_side("a = 1 +", 4, 7, latex=False)
    assert failed.error is not None and failed.syntax == "plain"
    assert failed.error_offset == 7
