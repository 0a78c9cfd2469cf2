"""Matrices written out (pmatrix, bmatrix, matrix, array): their bodies cut into entries, each
parsed by the LaTeX parser; what is no matrix environment is left alone."""

from __future__ import annotations

import pytest
import sympy

from symderive.errors import ExpressionError
from symderive.parsing.explicit_matrix import read_explicit_matrix

S1, S2 = sympy.symbols("s1 s2", real=True)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            r"\begin{pmatrix} s_1 & -s_1 s_2 \\ -s_2 s_1 & s_2 \end{pmatrix}", id="pmatrix"
        ),
        pytest.param(
            r"\begin{bmatrix} s_1 & -s_1 s_2 \\ -s_2 s_1 & s_2 \end{bmatrix}", id="bmatrix"
        ),
        pytest.param(
            r"\begin{Bmatrix} s_1 & -s_1 s_2 \\ -s_2 s_1 & s_2 \end{Bmatrix}", id="Bmatrix"
        ),
        pytest.param(r"\begin{matrix} s_1 & -s_1 s_2 \\ -s_2 s_1 & s_2 \end{matrix}", id="matrix"),
        pytest.param(
            r"\left( \begin{matrix} s_1 & -s_1 s_2 \\ -s_2 s_1 & s_2 \end{matrix} \right)",
            id="matrix-in-parentheses",
        ),
        pytest.param(
            r"\left[\begin{array}{cc} s_1 & -s_1 s_2 \\ -s_2 s_1 & s_2 \end{array}\right]",
            id="array",
        ),
        pytest.param(
            r"\begin{pmatrix} s_1 & -s_1 s_2 \\ -s_2 s_1 & s_2 \\ \end{pmatrix}",
            id="trailing-break",
        ),
        pytest.param(
            r"\begin{pmatrix} s_1 & -s_1 s_2 \\[4pt] -s_2 s_1 & s_2 \end{pmatrix}",
            id="row-spacing",
        ),
        pytest.param(
            r"\begin{pmatrix} s_{1} & -\frac{s_1 s_2}{1} \\ -s_2 s_1 & s_2 \end{pmatrix}",
            id="braces",
        ),
    ],
)
def test_matrices_written_out(text: str) -> None:
    assert read_explicit_matrix(text) == sympy.ImmutableMatrix([[S1, -S1 * S2], [-S1 * S2, S2]])


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(r"\begin{vmatrix} a & b \\ c & d \end{vmatrix}", id="determinant"),
        pytest.param(r"\operatorname{diag}(s) - s s^T", id="closed-form"),
        pytest.param(r"\begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}", id="cases"),
        pytest.param(
            r"\begin{pmatrix} \begin{cases} 1 & x \end{cases} & 0 \end{pmatrix}", id="nested"
        ),
    ],
)
def test_what_is_no_matrix_is_left_alone(text: str) -> None:
    assert read_explicit_matrix(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param(r"\begin{pmatrix} a & b \\ c \end{pmatrix}", "rows have 1 and 2", id="ragged"),
        pytest.param(
            r"\begin{pmatrix} a & \\ c & d \end{pmatrix}", "entry (1, 2) is empty", id="empty"
        ),
        pytest.param(
            r"\begin{pmatrix} a & b \\ c & ) \end{pmatrix}", "entry (2, 2)", id="unparsed"
        ),
    ],
)
def test_a_matrix_not_read_says_why(text: str, reason: str) -> None:
    error = read_explicit_matrix(text)
    assert isinstance(error, ExpressionError)
    assert reason in error.message
