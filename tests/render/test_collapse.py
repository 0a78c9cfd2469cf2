"""Linear-collapse blocks and JSON: every part of the proof, every format, the Q1 golden files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sympy
from golden import check_golden
from pdflatex import compile_latex
from solved import bundled

from symderive.derive.collapse import LinearCollapseSolution
from symderive.derive.counterexample import counterexample
from symderive.problemfile import load_problem_text
from symderive.render.collapse import collapse_blocks, collapse_data
from symderive.render.collapse_counterexample import decimals, gap_decimal
from symderive.render.document import Document, Equation, Heading, Math, Paragraph, Steps, Table
from symderive.render.json import render_json
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown
from symderive.render.solutions import BUILDERS, document_of
from symderive.render.terminal import render_terminal
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).parents[2]
OVERFULL_LIMIT_PT = 15.0
# Every branch of the blocks: a symbolic slope, a rational slope in scalar mode, a deep network
# (shapes table shortened), leaky ReLU with slope 1, and smooth and piecewise counterexamples.
VARIED = """
title: "Collapse: every branch"
problems:
  - {id: v1, kind: linear-collapse, activation: linear, layers: 3}
  - {id: v2, kind: linear-collapse, activation: linear, slope: 1/2, scalar: true, layers: 4}
  - {id: v3, kind: linear-collapse, layers: 40, dims: [3, 4, 5, 6, 7, 8, 7, 6, 5, 4, 3, 2, 3, 4,
     5, 6, 7, 8, 7, 6, 5, 4, 3, 2, 3, 4, 5, 6, 7, 8, 7, 6, 5, 4, 3, 2, 3, 4, 5, 6, 2]}
  - {id: v4, kind: linear-collapse, activation: leaky_relu, slope: 1, layers: 2, dims: [1, 3, 1]}
  - {id: v5, kind: linear-collapse, activation: tanh}
  - {id: v6, kind: linear-collapse, activation: leaky_relu, layers: 5}
  - {id: v7, kind: linear-collapse, activation: sigmoid, layers: 4}
  - {id: v8, kind: linear-collapse, activation: linear, slope: -2, layers: 2, dims: [3, 1, 2]}
