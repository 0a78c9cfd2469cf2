"""How steps and notes are printed: from what the derivation recorded, never derived again."""

from __future__ import annotations

import pytest
import sympy

from symderive.derive.differentiate import differentiate
from symderive.derive.partials import ReadingSolution
from symderive.derive.steps import Caveat, Formula
from symderive.inline_problem import problem_from_command_line
from symderive.parsing.names import make_symbol
from symderive.render import texts
from symderive.render.caveats import CAVEAT_TEXTS, caveat_text
from symderive.render.rule_formulas import RULE_FORMULAS, formula_latex
from symderive.solve import solve_problem_set

x = make_symbol("x")


def test_every_formula_is_written_in_latex() -> None:
    assert set(RULE_FORMULAS) == set(Formula)
    assert all(text.startswith(r"\frac{d}{d") for text in RULE_FORMULAS.values())
    assert formula_latex(None) is None


def test_every_caveat_is_said_in_words() -> None:
    assert set(CAVEAT_TEXTS) == set(Caveat)
    assert "shared time budget is spent" in CAVEAT_TEXTS[Caveat.SIMPLIFICATION_SKIPPED]
    assert caveat_text(Caveat.MIN_TIE) == (
        "min is not differentiable where two of its arguments are equal."
    )
    assert caveat_text(None) is None


def test_an_outer_step_prints_in_u_as_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    """e^(−x²/4) no longer contains u = x/2; the line still reads in u, without ``diff``."""
    outer, _ = differentiate(sympy.erf(x / 2), x).children
    u = sympy.Symbol("u")

    def refuse(*arguments: object) -> None:
        raise AssertionError("a printer differentiated")

    monkeypatch.setattr(sympy, "diff", refuse)
    line = texts.step_line(outer, x, u)
    assert (line.wrt, line.inner) == (u, x / 2)
    assert line.before == sympy.erf(u)
    assert line.after == 2 * sympy.exp(-(u**2)) / sympy.sqrt(sympy.pi)
    assert texts.unicode_step_statement(line).startswith("d/du erf(u) = ")


def test_a_step_by_the_variable_prints_as_recorded() -> None:
    step = differentiate(sympy.erf(x), x)
    line = texts.step_line(step, x, sympy.Symbol("u"))
    assert line.partial and (line.before, line.after) == (step.before, step.after)


def _reading(expression: str, at: str) -> ReadingSolution:
    solved = solve_problem_set(problem_from_command_line(expression, [], at))
    return solved.solutions[0].readings[-1]


@pytest.mark.parametrize(
    ("expression", "at", "fragment"),
    [
        pytest.param("relu(x) * y", "x=0,y=3", "PyTorch and TensorFlow use 0", id="relu"),
        pytest.param("abs(x - 1)", "x=1", "at this point x - 1 = 0. |u| has a kink", id="abs"),
        pytest.param("max(x, y)", "x=2,y=2", "two arguments of Max(x, y) are equal", id="max"),
    ],
)
def test_a_kink_at_the_point_is_said_in_words(expression: str, at: str, fragment: str) -> None:
    note = texts.evaluation_note(_reading(expression, at))
    assert note is not None and fragment in note


def test_a_reading_not_evaluated_says_why() -> None:
    note = texts.evaluation_note(_reading("a / b*c", "a=1,b=1,c=0"))
    assert note is not None and note.startswith("not evaluated at the point: ")
    assert texts.evaluation_note(_reading("x * y", "x=1,y=2")) is None
