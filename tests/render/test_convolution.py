"""Convolution blocks, JSON and pictures: the Q5 golden files in every format, a pdflatex compile
with the figures included, and PNGs drawn only on demand."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from golden import check_golden
from pdflatex import PNG, compile_latex, export_and_compile
from solved import bundled

from symderive.derive.convolution import ConvolutionSolution
from symderive.problemfile import load_problem_text
from symderive.render.convolution import convolution_blocks, convolution_data
from symderive.render.document import Bullets, Document, Equation, Figure, Heading, Table
from symderive.render.json import render_json
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown
from symderive.render.solutions import BUILDERS, document_of
from symderive.render.terminal import render_terminal
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).parents[2]

OVERFULL_LIMIT_PT = 15.0
# A user image, rectangular and 1-D kernels, underscores in names, an unidentified kernel.
VARIED = """
title: "Convolution: every branch"
problems:
  - id: v1
    kind: convolution
    kernels:
      row_blur: {rows: [[1, 2, 1]], scale: 1/4}
      column_difference: [[1], [0], [-1]]
      odd_one: [[1, 2, 0], [0, 3, 0], [0, 0, 1]]
      up_left: {rows: [[2, 0, 0], [0, 0, 0], [0, 0, 0]], scale: "1/2"}
      scaled: [[0, 0, 0], [0, -3, 0], [0, 0, 0]]
    image: [[0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0.5]]
