"""Second partials (``order: 2``): derived by the rules from the first partials, equal to
``sympy.diff`` taken twice and to central differences, mixed ones equal in both orders, and no
value invented at a kink."""

from __future__ import annotations

import mpmath
import pytest
import sympy

from symderive.derive.partials import PartialsSolution, solve_partials
from symderive.derive.second_partials import second_partial_name
from symderive.derive.steps import Caveat
from symderive.functions import to_native
from symderive.problem import PartialsProblem
from symderive.problemfile import load_problem_text

EXPRESSIONS = [
    "f = x^2*y + sin(x)^2",
    "g = tanh(x*y) + x*y^3",
    "h = exp(x)*cos(y) + y/x",
    "u = log(x^2 + y^2)",
    "v = x*sin(y)^2",
    "w = sigmoid(x*y) + softplus(x - y)",
    "q = x^y",
]


def solve(expression: str, at: str = "") -> PartialsSolution:
    text = f"problems:\n  - id: p\n    kind: partials\n    expression: '{expression}'\n"
    text += "    order: 2\n" + (f"    at: {at}\n" if at else "")
    problem = load_problem_text(text, "f.yaml").problems[0]
    assert isinstance(problem, PartialsProblem)
    return solve_partials(problem)


@pytest.mark.parametrize("expression", EXPRESSIONS, ids=lambda text: text.split(" =")[0])
def test_every_second_partial_equals_sympy_diff_twice(expression: str) -> None:
    solution = solve(expression)
    native = to_native(solution.graded.expression)
    x, y = solution.problem.wrt
    assert [(p.first, p.second) for p in solution.second_partials] == [(x, x), (x, y), (y, y)]
    for partial in solution.second_partials:
        expected = sympy.diff(native, partial.first, partial.second)
        difference = sympy.simplify(expected - to_native(partial.result))
        assert difference == 0, (partial.first, partial.second, partial.result)


@pytest.mark.parametrize("expression", EXPRESSIONS, ids=lambda text: text.split(" =")[0])
def test_mixed_partials_are_derived_both_ways_and_agree(expression: str) -> None:
    mixed = [p for p in solve(expression).second_partials if p.mixed]
    assert len(mixed) == 1 and mixed[0].swapped is not None
    difference = to_native(mixed[0].result) - to_native(mixed[0].swapped.result)
    assert sympy.simplify(difference) == 0


@pytest.mark.parametrize("expression", EXPRESSIONS, ids=lambda text: text.split(" =")[0])
def test_second_partials_agree_with_central_differences(expression: str) -> None:
    solution = solve(expression)
    native = to_native(solution.graded.expression)
    x, y = solution.problem.wrt
    point = {x: sympy.Rational(7, 10), y: sympy.Rational(13, 10)}
    step = mpmath.mpf("1e-12")
    with mpmath.workdps(50):
        for partial in solution.second_partials:
            first = sympy.lambdify((x, y), sympy.diff(native, partial.first), "mpmath")
            shift = {x: (step, 0), y: (0, step)}[partial.second]
            a, b = mpmath.mpf(point[x]), mpmath.mpf(point[y])
            above = first(a + shift[0], b + shift[1])
            below = first(a - shift[0], b - shift[1])
            difference = (above - below) / (2 * step)
            value = sympy.N(to_native(partial.result).xreplace(point), 40)
            assert abs(difference - mpmath.mpf(str(value))) < mpmath.mpf("1e-9")


def test_values_at_the_point_are_exact() -> None:
    solution = solve("f = x^2*y + sin(x)^2", "{x: 1, y: 2}")
    values = {(p.first.name, p.second.name): p.value for p in solution.second_partials}
    assert values[("x", "y")] == 2 and values[("y", "y")] == 0
    assert sympy.simplify(values[("x", "x")] - (4 + 2 * sympy.cos(2))) == 0


def test_a_point_on_a_kink_gives_no_value() -> None:
    solution = solve("f = x*relu(x - y)", "{x: 1, y: 1}")
    for partial in solution.second_partials:
        assert partial.value is None and partial.undefined_at_point
        assert Caveat.STEP_JUMP in partial.notes


def test_away_from_a_kink_the_value_is_given() -> None:
    solution = solve("f = x*relu(x - y)", "{x: 2, y: 1}")
    values = {(p.first.name, p.second.name): p.value for p in solution.second_partials}
    assert values == {("x", "x"): 2, ("x", "y"): -1, ("y", "y"): 0}


def test_problems_without_order_derive_no_second_partial() -> None:
    text = "problems:\n  - id: p\n    kind: partials\n    expression: 'f = x^2*y'\n"
    problem = load_problem_text(text, "f.yaml").problems[0]
    assert isinstance(problem, PartialsProblem)
    assert solve_partials(problem).second_partials == ()


def test_names() -> None:
    x, y = sympy.symbols("x y")
    assert second_partial_name("f", x, x) == "d2f/dxdx"
    assert second_partial_name("f", x, y) == "d2f/dxdy"
