"""Answers by cases, piece by piece: every piece counts, whatever its symbols, wherever it lies;
and a student's cases must partition their domain (checked where the answer is read)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import sympy
from checking import check_markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import expressions

from symderive.check.cases import compare_by_cases
from symderive.check.equivalence import Verdict, compare
from symderive.functions import relu
from symderive.parsing.latex import parse_latex_expression
from symderive.parsing.names import make_symbol

x, x1, x2, x3 = (make_symbol(name) for name in ("x", "x1", "x2", "x3"))

ACCEPTED = (Verdict.PROVED, Verdict.NUMERICALLY_EQUAL)

# ∂z/∂x₁ of z = ReLU(x₁)·x₂ + x₃, and of z = ReLU(x₁)·x₂·x₃
RELU_X2 = sympy.Heaviside(x1) * x2
RELU_X2_X3 = sympy.Heaviside(x1) * x2 * x3


def _cases(text: str) -> sympy.Expr:
    return parse_latex_expression(text)


@pytest.mark.parametrize(
    ("claimed", "correct", "inside"),
    [
        pytest.param(
            _cases(r"\begin{cases} x_2 + 1 & x_1 > 0 \\ 0 & x_1 < 0 \end{cases}"),
            RELU_X2,
            sympy.Interval.open(0, sympy.oo),
            id="off-by-a-constant-two-variables",
        ),
        pytest.param(
            _cases(r"\begin{cases} x_2 x_3 & x_1 > 0 \\ -2 & x_1 \le 0 \end{cases}"),
            RELU_X2_X3,
            sympy.Interval(-sympy.oo, 0),
            id="off-by-a-constant-three-variables",
        ),
        pytest.param(
            _cases(r"\begin{cases} x_2 x_3 & x_1 > 0 \\ 0 & x_1 < 0 \end{cases}"),
            RELU_X2,
            sympy.Interval.open(0, sympy.oo),
            id="differs-by-a-non-constant-in-another-variable",
        ),
        pytest.param(
            _cases(
                r"\begin{cases} x_2 & 0 < x_1 < 10 \\ x_2 + 1 & x_1 \ge 10 \\ 0 & x_1 < 0"
                r" \end{cases}"
            ),
            RELU_X2,
            sympy.Interval(10, sympy.oo),
            id="differs-only-beyond-ten-two-variables",
        ),
        pytest.param(
            _cases(
                r"\begin{cases} x_2 x_3 & 0 < x_1 < 10 \\ x_2 & x_1 \ge 10 \\ 0 & x_1 < 0"
                r" \end{cases}"
            ),
            RELU_X2_X3,
            sympy.Interval(10, sympy.oo),
            id="differs-only-beyond-ten-three-variables",
        ),
    ],
)
def test_a_wrong_piece_is_refuted_inside_its_region(
    claimed: sympy.Expr, correct: sympy.Expr, inside: sympy.Set
) -> None:
    """Refuted at a point in the wrong piece's region, with every symbol, where they differ."""
    comparison = compare(claimed, correct)
    assert comparison.verdict is Verdict.REFUTED
    assert comparison.counterexample is not None
    point = dict(comparison.counterexample.point)
    assert set(point) == claimed.free_symbols | correct.free_symbols
    assert inside.contains(point[x1]) is sympy.true
    exact = (claimed - correct).xreplace(point)
    assert exact.is_zero is False
    assert comparison.counterexample.claimed != comparison.counterexample.correct


def test_the_point_has_every_symbol_even_one_that_cancels() -> None:
    """x₃ cancels in the difference but is a symbol of both sides: the point still names it."""
    claimed = _cases(
        r"\begin{cases} x_2 & 0 < x_1 < 10 \\ x_2 + 1 & x_1 \ge 10 \\ 0 & x_1 < 0 \end{cases}"
    )
    verdict, point = compare_by_cases(claimed - RELU_X2, [x1, x2, x3], (claimed + x3, RELU_X2 + x3))
    assert verdict == "different"
    assert set(point) == {x1, x2, x3} and point[x1] >= 10


@pytest.mark.parametrize(
    ("claimed", "correct"),
    [
        pytest.param(
            _cases(r"\begin{cases} x_2 & x_1 > 0 \\ 0 & x_1 < 0 \end{cases}"),
            RELU_X2,
            id="relu-times-x2",
        ),
        pytest.param(
            _cases(r"\begin{cases} x_2 x_3 & x_1 > 0 \\ 0 & x_1 \le 0 \end{cases}"),
            RELU_X2_X3,
            id="relu-times-x2-x3",
        ),
        pytest.param(
            _cases(r"\begin{cases} x_1 x_3 & x_1 > 0 \\ 0 & \text{otherwise} \end{cases}"),
            sympy.diff(relu(x1) * x2 * x3, x2).rewrite(sympy.Piecewise),
            id="relu-as-a-factor-of-another-partial",
        ),
    ],
)
def test_a_right_answer_by_cases_in_several_variables_is_proved(
    claimed: sympy.Expr, correct: sympy.Expr
) -> None:
    comparison = compare(claimed, correct)
    assert comparison.verdict is Verdict.PROVED
    assert comparison.stage in (
        "canonical form",
        "equal on every piece (they may differ only at kinks)",
    )


