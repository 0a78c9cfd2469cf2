"""Numbers claimed for a derivative that is not constant: its value at the problem's ``at:`` point.

The values are checked against mpmath at 50 digits, computed here independently: a claim is
right when it is the exact value, or the exact value correctly rounded to the last digit it
writes (half a unit either way; exactly half-way accepts both neighbours). A truncation that
is not the rounding, a value one unit off, an integer that is only close, and the value at
another point are all refuted, with the point named in the evidence.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

import mpmath
import pytest

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.check.checker import check_answers
from symderive.check.point_values import written_decimal
from symderive.check.report import ClaimResult
from symderive.problemfile import load_problem_file, load_problem_text
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).resolve().parents[2]
Q3 = ROOT / "problems" / "q3.yaml"

POINTS = """title: values at a point
problems:
  - id: small
    kind: partials
    expression: "z = x1*exp(-x2)"
    wrt: [x1, x2]
    at: {x1: 1, x2: 2.5}
  - id: close
    kind: partials
    expression: "y = -3*t - t^2/10000000"
    at: {t: 0.5}
  - id: tie
    kind: partials
    expression: "w = u^2/8"
    at: {u: 0.5}
  - id: nowhere
    kind: partials
    expression: "v = s^2"
"""
"""∂z/∂x1 = e^{-2.5} = 0.08208499862…; dy/dt = −3.0000001; dw/du = 0.125 exactly; v has no point."""


@cache
def _solved(problems: str | Path) -> SolutionSet:
    """Each problem set solved once for all the tests (solving is most of a test's time)."""
    if isinstance(problems, Path):
        return solve_problem_set(load_problem_file(problems))
    return solve_problem_set(load_problem_text(problems, "points.yaml"))


def _check(tmp_path: Path, problems: str | Path, answers: str, suffix: str = ".md") -> ClaimResult:
    """The one claim of ``answers`` checked against ``problems`` (a file or YAML text)."""
    solutions = _solved(problems)
    path = tmp_path / f"answers{suffix}"
    path.write_text(answers, encoding="utf-8")
    report = check_answers(solutions, attribute(read_answers(path), solutions.problem_set))
    assert len(report.results) == 1, report.results
    return report.results[0]


def _markdown(heading: str, derivative: str, value: str) -> str:
    return f"# {heading}\n\n$\\frac{{\\partial {derivative}}} = {value}$\n"


def _evidence(result: ClaimResult) -> str:
    assert result.comparison is not None
    return result.comparison.stage


E_MINUS_2_5 = mpmath.mpf(-5) / 2


def _exact_small() -> mpmath.mpf:
    with mpmath.workdps(50):
        return mpmath.exp(E_MINUS_2_5)


def _rounded(value: mpmath.mpf, significant: int) -> str:
    """``value`` correctly rounded to ``significant`` digits, as a plain decimal."""
    with mpmath.workdps(50):
        text = mpmath.nstr(value, significant, min_fixed=-20, max_fixed=20, strip_zeros=False)
    return text


def _truncated(value: mpmath.mpf, significant: int) -> str:
    """``value`` (positive) cut after ``significant`` digits, as a plain decimal."""
    with mpmath.workdps(50):
        places = significant - 1 - int(mpmath.floor(mpmath.log10(value)))
        digits = int(mpmath.floor(value * mpmath.mpf(10) ** places))
    return str(Decimal(digits).scaleb(-places))


# --- the digits written ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("side", "value", "last_place", "significant"),
    [
        pytest.param(" 0.082167", Fraction("0.082167"), -6, 5, id="leading-zeros-not-significant"),
        pytest.param("0.513620", Fraction("0.51362"), -6, 6, id="trailing-zero-is-a-digit"),
        pytest.param(" -3.0", Fraction(-3), -1, 2, id="negative-one-decimal"),
        pytest.param("−1.25", Fraction("-1.25"), -2, 3, id="unicode-minus"),
        pytest.param(".5", Fraction(1, 2), -1, 1, id="no-leading-digit"),
        pytest.param("8.2167 \\times 10^{-2}", Fraction("0.082167"), -6, 5, id="times-ten-power"),
        pytest.param("8.2167\\cdot10^{-2}", Fraction("0.082167"), -6, 5, id="cdot-ten-power"),
        pytest.param("1.5 \\times 10^3", Fraction(1500), 2, 2, id="bare-ten-power"),
        pytest.param("8.2167e-2", Fraction("0.082167"), -6, 5, id="e-notation"),
        pytest.param(" 0.0822.", Fraction("0.0822"), -4, 3, id="sentence-full-stop"),
        pytest.param(" 0.0822 \\,", Fraction("0.0822"), -4, 3, id="latex-space"),
    ],
)
def test_the_digits_written_are_read_from_the_text(
    side: str, value: Fraction, last_place: int, significant: int
) -> None:
    written = written_decimal(side)
    assert written is not None
    assert (written.value, written.last_place, written.significant) == (
        value,
        last_place,
        significant,
    )


