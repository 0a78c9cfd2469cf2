"""``symderive diff``'s problem: --wrt and --at parsed into the same PartialsProblem."""

from __future__ import annotations

import pytest
import sympy

from symderive.errors import InputError
from symderive.inline_problem import parse_point, problem_from_command_line
from symderive.parsing.expression import parse_expression
from symderive.parsing.names import make_symbol

x1, x2 = make_symbol("x1"), make_symbol("x2")


def test_defaults_to_every_variable_in_natural_order() -> None:
    problem = problem_from_command_line("x10 + x2", [], None).problems[0]
    assert [s.name for s in problem.wrt] == ["x2", "x10"]


def test_point_values_are_exact() -> None:
    point = parse_point("x1 = 0.1, x2=-1/3", parse_expression("x1*x2"))
    assert dict(point) == {x1: sympy.Rational(1, 10), x2: sympy.Rational(-1, 3)}


def test_lints_are_located_in_the_argument() -> None:
    problem = problem_from_command_line("a / b*c", [], None).problems[0]
    (warning,) = problem.warnings
    assert warning.location.prefix() == "<command line>:1:3"


@pytest.mark.parametrize(
    ("point", "column", "fragment"),
    [
        pytest.param("x1=1,x3=2", 6, "not a variable", id="unknown-name"),
        pytest.param("x1=1,x1=2", 6, "twice", id="repeated"),
        pytest.param("x1=1,x2=y", 9, "must be a number", id="not-a-number"),
        pytest.param("x1=1,x2=2^", 11, "ends too early", id="bad-number"),
        pytest.param("x1 1", 1, "name=value", id="no-equals"),
    ],
)
def test_point_errors(point: str, column: int, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_point(point, parse_expression("x1*x2"))
    assert fragment in caught.value.message
    assert caught.value.location is not None
    assert caught.value.location.column == column
