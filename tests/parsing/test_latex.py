"""The LaTeX parser: notation students use, derivative names, cases, Unicode, located errors."""

from __future__ import annotations

import pytest
import sympy

from symderive.errors import ExpressionError
from symderive.functions import relu, sigmoid
from symderive.parsing.latex import parse_latex, parse_latex_expression
from symderive.parsing.names import make_symbol
from symderive.parsing.notation import DerivativeNotation

x, y, t, z = (make_symbol(name) for name in "xytz")
x1, x2, x3, x4 = (make_symbol(f"x{index}") for index in range(1, 5))
s_i, s_j = make_symbol("s_i"), make_symbol("s_j")
i, j = sympy.Symbol("i", integer=True), sympy.Symbol("j", integer=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            r"(10x_1 + 50x_2 + 150)e^{(x_1+5(x_2+3))^2}",
            (10 * x1 + 50 * x2 + 150) * sympy.exp((x1 + 5 * (x2 + 3)) ** 2),
            id="course-q3c-answer",
        ),
        pytest.param(
            r"\frac{e^{-t}}{(1+e^{-t})^2}",
            sympy.exp(-t) / (1 + sympy.exp(-t)) ** 2,
            id="sigmoid-derivative-e-is-euler",
        ),
        pytest.param(r"\dfrac{1}{2} x + \tfrac12 y", x / 2 + y / 2, id="dfrac-tfrac"),
        pytest.param(r"2 \cdot x \times y", 2 * x * y, id="cdot-times"),
        pytest.param(r"\exp\left(x^2\right)", sympy.exp(x**2), id="exp-left-right"),
        pytest.param(r"\bigl( x + 1 \bigr)^2", (x + 1) ** 2, id="big-family"),
        pytest.param(r"\ln x + \log(y)", sympy.log(x) + sympy.log(y), id="ln-log"),
        pytest.param(r"\sqrt{x} + \sqrt[3]{y}", sympy.sqrt(x) + sympy.root(y, 3), id="roots"),
        pytest.param(r"x_1 + x_{1} + x1", 3 * x1, id="subscripts"),
        pytest.param(r"\sigma(z)(1 - \sigma(z))", sigmoid(z) * (1 - sigmoid(z)), id="sigma"),
        pytest.param(r"\tanh^2(x)", sympy.tanh(x) ** 2, id="function-power"),
        pytest.param(
            r"\operatorname{ReLU}(x) + \max(0, y)", relu(x) + sympy.Max(0, y), id="relu-max"
        ),
        pytest.param(r"\mathrm{sigmoid}(x)", sigmoid(x), id="mathrm-name"),
        pytest.param(
            r"s_i(\delta_{ij} - s_j)", s_i * (sympy.KroneckerDelta(i, j) - s_j), id="kronecker"
        ),
        pytest.param(r"\mathbb{1}[x > 0]", sympy.Piecewise((1, x > 0), (0, True)), id="indicator"),
        pytest.param(r"|x| + 1", sympy.Abs(x) + 1, id="absolute"),
        pytest.param(r"y\left|x\right|", y * sympy.Abs(x), id="absolute-left-right"),
        pytest.param(
            r"\begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{otherwise} \end{cases}",
            sympy.Piecewise((1, x > 0), (0, True)),
            id="cases-guards",
        ),
        pytest.param(
            r"\begin{cases} x & x \geq 0 \\ 0.01x & x < 0 \end{cases}",
            sympy.Piecewise((x, x >= 0), (x / 100, x < 0)),
            id="cases-leaky",
        ),
        pytest.param(
            r"\begin{cases} x, & x \geq 0 \\ 0.01x, & \text{otherwise} \end{cases}",
            sympy.Piecewise((x, x >= 0), (x / 100, True)),
            id="cases-comma-before-ampersand",
        ),
        pytest.param("σ(z)(1 − σ(z)) · x²", sigmoid(z) * (1 - sigmoid(z)) * x**2, id="unicode"),
        pytest.param(r"e^x + 2\pi", sympy.exp(x) + 2 * sympy.pi, id="constants"),
        pytest.param(r"2\vert x - 1\vert + y", 2 * sympy.Abs(x - 1) + y, id="bare-vert-pair"),
        pytest.param(r"2|x|^3", 2 * sympy.Abs(x) ** 3, id="two-bars-in-a-product"),
        pytest.param(r"||x| - 1|", sympy.Abs(sympy.Abs(x) - 1), id="nested-bars"),
        pytest.param(
            r"\tanh^{2}{\left(\frac{x}{2} \right)}", sympy.tanh(x / 2) ** 2, id="sympy-power-call"
        ),
        pytest.param("e^(x₃²)·x₄", sympy.exp(x3**2) * x4, id="parenthesised-exponent"),
        pytest.param(
            "e^((x + 1)²)y", sympy.exp((x + 1) ** 2) * y, id="parenthesised-exponent-nested"
        ),
        pytest.param(r"x^(2) + 1", x**2 + 1, id="parenthesised-number-exponent"),
        pytest.param(
            r"v\operatorname{ReLU}'(x - 1)\,y",
            make_symbol("v") * y * sympy.Piecewise((1, x - 1 > 0), (0, x - 1 < 0)),
            id="primed-relu-in-a-product",
        ),
        pytest.param(r"1 - \tanh'(x)", sympy.tanh(x) ** 2, id="primed-tanh-in-a-sum"),
        pytest.param(
            r"-\sigma'(z)", -sympy.exp(-z) / (1 + sympy.exp(-z)) ** 2, id="primed-negated"
        ),
    ],
)
def test_expressions(text: str, expected: sympy.Expr) -> None:
    parsed = parse_latex_expression(text)
    assert parsed == expected or sympy.simplify(parsed - expected) == 0


