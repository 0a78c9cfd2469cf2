"""LaTeX files: inline and display math, align rows, sections as headings, comments ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from symderive.check.claim import Answers
from symderive.check.collector import Collector
from symderive.check.tex_answers import blank_comments, read_tex, read_tex_text
from symderive.parsing.names import make_symbol

x1, x2, x3, x4 = (make_symbol(f"x{index}") for index in range(1, 5))


@pytest.fixture(scope="module")
def homework(answers_dir: Path) -> Answers:
    return read_tex(answers_dir / "homework.tex")


def _positions(answers: Answers) -> list[tuple[int | None, int | None, str | None]]:
    return [
        (c.location.line, c.location.column, c.notation.variable if c.notation else None)
        for c in answers.claims
    ]


def test_every_claim_at_its_line_and_column(homework: Answers) -> None:
    assert _positions(homework) == [
        (10, 3, "x1"),  # \( … \)
        (10, 45, "x2"),  # \( dz/dx_2 = 5 \)
        (11, 4, "x3"),  # \[ … \] with a full stop
        (12, 31, "x3"),  # Unicode, after an escaped \%
        (16, 3, "x1"),  # align* rows, \label blanked
        (17, 3, "x2"),
        (18, 3, "x3"),  # a two-row chain, \nonumber blanked
        (24, 3, "x3"),  # equation, unparsed
    ]


def test_values(homework: Answers) -> None:
    values = [claim.value for claim in homework.claims]
    assert values[:3] == [1, 5, -6 * x3]
    assert values[4:6] == [x2 - 4, x1]
    assert values[6] == sympy.Rational(2, 5) * x3 * x4**2 * sympy.exp(x3**2)


def test_sections_and_subsections_are_a_heading_path(homework: Answers) -> None:
    contexts = [claim.context for claim in homework.claims]
    assert contexts == ["Q3 › (a)"] * 4 + ["Q3 › (b)"] * 3 + ["Q3 › Part (c)"]


def test_the_align_chain_links(homework: Answers) -> None:
    (chain,) = homework.chains
    assert [(link.location.line, link.location.column) for link in chain.links] == [
        (18, 38),
        (19, 38),
    ]


def test_an_unparsed_equation_has_a_caret_in_the_file(homework: Answers) -> None:
    claim = homework.claims[-1]
    assert claim.error is not None and claim.error.location is not None
    assert (claim.error.location.line, claim.error.location.column) == (24, 46)
    assert claim.error.location.line_text == "  \\frac{dz}{dx_3} = -\\frac{1}{x_3^2} + \\bigl("


def test_comments_preamble_and_prose_math(homework: Answers) -> None:
    assert all(claim.value != 100 for claim in homework.claims)
    assert [(loc.line, loc.column) for loc in homework.skipped] == [(26, 48)]
    assert homework.hints[0].location.line == 9


def test_blanking_comments_keeps_offsets() -> None:
    text = "a % note\n50\\% of $x$ % more\n"
    blanked = blank_comments(text)
    assert len(blanked) == len(text)
    assert blanked == "a       \n50\\% of $x$       \n"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        pytest.param("\\iffalse $dz/dx_1 = 7$ \\fi $dz/dx_1 = 1$", [1], id="iffalse"),
        pytest.param(
            "\\iffalse \\ifnum 1>0 $dz/dx_1 = 7$ \\fi $dz/dx_1 = 8$ \\fi $dz/dx_1 = 1$",
            [1],
            id="iffalse-with-a-nested-conditional",
        ),
        pytest.param("$a \\iff b$ $dz/dx_1 = 1$", [1], id="iff-is-a-symbol-not-a-conditional"),
        pytest.param(
            "\\begin{comment}\n$dz/dx_1 = 7$\n\\end{comment}\n$dz/dx_1 = 1$", [1], id="comment"
        ),
        pytest.param("$dz/dx_1 = 1$ \\iffalse $dz/dx_1 = 7$", [1], id="iffalse-never-closed"),
    ],
)
def test_what_the_page_does_not_show_is_not_graded(text: str, values: list[object]) -> None:
    answers = _read(text)
    assert [claim.value for claim in answers.claims] == values


def test_hidden_text_keeps_lines_and_columns() -> None:
    text = "\\iffalse\n$x$\n\\fi $dz/dx_1 = 1$"
    blanked = blank_comments(text)
    assert len(blanked) == len(text) and blanked.count("\n") == 2
    (claim,) = _read(text).claims
    assert (claim.location.line, claim.location.column) == (3, 6)


def _read(text: str) -> Answers:
    collector = Collector("a.tex", "tex")
    read_tex_text(text, "a.tex", collector)
    return collector.finish()


@pytest.mark.parametrize(
    ("text", "values"),
    [
        pytest.param("$$\\frac{dz}{dx_1} = 1$$", [1], id="double-dollars"),
        pytest.param("\\begin{equation*}dz/dx_1 = 2\\end{equation*}", [2], id="equation-star"),
        pytest.param(
            "\\begin{align}dz/dx_1 &= 1,\\\\ dz/dx_2 &= 2.\\end{align}", [1, 2], id="align-rows"
        ),
        pytest.param("\\\\[2pt] $dz/dx_1 = 3$", [3], id="linebreak-is-not-display-math"),
        pytest.param("\\$5 and $dz/dx_1 = 4$", [4], id="escaped-dollar"),
        pytest.param(
            "$dz/dx_1 = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}$",
            [sympy.Piecewise((1, make_symbol("x") > 0), (0, True))],
            id="cases-rows-are-not-align-rows",
        ),
    ],
)
def test_math_forms(text: str, values: list[object]) -> None:
    assert [claim.value for claim in _read(text).claims] == values


def test_a_stray_dollar_is_skipped_not_fatal() -> None:
    answers = _read("$dz/dx_1 = 1$ and a stray $ here")
    assert len(answers.claims) == 1
    assert [(loc.line, loc.column) for loc in answers.skipped] == [(1, 27)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "$dz/dx_1 = 1, \\quad dz/dx_2 = 5$", [(1, 2, "x1"), (1, 21, "x2")], id="inline"
        ),
        pytest.param(
            "\\begin{gather*}\ndz/dx_1 = 1 \\qquad dz/dx_2 = 5 \\\\\ndz/dx_3 = -6x_3\n"
            "\\end{gather*}",
            [(2, 1, "x1"), (2, 20, "x2"), (3, 1, "x3")],
            id="gather",
        ),
        pytest.param(
            "\\begin{eqnarray}\ndz/dx_1 &=& 1; \\quad dz/dx_2 = 5 \\\\\ndz/dx_3 &=& -6x_3\n"
            "\\end{eqnarray}",
            [(2, 1, "x1"), (2, 22, "x2"), (3, 1, "x3")],
            id="eqnarray",
        ),
        pytest.param(
            "\\[ \\begin{aligned} dz/dx_1 &= 1 \\text{ and } dz/dx_2 = 5 \\end{aligned} \\]",
            [(1, 20, "x1"), (1, 46, "x2")],
            id="aligned",
        ),
    ],
)
def test_several_claims_on_a_row_each_at_its_column(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    answers = _read(text)
    assert _positions(answers) == expected
    lines = text.split("\n")
    assert all(
        lines[line - 1].find(f"dz/dx_{name[1]}") == column - 1 for line, column, name in expected
    )
    assert [claim.value for claim in answers.claims][:2] == [1, 5]
