"""The terminal format: golden Q3, no escape codes without colour, no meaning in colour alone."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from golden import check_golden

import symderive
from symderive.render.document import Document
from symderive.render.terminal import render_terminal
from symderive.solve import SolutionSet

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def test_q3_matches_golden(q3_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(
        pytestconfig, "q3.terminal.txt", render_terminal(q3_document, color=False, width=100)
    )


@pytest.mark.parametrize("name", ["q3_document", "hard_document"])
def test_without_color_there_are_no_escape_codes(name: str, request: pytest.FixtureRequest) -> None:
    text = render_terminal(request.getfixturevalue(name), color=False)
    assert "\x1b" not in text


@pytest.mark.parametrize("name", ["q3_document", "hard_document"])
def test_color_only_repeats_the_words(name: str, request: pytest.FixtureRequest) -> None:
    document = request.getfixturevalue(name)
    colored = render_terminal(document, color=True)
    assert ANSI.search(colored), "color=True should style the output"
    stripped = "\n".join(line.rstrip() for line in ANSI.sub("", colored).splitlines()) + "\n"
    assert stripped == render_terminal(document, color=False)


def test_precedence_warning_with_location_and_caret(q3: SolutionSet, q3_document: Document) -> None:
    text = render_terminal(q3_document, color=False)
    warning = q3.solutions[1].problem.warnings[0]
    assert f"warning: problems/q3.yaml:{warning.location.line}:{warning.location.column}:" in text
    assert "is read as (exp(x3^2)/5)·x4^2" in text
    lines = text.splitlines()
    source = next(i for i, line in enumerate(lines) if 'expression: "z = x1*(x2-4)' in line)
    caret = lines[source + 1]
    assert caret.strip() == "^"
    assert lines[source][caret.index("^")] == "/", "the caret points at the division"


def test_readings_steps_results_and_backprop_are_shown(q3_document: Document) -> None:
    text = render_terminal(q3_document, color=False)
    assert text.count("Reading: as written — graded") == 3
    assert text.count("Reading: other reading — not graded") == 1
    assert "division takes the whole product that follows it" in text
    for expected in (
        "chain rule: ∂/∂x₃ exp(x₃²) = 2x₃·exp(x₃²)",
        "exponential rule: d/du exp(u) = exp(u), with u = x₃²",
        "power rule: d/du u² = 2u, with u = x₁ + 5x₂ + 15",
        "✓ symbolic",
        "│ ∂z/∂x₃ = -6x₃ │",
        "u₁     5x₂",
        "∂u₃/∂u₂ = -3",
        "ū₂ = -3ū₃ = -3",
        "x̄₃ = 2ū₂·x₃ = -6x₃",
        "Forward pass at x₁ = 1, x₂ = 2, x₃ = 0.5",
        "u₅     1.28403",
        "Finite-difference check",
    ):
        assert expected in text, expected
    assert len(re.findall(r"e-\d+ +pass$", text, flags=re.MULTILINE)) == 3 + 4 + 4 + 3


def test_several_consumers_show_their_summed_contributions(hard_document: Document) -> None:
    text = render_terminal(hard_document, color=False)
    assert "(sum over the consumers" in text
    assert "sum of contributions" in text
    assert re.search(r"ū₁ +7\.31623 +7 \+ 0\.316228", text)


def test_kinks_are_noted_and_problems_without_a_point_have_no_tables(
    hard_document: Document,
) -> None:
    text = render_terminal(hard_document, color=False)
    assert "note: ReLU is not differentiable where its argument is 0" in text
    second = text[text.index("h2 (2.5 points)") :]
    assert "Reverse sweep" in second
    assert "Forward pass" not in second


@pytest.mark.parametrize("width", [60, 100, 160], ids=lambda width: f"width-{width}")
def test_lines_fit_the_width(q3_document: Document, width: int) -> None:
    text = render_terminal(q3_document, color=False, width=width)
    snippet = {line for line in text.splitlines() if "expression:" in line}
    for line in text.splitlines():
        if line not in snippet:
            assert sum(not unicodedata.combining(c) for c in line) <= width, line


def test_simplification_rewrites_the_derivative_without_differentiating(
    q3: SolutionSet, q3_document: Document
) -> None:
    text = render_terminal(q3_document, color=False)
    simplified = [
        derivation
        for solution in q3.solutions
        for reading in solution.readings
        for derivation in reading.derivatives
        if derivation.simplification is not None
    ]
    assert text.count("simplification: ") == len(simplified)
    assert "simplification: ∂" not in text


def test_rich_is_imported_only_by_the_terminal_renderer() -> None:
    package = Path(symderive.__file__).parent
    importers = sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if re.search(r"^\s*(from|import) rich\b", path.read_text(encoding="utf-8"), re.MULTILINE)
    )
    assert importers == ["render/terminal.py"]
