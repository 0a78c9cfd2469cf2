"""Names defined next to an answer ("where u = …") are substituted, and only those."""

from __future__ import annotations

from pathlib import Path

import pytest

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.check.checker import check_answers
from symderive.check.equivalence import Verdict
from symderive.problemfile import load_problem_file
from symderive.solve import solve_problem_set

PROBLEM = """problems:
  - id: q
    kind: partials
    expression: z = exp((x1 + 5*x2)^2)
    wrt: [x1]
"""


def verdict_of(tmp_path: Path, answers: str) -> tuple[Verdict, tuple[str, ...]]:
    problem_file = tmp_path / "problem.yaml"
    problem_file.write_text(PROBLEM, encoding="utf-8")
    answer_file = tmp_path / "answers.md"
    answer_file.write_text(answers, encoding="utf-8")
    problem_set = load_problem_file(problem_file)
    report = check_answers(
        solve_problem_set(problem_set), attribute(read_answers(answer_file), problem_set)
    )
    (result,) = report.results
    return result.verdict, result.notes


@pytest.mark.parametrize(
    ("answers", "verdict"),
    [
        pytest.param(
            "Let $u = x_1 + 5x_2$. Then $\\frac{\\partial z}{\\partial x_1} = 2u e^{u^2}$.",
            Verdict.PROVED,
            id="defined-before",
        ),
        pytest.param(
            "$\\frac{\\partial z}{\\partial x_1} = 2u e^{u^2}$, where $u = x_1 + 5x_2$.",
            Verdict.PROVED,
            id="defined-after",
        ),
        pytest.param(
            "$\\frac{\\partial z}{\\partial x_1} = 2u e^{u^2}$, where $u = x_1 + 3x_2$.",
            Verdict.REFUTED,
            id="defined-wrongly",
        ),
        pytest.param(
            "$\\frac{\\partial z}{\\partial x_1} = 2u e^{u^2}$.",
            Verdict.UNDECIDED,
            id="never-defined",
        ),
        pytest.param(
            "Let $v = x_1$ and $u = v + 5x_2$. "
            "Then $\\frac{\\partial z}{\\partial x_1} = 2u e^{u^2}$.",
            Verdict.PROVED,
            id="a-definition-that-is-one-name",
        ),
        pytest.param(
            "Let $x_2 = 0$. Then $\\frac{\\partial z}{\\partial x_1} = 2x_1 e^{x_1^2}$.",
            Verdict.REFUTED,
            id="a-variable-is-never-redefined",
        ),
    ],
)
def test_definitions_near_the_claim(tmp_path: Path, answers: str, verdict: Verdict) -> None:
    found, notes = verdict_of(tmp_path, "## q\n\n" + answers + "\n")
    assert found is verdict
    if verdict is Verdict.PROVED:
        assert any(note.startswith("given u = ") for note in notes)
    if verdict is Verdict.UNDECIDED:  # not accepted, and the stranger is named
        assert any(note.startswith("uses u, which the problem does not define") for note in notes)


def test_a_definition_under_another_heading_is_not_used(tmp_path: Path) -> None:
    answers = (
        "## notes\n\n$u = x_1 + 5x_2$\n\n"
        "## q\n\n$\\frac{\\partial z}{\\partial x_1} = 2u e^{u^2}$\n"
    )
    found, notes = verdict_of(tmp_path, answers)
    assert found is Verdict.UNDECIDED  # not accepted: u is not defined where the claim is
    assert any(note.startswith("uses u, which the problem does not define") for note in notes)


_LAYERS = "Let $z_1(x_1) = x_1 + 5x_2$ and $z_{2}(u) = e^{u^2}$. "


@pytest.mark.parametrize(
    ("answers", "verdict"),
    [
        pytest.param(
            _LAYERS + "Then $\\frac{\\partial z}{\\partial x_1} = 2 z_1(x_1) z_2(z_1(x_1))$.",
            Verdict.PROVED,
            id="composition-right",
        ),
        pytest.param(
            _LAYERS + "Then $\\frac{\\partial z}{\\partial x_1} = z_1(x_1) z_2(z_1(x_1))$.",
            Verdict.REFUTED,
            id="composition-lost-factor-2",
        ),
        pytest.param(
            _LAYERS + "Then $\\frac{\\partial z}{\\partial x_1} = 2 z_1(x_1) z_1(z_2(x_1))$.",
            Verdict.REFUTED,
            id="composition-in-the-wrong-order",
        ),
        pytest.param(
            "Let $z_1 x_1 = x_1 + 5x_2$. Then $\\frac{\\partial z}{\\partial x_1} = 2 z_1(x_1)$.",
            Verdict.UNDECIDED,
            id="a-product-defines-no-function",
        ),
    ],
)
def test_functions_with_an_index_are_applied_not_multiplied(
    tmp_path: Path, answers: str, verdict: Verdict
) -> None:
    """z_2(z_1(x_1)) is z₂ applied to z₁(x₁) when the answer defines both, not z₂·z₁·x₁."""
    found, notes = verdict_of(tmp_path, "## q\n\n" + answers + "\n")
    assert found is verdict, notes
    if verdict is Verdict.PROVED:
        assert any("z1(x1) = " in note and "z2(u) = " in note for note in notes)


