"""A matrix form written out as an explicit matrix once the size is known, shapes checked.

``parsing/matrix_form.py`` reads ``diag(s) − s sᵀ`` with a symbolic size and checks no shape,
so this walk does: ``sᵀ s`` is a scalar (1×1), ``s sᵀ`` a K×K matrix, and ``diag(s) − sᵀ s``
adds two things that do not fit, which no reading may accept. The vector is a column by
default; the row reading (s is 1×K, as some texts write) is offered to the checker only so a
form right in that convention is reported as undecided, never refuted as wrong. The arithmetic
is that of polynomials in s_1 … s_K (SymPy's DomainMatrix over QQ[s]), fast and exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

import sympy
from sympy.matrices.expressions.diagonal import DiagMatrix
from sympy.polys.matrices import DomainMatrix
from sympy.polys.rings import PolyElement

from symderive.parsing.matrix_form import SIZE


class ShapeMismatch(Exception):
    """The form's shapes do not fit together, or it is not made of what is known."""


@dataclass(frozen=True)
class Orientation:
    """How the vectors are read: ``vector`` is s as a K×1 column of the problem's probability
    symbols; with ``row`` every vector is read as 1×K instead."""

    vector: sympy.ImmutableMatrix
    row: bool = False

    @property
    def size(self) -> int:
        return int(self.vector.shape[0])


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


def explicit(expression: sympy.Basic, convention: Orientation) -> sympy.ImmutableMatrix:
    """The matrix ``expression`` is in this convention, entries expanded in s; ShapeMismatch
    when it is none."""
    walk = _Walk(convention)
    value = walk.value(expression)
    if not isinstance(value, DomainMatrix):
        raise ShapeMismatch("is a number, not a matrix")
    return sympy.ImmutableMatrix(value.to_Matrix())


Value: TypeAlias = DomainMatrix | PolyElement


class _Walk:
    """The form's tree walked bottom up into DomainMatrix values (numbers stay ring elements)."""

    def __init__(self, convention: Orientation) -> None:
        self.size = convention.size
        self.row = convention.row
        self.domain = sympy.QQ[tuple(convention.vector)]
        entries = [self.domain.from_sympy(entry) for entry in convention.vector]
        self.vector = self._oriented(entries)
        self.ones = self._oriented([self.domain.one] * self.size)

    def _oriented(self, entries: list[PolyElement]) -> DomainMatrix:
        column = DomainMatrix([[entry] for entry in entries], (self.size, 1), self.domain)
        column = column.to_dense()  # every value dense: DomainMatrix mixes no formats
        return column.transpose() if self.row else column

    def value(self, expression: sympy.Basic) -> Value:
        size = self.size
        if isinstance(expression, sympy.MatrixSymbol):
            return self.vector
        if isinstance(expression, sympy.OneMatrix):
            transposed = expression.shape[0] == 1 and expression.shape[1] == SIZE
            return self.ones.transpose() if transposed else self.ones
        if isinstance(expression, sympy.Identity):
            written = expression.shape[0]
            if written != SIZE and written != size:
                message = f"has I_{written}, which is {written}×{written}, not {size}×{size}"
                raise ShapeMismatch(message)
            return DomainMatrix.eye(size, self.domain).to_dense()
        if isinstance(expression, DiagMatrix):
            inner = self.value(expression.args[0])
            if not isinstance(inner, DomainMatrix) or min(inner.shape) != 1:
                raise ShapeMismatch("takes diag of something that is not a vector")
            flat = [entry for row in inner.to_list() for entry in row]
            return DomainMatrix.diag(flat, self.domain).to_dense()
        if isinstance(expression, sympy.Transpose):
            inner = self.value(expression.args[0])
            if not isinstance(inner, DomainMatrix):
                raise ShapeMismatch("transposes a number")
            return inner.transpose()
        if isinstance(expression, sympy.MatMul | sympy.Mul):
            return self._product([self.value(factor) for factor in expression.args])
        if isinstance(expression, sympy.MatAdd | sympy.Add):
            return self._sum([self.value(term) for term in expression.args])
        if isinstance(expression, sympy.HadamardProduct):
            return self._entrywise([self.value(factor) for factor in expression.args])
        if isinstance(expression, sympy.Rational):
            return self.domain.from_sympy(expression)
        raise ShapeMismatch(f"holds {expression}, which is not part of a matrix form")

    def _product(self, factors: list[Value]) -> Value:
        result: Value = self.domain.one
        for factor in factors:
            if isinstance(result, DomainMatrix) and isinstance(factor, DomainMatrix):
                if result.shape[1] != factor.shape[0]:
                    shapes = f"{describe(result.shape)} by {describe(factor.shape)}"
                    raise ShapeMismatch(f"multiplies {shapes}")
                result = result.matmul(factor)
            elif isinstance(result, DomainMatrix):
                result = result.mul(factor)  # a matrix times a number
            elif isinstance(factor, DomainMatrix):
                result = factor.mul(result)
            else:
                result = result * factor
        return result

    def _sum(self, terms: list[Value]) -> Value:
        matrices = [term for term in terms if isinstance(term, DomainMatrix)]
        if not matrices:
            total = self.domain.zero
            for term in terms:
                total = total + term
            return total
        if len(matrices) != len(terms):
            raise ShapeMismatch("adds a number to a matrix")
        _same_shapes(matrices, "adds {shapes}")
        result = matrices[0]
        for matrix in matrices[1:]:
            result = result + matrix
        return result

    def _entrywise(self, factors: list[Value]) -> Value:
        matrices = [factor for factor in factors if isinstance(factor, DomainMatrix)]
        if len(matrices) != len(factors):
            raise ShapeMismatch("multiplies a number entry by entry")
        _same_shapes(matrices, "multiplies {shapes} entry by entry")
        result = matrices[0]
        for matrix in matrices[1:]:
            result = result.mul_elementwise(matrix)
        return result


def _same_shapes(matrices: list[DomainMatrix], message: str) -> None:
    shapes = {matrix.shape for matrix in matrices}
    if len(shapes) > 1:
        shown = " and ".join(describe(shape) for shape in sorted(shapes, reverse=True))
        raise ShapeMismatch(message.format(shapes=shown))
