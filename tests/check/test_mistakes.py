"""Diagnoses are established by comparison, most specific first, and only when they fit."""

from __future__ import annotations

import json

import pytest
import sympy

from symderive.check import mistakes
from symderive.check.mistakes import (
    DiagnosisCode,
    MistakeContext,
    diagnose,
    forgetful_derivative,
    kink_values,
)
from symderive.derive.differentiate import derive
from symderive.parsing.expression import parse_expression
from symderive.parsing.latex import parse_latex_expression


def _plain(text: str) -> sympy.Expr:
    return parse_expression(text).expression


Q3C = _plain("1/x3 + exp( (x1+5*(x2+3)) ^2 )")
X1, X2, X3 = sorted(Q3C.free_symbols, key=lambda symbol: symbol.name)
Q3C_CONTEXT = MistakeContext(
    Q3C,
    X1,
    derive(Q3C, X1).result,
    ((X2, derive(Q3C, X2).result), (X3, derive(Q3C, X3).result)),
)


@pytest.mark.parametrize(
    ("claim", "code"),
    [
        pytest.param("-2*(x1+5*x2+15)*exp((x1+5*x2+15)^2)", "sign", id="sign"),
        pytest.param("6*(x1+5*x2+15)*exp((x1+5*x2+15)^2)", "constant-factor", id="factor-3"),
        pytest.param("10*(x1+5*x2+15)*exp((x1+5*x2+15)^2)", "other-variable", id="dz-dx2"),
        pytest.param("-1/x3^2", "other-variable", id="dz-dx3"),
        pytest.param("exp((x1+5*x2+15)^2)", "missing-chain-factor", id="chain"),
        pytest.param("x1 + x2", None, id="unrelated"),
    ],
)
def test_q3c_diagnoses(claim: str, code: str | None) -> None:
    diagnosis = diagnose(_plain(claim), Q3C_CONTEXT)
    assert (diagnosis.code if diagnosis else None) == code


def test_other_reading_of_an_ambiguous_expression() -> None:
    parsed = parse_expression("z = x1*(x2-4) + exp(x3^2) / 5*x4^2")
    x4 = sorted(parsed.expression.free_symbols, key=lambda symbol: symbol.name)[3]
    other = parsed.alternatives[0]
    context = MistakeContext(
        parsed.expression,
        x4,
        derive(parsed.expression, x4).result,
        other_readings=((other.description, derive(other.expression, x4).result),),
    )
    diagnosis = diagnose(_plain("-2*exp(x3^2)/(5*x4^3)"), context)
    assert diagnosis is not None and diagnosis.code == "other-reading"


def test_forgetful_derivative_drops_inner_factors() -> None:
    x = _plain("x")
    assert forgetful_derivative(sympy.sin(x**2) + x, x) == sympy.cos(x**2) + 1


@pytest.mark.parametrize(
    ("cases", "valid"),
    [
        pytest.param(
            r"\begin{cases} 1 & x \geq 0 \\ 0 & x < 0 \end{cases}", True, id="one-at-zero"
        ),
        pytest.param(
            r"\begin{cases} 1 & x > 0 \\ 0 & x \leq 0 \end{cases}", True, id="zero-at-zero"
        ),
        pytest.param(
            r"\begin{cases} 1 & x > 0 \\ 2 & x = 0 \\ 0 & x < 0 \end{cases}",
            False,
            id="two-at-zero",
        ),
    ],
)
def test_relu_kink_values(cases: str, valid: bool) -> None:
    x = _plain("x")
    correct = derive(_plain("relu(x)"), x).result
    (kink,) = kink_values(parse_latex_expression(cases), correct, [x])
    assert kink.point == 0 and kink.valid is valid


def test_one_chain_factor_forgotten_is_diagnosed() -> None:
    context = MistakeContext(
        Q3C,
        X2,
        derive(Q3C, X2).result,
        ((X1, derive(Q3C, X1).result), (X3, derive(Q3C, X3).result)),
    )
    diagnosis = diagnose(_plain("5*exp((x1+5*x2+15)^2)"), context)
    assert diagnosis is not None and diagnosis.code == "missing-chain-factor"


def test_diagnosis_codes_serialise_as_they_always_did() -> None:
    """JSON reports, grade CSVs and ``credit:`` keys spell the codes this way; never rename."""
    assert [code.value for code in DiagnosisCode] == [
        "sign",
        "constant-factor",
        "other-variable",
        "other-reading",
        "missing-chain-factor",
        "diagonal-only",
        "matrix-order",
        "incomplete-matrix",
        "identity-for-diag",
        "other-jacobian",
    ]
    assert json.dumps({"code": DiagnosisCode.CONSTANT_FACTOR}) == '{"code": "constant-factor"}'
    assert f"{DiagnosisCode.SIGN} ({DiagnosisCode.MATRIX_ORDER})" == "sign (matrix-order)"


def test_a_claim_in_other_symbols_has_no_value_at_a_kink() -> None:
    """``s_i(δ_ij − s_j)`` under the ReLU heading: at the kink it is no number, so there is
    nothing to judge there (it used to crash comparing a symbol with the subgradient)."""
    x = sympy.Symbol("x", real=True)
    i, j = sympy.symbols("i j", integer=True)
    s_i, s_j = sympy.symbols("s_i s_j", real=True)
    claimed = s_i * (sympy.KroneckerDelta(i, j) - s_j)
    (kink,) = kink_values(claimed, sympy.Heaviside(x), [x])
    assert kink.claimed is None
    assert "does not exist" in kink.note()


_X = sympy.Symbol("x", real=True)


@pytest.mark.parametrize(
    ("expression", "point"),
    [
        (sympy.Heaviside(_X), 0),
        (sympy.exp(_X) + 2 * sympy.Heaviside(_X), 0),
        (sympy.sign(_X), 0),
        (sympy.Heaviside(-_X), 0),
        (sympy.Heaviside(_X) * (1 - sympy.tanh(_X) ** 2), 0),
        (_X**2 * sympy.Heaviside(2 * _X - 1), sympy.Rational(1, 2)),
        (sympy.sqrt(_X) * sympy.Heaviside(_X), sympy.Rational(1, 2)),
        (sympy.Heaviside(_X) + sympy.sin(_X) / _X, sympy.Rational(1, 2)),
        (sympy.Heaviside(_X) * (1 - sympy.tanh(_X) ** 2), 3),
    ],
    ids=str,
)
def test_the_sides_of_steps_are_sympys_one_sided_limits(expression: sympy.Expr, point: int) -> None:
    sides = mistakes._sides_of_steps(expression, _X, sympy.Rational(point))
    assert sides is not None
    for side, direction in zip(sides, "-+", strict=True):
        limit = sympy.limit(expression, _X, point, direction)
        assert abs(complex(sympy.N(side - limit, 30))) < 1e-25


@pytest.mark.parametrize(
    ("expression", "point"),
    [
        (sympy.Heaviside(_X) + sympy.sin(_X) / _X, 0),  # a true limit: sin(x)/x
        (sympy.Heaviside(_X**2), 0),  # a step that touches 0 without crossing it
        (sympy.sqrt(_X) * sympy.Heaviside(_X), 0),  # no value on the left
        (sympy.Heaviside(_X) * sympy.log(1 + _X), 0),  # a function not known continuous
    ],
    ids=str,
)
def test_what_the_steps_cannot_tell_is_left_to_sympys_limit(
    expression: sympy.Expr, point: int
) -> None:
    assert mistakes._sides_of_steps(expression, _X, sympy.Rational(point)) is None
