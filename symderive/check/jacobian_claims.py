"""Indexed claims about the softmax (or log-softmax) Jacobian, checked entry by entry.

``s_i(δ_ij − s_j)`` is evaluated for every (i, j); a claim right on the diagonal only is the
``diagonal-only`` mistake, and a mistake every entry shares (a sign, a constant factor) is named.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from symderive.budget import within_budget
from symderive.check.claim import Claim
from symderive.check.equivalence import Comparison, Verdict, compare
from symderive.check.mistakes import Diagnosis, DiagnosisCode
from symderive.check.report import ACCEPTED, ClaimResult
from symderive.check.targets import Entry, Target, jacobian_entries


def check_jacobian(claim: Claim, target: Target) -> ClaimResult:
    """An indexed claim about the softmax Jacobian, checked entry by entry in the logits."""
    assert target.jacobian is not None and claim.value is not None
    entries = jacobian_entries(claim.value, claim, target.jacobian)
    if not entries:
        return ClaimResult(claim, Verdict.UNATTRIBUTED, target, notes=("not a Jacobian entry",))
    return check_entries(claim, target, entries)


def check_entries(claim: Claim, target: Target, entries: list[Entry]) -> ClaimResult:
    """Entries of the Jacobian as claimed, each against the derived one: exact expansion in
    the probabilities first, else the comparison in the logits."""
    comparisons = [
        (
            entry,
            Comparison(Verdict.PROVED, "expansion in the probabilities s_k")
            if entry.equal_in_probabilities()
            else compare(entry.claimed, entry.correct, target.variables, likely_different=True),
        )
        for entry in entries
    ]
    failed = [(entry, result) for entry, result in comparisons if result.verdict not in ACCEPTED]
    stated = tuple(sorted({(entry.row, entry.column) for entry in entries}))
    if not failed and len(entries) > 1 and all(e.row == e.column for e in entries):
        return ClaimResult(
            claim,
            Verdict.REFUTED,
            target,
            comparisons[0][1],
            Diagnosis(
                DiagnosisCode.DIAGONAL_ONLY,
                "only the diagonal of the Jacobian: true for ∂s_i/∂z_i, but the derivative of "
                "softmax is the whole Jacobian, whose off-diagonal entries are −s_i s_j",
                sympy.Integer(0),
            ),
            ("correct on the diagonal only",),
        )
    if not failed:
        verdict = (
            Verdict.PROVED
            if all(result.verdict is Verdict.PROVED for _, result in comparisons)
            else Verdict.NUMERICALLY_EQUAL
        )
        return ClaimResult(
            claim,
            verdict,
            target,
            comparisons[0][1],
            notes=(f"{len(entries)} entries",),
            entries=stated,
        )
    entry, result = failed[0]
    diagnosis = jacobian_diagnosis(entries, target)
    note = f"entry ({entry.row}, {entry.column}) differs"
    wrong = tuple(sorted({(e.row, e.column) for e, r in failed if r.verdict is Verdict.REFUTED}))
    return ClaimResult(claim, result.verdict, target, result, diagnosis, (note,), entries=wrong)


RATIO_SECONDS = 0.5


def jacobian_diagnosis(entries: list[Entry], target: Target) -> Diagnosis | None:
    """The mistake every entry shares: only the diagonal, a flipped sign, or a constant factor."""

    def every(candidate: Callable[[Entry], sympy.Basic]) -> bool:
        return all(
            compare(
                e.claimed, candidate(e), target.variables, proof_seconds=0.5, likely_different=True
            ).verdict
            in ACCEPTED
            for e in entries
        )

    zero = sympy.Integer(0)
    if len(entries) > 1 and every(lambda e: e.diagonal_only):
        message = "only the diagonal of the Jacobian: the off-diagonal entries −s_i s_j are missing"
        return Diagnosis(DiagnosisCode.DIAGONAL_ONLY, message, zero)
    if every(lambda e: -e.correct):
        message = "sign error: the claim is the negative of the derivative"
        return Diagnosis(DiagnosisCode.SIGN, message, zero)
    first = entries[0]
    ratio: sympy.Expr | None = None
    if first.correct != 0:  # simplify can run out of memory on a hostile claim: bounded
        ratio, _ = within_budget(
            lambda: sympy.simplify(first.claimed / first.correct), RATIO_SECONDS, None
        )
    if (
        ratio is not None
        and ratio.is_Rational
        and ratio not in (0, 1)
        and every(lambda e: ratio * e.correct)
    ):
        return Diagnosis(
            DiagnosisCode.CONSTANT_FACTOR, f"off by a constant factor of {ratio}", zero
        )
    return None
