"""One submission checked, as plain data: a verdict per claim and chain, and what is missing.

``check`` gives rich objects (claims, comparisons, SymPy values); grading keeps what a score, a
feedback file, a CSV and the cache need: strings, numbers and lists. Claims found in the cache
are not checked again; the rest go through the same ``check_answers`` as ``symderive check``,
so a graded verdict and a checked one cannot disagree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from symderive.check.checker import check_answers
from symderive.check.claim import Answers, Claim
from symderive.check.equivalence import Verdict
from symderive.check.kinds import targets_of
from symderive.check.report import ACCEPTED, ChainReport, ClaimResult, Missing
from symderive.grade.cache import ClaimCache, claim_key
from symderive.render.check_report import answer_to, claim_evidence, where
from symderive.render.document import Math
from symderive.solve import SolutionSet

ACCEPTED_VALUES = tuple(verdict.value for verdict in ACCEPTED)


@dataclass(frozen=True)
class ClaimOutcome:
    """A claim's verdict as grading sees it. ``part`` is the target's key (None when the claim
    answers no derivative the problem asks for); ``latex``/``unicode`` show the claimed value."""

    where: str
    line: int | None
    problem: str | None
    part: str | None
    answer_to: str
    text: str
    verdict: str
    evidence: str
    diagnosis: str | None = None
    diagnosis_message: str | None = None
    notes: tuple[str, ...] = ()
    latex: str | None = None
    unicode: str | None = None
    cached: bool = False
    entries: tuple[tuple[int, int], ...] = ()
    """The matrix entries the claim states (softmax's Jacobian), as (row, column); for a
    refuted claim, the entries it gets wrong."""
    chain_broken: bool = False
    """The claim ends a chain (``a = b = c``, or consecutive formulas about one derivative) that
    does not hold: a right last line after a wrong step, or two different answers."""

    @property
    def accepted(self) -> bool:
        return self.verdict in ACCEPTED_VALUES and not self.chain_broken


@dataclass(frozen=True)
class ChainOutcome:
    """A step chain's verdict, with the line it starts on and a one-line summary."""

    line: int | None
    problem: str | None
    verdict: str
    summary: str

    @property
    def accepted(self) -> bool:
        return self.verdict in ACCEPTED_VALUES


@dataclass(frozen=True)
class Checked:
    """Everything found in one submission; ``hits``/``misses`` count the cache's answers."""

    path: str
    claims: tuple[ClaimOutcome, ...]
    chains: tuple[ChainOutcome, ...]
    missing: tuple[tuple[str, str, str], ...]
    """(problem, part key, derivative name) for each derivative no claim answers."""
    hits: int = 0
    misses: int = 0
    checks: int = field(default=0)
    """Claims and chains checked now (not served by the cache)."""


CACHED_FIELDS = (
    "part",
    "answer_to",
    "verdict",
    "evidence",
    "diagnosis",
    "diagnosis_message",
    "entries",
)


def _shown(claim: Claim) -> tuple[str | None, str | None]:
    if claim.value is None:
        return None, None
    math = Math.of(claim.value)
    return math.latex, math.unicode


def claim_outcome(result: ClaimResult) -> ClaimOutcome:
    """The plain-data outcome of a checked claim."""
    claim = result.claim
    latex, unicode = _shown(claim)
    return ClaimOutcome(
        where=where(claim),
        line=claim.location.line,
        problem=claim.problem_id,
        part=result.target.key if result.target is not None else None,
        answer_to=answer_to(result),
        text=claim.text,
        verdict=result.verdict.value,
        evidence=claim_evidence(result),
        entries=result.entries,
        diagnosis=result.diagnosis.code if result.diagnosis else None,
        diagnosis_message=result.diagnosis.message if result.diagnosis else None,
        notes=result.notes,
        latex=latex,
        unicode=unicode,
    )


def _from_cache(claim: Claim, stored: dict[str, Any]) -> ClaimOutcome | None:
    if not all(name in stored for name in (*CACHED_FIELDS, "notes")):
        return None
    latex, unicode = _shown(claim)
    return ClaimOutcome(
        where=where(claim),
        line=claim.location.line,
        problem=claim.problem_id,
        text=claim.text,
        latex=latex,
        unicode=unicode,
        notes=tuple(str(note) for note in stored["notes"]),
        cached=True,
        **{name: stored[name] for name in CACHED_FIELDS if name != "entries"},
        entries=tuple((int(row), int(column)) for row, column in stored["entries"]),
    )


def _to_cache(outcome: ClaimOutcome) -> dict[str, Any]:
    data = asdict(outcome)
    return {name: data[name] for name in (*CACHED_FIELDS, "notes")}


def chain_outcome(report: ChainReport) -> ChainOutcome:
    """A chain's verdict and the first broken link, in words."""
    summary = report.note or ""
    if report.result is not None:
        broken = report.result.first_broken
        start = report.result.start
        if start is not None and start.verdict not in ACCEPTED:
            summary = "the first line is not the problem's expression"
        elif broken is not None:
            summary = f"link {broken.index + 1} does not hold"
        else:
            summary = "every link holds"
        if report.note:
            summary += f"; {report.note}"
    chain = report.chain
    return ChainOutcome(chain.location.line, chain.problem_id, report.verdict.value, summary)


def _missing(solutions: SolutionSet, claims: tuple[ClaimOutcome, ...]) -> tuple[Missing, ...]:
    answered = {
        (claim.problem, claim.part)
        for claim in claims
        if claim.part is not None and claim.verdict != Verdict.DUPLICATE.value
    }
    return tuple(
        Missing(solution.problem.id, target.key)
        for solution in solutions.solutions
        for target in targets_of(solution)
        if (solution.problem.id, target.key) not in answered
    )


def check_submission(
    solutions: SolutionSet, answers: Answers, cache: ClaimCache, digest: str
) -> Checked:
    """Every claim and chain of ``answers`` (attributed), the cached ones from the cache."""
    repeated = {claim.duplicate_of for claim in answers.claims if claim.duplicate_of is not None}
    cacheable = {
        claim.number: claim_key(digest, claim, answers.hints)
        for claim in answers.claims
        if claim.parsed
        and claim.problem_id is not None
        and claim.duplicate_of is None
        and claim.number not in repeated
    }
    found: dict[int, ClaimOutcome] = {}
    for claim in answers.claims:
        stored = cache.get(cacheable[claim.number]) if claim.number in cacheable else None
        outcome = _from_cache(claim, stored) if stored is not None else None
        if outcome is not None:
            found[claim.number] = outcome
    unchecked = tuple(claim for claim in answers.claims if claim.number not in found)
    report = check_answers(solutions, replace(answers, claims=unchecked))
    fresh = []
    for result in report.results:
        outcome = claim_outcome(result)
        fresh.append((result.claim.number, outcome))
        key = cacheable.get(result.claim.number)
        # a verdict reached once the shared budget was spent is never stored: it is no better
        # than "undecided", and the next student may well have the time to decide it
        if key is not None and result.claim.number not in found and not result.budget_spent:
            cache.put(key, _to_cache(outcome))
    order = {claim.number: index for index, claim in enumerate(answers.claims)}
    every = sorted(
        [*found.items(), *fresh], key=lambda item: (order.get(item[0], len(order)), item[0])
    )
    broken_chains = {chain.chain.number for chain in report.chains if chain.verdict not in ACCEPTED}
    ending = {claim.number: claim.chain for claim in answers.claims}
    claims = tuple(
        replace(outcome, chain_broken=True) if ending.get(number) in broken_chains else outcome
        for number, outcome in every
    )
    names = {
        (target.problem_id, target.key): target.name
        for solution in solutions.solutions
        for target in targets_of(solution)
    }
    missing = tuple(
        (m.problem_id, m.target, names[(m.problem_id, m.target)])
        for m in _missing(solutions, claims)
    )
    return Checked(
        answers.path,
        claims,
        tuple(chain_outcome(chain) for chain in report.chains),
        missing,
        hits=len(found),
        misses=len(cacheable) - len(found),
        checks=len(report.results) + len(report.chains),
    )
