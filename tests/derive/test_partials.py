"""Solutions of partials problems: both readings, rules and backprop agreeing, kinks noted."""

from __future__ import annotations

import pytest
import sympy

from symderive.derive import partials
from symderive.derive.partials import kinks_at_point
from symderive.errors import VerificationError
from symderive.functions import relu
from symderive.inline_problem import problem_from_command_line
from symderive.parsing.names import make_symbol
from symderive.problemfile import load_problem_file
from symderive.solve import solve_problem_set

x, y = make_symbol("x"), make_symbol("y")


def _solve(expression: str, at: str | None = None) -> partials.ReadingSolution:
    solved = solve_problem_set(problem_from_command_line(expression, [], at))
    return solved.solutions[0].readings[0]


def test_q3_solutions_have_both_readings_for_q3b_only() -> None:
    solved = solve_problem_set(load_problem_file("problems/q3.yaml"))
    labels = {s.problem.id: [r.label for r in s.readings] for s in solved.solutions}
    assert labels == {
        "q3a": ["as written"],
        "q3b": ["as written", "other reading"],
        "q3c": ["as written"],
    }
    q3b = solved.solutions[1]
    assert q3b.readings[0].graded and not q3b.readings[1].graded


def test_every_partial_has_an_evaluation_checked_by_finite_differences() -> None:
    reading = _solve("z = x1*(x2-4) + exp(x3^2) / 5*x4^2", "x1=1,x2=2,x3=0.5,x4=2")
    assert reading.evaluation is not None
    assert reading.evaluation.passed
    assert len(reading.evaluation.checks) == 4


def test_rules_and_backprop_must_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    original = partials.derive

    def off_by_one(expression: sympy.Expr, variable: sympy.Symbol) -> partials.Derivation:
        derivation = original(expression, variable)
        step = derivation.step
        wrong = type(step)(step.rule, step.before, step.wrt, step.after + 1)
        return type(derivation)(expression, variable, wrong)

    monkeypatch.setattr(partials, "derive", off_by_one)
    with pytest.raises(VerificationError):
        _solve("x*y")


@pytest.mark.parametrize(
    ("expression", "point", "on_kink"),
    [
        pytest.param(sympy.Function("relu")(x), {x: 0}, False, id="unknown-function-ignored"),
        pytest.param(sympy.Abs(x - 1), {x: 1}, True, id="abs-kink"),
        pytest.param(sympy.Max(x, y), {x: 2, y: 2}, True, id="max-tie"),
        pytest.param(sympy.Max(x, y), {x: 2, y: 3}, False, id="max-no-tie"),
    ],
)
def test_kinks_at_point(expression: sympy.Expr, point: dict, on_kink: bool) -> None:
    kinks = kinks_at_point(expression, {k: sympy.Integer(v) for k, v in point.items()})
    assert kinks == ((expression,) if on_kink else ())


def test_relu_at_its_kink_is_recorded() -> None:
    reading = _solve("relu(x) * y", "x=0,y=3")
    assert reading.kinks_at_point == (relu(x),) and reading.not_evaluated is None


def test_other_reading_outside_its_domain_is_noted_not_fatal() -> None:
    solved = solve_problem_set(problem_from_command_line("a / b*c", [], "a=1,b=1,c=0"))
    written, other = solved.solutions[0].readings
    assert written.evaluation is not None
    assert other.evaluation is None
    assert other.not_evaluated is not None
