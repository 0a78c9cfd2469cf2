"""f''(x) of an activation with ``order: 2``: sympy.diff twice, finite differences of f', and
the kinks listed where f'' has no value (never a value invented there)."""

from __future__ import annotations

import pytest
import sympy

from symderive.derive.activation_second import solve_activation_to_order
from symderive.derive.activations import ActivationSolution
from symderive.functions import to_native
from symderive.problem import ActivationProblem
from symderive.problemfile import load_problem_text

X = sympy.Symbol("x", real=True)
SMOOTH = ["sigmoid", "tanh", "softplus", "gelu", "gelu_tanh", "swish", "silu"]
KINKED = ["relu", "leaky_relu", "elu"]


def solve(body: str, order: int = 2) -> ActivationSolution:
    text = f"problems:\n  - id: a\n    kind: activation\n{body}    order: {order}\n"
    problem = load_problem_text(text, "f.yaml").problems[0]
    assert isinstance(problem, ActivationProblem)
    return solve_activation_to_order(problem)


@pytest.mark.parametrize("function", SMOOTH)
def test_smooth_functions_equal_sympy_diff_twice(function: str) -> None:
    solution = solve(f"    function: {function}\n")
    assert solution.second is not None and solution.second.undefined_at == ()
    values = solution.values
    expected = sympy.diff(to_native(solution.definition.xreplace(values)), solution.variable, 2)
    derived = to_native(solution.second.result.xreplace(values))
    for point in (sympy.Rational(-13, 10), sympy.Rational(1, 3), sympy.Rational(27, 10)):
        difference = (expected - derived).xreplace({solution.variable: point})
        assert abs(sympy.N(difference, 30)) < 1e-20
    assert solution.second.checks and all(check.passed for check in solution.second.checks)


@pytest.mark.parametrize("function", KINKED)
def test_kinks_have_no_second_derivative(function: str) -> None:
    solution = solve(f"    function: {function}\n")
    assert solution.second is not None
    assert solution.second.undefined_at == (sympy.Integer(0),)
    assert all(check.passed for check in solution.second.checks)


def test_relu_second_derivative_is_zero_away_from_the_kink() -> None:
    solution = solve("    function: relu\n")
    assert solution.second is not None and solution.second.result == 0


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("f = x*sigmoid(x)", None),
        ("f = x^3 - 2*x", 6 * X),
        ("g = log(1 + exp(x))", None),
    ],
)
def test_own_expressions(expression: str, expected: sympy.Expr | None) -> None:
    solution = solve(f'    expression: "{expression}"\n')
    assert solution.second is not None
    if expected is not None:
        assert sympy.simplify(to_native(solution.second.result) - expected) == 0
    native = to_native(solution.definition)
    difference = sympy.diff(native, X, 2) - to_native(solution.second.result)
    assert abs(sympy.N(difference.xreplace({X: sympy.Rational(3, 7)}), 30)) < 1e-20


def test_order_one_has_no_second_derivative() -> None:
    assert solve("    function: tanh\n", order=1).second is None


def test_a_kink_where_f_prime_is_smooth_is_not_listed() -> None:
    """ReLU(x)³ has f'' = 6·ReLU(x), continuous at 0: f'' exists there, nothing is listed;
    ELU with α = 1 has f' continuous at 0 but f'' jumps from 1 to 0: listed."""
    cube = solve('    expression: "f = relu(x)^3"\n')
    assert cube.second is not None and cube.second.undefined_at == ()
    elu = solve("    function: elu\n    parameters: {alpha: 1}\n")
    assert elu.second is not None and elu.second.undefined_at == (sympy.Integer(0),)
