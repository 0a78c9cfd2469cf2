"""Ambiguity blocks and JSON: every part in every format, the figure, the Q4 golden files, and
the command line's located error for a bad CSV row."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from golden import check_golden
from pdflatex import compile_latex
from typer.testing import CliRunner

from symderive import cli
from symderive.derive.ambiguity import AmbiguitySolution, Recheck
from symderive.derive.ambiguity_facts import DivergenceSample, EntropySample, Fact, FactKey
from symderive.problemfile import load_problem_text
from symderive.render.ambiguity import ambiguity_blocks, ambiguity_data
from symderive.render.ambiguity_checks import recheck_text
from symderive.render.ambiguity_facts import fact_checks, fact_words
from symderive.render.document import Document, Equation, Figure, Heading, Table
from symderive.render.json import render_json
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown
from symderive.render.solutions import BUILDERS, document_of
from symderive.render.terminal import render_terminal
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def q4() -> SolutionSet:
    """Q4 under its repository path (data paths resolve against it), so goldens name
    ``problems/q4.yaml`` and ``data/…`` rather than a temporary folder."""
    text = (ROOT / "problems" / "q4.yaml").read_text(encoding="utf-8")
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        problems = load_problem_text(text, "problems/q4.yaml")
    finally:
        os.chdir(before)
    return solve_problem_set(problems)


@pytest.fixture(scope="module")
def q4_document(q4: SolutionSet) -> Document:
    return document_of(q4)


def _solution(q4: SolutionSet, index: int) -> AmbiguitySolution:
    solution = q4.solutions[index]
    assert isinstance(solution, AmbiguitySolution)
    return solution


def test_registered_in_the_builders_table() -> None:
    assert BUILDERS["ambiguity"] == (ambiguity_blocks, ambiguity_data)


def test_blocks_have_every_part(q4: SolutionSet) -> None:
    blocks = ambiguity_blocks(_solution(q4, 0))
    headings = [block.text for block in blocks if isinstance(block, Heading)]
    assert headings == [
        "q4a (12 points)",
        "Scores",
        "Models",
        "Most uncertain: highest mean normalised entropy",
        "Closest call: smallest margin between the two likeliest classes",
        "Closest to 50/50 between puppy and bagel",
        "Models disagree: highest Jensen–Shannon divergence",
        "Confidently wrong: a wrong top-1 with the highest probability",
        "The facts behind the scores",
        "Entropy is largest at the uniform vector",
        "Normalised entropy lies in [0, 1]",
        "The pair score and the margins lie in [0, 1]",
        "Disagreement: the Jensen–Shannon divergence lies in [0, log M]",
        "Verification",
    ]
    tables = [block for block in blocks if isinstance(block, Table)]
    assert [len(table.rows) for table in tables] == [3, 5, 5, 5, 5, 5, 5]
    assert any(isinstance(block, Figure) for block in blocks)
    assert sum(isinstance(block, Equation) for block in blocks) == 4


def test_logits_problem_shows_the_softmax_fact(q4: SolutionSet) -> None:
    blocks = ambiguity_blocks(_solution(q4, 1))
    headings = [block.text for block in blocks if isinstance(block, Heading)]
    assert "A numerically stable softmax" in headings
    assert "Confidently wrong: a wrong top-1 with the highest probability" not in headings


def test_json_has_every_ranking_with_scores(q4: SolutionSet) -> None:
    data = json.loads(render_json(q4))
    first = data["problems"][0]
    assert first["kind"] == "ambiguity" and first["images"] == 200
    assert [r["criterion"] for r in first["rankings"]] == [
        "entropy",
        "margin",
        "pair",
        "disagreement",
        "confident-wrong",
    ]
    top = first["rankings"][0]["images"][0]
    assert top["image"] == top["row"] + 1 == 78
    assert top["key"] == top["mean_normalised_entropy"]
    assert first["pair"] == ["puppy", "bagel"]
    assert data["problems"][1]["softmax"] is True


def test_every_format_renders(q4_document: Document) -> None:
    assert "Closest to 50/50 between chihuahua and muffin" in render_terminal(
        q4_document, color=False
    )
    assert r"\end{document}" in render_latex(q4_document, fragment=False)
    assert "| 1 | 78 |" in render_markdown(q4_document)


def test_figure_is_drawn_beside_the_output(q4_document: Document, tmp_path: Path) -> None:
    figures = tmp_path / "out-figures"
    text = render_markdown(q4_document, figures=figures)
    assert "out-figures/q4a-entropy.png" in text
    assert (figures / "q4a-entropy.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_q4_terminal_golden(q4_document: Document, pytestconfig: pytest.Config) -> None:
    text = render_terminal(q4_document, color=False, width=100)
    check_golden(pytestconfig, "q4.terminal.txt", text)


def test_q4_latex_golden(q4_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q4.tex", render_latex(q4_document, fragment=False))


def test_q4_markdown_golden(q4_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q4.md", render_markdown(q4_document))


def test_q4_json_golden(q4: SolutionSet, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q4.json", render_json(q4))


def test_q4_latex_compiles(q4_document: Document, tmp_path: Path) -> None:
    log = compile_latex(render_latex(q4_document, fragment=False), tmp_path)
    assert "Overfull \\hbox" not in log or "pt too wide" in log


def test_cli_reports_a_bad_row_at_its_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("0.5,0.5\n0.2,-0.8\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "title: T\nproblems:\n  - {id: a, kind: ambiguity, models: {m: m.csv}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli.app, ["solve", str(tmp_path / "p.yaml")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'm.csv'}:2:5: m.csv: probability -0.8 is negative" in result.output
    assert "Traceback" not in result.output


def test_cli_solves_npy_models(tmp_path: Path) -> None:
    np.save(tmp_path / "m.npy", np.array([[0.5, 0.5], [0.9, 0.1]]))
    (tmp_path / "p.yaml").write_text(
        "title: T\nproblems:\n  - {id: a, kind: ambiguity, models: {m: m.npy}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli.app, ["solve", str(tmp_path / "p.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["problems"][0]["rankings"][0]["images"][0]["image"] == 1


def test_fact_checks_are_worded_from_the_samples() -> None:
    """The numbers a fact's numeric check found, written out (as for the widest file: fewer
    vectors for 100,000 classes, and the counts then given per K)."""
    uneven = Fact(FactKey.MAXIMUM_ENTROPY, (), EntropySample(((2, 2000), (100_000, 20)), 0.9999994))
    assert fact_checks(uneven)[-1] == (
        "Seeded random vectors, 2,000 for K = 2, 20 for K = 100,000: the largest H/log K is "
        "0.999999 ≤ 1."
    )
    even = Fact(FactKey.MAXIMUM_ENTROPY, (), EntropySample(((2, 2000), (10, 2000)), 1.0))
    assert fact_checks(even)[-1].startswith("2,000 seeded random vectors each for K = 2, 10:")
    pairs = Fact(FactKey.DIVERGENCE, (), DivergenceSample(100_000, 20, 0.0, 0.5, 3e-17), 8)
    assert fact_checks(pairs)[-1].startswith("20 seeded random pairs with K = 100,000:")
    assert "(here M = 8)" in fact_words(pairs)[1]


def test_recheck_says_which_power_of_ten_the_difference_lies_below() -> None:
    assert recheck_text(Recheck(12, -12)).endswith("largest difference below 1e-12.")
