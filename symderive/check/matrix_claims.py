"""A Jacobian claimed as one matrix form, checked as the whole K×K matrix, entry by entry.

The form (``matrix_forms.py``) is written out in the problem's probability symbols with s a
column vector, the usual convention; its shape must be K×K (``sᵀ s`` is a scalar: refuted, with
that reason), and every entry is compared as an indexed claim's would be. A form that is right
only if s were a row vector (``diag(s) − sᵀ s``), or only as the transpose (``I − s 1ᵀ`` for
log-softmax, the denominator layout), is undecided: never accepted, never called wrong.
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from symderive.budget import within_budget
from symderive.check.claim import Claim
from symderive.check.equivalence import Verdict
from symderive.check.explicit_matrix_claims import check_written_matrix
from symderive.check.jacobian_claims import check_entries
from symderive.check.matrix_mistakes import matrix_diagnosis
from symderive.check.matrix_shapes import Orientation, ShapeMismatch, describe, explicit
from symderive.check.report import ACCEPTED, ClaimResult
from symderive.check.targets import Target, matrix_entries
from symderive.derive.softmax import Jacobian

_NAMED = {"s": "softmax", "log_softmax": "log_softmax"}
WRITE_OUT_SECONDS = 2.0
"""Writing a form out entry by entry is bounded; a form not written out in time is undecided."""
DIAGNOSIS_SECONDS = 1.0
"""Naming the mistake of a wrong form is bounded too; without a name it is still refuted."""
_WORDS = {"softmax": "softmax", "log_softmax": "log-softmax"}


def is_matrix_form(value: sympy.Basic | None) -> bool:
    """Whether a claim's value is a matrix form or a matrix written out (a whole Jacobian),
    not an expression."""
    return isinstance(value, sympy.MatrixExpr)


def check_matrix_claim(claim: Claim, targets: tuple[Target, ...]) -> ClaimResult:
    """The claim against the problem's Jacobian, if its left side names it (see ``_refusal``)."""
    if claim.problem_id is None:
        return ClaimResult(claim, Verdict.UNATTRIBUTED, notes=(claim.attribution.reason,))
    target = next((target for target in targets if target.jacobian is not None), None)
    if target is None or target.jacobian is None:
        note = f"a matrix, but problem {claim.problem_id} asks for no Jacobian: not compared"
        return ClaimResult(claim, Verdict.UNATTRIBUTED, notes=(note,))
    refusal = _refusal(claim, target.jacobian)
    if refusal is not None:
        return ClaimResult(claim, Verdict.UNATTRIBUTED, notes=(refusal,))  # not an answer to it
    if isinstance(claim.value, sympy.MatrixBase):  # \begin{pmatrix} … written out
        return check_written_matrix(claim, target, target.jacobian)
    return _checked(claim, target, target.jacobian)


def _refusal(claim: Claim, jacobian: Jacobian) -> str | None:
    """Why the claim's left side does not name this Jacobian (None when it does)."""
    stem = jacobian.logits[0].name.rstrip("0123456789")
    if stem == "s":
        return "s names the logits in this problem, not softmax's output: not compared"
    notation = claim.notation
    if notation is None:
        if claim.attribution.method not in ("heading", "id"):
            return (
                "J names no function: a matrix J is read as the Jacobian only under the "
                "heading of its part"
            )
        return None
    named = _NAMED.get(notation.function or "")
    if named != jacobian.function:
        return (
            f"names the Jacobian of {_WORDS.get(named or '', notation.function)}, but the "
            f"problem asks for that of {_WORDS[jacobian.function]}: not compared"
        )
    if notation.variable not in (None, stem):
        return f"a Jacobian in {notation.variable}, but the logits are {stem}: not compared"
    return None