"""


@pytest.fixture(scope="module")
def q1() -> SolutionSet:
    """Q1 under its repository path, so golden files name ``problems/q1.yaml``."""
    return bundled("q1")


@pytest.fixture(scope="module")
def q1_document(q1: SolutionSet) -> Document:
    return document_of(q1)


@pytest.fixture(scope="module")
def varied() -> SolutionSet:
    return solve_problem_set(load_problem_text(VARIED, "varied.yaml"))


def _headings(solution: LinearCollapseSolution) -> list[str]:
    return [block.text for block in collapse_blocks(solution) if isinstance(block, Heading)]


def _text(blocks: list[object]) -> str:
    """Every formula and word of the blocks, LaTeX and Unicode, as one searchable string."""
    return repr(blocks)


def test_registered_in_the_builders_table() -> None:
    assert BUILDERS["linear-collapse"] == (collapse_blocks, collapse_data)


def test_proof_blocks_have_every_part(q1: SolutionSet) -> None:
    general = q1.solutions[0]
    assert isinstance(general, LinearCollapseSolution)
    headings = _headings(general)
    assert headings == [
        "q1a (8 points)",
        "Claim",
        "The output of two layers",
        "Base case N = 1",
        "Inductive step: P(N) implies P(N+1)",
        "Closed form",
    ]
    blocks = collapse_blocks(general)
    text = _text(blocks)
    assert r"W = W_{N} \\cdots W_{1}" in text  # the claim and the closed form
    assert r"\\sum_{k=1}^{N} W_{N} \\cdots W_{k+1} b_{k}" in text
    assert "W₂·(W₁·x + b₁) + b₂" in text and "W₂·W₁·x + (W₂·b₁ + b₂)" in text
    steps = next(block for block in blocks if isinstance(block, Steps))
    assert [item.label for item in steps.items] == ["affine composition", "weight", "bias"]
    assert "W_(N+1)·(W·x + b) + b_(N+1)" in text
    closed = [block for block in blocks if isinstance(block, Equation) and block.boxed]
    assert len(closed) == 1 and len(closed[0].lines) == 2
    assert text.count("✓ verified") >= 5


def test_concrete_instance_has_shapes_and_numbers(q1: SolutionSet) -> None:
    concrete, small = q1.solutions[1], q1.solutions[2]
    assert isinstance(concrete, LinearCollapseSolution)
    assert "Shapes" in _headings(concrete) and "Numeric check" in _headings(concrete)
    tables = [block for block in collapse_blocks(concrete) if isinstance(block, Table)]
    assert any("2 × 4" in repr(table) for table in tables)
    small_text = _text(collapse_blocks(small))  # type: ignore[arg-type]
    assert r"\begin{pmatrix}" in small_text.replace("\\\\", "\\")
    assert "equal exactly" in small_text


def test_relu_blocks_show_the_counterexample(q1: SolutionSet) -> None:
    relu = q1.solutions[3]
    assert isinstance(relu, LinearCollapseSolution)
    headings = _headings(relu)
    assert "The claim fails for ReLU" in headings and "The midpoint test" in headings
    assert "Claim" not in headings
    text = _text(collapse_blocks(relu))
    assert "|x|" in text and "f(0) − (f(-1) + f(1))/2 = -1 ≠ 0" in text


def test_the_printer_writes_the_counterexamples_decimals() -> None:
    """Exact values keep SymPy's 50 digits; a certified midpoint is mpmath's 50, zeros dropped."""
    exact = counterexample("relu", sympy.Integer(1), 2)
    assert decimals(exact)[:2] == ["1.0000000000000000000000000000000000000000000000000", "0"]
    assert gap_decimal(exact) == "-1.0000000000000000000000000000000000000000000000000"
    certified = counterexample("tanh", sympy.Integer(1), 7)
    assert decimals(certified)[0] == "0.0"
    assert decimals(certified)[1] == "0.41347670990383570061305019452950948156793291798386"


def test_blocks_hold_only_math_where_math_is_needed(varied: SolutionSet) -> None:
    """Words are escaped as text by LaTeX: symbols such as ↦ or ⇒ must sit inside Math."""
    for solution in varied.solutions:
        for block in collapse_blocks(solution):  # type: ignore[arg-type]
            parts = block.content if isinstance(block, Paragraph) else ()
            for part in parts:
                if not isinstance(part, Math):
                    assert not re.search(r"[↦⇒⋯Σ]|_\{", part), part


@pytest.mark.parametrize("name", ["q1", "varied"])
def test_json_round_trips(name: str, request: pytest.FixtureRequest) -> None:
    solutions: SolutionSet = request.getfixturevalue(name)
    for solution in solutions.solutions:
        data = collapse_data(solution)  # type: ignore[arg-type]
        assert json.loads(json.dumps(data, allow_nan=False)) == data
        assert data["holds"] is (data["counterexample"] is None)
    document = json.loads(render_json(solutions))
    assert [problem["kind"] for problem in document["problems"]] == ["linear-collapse"] * len(
        solutions.solutions
    )


def test_json_of_the_general_proof(q1: SolutionSet) -> None:
    data = collapse_data(q1.solutions[0])  # type: ignore[arg-type]
    assert list(data)[:4] == ["id", "kind", "statement", "points"]
    proof = data["proof"]
    assert proof["two_layer"]["right"]["sympy"] == "W2*W1*x + W2*b1 + b2"
    assert proof["inductive_step"]["verification"] == "opaque expansion"
    assert [check["layers"] for check in proof["weight_identity"]] == [1, 2, 3, 4, 5]
    small = collapse_data(q1.solutions[2])  # type: ignore[arg-type]
    assert small["numeric"]["exact"] is True and len(small["numeric"]["weights"]) == 2


@pytest.mark.parametrize("name", ["q1", "varied"])
def test_every_format_renders(name: str, request: pytest.FixtureRequest) -> None:
    document = document_of(request.getfixturevalue(name))
    assert render_terminal(document, color=False, width=100)
    assert render_markdown(document)
    latex = render_latex(document, fragment=False)
    assert "[U+" not in latex  # no character the LaTeX escaper could not place


def test_q1_terminal_golden(q1_document: Document, pytestconfig: pytest.Config) -> None:
    text = render_terminal(q1_document, color=False, width=100)
    check_golden(pytestconfig, "q1.terminal.txt", text)


def test_q1_latex_golden(q1_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q1.tex", render_latex(q1_document, fragment=False))


def test_q1_markdown_golden(q1_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q1.md", render_markdown(q1_document))


def test_q1_json_golden(q1: SolutionSet, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q1.json", render_json(q1))


@pytest.mark.parametrize("name", ["q1", "varied"])
def test_latex_compiles(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    document = document_of(request.getfixturevalue(name))
    log = compile_latex(render_latex(document, fragment=False), tmp_path)
    overfull = [float(size) for size in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]
    assert all(size <= OVERFULL_LIMIT_PT for size in overfull), overfull
    assert "Missing character" not in log
