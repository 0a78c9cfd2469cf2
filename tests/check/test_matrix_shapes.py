"""Matrix forms written out once K is known, shapes checked: sᵀ s is a scalar, s sᵀ is K×K, and
what does not fit is a ShapeMismatch with words, never a matrix."""

from __future__ import annotations

import re

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symderive.check.matrix_shapes import Orientation, ShapeMismatch, describe, explicit
from symderive.parsing.matrix_form import read_matrix_form

S1, S2, S3 = sympy.symbols("s1 s2 s3")
COLUMN = Orientation(sympy.ImmutableMatrix([S1, S2, S3]))
ROW = Orientation(sympy.ImmutableMatrix([S1, S2, S3]), row=True)


def _matrix(text: str, convention: Orientation = COLUMN) -> sympy.ImmutableMatrix:
    value = read_matrix_form(text)
    assert value is not None
    return explicit(value, convention)


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        pytest.param("s^T s", (1, 1), id="inner-is-a-scalar"),
        pytest.param("s s^T", (3, 3), id="outer-is-square"),
        pytest.param("s", (3, 1), id="vector-is-a-column"),
        pytest.param("s^T", (1, 3), id="transpose-is-a-row"),
        pytest.param(r"\operatorname{diag}(s) - s s^T", (3, 3), id="softmax-jacobian"),
        pytest.param(r"I - \mathbf{1} s^T", (3, 3), id="log-softmax-jacobian"),
    ],
)
def test_shapes_in_the_column_convention(text: str, shape: tuple[int, int]) -> None:
    assert _matrix(text).shape == shape


def test_the_softmax_jacobian_entry_by_entry() -> None:
    matrix = _matrix(r"\operatorname{diag}(s) - s s^T")
    assert matrix[0, 0] == S1 - S1**2
    assert matrix[0, 1] == -S1 * S2
    assert matrix[2, 1] == -S3 * S2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            r"\operatorname{diag}(s) - s^T s",
            "adds a 3×3 matrix and a scalar (1×1)",
            id="inner-where-outer-belongs",
        ),
        pytest.param(
            "s s", "multiplies a 3×1 column vector by a 3×1 column vector", id="two-columns"
        ),
        pytest.param(
            "I_4 - s s^T", "has I_4, which is 4×4, not 3×3", id="identity-of-another-size"
        ),
        pytest.param(
            r"s \odot I",
            "multiplies a 3×3 matrix and a 3×1 column vector entry by entry",
            id="entrywise-shapes-differ",
        ),
        pytest.param(
            r"\operatorname{diag}(s s^T)",
            "takes diag of something that is not a vector",
            id="diag-of-a-matrix",
        ),
    ],
)
def test_what_does_not_fit_is_a_mismatch(text: str, message: str) -> None:
    with pytest.raises(ShapeMismatch, match=re.escape(message)):
        _matrix(text)


def test_the_row_convention_reads_the_inner_form_as_the_outer_one() -> None:
    """Some texts take s as a row: then sᵀ s is K×K and diag(s) − sᵀ s is softmax's Jacobian."""
    assert _matrix(r"\operatorname{diag}(s) - s^T s", ROW) == _matrix(
        r"\operatorname{diag}(s) - s s^T"
    )
    with pytest.raises(ShapeMismatch):
        _matrix(r"\operatorname{diag}(s) - s s^T", ROW)


@pytest.mark.parametrize(
    ("shape", "words"),
    [
        pytest.param((1, 1), "a scalar (1×1)", id="scalar"),
        pytest.param((3, 1), "a 3×1 column vector", id="column"),
        pytest.param((1, 3), "a 1×3 row vector", id="row"),
        pytest.param((3, 3), "a 3×3 matrix", id="matrix"),
    ],
)
def test_shapes_in_words(shape: tuple[int, int], words: str) -> None:
    assert describe(shape) == words


TOKENS = ["s", "s^T", "1", "1^T", r"\mathbf{1}", "I", "I_3", "I_2", "diag(", ")", "(", "+", "-"]
TOKENS += ["*", r"\cdot", r"\odot", "2", "0.5", "outer(s, s)", "^T", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=9))
def test_any_form_is_a_matrix_or_a_mismatch(tokens: list[str]) -> None:
    """Whatever reads as a form is written out or refused with words, in both conventions:
    nothing else is raised."""
    value = read_matrix_form("".join(tokens))
    if value is None:
        return
    for convention in (COLUMN, ROW):
        try:
            matrix = explicit(value, convention)
        except ShapeMismatch as mismatch:
            assert str(mismatch)
        else:
            assert matrix.shape[0] in (1, 3) and matrix.shape[1] in (1, 3)