_RIGHT = "$\\frac{\\partial z}{\\partial x_1} = 2u e^{u^2}$"
_RIGHT_LAYERS = "$\\frac{\\partial z}{\\partial x_1} = 2 z_1(x_1) z_2(z_1(x_1))$"
_SQUARE = "Let $z_2(u) = e^{u^2}$.\n\n"


@pytest.mark.parametrize(
    ("answers", "verdict"),
    [
        pytest.param(
            f"Let $u = x_1 + 5x_2$.\n\n{_RIGHT}\n\nLet $u = x_1 + 3x_2$.",
            Verdict.UNDECIDED,
            id="right-first-wrong-after",
        ),
        pytest.param(
            f"Let $u = x_1 + 3x_2$.\n\n{_RIGHT}\n\nLet $u = x_1 + 5x_2$.",
            Verdict.UNDECIDED,
            id="wrong-first-right-after",
        ),
        pytest.param(
            f"{_SQUARE}Let $z_1(t) = t + 5x_2$.\n\n{_RIGHT_LAYERS}\n\nLet $z_1(s) = s - 5x_2$.",
            Verdict.UNDECIDED,
            id="a-function-defined-twice",
        ),
        pytest.param(
            f"{_SQUARE}Let $z_1(t) = t + 5x_2$.\n\n{_RIGHT_LAYERS}\n\nLet $z_1(s) = s + 5x_2$.",
            Verdict.PROVED,
            id="the-same-function-stated-twice",
        ),
        pytest.param(
            f"Let $u = x_1 + 5x_2$.\n\n{_RIGHT}\n\nAgain, $u = x_1 + 5x_2$.",
            Verdict.PROVED,
            id="the-same-name-stated-twice",
        ),
    ],
)
def test_a_name_defined_twice_differently_is_not_chosen_for_the_student(
    tmp_path: Path, answers: str, verdict: Verdict
) -> None:
    """Two different definitions of one name: the claim is neither accepted on the one that makes
    it right (a hedge) nor refuted on the other; the verdict names both."""
    found, notes = verdict_of(tmp_path, "## q\n\n" + answers + "\n")
    assert found is verdict, notes
    if verdict is Verdict.UNDECIDED:
        assert any(note.startswith("defined twice, differently") for note in notes), notes


_ACTIVATIONS = """problems:
  - id: sig
    kind: activation
    function: sigmoid
  - id: step
    kind: activation
    function: relu
"""


@pytest.mark.parametrize(
    ("answers", "verdict"),
    [
        pytest.param(
            "## step\n\nLet $h(x) = x^2$.\n\n$\\operatorname{ReLU}'(x) = h(x)$",
            Verdict.REFUTED,
            id="h-defined-as-a-square-is-no-step",
        ),
        pytest.param(
            "## sig\n\nLet $h(x) = \\sigma(x)$.\n\n$\\sigma'(x) = h(x)(1 - h(x))$",
            Verdict.PROVED,
            id="h-defined-as-the-sigmoid",
        ),
    ],
)
def test_a_function_the_answer_defines_is_its_own_not_the_vocabularys(
    tmp_path: Path, answers: str, verdict: Verdict
) -> None:
    """h is the Heaviside step in the vocabulary; a section that defines h(x) = x² means its own."""
    problem_file = tmp_path / "activations.yaml"
    problem_file.write_text(_ACTIVATIONS, encoding="utf-8")
    answer_file = tmp_path / "answers.md"
    answer_file.write_text(answers + "\n", encoding="utf-8")
    problem_set = load_problem_file(problem_file)
    report = check_answers(
        solve_problem_set(problem_set), attribute(read_answers(answer_file), problem_set)
    )
    (result,) = report.results
    assert result.verdict is verdict, result.notes
    assert any(note.startswith("given h(x) = ") for note in result.notes), result.notes
