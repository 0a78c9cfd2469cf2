"""Problems with ``order: 2`` in every format: golden files for a small set (a Hessian at a
point on a kink, and an activation's f''), and the blocks that say what a kink means."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import check_golden
from pdflatex import compile_latex

from symderive.problemfile import load_problem_text
from symderive.render.document import Document
from symderive.render.json import render_json
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown
from symderive.render.solutions import document_of
from symderive.render.terminal import render_terminal
from symderive.solve import SolutionSet, solve_problem_set

SECOND = """
title: Second derivatives
problems:
  - id: hessian
    kind: partials
    expression: "f = x^3*y + relu(x - y)"
    order: 2
    at: {x: 1, y: 1}
  - id: softplus
    kind: activation
    function: softplus
    order: 2
    plot: false
"""


@pytest.fixture(scope="module")
def second() -> SolutionSet:
    return solve_problem_set(load_problem_text(SECOND, "inline.yaml"))


@pytest.fixture(scope="module")
def second_document(second: SolutionSet) -> Document:
    return document_of(second)


def test_terminal_matches_golden(second_document: Document, pytestconfig: pytest.Config) -> None:
    text = render_terminal(second_document, color=False, width=100)
    check_golden(pytestconfig, "second.terminal.txt", text)


def test_markdown_matches_golden(second_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "second.md", render_markdown(second_document))


def test_latex_matches_golden(second_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "second.tex", render_latex(second_document, fragment=False))


def test_json_matches_golden(second: SolutionSet, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "second.json", render_json(second))


def test_json_holds_the_hessian_and_f_second(second: SolutionSet) -> None:
    hessian, softplus = json.loads(render_json(second))["problems"]
    names = [entry["name"] for entry in hessian["second_partials"]]
    assert names == ["d2f/dxdx", "d2f/dxdy", "d2f/dydy"]
    assert [entry["both_orders_agree"] for entry in hessian["second_partials"]] == [
        False,
        True,
        False,
    ]
    # (1, 1) sits on relu's kink: the second partials have no value there, none is invented
    assert all(entry["undefined_at_point"] for entry in hessian["second_partials"])
    assert all(entry["at_point"] is None for entry in hessian["second_partials"])
    assert softplus["second_derivative"]["sympy"]
    assert all(check["passed"] for check in softplus["second_derivative"]["checks"])


def test_kink_is_said_in_words(second_document: Document) -> None:
    text = render_terminal(second_document, color=False, width=100)
    assert "the point sits on a kink" in text
    assert "Both orders of differentiation were derived and agree" in text


def test_problems_without_order_have_no_second_derivative_blocks(
    second_document: Document,
) -> None:
    first_only = document_of(
        solve_problem_set(load_problem_text(SECOND.replace("    order: 2\n", ""), "inline.yaml"))
    )
    text = render_terminal(first_only, color=False, width=100)
    assert "Second partial" not in text
    assert "d²/dx²" not in text


@pytest.mark.slow
def test_latex_compiles(second_document: Document, tmp_path: Path) -> None:
    compile_latex(render_latex(second_document, fragment=False), tmp_path)
