"""The rule engine: named steps, verified results, and a check that really can fail."""

from __future__ import annotations

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from strategies import VARIABLES, expressions

from symderive.derive import rules
from symderive.derive.differentiate import derive, differentiate
from symderive.derive.steps import Caveat, Formula, Rule, Verification
from symderive.errors import VerificationError
from symderive.functions import sigmoid, to_native
from symderive.parsing.expression import parse_expression
from symderive.parsing.names import make_symbol

x, y = make_symbol("x"), make_symbol("y")


def _parse(text: str) -> sympy.Expr:
    return parse_expression(text).expression


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        pytest.param("7", Rule.CONSTANT, id="constant"),
        pytest.param("y^2", Rule.CONSTANT, id="other-variable"),
        pytest.param("x", Rule.VARIABLE, id="variable"),
        pytest.param("x + x^2", Rule.SUM, id="sum"),
        pytest.param("5 x^2", Rule.CONSTANT_MULTIPLE, id="constant-multiple"),
        pytest.param("x sin(x)", Rule.PRODUCT, id="product"),
        pytest.param("sin(x)/x", Rule.QUOTIENT, id="quotient"),
        pytest.param("x^3", Rule.POWER, id="power"),
        pytest.param("x^x", Rule.GENERAL_POWER, id="general-power"),
        pytest.param("2^x", Rule.EXPONENTIAL, id="exponential-base"),
        pytest.param("exp(x)", Rule.EXPONENTIAL, id="exp"),
        pytest.param("log(x)", Rule.LOGARITHM, id="log"),
        pytest.param("exp(x^2)", Rule.CHAIN, id="chain"),
        pytest.param("cos(x)", Rule.TRIGONOMETRIC, id="cos"),
        pytest.param("atan(x)", Rule.INVERSE_TRIGONOMETRIC, id="atan"),
        pytest.param("tanh(x)", Rule.HYPERBOLIC, id="tanh"),
        pytest.param("sigmoid(x)", Rule.SPECIAL_FUNCTION, id="sigmoid"),
        pytest.param("relu(x)", Rule.SPECIAL_FUNCTION, id="relu"),
        pytest.param("softplus(x)", Rule.SPECIAL_FUNCTION, id="softplus"),
        pytest.param("erf(x)", Rule.SPECIAL_FUNCTION, id="erf"),
        pytest.param("abs(x)", Rule.SPECIAL_FUNCTION, id="abs"),
        pytest.param("max(x, y)", Rule.PIECEWISE, id="max"),
        pytest.param("min(x, 1)", Rule.PIECEWISE, id="min"),
    ],
)
def test_top_rule_and_result(text: str, rule: Rule) -> None:
    expression = _parse(text)
    step = differentiate(expression, x)
    assert step.rule == rule
    assert step.verification in (Verification.SYMBOLIC, Verification.NUMERIC)
    difference = sympy.diff(to_native(expression), x) - to_native(step.after)
    assert sympy.simplify(difference) == 0


def test_every_step_in_the_tree_is_verified() -> None:
    expression = _parse("sigmoid(3x + y)*relu(x) + tanh(x)/sqrt(x) + x^x")
    derivation = derive(expression, x)
    assert all(step.verification is not Verification.NOT_CHECKED for step in derivation.step.walk())


def test_chain_rule_children_are_outer_then_inner() -> None:
    step = differentiate(_parse("exp(x^2)"), x)
    outer, inner = step.children
    assert outer.rule == Rule.EXPONENTIAL and outer.wrt == x**2
    assert inner.rule == Rule.POWER and inner.wrt == x
    assert step.after == 2 * x * sympy.exp(x**2)


def test_an_outer_step_keeps_the_form_it_computed_in_u() -> None:
    """SymPy folds u = x/2 into e^(−x²/4); the step still holds f'(u) as the rule wrote it."""
    outer, _ = differentiate(_parse("erf(x/2)"), x).children
    assert outer.outer is not None
    u = sympy.Symbol("u")
    function, derivative = outer.outer.named(u)
    assert function == sympy.erf(u)
    assert derivative == 2 * sympy.exp(-(u**2)) / sympy.sqrt(sympy.pi)
    assert outer.after == derivative.xreplace({u: x / 2})


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        pytest.param("exp(x)", Formula.NATURAL_EXPONENTIAL, id="exp"),
        pytest.param("2^x", Formula.EXPONENTIAL, id="exponential-base"),
        pytest.param("x^3", Formula.POWER, id="power"),
        pytest.param("max(x, y)", Formula.EXTREMUM, id="max"),
        pytest.param("acos(x)", Formula.ARCCOSINE, id="acos"),
        pytest.param("exp(x^2)", Formula.CHAIN, id="chain"),
    ],
)
def test_a_step_names_the_formula_it_applies(text: str, formula: Formula) -> None:
    assert differentiate(_parse(text), x).formula is formula


