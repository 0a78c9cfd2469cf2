"""What ``check`` found: a verdict per claim and per chain, the missing answers, the exit code.

Plain data, read by the renderers (terminal, LaTeX, Markdown, JSON) and, later, by grading.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sympy

from symderive.check.chain import ChainResult
from symderive.check.claim import Answers, Claim, StepChain
from symderive.check.equivalence import Comparison, Verdict
from symderive.check.mistakes import Diagnosis
from symderive.check.targets import Target
from symderive.problem import ProblemSet

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
    entries: tuple[tuple[int, int], ...] = ()
    """For a claim about a matrix (softmax's Jacobian): the (row, column) entries it states,
    when accepted; the entries it gets wrong, when refuted (grading tells an incomplete answer
    from one that contradicts itself by them)."""
    budget_spent: bool = False
    """Decided after the file's shared time budget ran out: never cached (with time left, the
    exact stages could have run)."""


@dataclass(frozen=True)
class ChainReport:
    """A step chain's result; ``verdict`` summarises it as a claim's verdict would."""

    chain: StepChain
    verdict: Verdict
    result: ChainResult | None = None
    note: str | None = None
    as_matrices: tuple[sympy.Expr, ...] | None = None
    """The links read with non-commuting symbols, for a problem about matrices: what is shown,
    since the commuting reading would print W_1 W_2 for the W_2 W_1 the student wrote."""


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
        """0 when every attributed claim and chain is proved or numerically equal and nothing is
        missing. Unattributed claims are reported but do not fail a file: one homework often
        answers problems of several problem files."""
        verdicts = [r.verdict for r in self.results] + [c.verdict for c in self.chains]
        failing = [v for v in verdicts if v not in ACCEPTED and v is not Verdict.UNATTRIBUTED]
        return 0 if not self.missing and not failing else 1