@pytest.mark.parametrize(
    "side",
    [
        pytest.param("-3", id="integer"),
        pytest.param("\\frac{1}{4}", id="fraction"),
        pytest.param("-6 \\cdot 0.5", id="expression-of-numbers"),
        pytest.param("0.8 e^{0.25}", id="decimal-times-exponential"),
        pytest.param("3.", id="point-without-digits"),
        pytest.param("0.5x_3", id="decimal-times-variable"),
    ],
)
def test_only_one_decimal_number_says_digits_were_dropped(side: str) -> None:
    assert written_decimal(side) is None


# --- right values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "derivative", "value"),
    [
        pytest.param("q3a", "z}{\\partial x_3", "-3", id="integer"),
        pytest.param("q3a", "z}{\\partial x_3", "-3.0", id="integer-as-decimal"),
        pytest.param("q3a", "z}{\\partial x_3", "-6 \\cdot 0.5", id="expression-of-numbers"),
        pytest.param("q3b", "z}{\\partial x_1", "-2", id="q3b-integer"),
        pytest.param("q3c", "z}{\\partial x_3", "-\\frac{1}{4}", id="fraction"),
        pytest.param("q3c", "z}{\\partial x_3", "-0.25", id="exact-decimal"),
        pytest.param("q3b", "z}{\\partial x_3", "e^{0.25} \\cdot 0.8", id="exact-transcendental"),
        pytest.param("q3c", "z}{\\partial x_1", "e^{\\frac{1}{4}}", id="exact-exponential"),
    ],
)
def test_an_exact_value_at_the_point_is_proved(
    tmp_path: Path, heading: str, derivative: str, value: str
) -> None:
    result = _check(tmp_path, Q3, _markdown(heading, derivative, value))
    assert result.verdict == "proved", _evidence(result)
    assert "value at x1 = " in _evidence(result)
    assert "equal to the exact value" in _evidence(result)


@pytest.mark.parametrize("significant", range(1, 16), ids=lambda n: f"{n}-digits")
def test_a_correctly_rounded_value_is_proved_at_every_digit_count(
    tmp_path: Path, significant: int
) -> None:
    claimed = _rounded(_exact_small(), significant)
    result = _check(tmp_path, POINTS, _markdown("small", "z}{\\partial x_1", claimed))
    assert result.verdict == "proved", _evidence(result)
    assert "value at x1 = 1, x2 = 2.5: " in _evidence(result)
    assert "correctly rounded" in _evidence(result)


@pytest.mark.parametrize(
    ("problems", "heading", "derivative", "value"),
    [
        pytest.param(POINTS, "small", "z}{\\partial x_1", "0.0821", id="3-digits"),
        pytest.param(POINTS, "small", "z}{\\partial x_1", "8.2085 \\times 10^{-2}", id="times-ten"),
        pytest.param(POINTS, "close", "y}{\\partial t", "-3.000000", id="close-to-an-integer"),
        pytest.param(POINTS, "tie", "w}{\\partial u", "0.12", id="half-way-down"),
        pytest.param(POINTS, "tie", "w}{\\partial u", "0.13", id="half-way-up"),
        pytest.param(Q3, "q3b", "z}{\\partial x_3", "1.027220", id="q3b-trailing-zero"),
        pytest.param(Q3, "q3c", "z}{\\partial x_2", "6.42", id="q3c-3-digits"),
        pytest.param(Q3, "q3b", "z}{\\partial x_3", "1.0", id="q3b-2-digits"),
        pytest.param(Q3, "q3b", "z}{\\partial x_3", "10.272e-1", id="scientific-notation"),
    ],
)
def test_a_rounded_decimal_is_proved(
    tmp_path: Path, problems: str | Path, heading: str, derivative: str, value: str
) -> None:
    result = _check(tmp_path, problems, _markdown(heading, derivative, value))
    assert result.verdict == "proved", _evidence(result)
    assert "correctly rounded" in _evidence(result)


