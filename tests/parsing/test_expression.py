"""The plain-text parser: syntax, readings, bounds and located errors."""

from __future__ import annotations

import pytest
import sympy

from symderive.errors import ExpressionError
from symderive.functions import FUNCTIONS, relu, sigmoid, softplus
from symderive.parsing.expression import grammar_function_names, parse_expression
from symderive.parsing.names import make_symbol

x, y, a, b, c = (make_symbol(name) for name in "xyabc")
x1, x2, x3, x4, x10 = (make_symbol(name) for name in ("x1", "x2", "x3", "x4", "x10"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("x^2", x**2, id="caret-power"),
        pytest.param("x**2", x**2, id="double-star-power"),
        pytest.param("a^b^c", a ** (b**c), id="power-right-associative"),
        pytest.param("a**b**c", a ** (b**c), id="double-star-right-associative"),
        pytest.param("-x^2", -(x**2), id="unary-minus-below-power"),
        pytest.param("x^-2", x**-2, id="negative-exponent"),
        pytest.param("2x", 2 * x, id="implicit-number-name"),
        pytest.param("3(x+1)", 3 * (x + 1), id="implicit-number-group"),
        pytest.param("(a+b)(a-b)", (a + b) * (a - b), id="implicit-group-group"),
        pytest.param("2x^2", 2 * x**2, id="implicit-binds-after-power"),
        pytest.param("x y", x * y, id="implicit-space"),
        pytest.param("x_1 + x_{1} + x1", 3 * x1, id="subscripts-normalised"),
        pytest.param("e^x", sympy.exp(x), id="e-is-euler"),
        pytest.param("exp(x) + ln(x) + log(x)", sympy.exp(x) + 2 * sympy.log(x), id="exp-ln-log"),
        pytest.param("0.5x + .25", x / 2 + sympy.Rational(1, 4), id="decimals-exact"),
        pytest.param("x²·y", x**2 * y, id="unicode-superscript-and-dot"),
        pytest.param("x − y", x - y, id="unicode-minus"),
        pytest.param("sigmoid(x) relu(y)", sigmoid(x) * relu(y), id="custom-functions"),
        pytest.param("softplus(x)", softplus(x), id="softplus"),
        pytest.param(
            "max(0, x) + min(x, y, a)", sympy.Max(0, x) + sympy.Min(x, y, a), id="max-min"
        ),
        pytest.param("abs(x) + sqrt(x)", sympy.Abs(x) + sympy.sqrt(x), id="abs-sqrt"),
        pytest.param("[x + 1]^2", (x + 1) ** 2, id="brackets"),
        pytest.param(
            "exponent + sinx",
            make_symbol("exponent") + make_symbol("sinx"),
            id="names-starting-like-functions",
        ),
        pytest.param("x1 - x10", x1 - x10, id="digits-in-names"),
    ],
)
def test_parses_to_sympy(text: str, expected: sympy.Expr) -> None:
    assert parse_expression(text).expression == expected


def test_result_name_from_left_hand_side() -> None:
    parsed = parse_expression("z = x1 + 5*x2 - 3*x3^2")
    assert parsed.result_name == "z"
    assert parsed.expression == x1 + 5 * x2 - 3 * x3**2
    assert parsed.symbols == (x1, x2, x3)


def test_symbols_in_natural_order() -> None:
    assert parse_expression("x10 + x2 + x1").symbols == (x1, x2, x10)


def test_declared_e_is_a_symbol() -> None:
    assert parse_expression("e * x", declared=["e"]).expression == make_symbol("e") * x


def test_course_q3b_has_two_readings_and_a_warning() -> None:
    parsed = parse_expression("z = x1*(x2-4) + exp(x3^2) / 5*x4^2")
    assert parsed.expression == x1 * (x2 - 4) + sympy.exp(x3**2) / 5 * x4**2
    assert [reading.expression for reading in parsed.alternatives] == [
        x1 * (x2 - 4) + sympy.exp(x3**2) / (5 * x4**2)
    ]
    assert [lint.code for lint in parsed.warnings] == ["division-then-product"]
    assert parsed.warnings[0].column == parsed.text.index("/") + 1
    assert "(exp(x3^2)/5)·x4^2" in parsed.warnings[0].message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("a/b/c", "repeated-division", id="chained-division"),
        pytest.param("a / b c", "division-then-product", id="implicit-after-division"),
        pytest.param("w(x+1)", "name-before-parenthesis", id="unknown-function-call"),
    ],
)
def test_lints(text: str, code: str) -> None:
    assert code in [lint.code for lint in parse_expression(text).warnings]


@pytest.mark.parametrize("text", ["a/(b c)", "(a/b) c", "a b / c", "x^2/2"], ids=str)
def test_no_lint_when_unambiguous(text: str) -> None:
    parsed = parse_expression(text)
    assert parsed.warnings == ()
    assert parsed.alternatives == ()


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        pytest.param("x +", 4, "ends too early", id="trailing-operator"),
        pytest.param("exp + 1", 5, "'exp' is a function", id="function-as-symbol"),
        pytest.param("__import__('os')", 1, "not allowed", id="dunder"),
        pytest.param("x.real", 2, "attribute access", id="attribute"),
        pytest.param("'x'", 1, "strings", id="string"),
        pytest.param("lambda: 1", 7, "unexpected character ':'", id="lambda"),
        pytest.param("9^9^9^9", 4, "exponent larger", id="power-tower"),
        pytest.param("x^(10^10)", 2, "exponent larger", id="huge-exponent"),
        pytest.param("2^(3^20)", 2, "exponent larger", id="huge-number"),
        pytest.param("1/0", 2, "division by zero", id="division-by-zero"),
        pytest.param("max(x)", 1, "two or more", id="max-arity"),
        pytest.param("exp(x, y)", 1, "takes 1 argument", id="exp-arity"),
        pytest.param("log(-1)", 1, "not positive", id="log-negative"),
        pytest.param("x )", 3, "unexpected ')'", id="unbalanced"),
        pytest.param("", 1, "empty", id="empty"),
        pytest.param("(" * 120 + "x" + ")" * 120, 101, "nested", id="deep-parentheses"),
        pytest.param("-" * 300 + "x", 1, "nested", id="deep-unary"),
        pytest.param("x" + "+x" * 6000, 10000, "longer than", id="too-long"),
    ],
)
def test_errors_are_located(text: str, column: int, fragment: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    error = caught.value
    assert fragment in error.message
    assert error.location is not None
    assert error.location.column == column
    rendered = error.render()
    assert rendered.startswith("error: <input>:1:")
    assert rendered.splitlines()[-1].strip() == "^"


def test_grammar_functions_match_the_whitelist() -> None:
    assert grammar_function_names() == frozenset(FUNCTIONS)


def test_long_flat_sum_is_not_a_recursion_problem() -> None:
    text = " + ".join(f"x{index}" for index in range(1200))
    assert len(parse_expression(text).symbols) == 1200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1.0272e-1", sympy.Rational(10272, 100000), id="negative-power"),
        pytest.param("2E3 + x", 2000 + make_symbol("x"), id="capital-e"),
        pytest.param("2*e", 2 * sympy.E, id="euler-with-a-star"),
        pytest.param("2e", 2 * sympy.E, id="euler-implicit"),
    ],
)
def test_scientific_notation_is_a_number(text: str, expected: sympy.Expr) -> None:
    assert parse_expression(text).expression == expected


def test_a_power_of_ten_beyond_the_bound_is_refused() -> None:
    with pytest.raises(ExpressionError, match="power of ten"):
        parse_expression("1e999")
