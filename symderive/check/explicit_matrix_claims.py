"""A Jacobian written out as a matrix (``\\begin{pmatrix} s_1(1-s_1) & -s_1 s_2 … \\end{pmatrix}``),
checked as the whole K×K matrix, entry by entry.

Its shape must be K×K (else refuted, with the shape it has); its entries may hold the
probabilities s_1 … s_K and the logits z_1 … z_K only (anything else is not compared), and every
entry is compared as an indexed claim's would be (``check_entries``), so a matrix right on its
diagonal only, or wrong in one entry, is refuted with that entry named. A matrix right only as
the transpose (the denominator layout: log-softmax's Jacobian is not symmetric) is undecided, as
for the closed forms.
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from symderive.check.claim import Claim
from symderive.check.equivalence import Verdict
from symderive.check.jacobian_claims import check_entries
from symderive.check.report import ACCEPTED, ClaimResult
from symderive.check.targets import Target, matrix_entries
from symderive.derive.softmax import Jacobian


def check_written_matrix(claim: Claim, target: Target, jacobian: Jacobian) -> ClaimResult:
    """The matrix written out against the problem's Jacobian (the claim names it)."""
    assert isinstance(claim.value, sympy.MatrixBase)
    size = jacobian.size
    rows, columns = claim.value.shape
    every = tuple((row, column) for row in range(1, size + 1) for column in range(1, size + 1))
    if (rows, columns) != (size, size):
        note = f"a {rows}×{columns} matrix, not {size}×{size}: not the Jacobian of {size} logits"
        return ClaimResult(claim, Verdict.REFUTED, target, notes=(note,), entries=every)
    matrix, unknown = _in_problem_symbols(sympy.ImmutableMatrix(claim.value), jacobian)
    if unknown:
        note = (
            f"holds {', '.join(sorted(unknown))}, which the problem does not define (its "
            f"symbols are {_names(jacobian.probabilities)} and {_names(jacobian.logits)}): "
            "not compared"
        )
        return ClaimResult(claim, Verdict.UNDECIDED, target, notes=(note,))
    result = check_entries(claim, target, matrix_entries(matrix, jacobian))
    if result.verdict in ACCEPTED:
        note = f"the whole {size}×{size} matrix, written out"
        return replace(result, notes=(note, *result.notes))
    transposed = check_entries(
        claim, target, matrix_entries(sympy.ImmutableMatrix(matrix.T), jacobian)
    )
    if transposed.verdict in ACCEPTED:
        note = (
            "right only in the denominator layout: it is the transpose of the Jacobian, whose "
            "entry (i, j) is the derivative of output i in logit j; as written, it is wrong. "
            "Not accepted: say which convention you use, or write it in the usual one"
        )
        return ClaimResult(claim, Verdict.UNDECIDED, target, notes=(note,))
    return result


def _in_problem_symbols(
    matrix: sympy.ImmutableMatrix, jacobian: Jacobian
) -> tuple[sympy.ImmutableMatrix, set[str]]:
    """The matrix in the problem's own symbols (the parser's s_1 is matched by its name), and
    the names of the symbols that are none of them."""
    known = {symbol.name: symbol for symbol in (*jacobian.probabilities, *jacobian.logits)}
    replacements: dict[sympy.Basic, sympy.Basic] = {}
    unknown: set[str] = set()
    for symbol in matrix.free_symbols:
        assert isinstance(symbol, sympy.Symbol)
        if symbol.name in known:
            replacements[symbol] = known[symbol.name]
        else:
            unknown.add(symbol.name)
    return sympy.ImmutableMatrix(matrix.xreplace(replacements)), unknown


def _names(symbols: tuple[sympy.Symbol, ...]) -> str:
    return f"{symbols[0]} … {symbols[-1]}"