@pytest.mark.parametrize(
    ("text", "notation"),
    [
        pytest.param(r"\frac{dz}{dx_1}", DerivativeNotation("z", variable="x1"), id="leibniz"),
        pytest.param(
            r"\frac{\partial z}{\partial x_1}",
            DerivativeNotation("z", variable="x1", partial=True),
            id="partial",
        ),
        pytest.param(r"dz/dx_1", DerivativeNotation("z", variable="x1"), id="inline-leibniz"),
        pytest.param(
            r"\partial z/\partial x_3",
            DerivativeNotation("z", variable="x3", partial=True),
            id="inline-partial",
        ),
        pytest.param(r"f'(t)", DerivativeNotation("f", argument=t), id="prime"),
        pytest.param(
            r"\sigma'(z)_j",
            DerivativeNotation("sigma", argument=z, index="j"),
            id="sigma-prime-index",
        ),
        pytest.param("σ′(z)", DerivativeNotation("sigma", argument=z), id="unicode-prime"),
        pytest.param(
            r"\operatorname{ReLU}'(x)", DerivativeNotation("relu", argument=x), id="named-prime"
        ),
        pytest.param(
            r"\frac{d}{dx} x^2",
            DerivativeNotation(None, variable="x", expression=x**2),
            id="operator-form",
        ),
        pytest.param(r"swish'(x)", DerivativeNotation("swish", argument=x), id="word-prime"),
        pytest.param(
            r"gelu''(t)", DerivativeNotation("gelu", argument=t, order=2), id="word-double-prime"
        ),
        pytest.param(r"y'", DerivativeNotation("y"), id="bare-prime"),
        pytest.param("y’", DerivativeNotation("y"), id="typographic-prime"),
        pytest.param(
            r"\nabla_w L",
            DerivativeNotation(None, variable="w", partial=True, expression=make_symbol("L")),
            id="nabla-one-variable",
        ),
        pytest.param(
            "∇_{x_1} f",
            DerivativeNotation(None, variable="x1", partial=True, expression=make_symbol("f")),
            id="unicode-nabla",
        ),
    ],
)
def test_derivative_notation_on_the_left(text: str, notation: DerivativeNotation) -> None:
    relation = parse_latex(f"{text} = 1")
    assert relation.sides == (notation, sympy.Integer(1))


def test_chain_of_equalities() -> None:
    relation = parse_latex(r"y &= w_2(w_1 x + b_1) + b_2 \\ &= w_1 w_2 x")
    assert len(relation.sides) == 3