def _checked(claim: Claim, target: Target, jacobian: Jacobian) -> ClaimResult:
    assert claim.value is not None
    size = jacobian.size
    vector = sympy.ImmutableMatrix(jacobian.probabilities)
    column = _reading(claim.value, Orientation(vector), size)
    row = _reading(claim.value, Orientation(vector, row=True), size)
    if column is None or row is None:
        note = "too large to write out entry by entry in time: not compared"
        return ClaimResult(claim, Verdict.UNDECIDED, target, notes=(note,))
    if isinstance(column, sympy.MatrixBase):
        result = check_entries(claim, target, matrix_entries(column, jacobian))
        if result.verdict in ACCEPTED:
            note = f"the whole {size}×{size} matrix, s read as a column vector"
            return replace(result, notes=(note, *result.notes))
        other = _other_convention(claim, target, jacobian, column, row)
        if other is not None:
            return _undecided(claim, target, f"{other}; as written, it is wrong")
        named, _ = within_budget(
            lambda: matrix_diagnosis(column, jacobian, target), DIAGNOSIS_SECONDS, None
        )
        diagnosis = named or result.diagnosis
        return ClaimResult(
            claim,
            result.verdict,
            target,
            result.comparison,
            diagnosis,
            result.notes,
            entries=result.entries,
        )
    other = _other_convention(claim, target, jacobian, column, row)
    if other is not None:
        return _undecided(claim, target, f"{other}; with s a column vector it {column}")
    note = f"not the {size}×{size} Jacobian: with s a column vector it {column}"
    if isinstance(row, sympy.MatrixBase):
        note += ", and with s a row vector it is wrong too"
    every = tuple((row, column) for row in range(1, size + 1) for column in range(1, size + 1))
    return ClaimResult(claim, Verdict.REFUTED, target, notes=(note,), entries=every)


def _reading(
    value: sympy.Basic, convention: Orientation, size: int
) -> sympy.ImmutableMatrix | str | None:
    """The K×K matrix the form is in this convention, or why it is none (words for a note);
    None when it could not be written out in time."""

    def written_out() -> sympy.ImmutableMatrix | str:
        try:
            return explicit(value, convention)
        except ShapeMismatch as mismatch:
            return f"{mismatch}: the shapes do not fit"

    matrix, finished = within_budget(written_out, WRITE_OUT_SECONDS, None)
    if not finished or not isinstance(matrix, sympy.MatrixBase):
        return matrix
    if matrix.shape != (size, size):
        return f"is {describe(matrix.shape)}, not a {size}×{size} matrix"
    return matrix


def _right(
    claim: Claim, target: Target, jacobian: Jacobian, reading: sympy.ImmutableMatrix | str | None
) -> bool:
    if not isinstance(reading, sympy.MatrixBase):
        return False
    return check_entries(claim, target, matrix_entries(reading, jacobian)).verdict in ACCEPTED


def _other_convention(
    claim: Claim,
    target: Target,
    jacobian: Jacobian,
    column: sympy.ImmutableMatrix | str,
    row: sympy.ImmutableMatrix | str,
) -> str | None:
    """Words for the convention the form is right in, when it is wrong in the usual one: s a
    row vector (sᵀ s the outer product), or the Jacobian transposed (the denominator layout,
    rows indexed by z; softmax's is symmetric, log-softmax's is not)."""
    if _right(claim, target, jacobian, row):
        return "right only if s is a row vector (1×K, so sᵀ s is the outer product)"
    for reading, which in ((column, ""), (row, ", with s a row vector")):
        if isinstance(reading, sympy.MatrixBase) and _right(
            claim, target, jacobian, sympy.ImmutableMatrix(reading.T)
        ):
            return (
                f"right only in the denominator layout{which}: it is the transpose of the "
                "Jacobian, whose entry (i, j) is the derivative of output i in logit j"
            )
    return None


def _undecided(claim: Claim, target: Target, why: str) -> ClaimResult:
    note = f"{why}. Not accepted: say which convention you use, or write it in the usual one"
    return ClaimResult(claim, Verdict.UNDECIDED, target, notes=(note,))
