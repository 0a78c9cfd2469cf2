"""Matrix closed forms read into SymPy matrix expressions: every spelling of diag(s) − s sᵀ the
same, and anything else (another name, a power, a fraction, a leftover command) not read."""

from __future__ import annotations

import pytest
import sympy
from sympy.matrices.expressions.diagonal import DiagMatrix

from symderive.parsing.matrix_form import ONES, SIZE, VECTOR, canonical, read_matrix_form

s = VECTOR
JACOBIAN = sympy.MatAdd(DiagMatrix(s), sympy.MatMul(-1, s, sympy.Transpose(s)))


def _written_out(value: sympy.Basic | None) -> sympy.Matrix:
    """The form with K = 3, entry by entry (how forms nest their products does not matter)."""
    assert isinstance(value, sympy.MatrixExpr)
    return sympy.Matrix(value.subs(SIZE, 3).as_explicit())


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(r"\operatorname{diag}(s) - s s^T", id="operatorname"),
        pytest.param(r"\mathrm{diag}(s) - ss^{T}", id="mathrm-braced-T"),
        pytest.param(r"\text{diag}(\vec s) - \vec s \vec s^{\mathsf{T}}", id="vec-mathsf"),
        pytest.param(r"\operatorname{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^\top", id="bold-top"),
        pytest.param(
            r"\operatorname{diag}(\boldsymbol{s}) - \boldsymbol{s}\boldsymbol{s}^\intercal",
            id="boldsymbol-intercal",
        ),
        pytest.param(
            r"\operatorname{diag}\left(s\right) - s\,s^{\top}", id="left-right-thin-space"
        ),
        pytest.param(r"diag(s) − s sᵀ", id="unicode"),
        pytest.param(r"np.diag(s) - np.outer(s, s)", id="numpy"),
        pytest.param(
            r"\operatorname{diag}(\operatorname{softmax}(z)) - \operatorname{softmax}(z)"
            r"\operatorname{softmax}(z)^T",
            id="softmax-of-z",
        ),
        pytest.param(r"\operatorname{diag}(s) - s \cdot s^T", id="cdot"),
    ],
)
def test_every_spelling_reads_the_same_form(text: str) -> None:
    assert _written_out(read_matrix_form(text)) == _written_out(JACOBIAN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            r"I - \mathbf{1} s^T",
            sympy.MatAdd(sympy.Identity(SIZE), sympy.MatMul(-1, ONES, sympy.Transpose(s))),
            id="bold-ones",
        ),
        pytest.param(
            r"I_K - 1 s^T",
            sympy.MatAdd(
                sympy.Identity(SIZE), sympy.MatMul(-1, sympy.MatMul(ONES, sympy.Transpose(s)))
            ),
            id="digit-one-before-a-factor-is-the-ones-vector",
        ),
        pytest.param(r"\mathbf{I}_{3}", sympy.Identity(3), id="sized-identity"),
        pytest.param(r"s^T s", sympy.MatMul(sympy.Transpose(s), s), id="inner-product"),
        pytest.param(r"2 s s^T", sympy.MatMul(2, s, sympy.Transpose(s)), id="number-times"),
    ],
)
def test_forms_read_as_written(text: str, expected: sympy.Basic) -> None:
    assert _written_out(read_matrix_form(text)) == _written_out(expected)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x + 1", id="another-name"),
        pytest.param("s^2", id="a-power"),
        pytest.param(r"\frac{1}{2} s s^T", id="a-fraction"),
        pytest.param(r"\operatorname{diag}(s) - s \otimes s", id="unknown-command"),
        pytest.param("2", id="a-number"),
        pytest.param(r"\operatorname{diag}(s) - 1", id="a-number-added-to-a-matrix"),
        pytest.param("diag(2)", id="diag-of-a-number"),
        pytest.param("s s^T" * 100, id="too-long"),
        pytest.param("softmax(x) s^T", id="softmax-of-other-logits"),
        pytest.param("np.diag(s) - s @ s.T", id="numpy-matmul-of-a-1d-array-is-inner"),
        pytest.param("np.diag(s) - s * s.T", id="numpy-star-is-entrywise"),
    ],
)
def test_what_is_not_a_matrix_form_is_not_read(text: str) -> None:
    assert read_matrix_form(text) is None


def test_softmax_of_the_named_logits_is_the_vector() -> None:
    outer = sympy.MatMul(s, sympy.Transpose(s))
    assert _written_out(read_matrix_form("softmax(x) s^T", logits="x")) == _written_out(outer)


def test_the_rewriting_keeps_what_it_does_not_know() -> None:
    """An unknown command stays, so the grammar refuses the text rather than guessing."""
    assert "\\otimes" in canonical(r"s \otimes s")
    assert canonical(r"\mathbf{s}^{\top}") == "sᵀ"
