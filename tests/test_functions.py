"""Our own SymPy functions: values, derivatives, LaTeX, and the native rewrite used to verify."""

from __future__ import annotations

import pytest
import sympy

from symderive.functions import relu, sigmoid, softplus, to_native
from symderive.parsing.names import make_symbol

x = make_symbol("x")


@pytest.mark.parametrize(
    ("function", "native"),
    [
        pytest.param(sigmoid, 1 / (1 + sympy.exp(-x)), id="sigmoid"),
        pytest.param(relu, sympy.Max(0, x), id="relu"),
        pytest.param(softplus, sympy.log(1 + sympy.exp(x)), id="softplus"),
    ],
)
def test_derivative_table_agrees_with_the_native_form(
    function: type[sympy.Function], native: sympy.Expr
) -> None:
    assert to_native(function(x)) == native
    ours = to_native(sympy.diff(function(x), x))
    theirs = sympy.diff(native, x)
    for value in (-2, -0.5, 0.3, 1.7):
        assert abs(complex((ours - theirs).subs(x, value).evalf())) < 1e-12


@pytest.mark.parametrize(
    ("expression", "latex"),
    [
        pytest.param(sigmoid(x), r"\sigma\left(x\right)", id="sigmoid"),
        pytest.param(relu(x), r"\operatorname{ReLU}\left(x\right)", id="relu"),
        pytest.param(softplus(x), r"\operatorname{softplus}\left(x\right)", id="softplus"),
    ],
)
def test_latex(expression: sympy.Expr, latex: str) -> None:
    assert sympy.latex(expression) == latex


def test_values() -> None:
    assert sigmoid(0) == sympy.Rational(1, 2)
    assert relu(sympy.Integer(-3)) == 0
    assert relu(sympy.Integer(3)) == 3
    assert abs(float(softplus(sympy.Integer(0)).evalf()) - float(sympy.log(2))) < 1e-15
