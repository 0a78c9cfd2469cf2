"""Frequency responses: the symbolic H against a plain complex sum, H(0, 0) = Σk, pass bands."""

from __future__ import annotations

import cmath
import math

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symderive.derive.kernel_response import OMEGA_COLUMNS, OMEGA_ROWS, response
from symderive.derive.kernels import properties


def direct(matrix: sympy.ImmutableMatrix, first: float, second: float) -> complex:
    """Σ k[m, n]·e^{−i(ω₁m + ω₂n)} written out with cmath: the independent path."""
    half_rows, half_columns = matrix.rows // 2, matrix.cols // 2
    return sum(
        float(matrix[r, c])
        * cmath.exp(-1j * (first * (r - half_rows) + second * (c - half_columns)))
        for r in range(matrix.rows)
        for c in range(matrix.cols)
    )


sides = st.sampled_from([1, 3, 5])
kernels = st.tuples(sides, sides).flatmap(
    lambda shape: st.lists(
        st.integers(min_value=-4, max_value=4), min_size=shape[0] * shape[1],
        max_size=shape[0] * shape[1],
    ).filter(any).map(lambda values: sympy.ImmutableMatrix(shape[0], shape[1], values))
)


@given(matrix=kernels, scale=st.sampled_from([1, sympy.Rational(1, 9), sympy.Rational(-1, 4)]))
@settings(max_examples=40, deadline=None)
def test_response_at_zero_is_the_sum(matrix: sympy.ImmutableMatrix, scale: sympy.Rational) -> None:
    scaled = sympy.ImmutableMatrix(matrix * scale)
    found = response(properties(scaled))
    assert found.at_zero == sum(scaled)
    assert abs(direct(scaled, 0.0, 0.0) - float(sum(scaled))) < 1e-9


@given(
    matrix=kernels,
    first=st.floats(min_value=-math.pi, max_value=math.pi),
    second=st.floats(min_value=-math.pi, max_value=math.pi),
)
@settings(max_examples=40, deadline=None)
def test_symbolic_response_matches_the_direct_sum(
    matrix: sympy.ImmutableMatrix, first: float, second: float
) -> None:
    found = response(properties(matrix))
    value = complex(found.expression.subs({OMEGA_ROWS: first, OMEGA_COLUMNS: second}).evalf())
    assert abs(value - direct(matrix, first, second)) < 1e-9 * (1 + float(sum(map(abs, matrix))))
    assert found.symbolic_proof


@pytest.mark.parametrize(
    ("rows", "form", "passband"),
    [
        pytest.param([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], "real cosine", "high-pass",
                     id="laplacian"),
        pytest.param([[1, 1, 1]] * 3, "product", "low-pass", id="box"),
        pytest.param([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], "product", "band-pass", id="sobel"),
        pytest.param([[0, 0, 0], [0, 0, 1], [0, 0, 0]], "product", "all-pass", id="shift"),
        pytest.param([[0, 1, 0], [1, -4, 1], [0, 1, 0]], "real cosine", "high-pass",
                     id="laplacian-4"),
        pytest.param([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], "cosine sum of the even part",
                     "band-pass", id="emboss"),
        pytest.param([[0, 1, 0], [-1, 0, 1], [0, -1, 0]], "−i times", "band-pass",
                     id="antisymmetric"),
    ],
)
def test_forms_and_passbands(rows: list[list[int]], form: str, passband: str) -> None:
    found = response(properties(sympy.ImmutableMatrix(rows)))
    assert found.form.startswith(form) and found.passband == passband


def test_real_forms_are_real_where_symmetric() -> None:
    box = response(properties(sympy.ImmutableMatrix([[1, 1, 1]] * 3) / 9))
    assert box.expression == sympy.factor((1 + 2 * sympy.cos(OMEGA_ROWS)) *
                                          (1 + 2 * sympy.cos(OMEGA_COLUMNS)) / 9)
    laplacian = response(properties(sympy.ImmutableMatrix([[-1] * 3, [-1, 8, -1], [-1] * 3])))
    assert not laplacian.expression.has(sympy.I)
    c1, c2 = sympy.cos(OMEGA_ROWS), sympy.cos(OMEGA_COLUMNS)
    assert sympy.expand(laplacian.expression - (8 - 2 * c1 - 2 * c2 - 4 * c1 * c2)) == 0
    assert laplacian.at_corner == 8 and laplacian.peak == pytest.approx(12)
