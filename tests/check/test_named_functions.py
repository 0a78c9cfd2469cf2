"""Functions a claim names: the problem's own (ELU, GELU_tanh), Φ and φ under GELU, and others."""

from __future__ import annotations

from pathlib import Path

import pytest

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.check.checker import check_answers
from symderive.check.equivalence import Verdict
from symderive.check.report import CheckReport
from symderive.problemfile import load_problem_file
from symderive.solve import solve_problem_set

PROBLEMS = """problems:
  - id: elu
    kind: activation
    function: elu
  - id: gelu
    kind: activation
    function: gelu
  - id: gelu-tanh
    kind: activation
    function: gelu_tanh
"""


def check(tmp_path: Path, answers: str, problems: str = PROBLEMS) -> CheckReport:
    problem_file = tmp_path / "problems.yaml"
    problem_file.write_text(problems, encoding="utf-8")
    answer_file = tmp_path / "answers.md"
    answer_file.write_text(answers, encoding="utf-8")
    problem_set = load_problem_file(problem_file)
    return check_answers(
        solve_problem_set(problem_set), attribute(read_answers(answer_file), problem_set)
    )


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        pytest.param(
            r"\operatorname{ELU}_{\alpha}'(x) = \begin{cases} 1 & x > 0 \\"
            r" \operatorname{ELU}_{\alpha}(x) + \alpha & x < 0 \end{cases}",
            Verdict.PROVED,
            id="elu-in-terms-of-itself",
        ),
        pytest.param(
            r"\operatorname{ELU}_{\alpha}'(x) = \begin{cases} 1 & x > 0 \\"
            r" \operatorname{ELU}_{\alpha}(x) - \alpha & x < 0 \end{cases}",
            Verdict.REFUTED,
            id="elu-wrong-sign",
        ),
    ],
)
def test_the_problems_own_function_is_written_out(
    tmp_path: Path, answer: str, verdict: Verdict
) -> None:
    report = check(tmp_path, f"## elu\n\n$${answer}$$\n")
    (result,) = report.results
    assert result.verdict is verdict


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        pytest.param(r"\Phi(x) + x \varphi(x)", Verdict.PROVED, id="textbook"),
        pytest.param(r"\Phi(x) - x \varphi(x)", Verdict.REFUTED, id="sign"),
    ],
)
def test_phi_is_the_normal_distribution_under_gelu(
    tmp_path: Path, answer: str, verdict: Verdict
) -> None:
    report = check(tmp_path, f"## gelu\n\n$$\\operatorname{{GELU}}'(x) = {answer}$$\n")
    (result,) = report.results
    assert result.verdict is verdict


def test_an_unknown_function_is_undecided_never_refuted(tmp_path: Path) -> None:
    report = check(tmp_path, "## gelu\n\n$$\\operatorname{GELU}'(x) = \\operatorname{foo}(x)$$\n")
    (result,) = report.results
    assert result.verdict is Verdict.UNDECIDED
    assert "foo" in result.notes[0]


def test_a_heading_names_the_longest_id(tmp_path: Path) -> None:
    """``gelu-tanh`` is not also ``gelu``: the claim goes to gelu-tanh and is checked there."""
    answer = (
        "## gelu-tanh\n\n$$\\frac{d}{dx} \\operatorname{GELU}_{\\tanh}(x) = \\frac{1}{2}"
        "\\left(1 + T(x)\\right) + \\frac{x}{2}\\left(1 - T(x)^2\\right)"
        "\\sqrt{\\frac{2}{\\pi}}\\left(1 + \\frac{26829}{200000} x^2\\right)$$\n\n"
        "where $T(x) = \\tanh\\left(\\sqrt{\\frac{2}{\\pi}}\\left(x + \\frac{8943}{200000}"
        " x^3\\right)\\right)$\n"
    )
    report = check(tmp_path, answer)
    (result,) = report.results
    assert result.claim.problem_id == "gelu-tanh"
    assert result.verdict is Verdict.PROVED
    assert any(note.startswith("given T(x) = ") for note in result.notes)
