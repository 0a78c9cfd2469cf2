"""A value with a name the problem does not define is not accepted, and the verdict says so
(problems/q3.yaml: q3a z = x1 + 5*x2 - 3*x3^2, q3b z = x1*(x2-4) + exp(x3^2)/5*x4^2)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from symderive.check.undefined_names import name_splits
from tests.checking import check_markdown

Q3 = Path(__file__).resolve().parents[2] / "problems" / "q3.yaml"


@pytest.mark.parametrize(
    ("problem", "formula", "names"),
    [
        pytest.param("q3a", r"\frac{\partial z}{\partial x_1} = y", "y", id="a-stranger"),
        pytest.param("q3b", r"\frac{\partial z}{\partial x_2} = x_1 w", "w", id="a-stray-factor"),
        pytest.param(
            "q3b", r"\frac{\partial z}{\partial x_1} = x_2 - 4 + \epsilon", "epsilon", id="greek"
        ),
        pytest.param("q3a", "dz/dx3 = -6*x3 + a*b", "a, b", id="two-in-plain-text"),
    ],
)
def test_a_name_the_problem_does_not_define_is_said(
    problem: str, formula: str, names: str, tmp_path: Path
) -> None:
    math = formula if formula.startswith("dz") else f"${formula}$"
    (result,) = check_markdown(Q3, f"# Problem {problem}\n\n{math}\n", tmp_path).results
    assert result.verdict.value == "undecided", result
    assert any(f"uses {names}, which the problem does not define" in n for n in result.notes)


@pytest.mark.parametrize(
    ("markdown", "verdict"),
    [
        pytest.param(
            "$u = x_2 - 4$\n\n$\\frac{\\partial z}{\\partial x_1} = u$", "proved", id="defined"
        ),
        pytest.param(
            "$u = x_2 + 4$\n\n$\\frac{\\partial z}{\\partial x_1} = u$",
            "refuted",
            id="defined-wrong",
        ),
        pytest.param(
            r"$\frac{\partial z}{\partial x_1} = x_2 - 4 + \sin^2 y + \cos^2 y - 1$",
            "proved",
            id="equal-whatever-y-is",
        ),
        pytest.param(
            r"$\frac{\partial z}{\partial x_2} = x_2$", "refuted", id="the-problems-own-names"
        ),
    ],
)
def test_names_the_answer_defines_or_the_problem_has_are_compared(
    markdown: str, verdict: str, tmp_path: Path
) -> None:
    results = check_markdown(Q3, f"# Problem q3b\n\n{markdown}\n", tmp_path).results
    assert results[-1].verdict.value == verdict, results[-1]


NOTATION = Path(__file__).resolve().parents[2] / "tests" / "data" / "notation" / "problems.yaml"
"""p1: f = x^2*y + sin(x)^2 in x and y, so f_x = 2xy + sin(2x)."""


@pytest.mark.parametrize(
    ("line", "verdict"),
    [
        pytest.param("df/dx = 2xy + sin(2x)", "proved", id="right"),
        pytest.param("df/dx = 2xy - sin(2x)", "refuted", id="wrong"),
        pytest.param("df/dy = xx", "proved", id="a-square-written-twice"),
        pytest.param("df/dy = yx", "refuted", id="wrong-product"),
    ],
)
def test_a_name_made_of_the_problems_variables_is_read_as_their_product(
    line: str, verdict: str, tmp_path: Path
) -> None:
    (result,) = check_markdown(NOTATION, f"# p1\n\n{line}\n", tmp_path).results
    assert result.verdict.value == verdict, result
    assert any("taken as a product of its variables" in note for note in result.notes)


def test_a_name_that_splits_two_ways_is_not_read_as_a_product() -> None:
    known = {name: sympy.Symbol(name) for name in ("a", "ab", "b")}
    assert len(name_splits("abb", known)) == 2  # a·b·b or ab·b: no reading is chosen
    assert name_splits("ba", known) == [["b", "a"]]
    assert name_splits("c", known) == []
