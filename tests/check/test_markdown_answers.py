"""Markdown answers: every math form found, at its exact line and column, carets included."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from symderive.check.claim import Answers, Claim
from symderive.check.collector import Collector
from symderive.check.markdown_answers import read_markdown, read_markdown_text
from symderive.parsing.names import make_symbol

x1, x2, x3, x4 = (make_symbol(f"x{index}") for index in range(1, 5))


@pytest.fixture(scope="module")
def homework(answers_dir: Path) -> Answers:
    return read_markdown(answers_dir / "homework.md")


def _at(answers: Answers, line: int, column: int) -> Claim:
    found = [c for c in answers.claims if (c.location.line, c.location.column) == (line, column)]
    assert len(found) == 1, [(c.location.line, c.location.column) for c in answers.claims]
    return found[0]


@pytest.mark.parametrize(
    ("line", "column", "variable", "value"),
    [
        pytest.param(7, 4, "x1", sympy.Integer(1), id="inline-partial-in-list-item"),
        pytest.param(7, 46, "x2", sympy.Integer(5), id="inline-slash-notation"),
        pytest.param(11, 1, "x3", -6 * x3, id="display-dollars-multiline"),
        pytest.param(14, 26, "x3", -6 * x3, id="unicode-subscripts"),
        pytest.param(18, 3, "x1", x2 - 4, id="display-dollars-one-line"),
        pytest.param(22, 1, "x3", sympy.Rational(2, 5) * x3 * x4**2 * sympy.exp(x3**2), id="align"),
        pytest.param(33, 4, "x3", -1 / x3**2, id="block-quote"),
        pytest.param(40, 4, "x4", sympy.Rational(2, 5) * x4 * sympy.exp(x3**2), id="brackets"),
    ],
)
def test_claims_are_found_where_written(
    homework: Answers, line: int, column: int, variable: str, value: sympy.Expr
) -> None:
    claim = _at(homework, line, column)
    assert claim.notation is not None and claim.notation.variable == variable
    assert claim.notation.function == "z"
    assert claim.value is not None and sympy.simplify(claim.value - value) == 0
    assert claim.location.file is not None and claim.location.file.endswith("homework.md")


def test_headings_give_the_context(homework: Answers) -> None:
    assert _at(homework, 7, 4).context == "Homework 3: back propagation › Q3 (a)"
    assert _at(homework, 18, 3).context == "Homework 3: back propagation › Q3 (b)"


def test_an_unreadable_answer_is_an_unparsed_claim_with_a_caret_in_the_file(
    homework: Answers,
) -> None:
    claim = _at(homework, 34, 4)
    assert not claim.parsed and claim.value is None
    assert claim.notation is not None and claim.notation.variable == "x1"  # the name did parse
    assert claim.error is not None and claim.error.location is not None
    assert (claim.error.location.line, claim.error.location.column) == (34, 59)
    line_text = claim.error.location.line_text or ""
    assert line_text.startswith("> $\\frac{dz}{dx_1}")
    assert line_text[58] == "$"  # the formula ends too early: the caret is on its closing $


def test_an_align_block_is_a_chain_ending_in_its_claim(homework: Answers) -> None:
    claim = _at(homework, 22, 1)
    chain = next(c for c in homework.chains if c.number == claim.chain)
    assert chain.claim == claim.number
    assert [(link.location.line, link.location.column) for link in chain.links] == [
        (22, 36),
        (23, 6),
    ]


def test_restatements_are_hints_from_math_and_code(homework: Answers) -> None:
    hints = [(h.location.line, h.location.column, h.source, h.name) for h in homework.hints]
    assert hints == [(5, 24, "math", "z"), (30, 5, "code", "z")]


def test_prose_math_is_skipped_and_counted(homework: Answers) -> None:
    assert [(loc.line, loc.column) for loc in homework.skipped] == [(36, 19), (36, 40)]
    assert homework.formulas == 15


def _read(text: str) -> Answers:
    collector = Collector("answer.md", "markdown")
    read_markdown_text(text, "answer.md", collector)
    return collector.finish()


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param("Costs \\$5 and \\$6: $dz/dx_1 = 1$", 1, id="escaped-dollars"),
        pytest.param("`$dz/dx_1 = 1$` in code", 0, id="dollars-in-inline-code"),
        pytest.param("```\n$dz/dx_1 = 1$\n```", 0, id="dollars-in-a-fence"),
        pytest.param("```\ndz/dx1 = 2*x1\n```", 1, id="plain-claim-in-a-fence"),
        pytest.param("$$\\frac{dz}{dx_1} = 1$$ (1)", 1, id="labelled-display"),
        pytest.param("\\begin{align}\na &= b\n\\end{align}", 0, id="top-level-align-no-claim"),
        pytest.param("| a | b |\n|---|---|\n| $dz/dx_1 = 1$ | $dz/dx_2 = 5$ |", 2, id="table"),
    ],
)
def test_what_counts_as_a_claim(text: str, count: int) -> None:
    assert len(_read(text).claims) == count


def test_consecutive_formulas_with_the_same_left_side_are_one_chain() -> None:
    answers = _read(
        "$$\\frac{dz}{dx_3} = -3 \\cdot 2 x_3$$\n\nso\n\n$$\\frac{dz}{dx_3} = -6x_3$$\n"
    )
    assert len(answers.claims) == 1
    claim = answers.claims[0]
    assert claim.value == -6 * x3
    assert (claim.location.line, claim.location.column) == (1, 3)
    chain = answers.chains[0]
    assert [link.location.line for link in chain.links] == [1, 5]


def test_a_formula_starting_with_equals_continues_the_previous_one() -> None:
    answers = _read("$$\\frac{dz}{dx_1} = 1 + 0$$\n\n$$= 1$$\n")
    assert len(answers.claims) == 1 and answers.claims[0].value == 1
    assert len(answers.chains[0].links) == 2


@pytest.mark.parametrize(
    ("text", "context"),
    [
        pytest.param(
            "## Q3\n\n**Problem q3b:** $dz/dx_1 = 1$", "Q3 › Problem q3b", id="bold-label"
        ),
        pytest.param("# Q3\n\n(a) $dz/dx_1 = 1$", "Q3 › (a)", id="letter-label"),
        pytest.param("# Q3\n## (b)\n### Work\n$dz/dx_1 = 1$", "Q3 › (b) › Work", id="path"),
        pytest.param("Question 2a. $dz/dx_1 = 1$", "Question 2a", id="question-label"),
    ],
)
def test_labels_and_heading_paths(text: str, context: str) -> None:
    assert _read(text).claims[0].context == context


def test_a_heading_resets_a_label() -> None:
    answers = _read("# Q3\n\n(a) first\n\n# Q4\n\n$dz/dx_1 = 1$")
    assert answers.claims[0].context == "Q4"


Q3 = Path(__file__).resolve().parents[2] / "problems" / "q3.yaml"


@pytest.mark.parametrize(
    ("name", "variable"),
    [
        pytest.param("(dz)/(dx_{VAR})", "x{N}", id="grouped-leibniz"),
        pytest.param(r"(\partial z)/(\partial x_{VAR})", "x{N}", id="grouped-partial"),
        pytest.param(r"\partial_{x_{VAR}} z", "x{N}", id="partial-subscript"),
        pytest.param(r"\frac{\partial}{\partial x_{VAR}} z", "x{N}", id="operator-on-the-name"),
    ],
)
@pytest.mark.parametrize(
    ("index", "value", "verdict"),
    [
        pytest.param(1, "x_2 - 4", "proved", id="q3b-x1-right"),
        pytest.param(2, "x_1", "proved", id="q3b-x2-right"),
        pytest.param(1, "x_2 + 4", "refuted", id="q3b-x1-wrong"),
        pytest.param(4, r"\frac{2}{5} x_4 e^{x_3^2}", "proved", id="q3b-x4-right"),
        pytest.param(4, r"\frac{2}{5} x_4^2 e^{x_3^2}", "refuted", id="q3b-x4-wrong"),
    ],
)
def test_inline_derivative_names_answer_their_derivative(
    name: str, variable: str, index: int, value: str, verdict: str, tmp_path: Path
) -> None:
    """Each notation names the derivative it is checked against, right or wrong."""
    from checking import check_markdown

    written = name.replace("{VAR}", f"{{{index}}}")
    markdown = f"# Q3b\n\n$${written} = {value}$$\n"
    (result,) = check_markdown(Q3, markdown, tmp_path).results
    assert result.verdict.value == verdict, result
    assert result.target is not None and result.target.problem_id == "q3b"
    assert result.target.name == f"dz/d{variable.replace('{N}', str(index))}"


ACTIVATIONS = Path(__file__).resolve().parents[2] / "problems" / "activations.yaml"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(r"\sigma(x)", id="the-first-derivative"),
        pytest.param(r"\sigma(x)(1 - \sigma(x))", id="the-true-second-derivative"),
    ],
)
def test_a_second_derivative_is_never_checked_as_the_first(value: str, tmp_path: Path) -> None:
    """softplus''(x) = σ(x) was proved against softplus'(x): the order was dropped."""
    from checking import check_markdown

    markdown = f"# softplus\n\n$$\\operatorname{{softplus}}''(x) = {value}$$\n"
    (result,) = check_markdown(ACTIVATIONS, markdown, tmp_path).results
    assert result.verdict.value == "unattributed"
    assert any("order 2" in note for note in result.notes)


