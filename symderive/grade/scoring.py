"""A checked submission → points per part, problem and question, with partial credit.

A part (one derivative) earns its points when a claim answering it is proved or numerically
equal; a refuted claim whose diagnosed mistake the problem file gives credit for (``credit:
{sign: 0.5}``) earns that fraction; anything else earns nothing. Two different answers to one
part earn nothing and are flagged for the grader: a ``duplicate``, or an accepted and a refuted
answer however each was written (``∂z/∂x₁ = 1`` and ``\\frac{\\partial}{\\partial x_1} z = 7``),
also when one of them came from the cache. A problem that asks for no
derivative (a proof) is one part, earned when it has at least one chain or statement and all of
them hold; the least credit among them is what it earns.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from symderive.check.equivalence import Verdict
from symderive.check.mistakes import DiagnosisCode
from symderive.grade.outcome import Checked, ClaimOutcome
from symderive.grade.points import Part, ProblemPoints, Question, Scheme

FULL = Fraction(1)
NOTHING = Fraction(0)


@dataclass(frozen=True)
class PartScore:
    """What one part earned and why, in a word (``accepted``, ``missing``, ``refuted`` …)."""

    problem: str
    part: str
    name: str
    points: Fraction
    earned: Fraction
    status: str
    diagnosis: str | None = None


@dataclass(frozen=True)
class QuestionScore:
    name: str
    points: Fraction
    earned: Fraction
    parts: tuple[PartScore, ...]


@dataclass(frozen=True)
class Score:
    """A submission's points: per question (the CSV's columns) and per part."""

    questions: tuple[QuestionScore, ...]

    @property
    def earned(self) -> Fraction:
        return sum((question.earned for question in self.questions), NOTHING)

    @property
    def points(self) -> Fraction:
        return sum((question.points for question in self.questions), NOTHING)


def _credit(claim: ClaimOutcome, problem: ProblemPoints) -> Fraction:
    if claim.accepted:
        return FULL
    if claim.verdict == Verdict.REFUTED.value and claim.diagnosis is not None:
        return problem.credit.get(claim.diagnosis, NOTHING)
    return NOTHING


TO_GRADE_BY_HAND = "to be graded by hand"


def _scored(
    problem: ProblemPoints, part: Part, fraction: Fraction, status: str, diagnosis: str | None
) -> PartScore:
    """The part's points times the fraction earned, with the reason."""
    return PartScore(
        problem.problem_id,
        part.key,
        part.name,
        part.points,
        part.points * fraction,
        status,
        diagnosis,
    )


def _part_score(part: Part, problem: ProblemPoints, claims: list[ClaimOutcome]) -> PartScore:
    answers = [claim for claim in claims if claim.part == part.key]

    def scored(fraction: Fraction, status: str, diagnosis: str | None = None) -> PartScore:
        return _scored(problem, part, fraction, status, diagnosis)

    if not answers:
        return scored(NOTHING, Verdict.MISSING.value)
    if any(claim.verdict == Verdict.DUPLICATE.value for claim in answers):
        return scored(NOTHING, "contradictory answers")
    refuted = any(claim.verdict == Verdict.REFUTED.value for claim in answers)
    if refuted and not part.by_entries and any(claim.accepted for claim in answers):
        return scored(NOTHING, "contradictory answers")
    if part.by_entries and _contradicted_entries(answers):
        return scored(NOTHING, "contradictory answers")
    if part.by_entries:
        incomplete = _incomplete_matrix(part, problem, answers)
        if incomplete is not None:
            return incomplete
    if any(claim.accepted for claim in answers):
        return scored(FULL, "accepted")
    best = max(answers, key=lambda claim: _credit(claim, problem))
    credit = _credit(best, problem)
    if credit > 0:
        return scored(credit, f"partial credit ({best.diagnosis})", best.diagnosis)
    shown_verdict = f"{best.verdict} ({best.diagnosis})" if best.diagnosis else best.verdict
    if best.chain_broken:
        shown_verdict += ", in a chain that does not hold"
    return scored(NOTHING, shown_verdict, best.diagnosis)


def _contradicted_entries(answers: list[ClaimOutcome]) -> bool:
    """An entry one accepted claim states and a refuted one gets wrong (``J = diag(s) − s sᵀ``
    beside a wrong ``∂s_1/∂z_2``): two answers to it, not an incomplete one."""
    stated = {tuple(entry) for claim in answers if claim.accepted for entry in claim.entries}
    wrong = {
        tuple(entry)
        for claim in answers
        if claim.verdict == Verdict.REFUTED.value
        for entry in claim.entries
    }
    return bool(stated & wrong)


def _incomplete_matrix(
    part: Part, problem: ProblemPoints, answers: list[ClaimOutcome]
) -> PartScore | None:
    """A matrix part whose accepted claims state only some of its entries: a share of the points
    only where ``credit: {incomplete-matrix: …}`` gives one, in proportion to the entries
    stated. None when the entries stated are all of them, or none is accepted."""
    stated = {tuple(entry) for claim in answers if claim.accepted for entry in claim.entries}
    if not stated or len(stated) >= part.entries:
        return None
    code = DiagnosisCode.INCOMPLETE_MATRIX.value
    fraction = problem.credit.get(code, NOTHING) * Fraction(len(stated), part.entries)
    status = f"incomplete: {len(stated)} of {part.entries} entries"
    return _scored(problem, part, fraction, status, code)


def _whole_score(problem: ProblemPoints, checked: Checked, claims: list[ClaimOutcome]) -> PartScore:
    """A proof (a problem that asks for no derivative) is left to a human, with the evidence.

    That every chain a student wrote holds does not show that it proves what was asked (the
    induction, the counterexample): ``y = x = x`` holds. So no points are given automatically;
    the status says what was found, for the grader to decide.
    """
    part = problem.parts[0]
    chains = [chain for chain in checked.chains if chain.problem == problem.problem_id]
    if not claims and not chains:
        return _scored(problem, part, NOTHING, Verdict.MISSING.value, None)
    holding = sum(claim.accepted for claim in claims) + sum(chain.accepted for chain in chains)
    failing = len(claims) + len(chains) - holding
    status = f"{TO_GRADE_BY_HAND}: {holding} chains or statements hold, {failing} do not"
    return _scored(problem, part, NOTHING, status, None)


def _question_score(question: Question, checked: Checked) -> QuestionScore:
    parts: list[PartScore] = []
    for problem in question.problems:
        claims = [
            claim
            for claim in checked.claims
            if claim.problem == problem.problem_id and claim.verdict != Verdict.UNATTRIBUTED.value
        ]
        if problem.whole:
            parts.append(_whole_score(problem, checked, claims))
        else:
            parts.extend(_part_score(part, problem, claims) for part in problem.parts)
    earned = sum((part.earned for part in parts), NOTHING)
    return QuestionScore(question.name, question.points, earned, tuple(parts))


def score(scheme: Scheme, checked: Checked) -> Score:
    """Points for every question of ``scheme`` from what was checked."""
    return Score(tuple(_question_score(question, checked) for question in scheme.questions))


def shown(points: Fraction) -> str:
    """Points as the CSV prints them: whole numbers plainly, else rounded to two decimals."""
    if points.denominator == 1:
        return str(points.numerator)
    return f"{float(points):.2f}"