def test_a_function_by_cases_names_the_cases_formula() -> None:
    expression = sympy.Piecewise((x, x > 0), (x / 10, True))
    step = differentiate(expression, x)
    assert (step.rule, step.formula) == (Rule.PIECEWISE, Formula.CASES)


def test_course_q3c_chain() -> None:
    x1, x2 = make_symbol("x1"), make_symbol("x2")
    expression = _parse("z = 1/x3 + exp( (x1+5*(x2+3)) ^2 )")
    result = derive(expression, x2).result
    assert (
        sympy.expand(result - (10 * x1 + 50 * x2 + 150) * sympy.exp((x1 + 5 * x2 + 15) ** 2)) == 0
    )


def test_relu_step_carries_the_kink_note() -> None:
    derivation = derive(_parse("relu(x)"), x)
    assert derivation.result == sympy.Heaviside(x)
    assert derivation.notes == (Caveat.RELU_KINK,)


def test_simplification_is_its_own_step() -> None:
    derivation = derive(_parse("sin(x)/cos(x)"), x)
    assert derivation.raw == (sympy.sin(x) ** 2 + sympy.cos(x) ** 2) / sympy.cos(x) ** 2
    assert derivation.simplification is not None
    assert derivation.simplification.rule == Rule.SIMPLIFY
    assert derivation.result == sympy.cos(x) ** -2


def test_a_wrong_rule_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = rules.OuterRule(Rule.TRIGONOMETRIC, Formula.COSINE, sympy.cos)  # sign error on purpose
    monkeypatch.setitem(rules.OUTER_RULES, sympy.cos, wrong)
    with pytest.raises(VerificationError) as caught:
        differentiate(_parse("cos(x)"), x)
    assert caught.value.exit_code == 3


def _finite_difference(expression: sympy.Expr, variable: sympy.Symbol, point: dict) -> mpmath.mpf:
    function = sympy.lambdify(VARIABLES, to_native(expression), "mpmath")
    mpmath.mp.dps = 40
    h = mpmath.mpf("1e-15")
    arguments = [mpmath.mpf(point[v]) for v in VARIABLES]
    index = VARIABLES.index(variable)
    plus, minus = list(arguments), list(arguments)
    plus[index] += h
    minus[index] -= h
    return (function(*plus) - function(*minus)) / (2 * h)


@settings(max_examples=60, deadline=None)
@given(expressions)
def test_derivative_equals_sympy_and_finite_differences(expression: sympy.Expr) -> None:
    variable = VARIABLES[0]
    result = derive(expression, variable).result
    expected = sympy.diff(to_native(expression), variable)
    point = {VARIABLES[0]: "0.3", VARIABLES[1]: "-0.7", VARIABLES[2]: "1.1"}
    exact_point = {v: sympy.Rational(value) for v, value in point.items()}
    ours = complex(to_native(result).xreplace(exact_point).evalf(30))
    theirs = complex(expected.xreplace(exact_point).evalf(30))
    assert abs(ours - theirs) <= 1e-9 * max(1.0, abs(theirs))
    numeric = complex(_finite_difference(expression, variable, point))
    assert abs(ours - numeric) <= 1e-6 * max(1.0, abs(ours))


def test_simplification_factors_through_function_applications() -> None:
    w, b, target = make_symbol("w"), make_symbol("b"), make_symbol("y")
    loss = _parse("-(y*log(sigmoid(w*x + b)) + (1 - y)*log(1 - sigmoid(w*x + b)))")
    derivation = derive(loss, w)
    result = derivation.result
    assert sympy.count_ops(result) <= 6 < sympy.count_ops(derivation.raw)
    assert sympy.expand(result - x * (sigmoid(w * x + b) - target)) == 0