def test_a_decimal_with_every_digit_is_the_exact_value(tmp_path: Path) -> None:
    result = _check(tmp_path, POINTS, _markdown("close", "y}{\\partial t", "-3.0000001"))
    assert result.verdict == "proved"
    assert _evidence(result) == "value at t = 0.5: equal to the exact value -3.0000001"


def test_the_evidence_shows_the_digits_and_the_value_there(tmp_path: Path) -> None:
    result = _check(tmp_path, POINTS, _markdown("small", "z}{\\partial x_1", "0.082085"))
    assert _evidence(result) == (
        "value at x1 = 1, x2 = 2.5: 0.082085 written to 5 significant digits, correctly "
        "rounded; the derivative there is 0.08208499862…"
    )


def test_a_value_in_a_yaml_answer_file_keeps_its_written_digits(tmp_path: Path) -> None:
    answers = "small:\n  dz/dx1: 0.08208500\n"
    result = _check(tmp_path, POINTS, answers, suffix=".yaml")
    assert result.verdict == "proved", _evidence(result)
    assert "0.08208500 written to 7 significant digits" in _evidence(result)


# --- wrong values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("problems", "heading", "derivative", "value"),
    [
        pytest.param(POINTS, "small", "z}{\\partial x_1", "0.0820", id="truncated-not-rounded"),
        pytest.param(POINTS, "small", "z}{\\partial x_1", "0.08209", id="one-unit-high"),
        pytest.param(POINTS, "small", "z}{\\partial x_1", "0.082083", id="one-unit-low"),
        pytest.param(POINTS, "small", "z}{\\partial x_1", "0.081", id="2-digits-truncated"),
        pytest.param(POINTS, "close", "y}{\\partial t", "-3.0000000", id="one-digit-too-many"),
        pytest.param(POINTS, "tie", "w}{\\partial u", "0.14", id="past-half-way"),
        pytest.param(POINTS, "tie", "w}{\\partial u", "0.11", id="below-half-way"),
        pytest.param(Q3, "q3b", "z}{\\partial x_3", "1.02723", id="q3b-last-digit"),
        pytest.param(POINTS, "small", "z}{\\partial x_1", "0.1", id="a-digit-above-the-first"),
        pytest.param(Q3, "q3b", "z}{\\partial x_3", "0.99", id="close-but-not-a-rounding"),
    ],
)
def test_a_wrongly_rounded_decimal_is_refuted(
    tmp_path: Path, problems: str | Path, heading: str, derivative: str, value: str
) -> None:
    result = _check(tmp_path, problems, _markdown(heading, derivative, value))
    assert result.verdict == "refuted", _evidence(result)
    assert "value at " in _evidence(result)
    assert "which rounds to" in _evidence(result)


@pytest.mark.parametrize(
    "value", [r"0.0 \times 10^{2}", "0.0", "0.00e5"], ids=["times-ten", "plain", "e-form"]
)
def test_a_decimal_without_a_significant_digit_is_compared_exactly(
    value: str, tmp_path: Path
) -> None:
    """0.0 × 10² has no digit to round to: within "half a unit" of it lies almost anything."""
    result = _check(tmp_path, Q3, _markdown("q3b", "z}{\\partial x_1", value))
    assert result.verdict == "refuted", _evidence(result)


TRUNCATED = [
    (significant, _truncated(_exact_small(), significant))
    for significant in range(2, 14)
    if _truncated(_exact_small(), significant) != _rounded(_exact_small(), significant)
]
"""Digit counts at which cutting e^{-2.5} off is not rounding it (0.0820 against 0.0821, …)."""


@pytest.mark.parametrize(
    ("significant", "truncated"), TRUNCATED, ids=[f"{n}-digits" for n, _ in TRUNCATED]
)
def test_a_truncation_that_is_not_the_rounding_is_refuted(
    tmp_path: Path, significant: int, truncated: str
) -> None:
    assert len(truncated.lstrip("0.")) == significant
    result = _check(tmp_path, POINTS, _markdown("small", "z}{\\partial x_1", truncated))
    assert result.verdict == "refuted", _evidence(result)


def test_the_wrong_evidence_names_the_point_and_the_rounding(tmp_path: Path) -> None:
    result = _check(tmp_path, POINTS, _markdown("small", "z}{\\partial x_1", "0.0820"))
    assert _evidence(result) == (
        "value at x1 = 1, x2 = 2.5: 0.0820 written to 3 significant digits; the derivative "
        "there is 0.08208499862…, which rounds to 0.0821 at that digit"
    )