"""


def _solve(text: str, path: str) -> SolutionSet:
    return solve_problem_set(load_problem_text(text, path))


@pytest.fixture(scope="module")
def q5() -> SolutionSet:
    """Q5 under its repository path, so golden files name ``problems/q5.yaml``."""
    return bundled("q5")


@pytest.fixture(scope="module")
def q5_document(q5: SolutionSet) -> Document:
    return document_of(q5)


@pytest.fixture(scope="module")
def varied() -> SolutionSet:
    return _solve(VARIED, "varied.yaml")


def _first(solutions: SolutionSet) -> ConvolutionSolution:
    solution = solutions.solutions[0]
    assert isinstance(solution, ConvolutionSolution)
    return solution


def test_registered_in_the_builders_table() -> None:
    assert BUILDERS["convolution"] == (convolution_blocks, convolution_data)


def test_q5_blocks_name_every_kernel_with_evidence(q5: SolutionSet) -> None:
    blocks = convolution_blocks(_first(q5))
    headings = [block.text for block in blocks if isinstance(block, Heading) and block.level == 3]
    assert headings == [
        "Kernel k1: identity",
        "Kernel k2: shift",
        "Kernel k3: Laplacian edge detector",
        "Kernel k4: box blur",
        "Pictures",
    ]
    summary = next(block for block in blocks if isinstance(block, Table))
    assert summary.caption == "Summary" and len(summary.rows) == 4
    assert sum(isinstance(block, Bullets) for block in blocks) == 4
    boxed = [block for block in blocks if isinstance(block, Equation) and block.boxed]
    assert len(boxed) == 4
    text = repr(blocks)
    assert "moves 1 pixel left" in text and "moves 1 pixel right" in text
    assert [b.name for b in blocks if isinstance(b, Figure)] == ["q5-images", "q5-response"]


def test_varied_blocks(varied: SolutionSet) -> None:
    solution = _first(varied)
    names = [kernel.identification.name for kernel in solution.kernels]
    assert names == ["Gaussian blur", "gradient", "none of these", "shift", "scaled identity"]
    text = repr(convolution_blocks(solution))
    assert "the given image" in text and "4×4" in text
    assert "moves 1 pixel down and 1 pixel right" in text  # up_left under cross-correlation


@pytest.mark.parametrize("name", ["q5", "varied"])
def test_json_round_trips(name: str, request: pytest.FixtureRequest) -> None:
    solutions: SolutionSet = request.getfixturevalue(name)
    for solution in solutions.solutions:
        data = convolution_data(solution)  # type: ignore[arg-type]
        assert json.loads(json.dumps(data, allow_nan=False)) == data
        assert list(data)[:4] == ["id", "kind", "statement", "points"]
    document = json.loads(render_json(solutions))
    assert {problem["kind"] for problem in document["problems"]} == {"convolution"}


def test_json_fields(q5: SolutionSet) -> None:
    k1, k2, k3, k4 = convolution_data(_first(q5))["kernels"]
    assert k1["identification"]["name"] == "identity" and k1["response"]["passband"] == "all-pass"
    assert k2["identification"]["movement"] == {
        "offset": [0, 1],
        "correlation": [0, -1],
        "convolution": [0, 1],
        "gain": "1",
    }
    assert k3["sum"] == "0" and k3["zero_sum"] and k3["rank"] == 2
    assert k3["response"]["at_corner"]["sympy"] == "8"
    assert k4["scale"] == "1/9" and k4["kernel"][0] == ["1/9", "1/9", "1/9"]
    assert (k4["factor"], k4["column"], k4["row"]) == ("1/9", ["1", "1", "1"], ["1", "1", "1"])


@pytest.mark.parametrize("name", ["q5", "varied"])
def test_every_format_renders(name: str, request: pytest.FixtureRequest) -> None:
    document = document_of(request.getfixturevalue(name))
    assert render_terminal(document, color=False, width=100)
    assert render_markdown(document)
    assert "[U+" not in render_latex(document, fragment=False)


@pytest.mark.parametrize("name", ["q5", "varied"])
def test_figures_are_png_files(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    blocks = convolution_blocks(_first(request.getfixturevalue(name)))
    figures = [block for block in blocks if isinstance(block, Figure)]
    assert len(figures) == 2
    for figure in figures:
        figure.draw(tmp_path / f"{figure.name}.png")
        assert (tmp_path / f"{figure.name}.png").read_bytes().startswith(PNG)


def test_building_blocks_does_not_import_matplotlib() -> None:
    script = (
        "import sys\n"
        "from symderive.problemfile import load_problem_file\n"
        "from symderive.solve import solve_problem_set\n"
        "from symderive.render.solutions import document_of\n"
        "document_of(solve_problem_set(load_problem_file('problems/q5.yaml')))\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_q5_terminal_golden(q5_document: Document, pytestconfig: pytest.Config) -> None:
    text = render_terminal(q5_document, color=False, width=100)
    check_golden(pytestconfig, "q5.terminal.txt", text)


def test_q5_latex_golden(q5_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q5.tex", render_latex(q5_document, fragment=False))


def test_q5_markdown_golden(q5_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q5.md", render_markdown(q5_document))


def test_q5_json_golden(q5: SolutionSet, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q5.json", render_json(q5))


def test_varied_latex_compiles(varied: SolutionSet, tmp_path: Path) -> None:
    log = compile_latex(render_latex(document_of(varied), fragment=False), tmp_path)
    assert "Missing character" not in log


@pytest.mark.slow
def test_q5_latex_compiles_with_its_figures(tmp_path: Path) -> None:
    """The way a student does it: ``symderive solve … --format latex -o q5.tex``, then pdflatex."""
    figures = ["q5-images", "q5-response", "q5-more-images", "q5-more-response"]
    log = export_and_compile(ROOT / "problems" / "q5.yaml", figures, tmp_path)
    overfull = [float(size) for size in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]
    assert all(size <= OVERFULL_LIMIT_PT for size in overfull), overfull


def test_out_of_budget_response_says_what_was_not_done() -> None:
    """No time left: the defining sum is shown, the report says the form was not simplified,
    and nothing claims a proof that was not made."""
    from symderive.budget import shared_budget
    from symderive.derive.convolution import solve_convolution
    from symderive.problem import ConvolutionProblem

    problem = load_problem_text(VARIED, "varied.yaml").problems[0]
    assert isinstance(problem, ConvolutionProblem)
    with shared_budget(0):
        solution = solve_convolution(problem)
    text = render_markdown(Document(tuple(convolution_blocks(solution))))
    assert "Not done: the trigonometric form was not simplified within the time budget" in text
    assert "the form above is the defining sum itself" in text
    assert "proved equal to the defining sum by SymPy" not in text
    data = convolution_data(solution)
    assert isinstance(data, dict)
    kernels = data["kernels"]
    assert isinstance(kernels, list) and all(
        isinstance(kernel, dict)
        and isinstance(kernel["response"], dict)
        and kernel["response"]["notes"]
        for kernel in kernels
    )


def test_tiny_kernels_do_not_print_a_zero_peak() -> None:
    body = (
        "title: T\nproblems:\n  - id: t\n    kind: convolution\n    kernels:\n"
        "      tiny: {rows: [[1, 1, 1]], scale: 1e-300}\n"
    )
    solutions = solve_problem_set(load_problem_text(body, "tiny.yaml"))
    text = render_markdown(document_of(solutions))
    assert "the largest \\|H\\| on the grid is 3·1/1" in text
    assert "the largest \\|H\\| on the grid is 0 " not in text
