"""Exact kernel properties: sums, symmetries, moments, and separable factors that multiply back."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symderive.budget import shared_budget
from symderive.derive.kernels import (
    elimination_rank,
    entry,
    offsets,
    primitive,
    properties,
    separation,
)

LAPLACIAN = sympy.ImmutableMatrix([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
SOBEL_X = sympy.ImmutableMatrix([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
SHIFT = sympy.ImmutableMatrix([[0, 0, 0], [0, 0, 1], [0, 0, 0]])

vectors = (
    st.lists(st.integers(min_value=-6, max_value=6), min_size=1, max_size=4)
    .filter(any)
    .map(lambda values: [sympy.Integer(v) for v in values])
)


def odd(values: list[sympy.Integer]) -> list[sympy.Integer]:
    """Pad to odd length, so the kernel has a centre."""
    return values if len(values) % 2 else [*values, sympy.Integer(0)]


def test_offsets_count_from_the_centre() -> None:
    assert entry(SHIFT, 0, 1) == 1 and entry(SHIFT, 0, -1) == 0 and entry(SHIFT, 5, 5) == 0
    assert [(m, n) for m, n, k in offsets(SHIFT) if k] == [(0, 1)]


@pytest.mark.parametrize(
    ("matrix", "holding"),
    [
        pytest.param(LAPLACIAN, {"left_right", "up_down", "point", "transpose"}, id="laplacian"),
        pytest.param(SOBEL_X, {"up_down", "point_antisymmetric"}, id="sobel-x"),
        pytest.param(SHIFT, {"up_down"}, id="shift-right"),
        pytest.param(SOBEL_X.T, {"left_right", "point_antisymmetric"}, id="sobel-y"),
    ],
)
def test_symmetries(matrix: sympy.ImmutableMatrix, holding: set[str]) -> None:
    symmetries = properties(matrix).symmetries
    fields = ("left_right", "up_down", "point", "transpose", "point_antisymmetric")
    assert {name for name in fields if getattr(symmetries, name)} == holding
    assert {symmetry.value for symmetry in symmetries.holding()} == holding


def test_sum_and_moments_of_sobel() -> None:
    found = properties(SOBEL_X)
    assert found.total == 0 and found.zero_sum and found.centre == 0
    assert (found.moments.rows, found.moments.columns) == (0, 8)
    assert found.moments.rows_squared == 0 and found.moments.columns_squared == 0


def test_laplacian_is_not_separable() -> None:
    assert separation(LAPLACIAN).rank == 2 and not separation(LAPLACIAN).separable


def test_primitive_vectors() -> None:
    values, content = primitive([sympy.Rational(-1, 9), 0, sympy.Rational(2, 9)])
    assert values == (1, 0, -2) and content == sympy.Rational(-1, 9)


@given(column=vectors, row=vectors, factor=st.fractions(min_value=-3, max_value=3).filter(bool))
@settings(max_examples=80, deadline=None)
def test_separable_factors_multiply_back(
    column: list[sympy.Integer], row: list[sympy.Integer], factor: object
) -> None:
    scale = sympy.Rational(str(factor))
    matrix = sympy.ImmutableMatrix(sympy.Matrix(odd(column)) * sympy.Matrix([odd(row)]) * scale)
    found = separation(matrix)
    assert found.separable and found.factor is not None
    assert found.column is not None and found.row is not None
    rebuilt = sympy.Matrix(found.column) * sympy.Matrix([list(found.row)]) * found.factor
    assert rebuilt == matrix
    for vector in (found.row, found.column):
        if next(v for v in vector if v) < 0:  # only a difference factor takes the sign
            assert vector == tuple(-v for v in vector[::-1]) and found.factor > 0


def test_a_difference_factor_takes_the_sign() -> None:
    found = separation(SOBEL_X)
    assert (found.factor, found.column, found.row) == (1, (1, 2, 1), (-1, 0, 1))


@given(
    first=st.tuples(vectors, vectors),
    second=st.tuples(vectors, vectors),
)
@settings(max_examples=60, deadline=None)
def test_rank_two_is_not_separable(
    first: tuple[list[sympy.Integer], list[sympy.Integer]],
    second: tuple[list[sympy.Integer], list[sympy.Integer]],
) -> None:
    size = 3

    def pad(values: list[sympy.Integer]) -> list[sympy.Integer]:
        return (values + [sympy.Integer(0)] * size)[:size]

    matrix = sympy.ImmutableMatrix(
        sympy.Matrix(pad(first[0])) * sympy.Matrix([pad(first[1])])
        + sympy.Matrix(pad(second[0])) * sympy.Matrix([pad(second[1])])
    )
    if not any(matrix):
        return
    found = separation(matrix)
    assert found.rank == matrix.rank()
    assert found.separable == (matrix.rank() == 1)


R = sympy.Rational


@pytest.mark.parametrize(
    ("rows", "rank"),
    [
        pytest.param([[1, -1000000, 0], [0, 1, -1000000], [0, 0, 1]], 3, id="ill-conditioned"),
        pytest.param(
            [[1, R("1.00000000000000001"), 0], [1, 1, 0], [0, 0, 0]], 2, id="nearly-rank-one"
        ),
        pytest.param([[R(1, 10**400)]], 1, id="scale-1e-400"),
        pytest.param([[R(1, 10**300)] * 3], 1, id="scale-1e-300"),
        pytest.param([[0, 0], [0, 0]], 0, id="zero"),
    ],
)
def test_exact_rank_where_floating_point_rank_is_wrong(rows: list[list[int]], rank: int) -> None:
    matrix = sympy.ImmutableMatrix(rows)
    assert separation(matrix).rank == rank == elimination_rank(matrix)


exact_entries = st.builds(
    sympy.Rational,
    st.integers(min_value=-(10**30), max_value=10**30) | st.integers(min_value=-3, max_value=3),
    st.integers(min_value=1, max_value=10**30) | st.integers(min_value=1, max_value=3),
)


@given(
    shape=st.tuples(st.integers(min_value=1, max_value=5), st.integers(min_value=1, max_value=5)),
    data=st.data(),
)
@settings(max_examples=60, deadline=None)
def test_elimination_rank_matches_sympy(shape: tuple[int, int], data: st.DataObject) -> None:
    values = data.draw(
        st.lists(exact_entries, min_size=shape[0] * shape[1], max_size=shape[0] * shape[1])
    )
    matrix = sympy.ImmutableMatrix(shape[0], shape[1], values)
    assert elimination_rank(matrix) == matrix.rank()


def test_rank_without_budget_is_still_exact() -> None:
    """With no time left SymPy's rank is skipped; the elimination and minor checks remain."""
    with shared_budget(0):
        assert separation(SOBEL_X).rank == 1 and separation(LAPLACIAN).rank == 2
