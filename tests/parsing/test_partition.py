"""A student's answer by cases must partition its domain: checked on the rows as written, before
SymPy's Piecewise (first guard that holds wins) folds a hedge away."""

from __future__ import annotations

import pytest
import sympy

from symderive.errors import ExpressionError
from symderive.parsing.latex import parse_latex_expression
from symderive.parsing.partition import partition_problem

x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(r"1 & x > 0 \\ 3 & x = 0 \\ 0 & x < 0", id="a-value-at-the-kink"),
        pytest.param(r"1 & x \ge 0 \\ 0 & x \le 0", id="sharing-only-the-kink"),
        pytest.param(r"1 & x > 0 \\ 0 & \text{otherwise}", id="otherwise-last"),
        pytest.param(r"s_i(1 - s_i) & i = j \\ -s_i s_j & i \neq j", id="kronecker"),
        pytest.param(r"1 & x_1 > x_2 \\ 0 & x_1 < x_2", id="one-linear-form"),
        pytest.param(r"1 & x > 0 \\ \alpha & x < 0", id="a-parameter-in-a-value"),
    ],
)
def test_cases_that_partition_parse(text: str) -> None:
    value = parse_latex_expression(r"\begin{cases} " + text + r" \end{cases}")
    assert value.has(sympy.Piecewise)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param(r"1 & x > 0 \\ 5 & x > -1 \\ 0 & \text{otherwise}", "both hold", id="overlap"),
        pytest.param(r"1 & x > 0 \\ 5 & x > 0", "both hold", id="repeated-guard"),
        pytest.param(
            r"1 & x > 0 \\ 1 & x > -1 \\ 0 & \text{otherwise}",
            "same value",
            id="overlap-same-value",
        ),
        pytest.param(r"1 & x > 0 \\ 1 & x > 0 \\ 0 & x \le 0", "same value", id="repeated-row"),
        pytest.param(r"1 & x \ge 0 \\ 5 & x = 0 \\ 0 & x < 0", "both hold", id="kink-hedged"),
        pytest.param(r"A & i \ge j \\ B & i = j", "both hold", id="diagonal-hedged"),
        pytest.param(r"1 & x_1 > x_2 \\ 0 & x_2 - x_1 > -1", "both hold", id="linear-overlap"),
        pytest.param(r"1 & x^2 > 1 \\ 0 & x < 2", "both hold", id="nonlinear-overlap"),
        pytest.param(r"1 & 1 < x < 0 \\ 0 & \text{otherwise}", "never holds", id="empty"),
        pytest.param(r"1 & 2 < 1 \\ 0 & \text{otherwise}", "never holds", id="false"),
        pytest.param(r"1 & \text{otherwise} \\ 0 & x < 0", "always holds", id="otherwise-first"),
        pytest.param(r"1 & x_1 > 0 \\ 0 & x_2 < 0", "cannot check", id="two-variables"),
        pytest.param(r"1 & x_1 x_2 > 0 \\ 0 & x_1 < 0", "cannot check", id="nonlinear-two"),
    ],
)
def test_cases_that_do_not_partition_are_errors(text: str, reason: str) -> None:
    with pytest.raises(ExpressionError, match=reason) as caught:
        parse_latex_expression(r"\begin{cases} " + text + r" \end{cases}")
    assert caught.value.location is not None and caught.value.location.column is not None


def test_the_caret_is_at_the_row_at_fault() -> None:
    text = r"\begin{cases} 1 & x > 0 \\ 5 & x > -1 \end{cases}"
    with pytest.raises(ExpressionError) as caught:
        parse_latex_expression(text)
    assert caught.value.location is not None
    assert caught.value.location.column == text.index("& x > -1") + 1


def test_rows_are_judged_as_written() -> None:
    """SymPy would fold (5, x ≤ 0) after (1, x > 0) into "otherwise"; the rows are not."""
    assert partition_problem([(1, x > 0), (5, x <= 0)]) is None
    assert partition_problem([(1, x > 0), (5, x > 0)]) is not None