@pytest.mark.parametrize(
    "formula",
    [
        pytest.param(r"\frac{\partial z}{\partial x_2} = 7 \text{ at } x_1 = 1", id="a-condition"),
        pytest.param(r"\frac{\partial z}{\partial x_2} = 7, \quad u_2 = 1", id="a-definition"),
    ],
)
def test_a_side_that_cannot_be_read_leaves_the_claim_unread(formula: str, tmp_path: Path) -> None:
    """The last side after an unreadable one may be a condition's value (x₁ = 1, which is also
    ∂z/∂x₂ at q3b's point): it is never graded alone."""
    from checking import check_markdown

    report = check_markdown(Q3, f"# Q3b\n\n$${formula}$$\n", tmp_path)
    assert [result.verdict.value for result in report.results] == ["unparsed"]


@pytest.mark.parametrize(
    ("formula", "verdict"),
    [
        pytest.param(
            r"\frac{\partial z}{\partial x_2} = x_1 \ \text{for all } x", "proved", id="right"
        ),
        pytest.param(
            r"\frac{\partial z}{\partial x_2} = x_1 \quad \forall x_1, x_2", "proved", id="forall"
        ),
        pytest.param(
            r"\frac{\partial z}{\partial x_2} = x_2 \ \text{for all } x", "refuted", id="wrong"
        ),
        pytest.param(
            r"\frac{\partial z}{\partial x_2} = x_1 \ \text{for all } x_1 > 0",
            "unparsed",
            id="restricted",
        ),
    ],
)
def test_for_all_after_a_claim_is_what_is_checked(
    formula: str, verdict: str, tmp_path: Path
) -> None:
    """ "for all x" adds no condition: the claim is checked everywhere, right or wrong; a
    restriction ("for all x₁ > 0") is kept, and the claim is not read without it."""
    from checking import check_markdown

    (result,) = check_markdown(Q3, f"# Q3b\n\n$${formula}$$\n", tmp_path).results
    assert result.verdict.value == verdict, result


