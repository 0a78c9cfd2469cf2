"""Attribution: by id or heading, by restated expression, by name, by order; never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import check_markdown

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute, equal
from symderive.check.claim import Answers
from symderive.check.collector import Collector
from symderive.check.equivalence import Verdict
from symderive.check.headings import context_ids, ids_named
from symderive.check.markdown_answers import read_markdown_text
from symderive.parsing.expression import parse_expression
from symderive.problem import ProblemSet

IDS = ["q3a", "q3b", "q3c"]


@pytest.mark.parametrize(
    ("text", "exact", "group"),
    [
        pytest.param("Q3 (a)", ["q3a"], [], id="spaced-parenthesised"),
        pytest.param("q3b", ["q3b"], [], id="plain"),
        pytest.param("Problem q3b: derivatives", ["q3b"], [], id="problem-label"),
        pytest.param("### Q3(c).", ["q3c"], [], id="no-space"),
        pytest.param("Question 3 a)", ["q3a"], [], id="question-word"),
        pytest.param("Q3 › Part (c)", ["q3c"], [], id="part-word"),
        pytest.param("Q3", [], IDS, id="group"),
        pytest.param("Q33a", [], [], id="longer-number"),
        pytest.param("Homework 3", [], [], id="homework-is-no-id"),
        pytest.param("q3ab", [], [], id="longer-id"),
    ],
)
def test_ids_named(text: str, exact: list[str], group: list[str]) -> None:
    assert ids_named(text, IDS) == (exact, group)


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        pytest.param("Homework 3 › Q3 (b) › Problem q3c", (["q3c"], []), id="innermost-wins"),
        pytest.param("Q3 › (a)", (["q3a"], []), id="joined-from-inside"),
        pytest.param("Q3 › Work", ([], IDS), id="group-only"),
        pytest.param(None, ([], []), id="no-context"),
    ],
)
def test_context_ids(context: str | None, expected: tuple[list[str], list[str]]) -> None:
    assert context_ids(context, IDS) == expected


def _summary(answers: Answers) -> list[tuple[int | None, str | None, str | None, int | None]]:
    return [
        (c.location.line, c.problem_id, c.attribution.method, c.duplicate_of)
        for c in answers.claims
    ]


def test_markdown_fixture(answers_dir: Path, q3: ProblemSet) -> None:
    answers = attribute(read_answers(answers_dir / "homework.md"), q3)
    assert _summary(answers) == [
        (7, "q3a", "heading", None),
        (7, "q3a", "heading", None),
        (11, "q3a", "heading", None),
        (14, "q3a", "heading", 4),  # the Unicode restatement of dz/dx3: a duplicate
        (18, "q3b", "heading", None),
        (22, "q3b", "heading", None),
        (33, "q3c", "expression", None),  # after the code block restating q3c
        (34, "q3c", "expression", None),  # unparsed, still attributed
        (40, "q3b", "name", None),  # only q3b has x4
        (42, "q3b", "order", None),  # dz/dx2 after q3b's last claim
        (42, None, None, None),  # dy/dx1: no problem has it, reported
    ]
    assert "no problem has dy/dx1" in answers.claims[-1].attribution.reason
    assert [claim.location.line for claim in answers.unattributed] == [42]
    assert [chain.problem_id for chain in answers.chains] == ["q3b"]


def test_notebook_fixture(answers_dir: Path, q3: ProblemSet) -> None:
    answers = attribute(read_answers(answers_dir / "homework.ipynb"), q3)
    assert [(c.problem_id, c.attribution.method) for c in answers.claims] == [
        ("q3a", "expression"),
        ("q3a", "expression"),
        ("q3a", "expression"),
        ("q3b", "heading"),
        ("q3c", "heading"),
    ]
    assert "homework.ipynb#cell-2:3:5" in answers.claims[0].attribution.reason


def test_tex_fixture(answers_dir: Path, q3: ProblemSet) -> None:
    answers = attribute(read_answers(answers_dir / "homework.tex"), q3)
    assert [(c.problem_id, c.duplicate_of) for c in answers.claims] == [
        ("q3a", None),
        ("q3a", None),
        ("q3a", None),
        ("q3a", 4),
        ("q3b", None),
        ("q3b", None),
        ("q3b", None),
        ("q3c", None),
    ]


def test_yaml_fixture(answers_dir: Path, q3: ProblemSet) -> None:
    answers = attribute(read_answers(answers_dir / "answers.yaml"), q3)
    assert [(c.problem_id, c.attribution.method) for c in answers.claims][:8] == [
        ("q3a", "id"),
    ] * 4 + [("q3b", "id")] * 3 + [("q3c", "id")]
    unknown = answers.claims[-1]
    assert unknown.problem_id is None
    assert "no problem has the id 'q9'" in unknown.attribution.reason
    assert answers.claims[3].duplicate_of == answers.claims[2].number
    assert {chain.problem_id for chain in answers.chains} == {"q3b", "q3c"}


def _attributed(text: str, q3: ProblemSet) -> Answers:
    collector = Collector("answer.md", "markdown")
    read_markdown_text(text, "answer.md", collector)
    return attribute(collector.finish(), q3)


def test_restated_expressions_switch_problems_without_headings(q3: ProblemSet) -> None:
    text = (
        "$z = x_1 + 5x_2 - 3x_3^2$: $dz/dx_1 = 1$\n\n"
        "$z = x_1(x_2 - 4) + \\frac{e^{x_3^2}}{5} x_4^2$: $dz/dx_1 = x_2 - 4$\n"
    )
    answers = _attributed(text, q3)
    assert [(c.problem_id, c.attribution.method) for c in answers.claims] == [
        ("q3a", "expression"),
        ("q3b", "expression"),
    ]


def test_the_other_reading_of_an_ambiguous_problem_is_recognised(q3: ProblemSet) -> None:
    text = "$z = x_1(x_2 - 4) + \\frac{e^{x_3^2}}{5x_4^2}$\n\n$dz/dx_1 = x_2 - 4$\n"
    (claim,) = _attributed(text, q3).claims
    assert claim.problem_id == "q3b" and claim.attribution.method == "expression"


def test_order_fills_problems_in_turn(q3: ProblemSet) -> None:
    text = "\n\n".join(
        f"$dz/dx_{variable} = 0$" for variable in ("1", "2", "3", "1", "2", "3", "4", "1")
    )
    answers = _attributed(text, q3)
    assert [(c.problem_id, c.attribution.method) for c in answers.claims] == [
        ("q3a", "order"),
        ("q3a", "order"),
        ("q3a", "order"),
        ("q3b", "order"),
        ("q3b", "order"),
        ("q3b", "order"),
        ("q3b", "name"),
        ("q3c", "order"),
    ]


def test_a_group_heading_narrows_the_candidates(q3: ProblemSet) -> None:
    answers = _attributed("# Q3\n\n$dz/dx_4 = 0$\n", q3)
    assert answers.claims[0].problem_id == "q3b"


def test_duplicates_under_one_heading(q3: ProblemSet) -> None:
    answers = _attributed("## Q3 (a)\n\n$dz/dx_1 = 1$\n\nprose\n\n$x$\n\n$dz/dx_1 = 2$\n", q3)
    first, second = answers.claims
    assert first.duplicate_of is None and second.duplicate_of == first.number


def test_nothing_is_dropped(q3: ProblemSet) -> None:
    answers = _attributed("# Notes\n\n$\\frac{dw}{dt} = 1$ and $dz/dx_9 = 0$\n", q3)
    assert len(answers.claims) == 2
    assert all(claim.problem_id is None for claim in answers.claims)
    assert all(claim.attribution.reason for claim in answers.claims)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("x1 + 5*x2", "5*x2 + x1", True, id="reordered"),
        pytest.param("(x1 + 1)^2", "x1^2 + 2*x1 + 1", True, id="expanded"),
        pytest.param("x1 + x2", "x1 + x3", False, id="other-symbols"),
        pytest.param("exp((x1 + 5*(x2+3))^2)", "exp((x1 + 5*x2 + 15)^2)", True, id="inside-exp"),
        pytest.param("x1 + 1", "x1 + 2", False, id="different"),
    ],
)
def test_equal(a: str, b: str, expected: bool) -> None:
    assert equal(parse_expression(a).expression, parse_expression(b).expression) is expected


def test_a_claim_whose_derivative_name_cannot_be_read_is_never_checked(tmp_path: Path) -> None:
    """Attribution needs evidence: a name that does not parse leaves the claim unparsed, and a
    derivative the problem does not ask for is unattributed; neither is checked against a
    derivative chosen by its position (the values here would all be proved or refuted)."""
    markdown = (
        "# q3a\n\n"
        "$$\\frac{\\partial z}{\\partial \\heartsuit} = 5$$\n\n"
        "$$\\frac{\\partial ??}{\\partial x_3} = -6x_3$$\n\n"
        "$$\\frac{dz}{d} = 1$$\n\n"
        "$$\\frac{\\partial z}{\\partial x_9} = -6x_3$$\n"
    )
    problems = Path(__file__).resolve().parents[2] / "problems" / "q3.yaml"
    report = check_markdown(problems, markdown, tmp_path)
    verdicts = [result.verdict for result in report.results]
    assert verdicts == [Verdict.UNPARSED] * 3 + [Verdict.UNATTRIBUTED]
    assert all(result.target is None for result in report.results)
