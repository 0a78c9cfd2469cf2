"""Exact properties of a convolution kernel: sum (DC gain), symmetries, moments, separability.

Offsets are counted from the centre: entry ``k[m, n]`` sits m rows below and n columns right of
the centre (m, n ∈ −a … a). Everything here is exact SymPy arithmetic on rationals; the
separable factors are checked by multiplying them back, and the rank found by plain-Python
Gaussian elimination on fractions is cross-checked exactly (SymPy's own rank, under a time budget;
a nonzero 2×2 minor for rank ≥ 2), so a wrong rank or factorisation raises ``VerificationError``.
A floating-point rank is never used: it disagrees with the exact rank for ill-conditioned kernels.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from functools import reduce
from itertools import combinations

import sympy

from symderive.budget import within_budget
from symderive.errors import VerificationError

RANK_BUDGET_SECONDS = 2.0
"""SymPy's rank of one kernel, the cross-check of the elimination; exact kernels with huge
numerators can make it slow, and then the 2×2-minor and multiply-back checks remain."""

Offset = tuple[int, int]


def offsets(matrix: sympy.MatrixBase) -> Iterator[tuple[int, int, sympy.Rational]]:
    """Every entry with its offset from the centre: (m, n, k[m, n])."""
    half_rows, half_columns = matrix.rows // 2, matrix.cols // 2
    for row in range(matrix.rows):
        for column in range(matrix.cols):
            yield row - half_rows, column - half_columns, matrix[row, column]


def entry(matrix: sympy.MatrixBase, m: int, n: int) -> sympy.Rational:
    """``k[m, n]`` by offset from the centre; zero outside the kernel."""
    row, column = m + matrix.rows // 2, n + matrix.cols // 2
    if 0 <= row < matrix.rows and 0 <= column < matrix.cols:
        return sympy.Rational(matrix[row, column])
    return sympy.Integer(0)


class Symmetry(StrEnum):
    """One mirror symmetry a kernel may have; the value is the field of ``Symmetries``."""

    LEFT_RIGHT = "left_right"
    UP_DOWN = "up_down"
    POINT = "point"
    TRANSPOSE = "transpose"
    POINT_ANTISYMMETRIC = "point_antisymmetric"


@dataclass(frozen=True)
class Symmetries:
    """Which mirror images of the kernel equal it (or, antisymmetric, its negative)."""

    left_right: bool  # k[m, −n] = k[m, n]: mirror across the vertical axis
    up_down: bool  # k[−m, n] = k[m, n]: mirror across the horizontal axis
    point: bool  # k[−m, −n] = k[m, n]: unchanged by a half turn
    transpose: bool  # square and k = kᵀ: mirror across the main diagonal
    point_antisymmetric: bool  # k[−m, −n] = −k[m, n]: a half turn negates it

    def holding(self) -> tuple[Symmetry, ...]:
        """The symmetries that hold, in a fixed order (named in ``render/kernel_words``)."""
        return tuple(symmetry for symmetry in Symmetry if getattr(self, symmetry.value))


@dataclass(frozen=True)
class Moments:
    """Σk·m, Σk·n (first) and Σk·m², Σk·n², Σk·m·n (second): how k acts on smooth images.

    Cross-correlating the ramp x[i, j] = a·i + b·j gives ``total``·x + a·rows + b·columns, and on
    a quadratic image a zero-sum, zero-first-moment kernel gives ½(Σk·m²·∂ᵢ² + …).
    """

    rows: sympy.Rational
    columns: sympy.Rational
    rows_squared: sympy.Rational
    columns_squared: sympy.Rational
    mixed: sympy.Rational


@dataclass(frozen=True)
class Separation:
    """rank(k); for rank 1, k = factor · column · row with primitive integer vectors (the first
    nonzero entry positive, except that an antisymmetric factor takes a negative sign)."""

    rank: int
    factor: sympy.Rational | None = None
    column: tuple[sympy.Integer, ...] | None = None
    row: tuple[sympy.Integer, ...] | None = None

    @property
    def separable(self) -> bool:
        return self.rank == 1


@dataclass(frozen=True)
class KernelProperties:
    """Everything exact that the identification and the report rest on."""

    matrix: sympy.ImmutableMatrix
    total: sympy.Rational
    centre: sympy.Rational
    nonzero: tuple[tuple[int, int, sympy.Rational], ...]
    symmetries: Symmetries
    moments: Moments
    separation: Separation

    @property
    def zero_sum(self) -> bool:
        return self.total == 0


def symmetries(matrix: sympy.ImmutableMatrix) -> Symmetries:
    """Compare the kernel with its mirror images, exactly."""
    flipped_columns = matrix[:, ::-1]
    flipped_rows = matrix[::-1, :]
    turned = matrix[::-1, ::-1]
    return Symmetries(
        left_right=flipped_columns == matrix,
        up_down=flipped_rows == matrix,
        point=turned == matrix,
        transpose=matrix.rows == matrix.cols and matrix == matrix.T,
        point_antisymmetric=any(value != 0 for value in matrix) and turned == -matrix,
    )


def moments(matrix: sympy.ImmutableMatrix) -> Moments:
    """First and second moments of the kernel about its centre."""
    entries = list(offsets(matrix))
    return Moments(
        rows=sympy.Rational(sum(k * m for m, _, k in entries)),
        columns=sympy.Rational(sum(k * n for _, n, k in entries)),
        rows_squared=sympy.Rational(sum(k * m * m for m, _, k in entries)),
        columns_squared=sympy.Rational(sum(k * n * n for _, n, k in entries)),
        mixed=sympy.Rational(sum(k * m * n for m, n, k in entries)),
    )


def primitive(values: list[sympy.Rational]) -> tuple[tuple[sympy.Integer, ...], sympy.Rational]:
    """``values = content · primitive`` with coprime integers whose first nonzero is positive."""
    nonzero = [sympy.Rational(value) for value in values if value != 0]
    denominators = reduce(math.lcm, (int(value.q) for value in nonzero), 1)
    numerators = [int(value * denominators) for value in values]
    divisor = reduce(math.gcd, (abs(n) for n in numerators if n), 0) or 1
    sign = -1 if nonzero and nonzero[0] < 0 else 1
    integers = tuple(sympy.Integer(sign * n // divisor) for n in numerators)
    return integers, sympy.Rational(sign * divisor, denominators)


def elimination_rank(matrix: sympy.MatrixBase) -> int:
    """The exact rank by Gaussian elimination on Python fractions (independent of SymPy)."""
    rows = [
        [
            Fraction(int(value.p), int(value.q))
            for value in (sympy.Rational(matrix[i, j]) for j in range(matrix.cols))
        ]
        for i in range(matrix.rows)
    ]
    rank = 0
    for column in range(matrix.cols):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(rank + 1, len(rows)):
            ratio = rows[i][column] / rows[rank][column]
            if ratio:
                rows[i] = [a - ratio * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def _has_nonzero_minor(matrix: sympy.MatrixBase) -> bool:
    """Some 2×2 minor is nonzero, exactly: the rank is at least 2."""
    for top, bottom in combinations(range(matrix.rows), 2):
        for left, right in combinations(range(matrix.cols), 2):
            if (
                matrix[top, left] * matrix[bottom, right]
                - matrix[top, right] * matrix[bottom, left]
            ) != 0:
                return True
    return False


def _checked_rank(matrix: sympy.ImmutableMatrix) -> int:
    """The elimination rank, confirmed exactly: by SymPy's rank when it finishes within its
    budget, and always by its consequences (zero matrix, or a nonzero 2×2 minor)."""
    rank = elimination_rank(matrix)
    sympy_rank, finished = within_budget(lambda: int(matrix.rank()), RANK_BUDGET_SECONDS, None)
    if finished and sympy_rank != rank:
        raise VerificationError(
            f"the elimination rank {rank} of the kernel disagrees with SymPy's rank {sympy_rank}"
        )
    zero = all(value == 0 for value in matrix)
    if (rank == 0) != zero or (rank >= 2) != _has_nonzero_minor(matrix):
        raise VerificationError(f"the rank {rank} of the kernel contradicts its entries")
    return rank


def separation(matrix: sympy.ImmutableMatrix) -> Separation:
    """The rank, and for rank 1 the exact outer-product factors, multiplied back as a check."""
    rank = _checked_rank(matrix)
    if rank != 1:
        return Separation(rank)
    pivot_row, pivot_column = next(
        (i, j) for i in range(matrix.rows) for j in range(matrix.cols) if matrix[i, j] != 0
    )
    column, _ = primitive(list(matrix[:, pivot_column]))
    row, _ = primitive(list(matrix[pivot_row, :]))
    factor = sympy.Rational(matrix[pivot_row, pivot_column]) / (
        column[pivot_row] * row[pivot_column]
    )
    if factor < 0:  # a difference factor takes the sign: -1·[1, 2, 1]ᵀ[1, 0, -1] → [-1, 0, 1]
        if row == tuple(-value for value in row[::-1]):
            row, factor = tuple(-value for value in row), -factor
        elif column == tuple(-value for value in column[::-1]):
            column, factor = tuple(-value for value in column), -factor
    product = sympy.Matrix(column) * sympy.Matrix([list(row)]) * factor
    if product != matrix:
        raise VerificationError(f"separable factors do not multiply back to the kernel: {product}")
    return Separation(1, factor, column, row)


def properties(matrix: sympy.ImmutableMatrix) -> KernelProperties:
    """Every exact property of one kernel."""
    entries = tuple(offsets(matrix))
    return KernelProperties(
        matrix=matrix,
        total=sympy.Rational(sum(k for _, _, k in entries)),
        centre=entry(matrix, 0, 0),
        nonzero=tuple((m, n, k) for m, n, k in entries if k != 0),
        symmetries=symmetries(matrix),
        moments=moments(matrix),
        separation=separation(matrix),
    )