PRIMED_PROBLEMS = """\
title: primed functions inside answers
problems:
  - id: kinked
    kind: activation
    expression: "g = 2*relu(x) + x"
  - id: unit
    kind: partials
    expression: "y = v*relu(w*x + b)"
    wrt: [w]
  - id: logistic
    kind: partials
    expression: "L = sigmoid(w*x + b)"
    wrt: [w]
"""


@pytest.mark.parametrize(
    ("problem", "formula", "verdicts"),
    [
        pytest.param(
            "kinked", r"g'(x) = 2\operatorname{ReLU}'(x) + 1", {"proved"}, id="relu-right"
        ),
        pytest.param(
            "kinked", r"g'(x) = \operatorname{ReLU}'(x) + 1", {"refuted"}, id="relu-wrong"
        ),
        pytest.param(
            "unit",
            r"\frac{\partial y}{\partial w} = v \operatorname{ReLU}'(wx + b)\,x",
            {"proved", "numerically-equal"},
            id="relu-chain-right",
        ),
        pytest.param(
            "unit",
            r"\frac{\partial y}{\partial w} = v \operatorname{ReLU}'(wx + b)",
            {"refuted"},
            id="relu-chain-missing-x",
        ),
        pytest.param(
            "unit",
            r"\frac{\partial y}{\partial w} = v \operatorname{ReLU}'(0)\,x",
            {"unparsed"},
            id="relu-prime-at-the-kink",
        ),
        pytest.param(
            "logistic",
            r"\frac{\partial L}{\partial w} = \sigma'(wx + b)\,x",
            {"proved"},
            id="sigma",
        ),
        pytest.param(
            "logistic",
            r"\frac{\partial L}{\partial w} = 2\sigma'(wx + b)\,x",
            {"refuted"},
            id="sigma-factor-2",
        ),
        pytest.param(
            "logistic",
            r"\frac{\partial L}{\partial w} = \sigma'(wx + b)",
            {"unparsed"},
            id="sigma-prime-alone-stays-a-name",
        ),
        pytest.param(
            "logistic",
            r"\frac{\partial L}{\partial w} = f'(wx + b)\,x",
            {"unparsed"},
            id="unknown-f",
        ),
    ],
)
def test_a_primed_function_inside_an_answer_is_its_derivative(
    problem: str, formula: str, verdicts: set[str], tmp_path: Path
) -> None:
    """ReLU'(u), σ'(u) inside a product are the derivative's value; right or wrong, and never a
    value at ReLU's kink; a function we do not know (f') is not read."""
    from checking import check_markdown

    problems = tmp_path / "primed.yaml"
    problems.write_text(PRIMED_PROBLEMS, encoding="utf-8")
    (result,) = check_markdown(problems, f"## {problem}\n\n${formula}$\n", tmp_path).results
    assert result.verdict.value in verdicts, result
    if problem == "kinked" and result.verdict.value == "proved":
        assert any("does not exist" in note for note in result.notes)


NEURONS = Path(__file__).resolve().parents[2] / "problems" / "neurons.yaml"


@pytest.mark.parametrize(
    ("section", "formula", "verdict"),
    [
        pytest.param(
            "logistic-loss", r"\nabla_w L = \left(\sigma(wx + b) - y\right)x", "proved", id="right"
        ),
        pytest.param("logistic-loss", r"\nabla_{b} L = y - \sigma(wx + b)", "refuted", id="wrong"),
        pytest.param(
            "tanh-unit-squared-error",
            r"\nabla_w E = \left(\tanh(w_1x_1 + w_2x_2 + b) - t\right)x_1",
            "unattributed",
            id="a-vector-of-parameters-is-no-partial",
        ),
    ],
)
def test_nabla_in_one_variable_is_that_partial(
    section: str, formula: str, verdict: str, tmp_path: Path
) -> None:
    """∇_w L is ∂L/∂w when w is one of the problem's variables; when the problem has w₁ and w₂,
    ∇_w E is a vector, which no single derivative answers."""
    from checking import check_markdown

    (result,) = check_markdown(NEURONS, f"## {section}\n\n${formula}$\n", tmp_path).results
    assert result.verdict.value == verdict, result