def test_conditions_in_several_variables_are_never_equal_by_cases() -> None:
    """x₁ > x₂ is not analysed piece by piece: unknown, not equal."""
    difference = sympy.Piecewise((1, x1 > x2), (0, True)) - sympy.Heaviside(x1 - x2)
    assert compare_by_cases(difference, [x1, x2])[0] == "unknown"


_BREAKS = st.lists(
    st.fractions(min_value=-15, max_value=15, max_denominator=3),
    min_size=1,
    max_size=3,
    unique=True,
).map(lambda values: sorted(sympy.Rational(v.numerator, v.denominator) for v in values))


@settings(max_examples=20, deadline=None)
@given(
    _BREAKS,
    st.lists(expressions, min_size=4, max_size=4),
    st.integers(min_value=0, max_value=3),
    st.fractions(min_value=-5, max_value=5, max_denominator=7).filter(lambda value: value != 0),
)
def test_a_constant_added_to_one_piece_is_never_accepted(
    breaks: list[sympy.Rational], values: list[sympy.Expr], which: int, amount: Fraction
) -> None:
    """A right answer by cases in x₁ (pieces in x₁, x₂, x₃, breakpoints up to ±15, beyond the
    random points), with a nonzero rational added to one piece: neither proved nor equal."""
    pieces = [(value * x2 + x3, x1 < end) for value, end in zip(values, breaks, strict=False)]
    pieces.append((values[len(breaks)] * x2 + x3, sympy.true))
    correct = sympy.Piecewise(*pieces)
    index = which % len(pieces)
    constant = sympy.Rational(amount.numerator, amount.denominator)
    wrong = [
        (value + constant if position == index else value, condition)
        for position, (value, condition) in enumerate(pieces)
    ]
    claimed = sympy.Piecewise(*wrong)
    assert compare(claimed, correct, proof_seconds=0.5).verdict not in ACCEPTED


# --- a student's cases must partition their domain ------------------------------------------

PROBLEMS = """problems:
  - id: r
    kind: partials
    expression: "z = relu(x1)*x2 + x3"
    wrt: [x1, x2, x3]
"""


def _check_one(tmp_path: Path, claim: str) -> tuple[Verdict, str]:
    problem_file = tmp_path / "problems.yaml"
    problem_file.write_text(PROBLEMS, encoding="utf-8")
    markdown = f"# r\n\n$$\\frac{{\\partial z}}{{\\partial x_1}} = {claim}$$\n"
    (result,) = check_markdown(problem_file, markdown, tmp_path).results
    return result.verdict, result.claim.error.message if result.claim.error else ""


@pytest.mark.parametrize(
    ("claim", "reason"),
    [
        pytest.param(
            r"\begin{cases} x_2 & x_1 > 0 \\ 5 & x_1 > -1 \\ 0 & \text{otherwise} \end{cases}",
            "x1 > 0 (case 1) and x1 > -1 (case 2) both hold",
            id="overlapping-guards",
        ),
        pytest.param(
            r"\begin{cases} x_2 & x_1 > 0 \\ 7 & x_1 > 0 \\ 0 & x_1 \le 0 \end{cases}",
            "x1 > 0 (case 1) and x1 > 0 (case 2) both hold",
            id="a-repeated-guard",
        ),
        pytest.param(
            r"\begin{cases} x_2 & x_1 > 0 \\ 5 & x_1 > 1, x_1 < 0 \\ 0 & x_1 \le 0 \end{cases}",
            "of case 2 never holds",
            id="empty-guard",
        ),
        pytest.param(
            r"\begin{cases} x_2 & \text{otherwise} \\ 0 & x_1 < 0 \end{cases}",
            "always holds",
            id="otherwise-before-other-cases",
        ),
        pytest.param(
            r"\begin{cases} x_2 & x_1 > 0 \\ 0 & x_2 < 0 \end{cases}",
            "cannot check",
            id="guards-in-unrelated-variables",
        ),
    ],
)
def test_cases_that_do_not_partition_are_unparsed(tmp_path: Path, claim: str, reason: str) -> None:
    verdict, message = _check_one(tmp_path, claim)
    assert verdict is Verdict.UNPARSED
    assert reason in message


@pytest.mark.parametrize(
    "claim",
    [
        pytest.param(r"\begin{cases} x_2 & x_1 > 0 \\ 0 & x_1 \le 0 \end{cases}", id="partition"),
        pytest.param(
            r"\begin{cases} x_2 & x_1 \ge 0 \\ 0 & x_1 \le 0 \end{cases}", id="shared-kink-point"
        ),
        pytest.param(
            r"\begin{cases} x_2 & x_1 > 0 \\ 0 & \text{otherwise} \end{cases}", id="otherwise"
        ),
    ],
)
def test_cases_that_partition_are_checked(tmp_path: Path, claim: str) -> None:
    verdict, message = _check_one(tmp_path, claim)
    assert (verdict, message) == (Verdict.PROVED, "")
