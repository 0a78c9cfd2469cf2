"""A primed function inside a formula: the value of its derivative, for known functions only,
with no value at a kink."""

from __future__ import annotations

import pytest
import sympy

from symderive.parsing.names import make_symbol
from symderive.parsing.notation import DerivativeNotation
from symderive.parsing.primed_functions import AtKink, derivative_value

x, u = make_symbol("x"), make_symbol("u")


@pytest.mark.parametrize(
    ("name", "order", "expected"),
    [
        pytest.param("sigma", 1, sympy.exp(-u) / (1 + sympy.exp(-u)) ** 2, id="sigmoid"),
        pytest.param("tanh", 1, 1 - sympy.tanh(u) ** 2, id="tanh"),
        pytest.param("ReLU", 1, sympy.Piecewise((1, u > 0), (0, u < 0)), id="relu-typed-as-a-word"),
        pytest.param("softplus", 1, sympy.exp(u) / (1 + sympy.exp(u)), id="softplus"),
        pytest.param("exp", 2, sympy.exp(u), id="second-derivative"),
    ],
)
def test_a_known_function_primed_is_its_derivative(
    name: str, order: int, expected: sympy.Expr
) -> None:
    value = derivative_value(DerivativeNotation(name, argument=u, order=order))
    assert value is not None
    assert sympy.simplify(value - expected) == 0


def test_relu_prime_has_no_value_at_its_kink() -> None:
    value = derivative_value(DerivativeNotation("relu", argument=x - 1))
    assert value is not None
    assert value.subs(x, 2) == 1 and value.subs(x, 0) == 0
    assert value.subs(x, 1) is sympy.nan  # no convention (½, 0 or 1) is read into it


@pytest.mark.parametrize(
    "argument", [pytest.param(sympy.Integer(0), id="zero"), pytest.param(x - x, id="cancels")]
)
def test_relu_prime_written_at_the_kink_is_refused(argument: sympy.Expr) -> None:
    with pytest.raises(AtKink, match="does not exist"):
        derivative_value(DerivativeNotation("relu", argument=argument))


@pytest.mark.parametrize(
    "notation",
    [
        pytest.param(DerivativeNotation("f", argument=x), id="a-function-we-do-not-know"),
        pytest.param(DerivativeNotation("swish", argument=x), id="a-catalogue-name-not-a-formula"),
        pytest.param(DerivativeNotation("h", argument=x), id="heaviside-derivative-is-delta"),
        pytest.param(DerivativeNotation("sgn", argument=x), id="sign-derivative-is-delta"),
        pytest.param(DerivativeNotation("max", argument=x), id="several-arguments"),
        pytest.param(DerivativeNotation("sigma", argument=x, index="j"), id="an-index"),
        pytest.param(DerivativeNotation("sigma"), id="no-argument"),
        pytest.param(DerivativeNotation("sigma", argument=x, order=4), id="many-primes"),
        pytest.param(DerivativeNotation("z", variable="x"), id="leibniz"),
    ],
)
def test_anything_else_is_no_value(notation: DerivativeNotation) -> None:
    assert derivative_value(notation) is None
