"""``symderive check``: every claim of an answer file against the solutions, one verdict each.

Bookkeeping first (unparsed, unattributed, duplicate), then the comparison with the derived
target, then a diagnosis for what is refuted and kink notes for what is accepted. Problems'
derivatives that no claim answers are reported as missing. Nothing is dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sympy

from symderive.check.chain import ChainResult, check_chain
from symderive.check.claim import Answers, Claim, StepChain
from symderive.check.equivalence import Comparison, Verdict, compare
from symderive.check.mistakes import Diagnosis, diagnose, kink_values
from symderive.check.targets import (
    Target,
    jacobian_entries,
    renamed_claim,
    target_for,
    targets_of,
)
from symderive.problem import ProblemSet
from symderive.solve import SolutionSet

ACCEPTED = (Verdict.PROVED, Verdict.NUMERICALLY_EQUAL)


@dataclass(frozen=True)
class ClaimResult:
    """A claim's verdict with its evidence: the target, the comparison, a diagnosis, notes."""

    claim: Claim
    verdict: Verdict
    target: Target | None = None
    comparison: Comparison | None = None
    diagnosis: Diagnosis | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChainReport:
    """A step chain's result; ``verdict`` summarises it as a claim's verdict would."""

    chain: StepChain
    verdict: Verdict
    result: ChainResult | None = None
    note: str | None = None


@dataclass(frozen=True)
class Missing:
    """A derivative a problem asks for that no claim answers."""

    problem_id: str
    target: str


@dataclass(frozen=True)
class CheckReport:
    """Everything ``check`` found in one answer file."""

    problem_set: ProblemSet
    answers: Answers
    results: tuple[ClaimResult, ...]
    chains: tuple[ChainReport, ...]
    missing: tuple[Missing, ...]

    def counts(self) -> Counter[Verdict]:
        """How many claims (and chains) got each verdict; missing answers counted too."""
        counted = Counter(result.verdict for result in self.results)
        counted.update(chain.verdict for chain in self.chains)
        counted[Verdict.MISSING] += len(self.missing)
        return counted

    @property
    def exit_code(self) -> int:
        """0 when every claim and chain is proved or numerically equal and nothing is missing."""
        verdicts = [r.verdict for r in self.results] + [c.verdict for c in self.chains]
        return 0 if not self.missing and all(v in ACCEPTED for v in verdicts) else 1


def check_answers(solutions: SolutionSet, answers: Answers) -> CheckReport:
    """Verdicts for every claim and chain of ``answers`` (already attributed)."""
    targets = {s.problem.id: targets_of(s) for s in solutions.solutions}
    results = tuple(_check_claim(claim, targets) for claim in answers.claims)
    chains = tuple(_check_chain(chain) for chain in answers.chains)
    answered = {
        (r.claim.problem_id, r.target.key)
        for r in results
        if r.target is not None and r.verdict is not Verdict.DUPLICATE
    }
    missing = tuple(
        Missing(problem_id, target.name)
        for problem_id, problem_targets in targets.items()
        for target in problem_targets
        if (problem_id, target.key) not in answered
    )
    return CheckReport(solutions.problem_set, answers, results, chains, missing)


def _check_claim(claim: Claim, targets: dict[str, tuple[Target, ...]]) -> ClaimResult:
    if not claim.parsed or claim.value is None:
        return ClaimResult(claim, Verdict.UNPARSED)
    if claim.problem_id is None:
        return ClaimResult(claim, Verdict.UNATTRIBUTED, notes=(claim.attribution.reason,))
    target = target_for(claim, targets.get(claim.problem_id, ()))
    if target is None:
        return ClaimResult(
            claim,
            Verdict.UNATTRIBUTED,
            notes=(f"problem {claim.problem_id} asks for no derivative of this name",),
        )
    if claim.duplicate_of is not None:
        return ClaimResult(
            claim, Verdict.DUPLICATE, target, notes=(f"repeats claim {claim.duplicate_of}",)
        )
    if target.jacobian is not None:
        return _check_jacobian(claim, target)
    value = renamed_claim(claim.value, claim, target)
    comparison = compare(value, target.correct, target.variables)
    best = comparison
    for reading in claim.alternatives:  # the student may have meant the other reading
        if comparison.verdict in ACCEPTED:
            break
        other = compare(renamed_claim(reading.expression, claim, target), target.correct)
        if other.verdict in ACCEPTED:
            best = other
    notes = tuple(kink.note() for kink in kink_values(value, target.correct, target.variables))
    if best.verdict in ACCEPTED:
        invalid = [
            k
            for k in kink_values(value, target.correct, target.variables)
            if not k.valid and k.claimed is not None
        ]
        if invalid:
            return ClaimResult(claim, Verdict.REFUTED, target, best, None, notes)
        return ClaimResult(claim, best.verdict, target, best, None, notes)
    diagnosis = None
    if best.verdict is Verdict.REFUTED and target.context is not None:
        diagnosis = diagnose(value, target.context)
    return ClaimResult(claim, best.verdict, target, best, diagnosis, notes)


def _check_jacobian(claim: Claim, target: Target) -> ClaimResult:
    """An indexed claim about the softmax Jacobian, checked entry by entry in the logits."""
    assert target.jacobian is not None and claim.value is not None
    entries = jacobian_entries(claim.value, claim, target.jacobian)
    if not entries:
        return ClaimResult(claim, Verdict.UNATTRIBUTED, target, notes=("not a Jacobian entry",))
    comparisons = [
        (entry, compare(entry.claimed, entry.correct, target.variables)) for entry in entries
    ]
    failed = [(entry, result) for entry, result in comparisons if result.verdict not in ACCEPTED]
    if not failed:
        verdict = (
            Verdict.PROVED
            if all(result.verdict is Verdict.PROVED for _, result in comparisons)
            else Verdict.NUMERICALLY_EQUAL
        )
        return ClaimResult(
            claim, verdict, target, comparisons[0][1], notes=(f"{len(entries)} entries",)
        )
    entry, result = failed[0]
    diagnosis = None
    if len(entries) > 1 and all(
        compare(e.claimed, e.diagonal_only, target.variables).verdict in ACCEPTED for e in entries
    ):
        diagnosis = Diagnosis(
            "diagonal-only",
            "only the diagonal of the Jacobian: the off-diagonal entries −s_i s_j are missing",
            sympy.Integer(0),
        )
    note = f"entry ({entry.row}, {entry.column}) differs"
    return ClaimResult(claim, result.verdict, target, result, diagnosis, (note,))


def _check_chain(chain: StepChain) -> ChainReport:
    values = [link.value for link in chain.links]
    if any(value is None for value in values) or len(values) < 2:
        unreadable = next((link for link in chain.links if link.error is not None), None)
        note = unreadable.error.message if unreadable and unreadable.error else "too short"
        return ChainReport(chain, Verdict.UNPARSED, None, note)
    result = check_chain(values)
    verdict = Verdict.PROVED if result.holds else Verdict.REFUTED
    if result.holds and any(
        link.comparison.verdict is Verdict.NUMERICALLY_EQUAL for link in result.links
    ):
        verdict = Verdict.NUMERICALLY_EQUAL
    return ChainReport(chain, verdict, result)