def test_ambiguous_division_keeps_both_readings() -> None:
    relation = parse_latex(r"\exp(x_3^2) / 5 x_4^2")
    (written,) = relation.sides
    assert written == x4**2 * sympy.exp(x3**2) / 5
    assert [reading.expression for reading in relation.alternatives] == [
        sympy.exp(x3**2) / (5 * x4**2)
    ]


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        pytest.param(r"x = ", 4, "ends too early", id="trailing-equals"),
        pytest.param(r"\foo{x}", 1, "\\foo is not understood", id="unknown-command"),
        pytest.param(r"\frac{1}{0}", 1, "division by zero", id="division-by-zero"),
        pytest.param(r"x^{99999}", 2, "exponent larger", id="huge-exponent"),
        pytest.param(r"\partial x + 1", 1, "derivative's name", id="stray-partial"),
        pytest.param(r"1 + \frac{dz}{dx}", 3, "stand alone", id="notation-inside-sum"),
        pytest.param(r"f'(x)\,x", 1, "stand alone", id="primed-unknown-function-in-a-product"),
        pytest.param(r"1 + swish'(x)", 3, "stand alone", id="primed-catalogue-name-in-a-sum"),
        pytest.param(r"2 + \operatorname{ReLU}'(0)", 3, "does not exist", id="primed-at-the-kink"),
        pytest.param(r"\max(x)", 1, "two or more", id="max-arity"),
        pytest.param("x² + ", 5, "ends too early", id="column-in-original-text"),
        pytest.param("σ(x) + ²", 8, "unexpected", id="caret-at-unicode"),
        pytest.param(r"\delta_{i}", 1, "two indices", id="kronecker-arity"),
        pytest.param("__import__('os')", 1, "unexpected", id="injection"),
    ],
)
def test_errors_are_located(text: str, column: int, fragment: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_latex(text)
    assert fragment in caught.value.message
    assert caught.value.location is not None
    assert caught.value.location.column == column


@pytest.mark.parametrize(
    ("text", "notation"),
    [
        pytest.param(
            r"\frac{d\sigma}{dx}", DerivativeNotation("sigma", variable="x"), id="d-sigma"
        ),
        pytest.param(
            r"\frac{d\sigma(x)}{dx}",
            DerivativeNotation("sigmoid", variable="x", argument=x),
            id="d-sigma-of-x",
        ),
    ],
)
def test_function_commands_in_leibniz_notation(text: str, notation: DerivativeNotation) -> None:
    assert parse_latex(f"{text} = 1").sides == (notation, sympy.Integer(1))


@pytest.mark.parametrize(
    "text",
    [
        r"\frac{d x^2}{dx}",
        r"\frac{d^2 z}{dx}",
        r"\frac{\partial z}{\partial x^2}",
        r"\frac{\partial^2 z}{\partial x^2 \partial y}",
    ],
    ids=["operand-in-numerator", "second-order-one-variable", "first-order-squared", "third"],
)
def test_unreadable_derivative_names_are_errors_not_quotients(text: str) -> None:
    with pytest.raises(ExpressionError, match="derivative's name is not understood"):
        parse_latex(f"{text} = 1")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            r"\operatorname{GELU}_{\tanh}\left(x\right)", "GELU_tanh", id="subscript-kept"
        ),
        pytest.param(r"\operatorname{LeakyReLU}_{\alpha}(x)", "LeakyReLU", id="greek-parameter"),
        pytest.param(r"\Phi(x)", "Phi", id="normal-cdf"),
        pytest.param(r"\varphi\left(x\right)", "varphi", id="normal-density"),
    ],
)
def test_named_functions_stay_applications(text: str, name: str) -> None:
    """Functions we cannot evaluate are kept by name, applied, for the checker to resolve."""
    value = parse_latex_expression(text)
    assert isinstance(value, sympy.core.function.AppliedUndef)
    assert type(value).__name__ == name and value.args == (x,)


def test_a_greek_letter_before_a_space_is_still_a_symbol() -> None:
    assert parse_latex_expression(r"\varphi x") == make_symbol("varphi") * x


def test_derivative_of_a_bare_absolute_value() -> None:
    sides = parse_latex(r"\frac{d}{du} \vert u\vert = \operatorname{sign}(u)").sides
    assert isinstance(sides[0], DerivativeNotation)
    assert sides[0].expression == sympy.Abs(make_symbol("u"))


def test_declared_functions_read_applications_not_products() -> None:
    text = r"\frac{T(x)}{2} + x \left(1 - T\left(x\right)^{2}\right)"
    assert not parse_latex_expression(text).atoms(sympy.core.function.AppliedUndef)  # T·x
    applied = parse_latex(text, functions=["T"]).sides[0]
    T = sympy.Function("T")
    assert sympy.expand(applied - (T(x) / 2 + x * (1 - T(x) ** 2))) == 0


def test_a_declared_function_is_the_answers_even_where_the_vocabulary_has_the_name() -> None:
    """h is the step in the vocabulary; an answer that defines h(x) = x² means its own h."""
    h = sympy.Function("h")
    assert parse_latex(r"1 - h(x)^2", functions=["h"]).sides[0] == 1 - h(x) ** 2
    assert parse_latex(r"\operatorname{h}(x)").sides[0] == sympy.Heaviside(x)


def test_scientific_notation_is_the_other_reading() -> None:
    """LaTeX sets 1.5e-3 as 1.5·e − 3; the power of ten is kept as the other reading."""
    relation = parse_latex("1.5e-3")
    assert relation.sides == (sympy.Rational(3, 2) * sympy.E - 3,)
    assert [reading.expression for reading in relation.alternatives] == [sympy.Rational(3, 2000)]


@pytest.mark.parametrize(
    ("text", "primed"),
    [
        pytest.param(r"v\operatorname{ReLU}'(u)\,x", {"relu"}, id="named"),
        pytest.param(r"\sigma'\,(u) - \tanh'\bigl(u\bigr)", {"sigma", "tanh"}, id="spaced"),
        pytest.param(r"\sigma'(u) = \sigma(u)", set(), id="a-name-alone-is-no-value"),
        pytest.param(r"f'(u) = 2u", set(), id="unknown-function"),
    ],
)
def test_the_relation_records_the_primed_functions_read_as_values(
    text: str, primed: set[str]
) -> None:
    """What the value uses, as the parser read it, for the own-derivative check."""
    assert parse_latex(text).primed == primed
