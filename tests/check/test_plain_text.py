"""Plain-text claims outside math: read only when a derivative's name is on the left.

Every end-to-end case runs against problems/q3.yaml (q3a: z = x1 + 5*x2 - 3*x3^2, q3b:
z = x1*(x2-4) + exp(x3^2)/5*x4^2).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from symderive.check.equivalence import Verdict
from symderive.check.plain_text import answer_start, looks_like_prose, plain_lines
from symderive.render.check_report import check_report_data, check_report_document
from symderive.render.terminal import render_terminal
from symderive.yamlnode import SourceText
from tests.checking import check_markdown

Q3 = Path(__file__).resolve().parents[2] / "problems" / "q3.yaml"


@pytest.mark.parametrize(
    ("line", "problem", "key"),
    [
        pytest.param("dz/dx1 = 1", "q3a", "x1", id="slash-digit-name"),
        pytest.param("dz/dx_2 = 5", "q3a", "x2", id="slash-subscript-name"),
        pytest.param("- ∂z/∂x₃ = −6x₃", "q3a", "x3", id="unicode-list-item"),
        pytest.param("* **dz/dx2** = x1", "q3b", "x2", id="bold-name-in-list-item"),
        pytest.param("**dz/dx2 = x1**", "q3b", "x2", id="bold-claim"),
        pytest.param("(dz)/(dx4) = 2/5 exp(x3^2) x4", "q3b", "x4", id="parenthesised-leibniz"),
        pytest.param("> dz/dx3 = 2/5 x3 exp(x3^2) x4^2", "q3b", "x3", id="block-quote"),
        pytest.param("- ∂z/∂x₃ = (2/5)·x₃·x₄²·e^(x₃²)", "q3b", "x3", id="unicode-exponent-group"),
        pytest.param("(del z)/(del x_1) = x2 - 4", "q3b", "x1", id="asciimath-del"),
        pytest.param("`(del z)/(del x_1) = x2 - 4`", "q3b", "x1", id="asciimath-del-in-code"),
        pytest.param("del z // del x2 = x1", "q3b", "x2", id="asciimath-double-slash"),
        pytest.param("partial z / partial x_2 = x1", "q3b", "x2", id="spelled-partial"),
    ],
)
def test_a_right_plain_claim_is_proved(line: str, problem: str, key: str, tmp_path: Path) -> None:
    report = check_markdown(Q3, f"# Problem {problem}\n\n{line}\n", tmp_path)
    (result,) = report.results
    assert result.verdict is Verdict.PROVED
    assert result.target is not None and result.target.key == key
    assert result.claim.problem_id == problem
    assert not report.answers.unread


@pytest.mark.parametrize(
    ("line", "problem", "key"),
    [
        pytest.param("dz/dx1 = 5", "q3a", "x1", id="slash-name"),
        pytest.param("- ∂z/∂x₃ = 6x₃", "q3a", "x3", id="unicode-sign"),
        pytest.param("* **dz/dx2** = x2", "q3b", "x2", id="bold-name"),
        pytest.param("- ∂z/∂x₄ = (1/5)·x₄·e^(x₃²)", "q3b", "x4", id="unicode-exponent-group"),
        pytest.param("(del z)/(del x_1) = x2", "q3b", "x1", id="asciimath-del"),
        pytest.param("`(del z)/(del x_1) = 5`", "q3a", "x1", id="asciimath-del-in-code"),
        pytest.param("del z // del x2 = x2", "q3b", "x2", id="asciimath-double-slash"),
        pytest.param("partial z / partial x_2 = -x1", "q3b", "x2", id="spelled-partial"),
        pytest.param("- ∂z/∂x₃ = (2/5)·x₃·e^(x₃²)", "q3b", "x3", id="exponent-group-lost-factor"),
    ],
)
def test_a_wrong_plain_claim_is_refuted(line: str, problem: str, key: str, tmp_path: Path) -> None:
    report = check_markdown(Q3, f"# Problem {problem}\n\n{line}\n", tmp_path)
    (result,) = report.results
    assert result.verdict is Verdict.REFUTED
    assert result.target is not None and result.target.key == key


@pytest.mark.parametrize(
    ("line", "verdict"),
    [
        pytest.param("1. d/dx1 (x1 (x2 - 4)) = x2 - 4", Verdict.PROVED, id="right"),
        pytest.param("1. d/dx1 (x1 (x2 - 4)) = x2", Verdict.REFUTED, id="wrong"),
        pytest.param("d/dx3 (exp(x3^2)/5) = 2/5 x3 exp(x3^2)", Verdict.PROVED, id="plain-exp"),
    ],
)
def test_the_operator_form_is_a_step_checked_on_its_own(
    line: str, verdict: Verdict, tmp_path: Path
) -> None:
    """``d/dx1 (…)`` names the derivative of what it is applied to (read as plain text, so
    ``exp`` is a function): the checker compares it with that derivative, as in LaTeX."""
    report = check_markdown(Q3, f"# Problem q3b\n\n{line}\n", tmp_path)
    (result,) = report.results
    assert result.verdict is verdict
    assert any("checked on its own" in note for note in result.notes)


def test_a_prime_claim_is_read() -> None:
    stated = answer_start("f'(x) = 2x")
    assert stated is not None and stated[1] == 0


def test_each_plain_claim_is_located_at_its_name(tmp_path: Path) -> None:
    markdown = "# Problem q3a\n\nSome prose first.\n\n- dz/dx1 = 1\n-   **dz/dx2** = 5\n"
    report = check_markdown(Q3, markdown, tmp_path)
    assert [(r.claim.location.line, r.claim.location.column) for r in report.results] == [
        (5, 3),
        (6, 7),
    ]
    texts = [" ".join(r.claim.text.split()) for r in report.results]
    assert texts == ["dz/dx1 = 1", "dz/dx2 = 5"]  # the bold markup blanked


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("The derivative is easy = trivial", id="prose-with-equals"),
        pytest.param("The answer is x1 + 5", id="prose-no-equals"),
        pytest.param("dz/dx1 is one", id="a-name-without-equals"),
        pytest.param("dogs = cats", id="words-around-equals"),
        pytest.param("x1 = 2, so z = 3", id="a-value-not-a-derivative"),
    ],
)
def test_prose_is_not_read(line: str, tmp_path: Path) -> None:
    report = check_markdown(Q3, f"# Problem q3a\n\n{line}\n", tmp_path)
    assert not report.results and not report.answers.hints and not report.answers.chains
    assert not report.answers.unread


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param(
            "dz/dx1 = the coefficient of x1", "reads as prose, not a formula", id="value-in-words"
        ),
        pytest.param("dz/dx1 = 1 @ 2", "unexpected", id="parse-error"),
        pytest.param("dz/dx1 =", "the expression is empty", id="no-value"),
        pytest.param("dx/dz/dx = 1", "left side", id="left-side-names-no-derivative"),
    ],
)
def test_an_answer_like_line_that_cannot_be_read_is_reported(
    line: str, reason: str, tmp_path: Path
) -> None:
    report = check_markdown(Q3, f"# Problem q3a\n\nText.\n\n- {line}\n", tmp_path)
    assert not report.results
    (unread,) = report.answers.unread
    assert (unread.location.line, unread.location.column) == (5, 3)
    assert unread.reason.startswith("outside math, could not be read: ")
    assert reason in unread.reason and unread.text == line


def test_skipped_lines_are_in_the_terminal_report_and_the_json(tmp_path: Path) -> None:
    markdown = "# Problem q3a\n\ndz/dx1 = 1\n\ndz/dx2 = five times one\n"
    report = check_markdown(Q3, markdown, tmp_path)
    shown = render_terminal(check_report_document(report), color=False, width=200)
    assert "Lines not read" in shown
    assert (
        "line 5:1: skipped: outside math, could not be read: reads as prose, not a formula"
        " — dz/dx2 = five times one"
    ) in shown
    (data,) = check_report_data(report)["skipped_lines"]
    assert (data["line"], data["column"], data["text"]) == (5, 1, "dz/dx2 = five times one")
    assert data["reason"].startswith("skipped: outside math, could not be read")


def test_a_paragraph_continued_by_equals_is_a_chain(tmp_path: Path) -> None:
    markdown = "# Problem q3a\n\ndz/dx3 = d/dx3 (-3 x3^2)\n= -6 x3 + 1\n"
    report = check_markdown(Q3, markdown, tmp_path)
    (result,) = report.results
    assert result.verdict is Verdict.REFUTED and result.claim.location.line == 3
    (chain,) = report.chains
    assert chain.verdict is Verdict.REFUTED


def test_math_lines_are_left_to_the_math_reader_in_document_order(tmp_path: Path) -> None:
    markdown = "# Problem q3a\n\ndz/dx1 = 1\n$\\frac{dz}{dx_2} = 5$\ndz/dx3 = -6x3\n"
    report = check_markdown(Q3, markdown, tmp_path)
    assert [r.claim.location.line for r in report.results] == [3, 4, 5]
    assert [r.target.key if r.target else None for r in report.results] == ["x1", "x2", "x3"]
    assert all(r.verdict is Verdict.PROVED for r in report.results)


def test_tables_and_code_spans_are_not_read_as_plain_text(tmp_path: Path) -> None:
    markdown = "# Problem q3a\n\n| dz/dx1 = 1 | a |\n|---|---|\n\nSee `dz/dx2 = 5` here.\n"
    report = check_markdown(Q3, markdown, tmp_path)
    assert [r.claim.text for r in report.results] == ["dz/dx2 = 5"]  # the code span's own


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        pytest.param("The answer is x1", True, id="sentence"),
        pytest.param("one more thing", True, id="words"),
        pytest.param("2 exp(x3^2) x4 / 5", False, id="function-name"),
        pytest.param("sigma alpha", False, id="greek-names"),
        pytest.param("x1 + 5 x2", False, id="names-with-digits"),
        pytest.param("easy", False, id="one-word"),
    ],
)
def test_looks_like_prose(text: str, prose: bool) -> None:
    assert looks_like_prose(text) is prose


def test_long_lines_are_reported_not_parsed() -> None:
    line = "dz/dx1 = " + "x1 + " * 1_000 + "1"
    (found,) = plain_lines(SourceText(line, "f.md"), 0, 1)
    from symderive.check.collector import Collector
    from symderive.check.plain_text import read_plain_lines

    collector = Collector("f.md", "markdown")
    read_plain_lines([found], collector)
    (unread,) = collector.finish().unread
    assert "too long" in unread.reason


def test_the_head_scan_is_linear_on_hostile_lines() -> None:
    """Bounded, anchored patterns: a long run of near-misses is scanned once."""
    for line in ("d" * 100_000, "d/" * 50_000, "(" * 100_000, "*" * 100_000 + "dz/dx1 = 1"):
        assert answer_start(line) is None or line.startswith("*")


@pytest.mark.parametrize(
    "line",
    ["d2f/dx2 = 2", "d^2f/dx^2 = 2", "d^{2}f/dx^{2} = 2", "∂²f/∂x∂y = 1", "d^2 f / dx^2 = 1"],
)
def test_a_second_derivative_starts_an_answer(line: str) -> None:
    assert answer_start(line) is not None


@pytest.mark.parametrize("line", ["d2 is a name = 3", "do 2 things / d = 1"])
def test_prose_with_a_d_and_a_two_starts_none(line: str) -> None:
    assert answer_start(line) is None
