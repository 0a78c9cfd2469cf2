"""Splitting LaTeX formulas where a long display may break: outside every group, between terms."""

from __future__ import annotations

import pytest

from symderive.render.mathtext import split_formula


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("z = x_{1} + 5 x_{2} - 3 x_{3}^{2}", ("z", "=", ["x_{1}", "+ 5 x_{2}", "- 3 x_{3}^{2}"])),
        (
            r"\frac{\partial z}{\partial x} = - 6 x",
            (r"\frac{\partial z}{\partial x}", "=", ["- 6 x"]),
        ),
        (
            r"y = \left(a + b\right) - \frac{c - d}{2} = 4",
            ("y", "=", [r"\left(a + b\right)", r"- \frac{c - d}{2} = 4"]),
        ),
        (r"a + \left\{ b - c \right. + d", ("", "", ["a", r"+ \left\{ b - c \right.", "+ d"])),
        (
            r"\begin{cases} a - b & x = 0 \\ 1 \end{cases} + 2",
            ("", "", [r"\begin{cases} a - b & x = 0 \\ 1 \end{cases}", "+ 2"]),
        ),
        (r"a \leq b + c", ("a", r"\leq", ["b", "+ c"])),
        (r"x^{-1} = e^{- y}", ("x^{-1}", "=", ["e^{- y}"])),
    ],
    ids=["sum", "leading-minus", "groups", "escaped-brace", "environment", "relation", "exponents"],
)
def test_split_formula(formula: str, expected: tuple[str, str, list[str]]) -> None:
    assert split_formula(formula) == expected