@pytest.mark.parametrize(
    ("problems", "heading", "derivative", "value"),
    [
        pytest.param(POINTS, "close", "y}{\\partial t", "-3", id="integer-only-close"),
        pytest.param(Q3, "q3a", "z}{\\partial x_3", "-6", id="value-at-another-point"),
        pytest.param(Q3, "q3c", "z}{\\partial x_3", "-\\frac{1}{2}", id="wrong-fraction"),
        pytest.param(Q3, "q3b", "z}{\\partial x_3", "0.8 \\cdot 1.284", id="rounded-factors"),
        pytest.param(Q3, "q3c", "z}{\\partial x_1", "e^{0.2501}", id="wrong-exponential"),
    ],
)
def test_an_exact_claim_that_differs_is_refuted(
    tmp_path: Path, problems: str | Path, heading: str, derivative: str, value: str
) -> None:
    result = _check(tmp_path, problems, _markdown(heading, derivative, value))
    assert result.verdict == "refuted", _evidence(result)
    assert _evidence(result).startswith("value at ")
    assert "the derivative there is" in _evidence(result)


def test_an_integer_near_the_value_is_refuted_with_both_numbers(tmp_path: Path) -> None:
    result = _check(tmp_path, POINTS, _markdown("close", "y}{\\partial t", "-3"))
    assert (
        _evidence(result) == "value at t = 0.5: the claim is -3, the derivative there is -3.0000001"
    )


# --- unchanged -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "verdict"),
    [
        pytest.param("1", "proved", id="right"),
        pytest.param("1.0", "proved", id="right-as-decimal"),
        pytest.param("1.04", "refuted", id="close-decimal"),
        pytest.param("2", "refuted", id="wrong"),
    ],
)
def test_a_constant_derivative_is_compared_as_before(
    tmp_path: Path, value: str, verdict: str
) -> None:
    result = _check(tmp_path, Q3, _markdown("q3a", "z}{\\partial x_1", value))
    assert result.verdict == verdict
    assert not _evidence(result).startswith("value at")


def test_without_a_point_a_number_stays_refuted_with_a_note(tmp_path: Path) -> None:
    result = _check(tmp_path, POINTS, _markdown("nowhere", "v}{\\partial s", "2"))
    assert result.verdict == "refuted"
    assert result.comparison is not None and result.comparison.counterexample is not None
    assert any("the problem gives no point ('at:')" in note for note in result.notes)


def test_an_expression_with_variables_is_compared_everywhere(tmp_path: Path) -> None:
    result = _check(tmp_path, Q3, _markdown("q3a", "z}{\\partial x_3", "-6x_3"))
    assert result.verdict == "proved"
    assert not _evidence(result).startswith("value at")


def test_a_claim_that_is_no_number_is_refuted_as_before(tmp_path: Path) -> None:
    result = _check(tmp_path, Q3, _markdown("q3c", "z}{\\partial x_2", "\\log(0)"))
    assert result.verdict == "refuted"
    assert "not a finite number" in _evidence(result)


def test_a_value_beyond_every_precision_is_undecided_never_accepted(tmp_path: Path) -> None:
    result = _check(tmp_path, Q3, _markdown("q3c", "z}{\\partial x_3", "e^{e^{e^{e^{9}}}}"))
    assert result.verdict == "undecided"
    assert _evidence(result).startswith("value at x1 = 0.5, x2 = -3, x3 = 2: whether")


def test_a_value_that_is_not_real_is_refuted(tmp_path: Path) -> None:
    result = _check(tmp_path, Q3, _markdown("q3c", "z}{\\partial x_3", "-0.25 + \\sqrt{-1}"))
    assert result.verdict == "refuted"
    assert "not a real number" in _evidence(result)


KINK = """title: a point on a kink
problems:
  - id: kink
    kind: partials
    expression: "z = relu(x1 - 1)*x2"
    at: {x1: 1, x2: 2}
"""


def test_a_value_at_a_point_on_a_kink_is_not_compared(tmp_path: Path) -> None:
    result = _check(tmp_path, KINK, _markdown("kink", "z}{\\partial x_1", "2"))
    assert result.verdict == "undecided"
    assert "the point sits on the kink" in _evidence(result)
