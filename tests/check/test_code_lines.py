"""Code lines: a line that starts with '=' continues the claim above it, link by link; prose in
a code block is never a product of its words (problems/q3.yaml, q3a: z = x1 + 5*x2 - 3*x3^2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from symderive.check.code_lines import code_line
from symderive.check.equivalence import Verdict
from symderive.check.notebook_answers import read_notebook
from tests.checking import check_markdown

Q3 = Path(__file__).resolve().parents[2] / "problems" / "q3.yaml"


def _fenced(*lines: str) -> str:
    return "# Problem q3a\n\n```\n" + "\n".join(lines) + "\n```\n"


def _indented(*lines: str) -> str:
    return "# Problem q3a\n\n" + "".join(f"    {line}\n" for line in lines)


@pytest.mark.parametrize("block", [_fenced, _indented], ids=["fence", "indented"])
@pytest.mark.parametrize(
    ("lines", "claim", "links"),
    [
        pytest.param(
            ("dz/dx3 = d/dx3 (-3 x3^2)", "       = -6 x3"),
            Verdict.PROVED,
            [True],
            id="operator-then-value",
        ),
        pytest.param(
            ("dz/dx3 = -6*x3^2 / x3", "       = -6*x3"),
            Verdict.PROVED,
            [True],
            id="two-values",
        ),
        pytest.param(
            ("dz/dx3 = -6*x3^2 / x3", "       = -6*x3", "       = 6*x3"),
            Verdict.REFUTED,
            [True, False],
            id="a-wrong-last-line",
        ),
        pytest.param(
            ("dz/dx3 = d/dx3 (-3 x3^2)", "       = -3 x3", "       = -6 x3"),
            Verdict.PROVED,
            [False, False],
            id="a-wrong-middle-line",
        ),
    ],
)
def test_a_continued_code_claim_is_a_chain_checked_link_by_link(
    block: object, lines: tuple[str, ...], claim: Verdict, links: list[bool], tmp_path: Path
) -> None:
    markdown = block(*lines)  # type: ignore[operator]
    report = check_markdown(Q3, markdown, tmp_path)
    (result,) = report.results
    assert result.verdict is claim and result.target is not None and result.target.key == "x3"
    assert result.claim.location.line == (4 if block is _fenced else 3)
    (chain,) = report.chains
    assert chain.result is not None
    assert [link.holds for link in chain.result.links] == links


def test_a_chain_ending_in_an_operator_is_not_proved_by_our_own_diff(tmp_path: Path) -> None:
    """``dz/dx3 = d/dx3 (z's own expression)`` restates the question: unparsed, never proved."""
    report = check_markdown(Q3, _fenced("dz/dx3 = -6 x3", "       = d/dx3 (-3 x3^2)"), tmp_path)
    (result,) = report.results
    assert result.verdict is Verdict.UNPARSED


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("# this is the answer", id="comment"),
        pytest.param("The answer is x1", id="sentence"),
        pytest.param("The answer is x1 + 5", id="sentence-with-operator"),
        pytest.param("The derivative is easy = trivial", id="sentence-with-equals"),
    ],
)
def test_prose_in_a_code_block_is_not_read(line: str, tmp_path: Path) -> None:
    report = check_markdown(Q3, _fenced(line, "dz/dx1 = 1"), tmp_path)
    assert [r.verdict for r in report.results] == [Verdict.PROVED]
    assert not report.answers.hints and not report.chains and not report.answers.unread


def test_prose_stating_a_derivative_in_code_is_reported(tmp_path: Path) -> None:
    report = check_markdown(Q3, _fenced("dz/dx1 = the slope of z"), tmp_path)
    assert not report.results
    (unread,) = report.answers.unread
    assert (unread.location.line, unread.location.column) == (4, 1)
    assert unread.reason == "in code, could not be read: reads as prose, not a formula"


def test_a_continuation_of_nothing_read_is_ignored(tmp_path: Path) -> None:
    report = check_markdown(Q3, _fenced("import sympy", "= 5"), tmp_path)
    assert not report.results and not report.chains and not report.answers.unread


@pytest.mark.parametrize(
    ("text", "pending", "kind"),
    [
        pytest.param("dz/dx1 = 1", False, "read", id="claim"),
        pytest.param("= 1", True, "read", id="continuation"),
        pytest.param("= 1", False, None, id="continuation-of-nothing"),
        pytest.param("import numpy as np", False, None, id="import"),
        pytest.param("print(z)", False, None, id="call"),
        pytest.param("The answer is x1 + 1", False, None, id="prose"),
        pytest.param("x == 1", False, "read", id="comparison-is-no-continuation"),
    ],
)
def test_code_line(text: str, pending: bool, kind: str | None) -> None:
    assert code_line(text, pending) == kind


def test_a_notebook_code_cell_continues_a_claim(tmp_path: Path) -> None:
    cells = [
        {"id": "a", "cell_type": "markdown", "metadata": {}, "source": "# Problem q3a"},
        {
            "id": "b",
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": "dz/dx3 = -6*x3^2 / x3\n      = -6*x3\n",
        },
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "hw.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    answers = read_notebook(path)
    (claim,) = answers.claims
    (chain,) = answers.chains
    assert claim.chain == chain.number and len(chain.links) == 2
    assert [link.location.line for link in chain.links] == [1, 2]
    assert chain.links[1].location.file == f"{path}#cell-2"
