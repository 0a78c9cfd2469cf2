"""A matrix form written out as an explicit matrix once the size is known, shapes checked.

``parsing/matrix_form.py`` reads ``diag(s) − s sᵀ`` with a symbolic size and checks no shape,
so this walk does: ``sᵀ s`` is a scalar (1×1), ``s sᵀ`` a K×K matrix, and ``diag(s) − sᵀ s``
adds two things that do not fit, which no reading may accept. The vector is a column by
default; the row reading (s is 1×K, as some texts write) is offered to the checker only so a
form right in that convention is reported as undecided, never refuted as wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy.matrices.expressions.diagonal import DiagMatrix

from symderive.parsing.matrix_form import SIZE


class ShapeMismatch(Exception):
    """The form's shapes do not fit together, or it is not made of what is known."""


@dataclass(frozen=True)
class Convention:
    """How the vectors are read: ``vector`` is s as a K×1 column of the problem's probability
    symbols; with ``row`` every vector is read as 1×K instead."""

    vector: sympy.ImmutableMatrix
    row: bool = False

    @property
    def size(self) -> int:
        return int(self.vector.shape[0])

    def oriented(self, column: sympy.ImmutableMatrix) -> sympy.ImmutableMatrix:
        """A vector written as a column, in this convention's orientation."""
        return sympy.ImmutableMatrix(column.T) if self.row else column


def describe(shape: tuple[int, int]) -> str:
    """``a scalar (1×1)``, ``a 3×1 column vector``, ``a 3×3 matrix``."""
    rows, columns = shape
    if shape == (1, 1):
        return "a scalar (1×1)"
    if columns == 1:
        return f"a {rows}×1 column vector"
    if rows == 1:
        return f"a 1×{columns} row vector"
    return f"a {rows}×{columns} matrix"


def explicit(expression: sympy.Basic, convention: Convention) -> sympy.ImmutableMatrix:
    """The K×… matrix ``expression`` is in this convention; ShapeMismatch when it is none."""
    value = _explicit(expression, convention)
    if not isinstance(value, sympy.MatrixBase):
        raise ShapeMismatch("is a number, not a matrix")
    return sympy.ImmutableMatrix(value)


def _explicit(expression: sympy.Basic, convention: Convention) -> sympy.Basic:
    size = convention.size
    column = convention.vector
    if isinstance(expression, sympy.MatrixSymbol):
        return convention.oriented(column)
    if isinstance(expression, sympy.OneMatrix):
        ones = sympy.ImmutableMatrix(sympy.ones(size, 1))
        transposed = expression.shape[0] == 1 and expression.shape[1] == SIZE
        oriented = convention.oriented(ones)
        return sympy.ImmutableMatrix(oriented.T) if transposed else oriented
    if isinstance(expression, sympy.Identity):
        written = expression.shape[0]
        if written != SIZE and written != size:
            raise ShapeMismatch(f"has I_{written}, which is {written}×{written}, not {size}×{size}")
        return sympy.ImmutableMatrix(sympy.eye(size))
    if isinstance(expression, DiagMatrix):
        inner = _explicit(expression.args[0], convention)
        if not isinstance(inner, sympy.MatrixBase) or min(inner.shape) != 1:
            raise ShapeMismatch("takes diag of something that is not a vector")
        return sympy.ImmutableMatrix(sympy.diag(*list(inner)))
    if isinstance(expression, sympy.Transpose):
        inner = _explicit(expression.args[0], convention)
        if not isinstance(inner, sympy.MatrixBase):
            raise ShapeMismatch("transposes a number")
        return sympy.ImmutableMatrix(inner.T)
    if isinstance(expression, sympy.MatMul | sympy.Mul):
        return _product([_explicit(factor, convention) for factor in expression.args])
    if isinstance(expression, sympy.MatAdd | sympy.Add):
        return _sum([_explicit(term, convention) for term in expression.args])
    if isinstance(expression, sympy.HadamardProduct):
        return _entrywise([_explicit(factor, convention) for factor in expression.args])
    if isinstance(expression, sympy.Number):
        return expression
    raise ShapeMismatch(f"holds {expression}, which is not part of a matrix form")


def _product(factors: list[sympy.Basic]) -> sympy.Basic:
    result: sympy.Basic = sympy.Integer(1)
    for factor in factors:
        if isinstance(result, sympy.MatrixBase) and isinstance(factor, sympy.MatrixBase):
            if result.shape[1] != factor.shape[0]:
                raise ShapeMismatch(
                    f"multiplies {describe(result.shape)} by {describe(factor.shape)}"
                )
            result = sympy.ImmutableMatrix(result * factor)
        elif isinstance(result, sympy.MatrixBase) or isinstance(factor, sympy.MatrixBase):
            result = sympy.ImmutableMatrix(result * factor)  # a number times a matrix
        else:
            result = result * factor
    return result


def _sum(terms: list[sympy.Basic]) -> sympy.Basic:
    matrices = [term for term in terms if isinstance(term, sympy.MatrixBase)]
    if not matrices:
        return sympy.Add(*terms)
    if len(matrices) != len(terms):
        raise ShapeMismatch("adds a number to a matrix")
    shapes = {matrix.shape for matrix in matrices}
    if len(shapes) > 1:
        shown = " and ".join(describe(shape) for shape in sorted(shapes, reverse=True))
        raise ShapeMismatch(f"adds {shown}")
    total = matrices[0]
    for matrix in matrices[1:]:
        total = total + matrix
    return sympy.ImmutableMatrix(total)


def _entrywise(factors: list[sympy.Basic]) -> sympy.Basic:
    if not all(isinstance(factor, sympy.MatrixBase) for factor in factors):
        raise ShapeMismatch("multiplies a number entry by entry")
    shapes = {factor.shape for factor in factors}
    if len(shapes) > 1:
        shown = " and ".join(describe(shape) for shape in sorted(shapes, reverse=True))
        raise ShapeMismatch(f"multiplies {shown} entry by entry")
    result = factors[0]
    for factor in factors[1:]:
        result = result.multiply_elementwise(factor)
    return sympy.ImmutableMatrix(result)
