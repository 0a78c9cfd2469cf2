"""A Jacobian written out as a matrix (``\\begin{pmatrix} … \\end{pmatrix}``), checked entry by
entry against the problem's whole Jacobian.

Right matrices are accepted with every entry stated; a wrong entry refutes the matrix and is
named; a matrix of the wrong shape is refuted with its shape; the diagonal alone is refuted as
diagonal-only; the transpose of log-softmax's Jacobian (the denominator layout) is undecided; a
matrix whose left side names no Jacobian of the part is not compared.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.check.checker import check_answers
from symderive.check.equivalence import Verdict
from symderive.check.report import ACCEPTED, ClaimResult
from symderive.problemfile import load_problem_file
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).resolve().parents[2]
Q2 = ROOT / "problems" / "q2.yaml"
ACTIVATIONS = ROOT / "problems" / "activations.yaml"
EVERY_ENTRY = tuple((row, column) for row in range(1, 4) for column in range(1, 4))
RIGHT_BODY = (
    r"s_1(1-s_1) & -s_1 s_2 & -s_1 s_3 \\ -s_2 s_1 & s_2(1-s_2) & -s_2 s_3 \\ "
    r"-s_3 s_1 & -s_3 s_2 & s_3(1-s_3)"
)
RIGHT = rf"\begin{{pmatrix}} {RIGHT_BODY} \end{{pmatrix}}"


@cache
def _solved(problems: Path) -> SolutionSet:
    return solve_problem_set(load_problem_file(problems))


def _results(tmp_path: Path, problems: Path, text: str) -> tuple[ClaimResult, ...]:
    solutions = _solved(problems)
    path = tmp_path / "answers.md"
    path.write_text(text, encoding="utf-8")
    return check_answers(solutions, attribute(read_answers(path), solutions.problem_set)).results


def _softmax(tmp_path: Path, matrix: str, name: str = "J") -> ClaimResult:
    results = _results(tmp_path, Q2, f"## Q2 (c)\n\n$${name} = {matrix}$$\n")
    assert len(results) == 1, results
    return results[0]


@pytest.mark.parametrize(
    ("matrix", "name"),
    [
        pytest.param(RIGHT, "J", id="pmatrix"),
        pytest.param(rf"\begin{{bmatrix}} {RIGHT_BODY} \end{{bmatrix}}", "J", id="bmatrix"),
        pytest.param(
            rf"\left[\begin{{matrix}} {RIGHT_BODY} \end{{matrix}}\right]", "J", id="matrix"
        ),
        pytest.param(
            rf"\left[\begin{{array}}{{ccc}} {RIGHT_BODY} \end{{array}}\right]", "J", id="array"
        ),
        pytest.param(RIGHT, r"\frac{\partial \mathbf{s}}{\partial \mathbf{z}}", id="ds-dz"),
        pytest.param(
            r"\begin{pmatrix} s_1 - s_1^2 & -s_1 s_2 & -s_1 s_3 \\ -s_1 s_2 & s_2 - s_2^2 & "
            r"-s_2 s_3 \\ -s_1 s_3 & -s_2 s_3 & s_3 - s_3^2 \\ \end{pmatrix}",
            "J",
            id="expanded-trailing-break",
        ),
        pytest.param(
            r"\begin{pmatrix} \frac{e^{z_1}(e^{z_2}+e^{z_3})}{(e^{z_1}+e^{z_2}+e^{z_3})^2} & "
            r"-s_1 s_2 & -s_1 s_3 \\ -s_2 s_1 & s_2(1-s_2) & -s_2 s_3 \\ "
            r"-s_3 s_1 & -s_3 s_2 & s_3(1-s_3) \end{pmatrix}",
            "J",
            id="an-entry-in-the-logits",
        ),
    ],
)
def test_the_softmax_jacobian_written_out(tmp_path: Path, matrix: str, name: str) -> None:
    result = _softmax(tmp_path, matrix, name)
    assert result.verdict in ACCEPTED
    assert result.entries == EVERY_ENTRY
    assert result.target is not None and result.target.problem_id == "q2c"


def test_one_entry_of_the_wrong_sign_is_named(tmp_path: Path) -> None:
    wrong = RIGHT.replace("& -s_1 s_2 &", "& s_1 s_2 &")
    result = _softmax(tmp_path, wrong)
    assert result.verdict is Verdict.REFUTED
    assert "entry (1, 2) differs" in result.notes
    assert result.entries == ((1, 2),)


def test_the_diagonal_alone_is_refuted(tmp_path: Path) -> None:
    diagonal = (
        r"\begin{pmatrix} s_1(1-s_1) & 0 & 0 \\ 0 & s_2(1-s_2) & 0 \\ 0 & 0 & s_3(1-s_3) "
        r"\end{pmatrix}"
    )
    result = _softmax(tmp_path, diagonal)
    assert result.verdict is Verdict.REFUTED
    assert result.diagnosis is not None and result.diagnosis.code == "diagonal-only"


def test_a_matrix_of_the_wrong_shape_is_refuted(tmp_path: Path) -> None:
    two_rows = (
        r"\begin{pmatrix} s_1(1-s_1) & -s_1 s_2 & -s_1 s_3 \\ -s_2 s_1 & s_2(1-s_2) & -s_2 s_3 "
        r"\end{pmatrix}"
    )
    result = _softmax(tmp_path, two_rows)
    assert result.verdict is Verdict.REFUTED
    assert "a 2×3 matrix, not 3×3" in result.notes[0]


def test_a_matrix_with_a_symbol_of_no_problem_is_not_compared(tmp_path: Path) -> None:
    result = _softmax(tmp_path, RIGHT.replace("-s_2 s_3", "-s_2 s_4", 1))
    assert result.verdict is Verdict.UNDECIDED
    assert "s4" in result.notes[0]


@pytest.mark.parametrize(
    ("matrix", "reason"),
    [
        pytest.param(
            r"\begin{pmatrix} s_1 & -s_1 s_2 \\ -s_2 s_1 & s_2 & -s_2 s_3 \end{pmatrix}",
            "rows have 2 and 3 entries",
            id="ragged",
        ),
        pytest.param(RIGHT.replace("-s_1 s_3", r"\sum_k s_k", 1), "entry (1, 3)", id="sum"),
    ],
)
def test_a_matrix_not_read_is_unparsed(tmp_path: Path, matrix: str, reason: str) -> None:
    result = _softmax(tmp_path, matrix)
    assert result.verdict is Verdict.UNPARSED
    assert result.claim.error is not None and reason in result.claim.error.message


def test_a_bare_j_outside_its_heading_is_not_compared(tmp_path: Path) -> None:
    results = _results(tmp_path, Q2, f"# My answers\n\n$$J = {RIGHT}$$\n")
    assert not any(result.verdict in ACCEPTED for result in results)


LOG_SOFTMAX = (
    r"\begin{pmatrix} 1 - s_1 & -s_2 & -s_3 & -s_4 \\ -s_1 & 1 - s_2 & -s_3 & -s_4 \\ "
    r"-s_1 & -s_2 & 1 - s_3 & -s_4 \\ -s_1 & -s_2 & -s_3 & 1 - s_4 \end{pmatrix}"
)
LOG_SOFTMAX_TRANSPOSED = (
    r"\begin{pmatrix} 1 - s_1 & -s_1 & -s_1 & -s_1 \\ -s_2 & 1 - s_2 & -s_2 & -s_2 \\ "
    r"-s_3 & -s_3 & 1 - s_3 & -s_3 \\ -s_4 & -s_4 & -s_4 & 1 - s_4 \end{pmatrix}"
)


def _log_softmax(tmp_path: Path, matrix: str) -> ClaimResult:
    results = _results(tmp_path, ACTIVATIONS, f"## log-softmax\n\n$$J = {matrix}$$\n")
    assert len(results) == 1, results
    return results[0]


def test_the_log_softmax_jacobian_written_out(tmp_path: Path) -> None:
    result = _log_softmax(tmp_path, LOG_SOFTMAX)
    assert result.verdict in ACCEPTED
    assert len(result.entries) == 16


def test_the_transposed_log_softmax_jacobian_is_undecided(tmp_path: Path) -> None:
    """The denominator layout: a convention, not a mistake, but not the problem's layout."""
    result = _log_softmax(tmp_path, LOG_SOFTMAX_TRANSPOSED)
    assert result.verdict is Verdict.UNDECIDED
    assert "denominator layout" in result.notes[0]
