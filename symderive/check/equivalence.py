"""Is a claimed expression equal to the correct one? Decided in stages, with evidence.

1. canonical form: SymPy's automatic canonicalisation already makes them identical;
2. expansion and cancellation: ``cancel(expand(a − b)) == 0``, under a small budget;
3. a vectorised random-point screen inside the domain (``screen.py``: points where either side
   is undefined are redrawn; a fixed seed makes every run agree); a disagreement is confirmed at
   30 digits before it is reported, so rounding never refutes a correct answer;
4. for answers by cases (Piecewise, Heaviside, |x|, max), a proof piece by piece (``cases.py``):
   equal everywhere except at isolated kinks, where what a claim says is judged as a subgradient;
5. symbolic proofs (``proofs.py``): trigonometric and hyperbolic functions rewritten as
   exponentials and cancelled, then ``simplify(a − b) == 0`` in a separate process that is
   killed when its time budget runs out.

A wrong "equal" is the worst bug this tool can have, so "numerically-equal" is only ever said
after many agreeing points, and a claim that cannot be evaluated anywhere is "undecided", never
equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import sympy

from symderive.budget import remaining_budget, within_budget
from symderive.check.cases import case_region, compare_by_cases
from symderive.check.precise import RefutingPoint, counterexample_at
from symderive.check.proofs import PROOF_BUDGET_SECONDS, prove_in_worker, zero_in_exponentials
from symderive.check.screen import (
    MINIMUM_AGREEING_POINTS,
    ScaleEvidence,
    Screened,
    precompile,
    screen,
)
from symderive.check.screen import clear_caches as clear_screen_caches
from symderive.functions import to_native
from symderive.parsing.names import natural_key

__all__ = [
    "Comparison",
    "RefutingPoint",
    "ScaleEvidence",
    "Verdict",
    "case_region",
    "clear_caches",
    "compare",
    "precompile",
    "prove_in_worker",
    "screen",
]

EXPAND_BUDGET_SECONDS = 0.5
REMEMBERED_COMPARISONS = 4096
"""Settled comparisons kept per process: a class writes the same answers again and again."""


class Verdict(StrEnum):
    """One verdict per claim; DESIGN.md's table, plus ``undecided`` for the honest gap."""

    PROVED = "proved"
    NUMERICALLY_EQUAL = "numerically-equal"
    REFUTED = "refuted"
    UNDECIDED = "undecided"
    UNPARSED = "unparsed"
    MISSING = "missing"
    DUPLICATE = "duplicate"
    UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class Comparison:
    """A verdict with its evidence: the stage that decided and, if refuted, where.

    ``sampled`` says where the random points went and how many agreed at each scale;
    ``budget_spent`` marks a verdict reached after the file's shared time budget ran out (it
    is never cached: with time left, it could have been decided)."""

    verdict: Verdict
    stage: str
    counterexample: RefutingPoint | None = None
    agreeing_points: int = 0
    sampled: tuple[ScaleEvidence, ...] = ()
    precise_points: int = 0
    budget_spent: bool = False


_NOT_FINITE = (sympy.zoo, sympy.oo, -sympy.oo, sympy.nan)


def _not_finite(expression: sympy.Basic) -> str | None:
    """The first infinity or NaN in an expression (SymPy folds log(0) to -∞ and tan(π/2) to
    complex infinity as it parses), as text; None when there is none."""
    for atom in sympy.preorder_traversal(expression):
        if atom in _NOT_FINITE:
            return {sympy.zoo: "complex infinity (log(0), tan(π/2), 1/0)"}.get(atom, str(atom))
    return None


def _canonical(claimed: sympy.Expr, correct: sympy.Expr) -> bool:
    return claimed == correct or sympy.simplify(0) == (claimed - correct)


def _expanded(difference: sympy.Expr) -> sympy.Expr | None:
    """``cancel(expand(a − b))`` within its budget, or None when it ran out.

    Cancelling is the costly half and only matters over a common denominator: a difference
    that expands to 0 or to a number, or has no denominator, is not cancelled."""

    def expanded() -> sympy.Expr:
        expression = sympy.expand(difference)
        if expression.is_number or not _has_denominator(expression):
            return expression
        return sympy.cancel(expression)

    result, finished = within_budget(expanded, EXPAND_BUDGET_SECONDS, None)
    return result if finished else None


def _has_denominator(expression: sympy.Expr) -> bool:
    return any(
        power.exp.is_negative for power in expression.atoms(sympy.Pow) if power.exp.is_number
    )


def _rational_function(expression: sympy.Expr) -> bool:
    symbols = expression.free_symbols
    return bool(symbols) and bool(expression.is_rational_function(*symbols))


_WITNESS_VALUES = [sympy.Rational(v) for v in ("1/2", "3/2", "-1/3", "2", "5/7", "-3/2", "7/3")]


def _witness(
    claimed: sympy.Expr,
    correct: sympy.Expr,
    expanded: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
) -> RefutingPoint | None:
    """A point where the exact difference is nonzero and both sides are defined."""
    for attempt in range(12):
        point = {
            symbol: _WITNESS_VALUES[(attempt + 3 * index) % len(_WITNESS_VALUES)]
            for index, symbol in enumerate(symbols)
        }
        value = expanded.xreplace(point)
        if not value.is_number or value.is_zero is not False or not value.is_finite:
            continue
        found = counterexample_at(claimed, correct, point)
        if found is not None:
            return found
    return None


_settled: dict[tuple[object, ...], Comparison] = {}
"""Proved and refuted comparisons by their inputs. The points are seeded by the expressions, so
the same inputs find the same evidence; only a time limit could make them end otherwise, and
then never in a proof or a refutation that was not there."""


def clear_settled() -> None:
    """Forget settled comparisons (tests decide each afresh)."""
    _settled.clear()


def clear_caches() -> None:
    """Forget settled comparisons, parsed formulas and compiled expressions: a benchmark's
    passes start cold."""
    clear_settled()
    clear_screen_caches()


def compare(
    claimed: sympy.Expr,
    correct: sympy.Expr,
    variables: Sequence[sympy.Symbol] | None = None,
    proof_seconds: float = PROOF_BUDGET_SECONDS,
    likely_different: bool = False,
    hypothesis: bool = False,
) -> Comparison:
    """Decide whether ``claimed`` equals ``correct``, stage by stage (see the module doc).

    ``likely_different`` (a mistake's hypothesis, a Jacobian entry that failed the quick test)
    runs the random points first: a confirmed difference settles it before any algebra. A
    ``hypothesis`` (is the claim this likely mistake?) only needs ruling out: its refutation is
    not certified nor given a readable point, which no student sees. Once a
    shared time budget is spent, the symbolic stages are skipped and "equal" can no longer be
    said: the verdict is then refuted (on evidence) or undecided, never better.

    A proof or a refutation is remembered and served again for the same inputs (``_settled``);
    "numerically-equal" and "undecided" are not, nor anything decided after the shared budget
    ran out."""
    key = (claimed, correct, tuple(variables or ()), proof_seconds, likely_different, hypothesis)
    if key in _settled:
        return _settled[key]
    comparison = _compare(claimed, correct, variables, proof_seconds, likely_different, hypothesis)
    spent = remaining_budget() == 0
    if not spent:
        if comparison.verdict in (Verdict.PROVED, Verdict.REFUTED):
            if len(_settled) >= REMEMBERED_COMPARISONS:
                _settled.pop(next(iter(_settled)))
            _settled[key] = comparison
        return comparison
    if comparison.verdict is Verdict.NUMERICALLY_EQUAL:
        return replace(
            comparison,
            verdict=Verdict.UNDECIDED,
            stage="the time budget ran out before the exact stages could run",
            budget_spent=True,
        )
    return replace(comparison, budget_spent=True)


def _sampled(screened: Screened, verdict: Verdict, stage: str) -> Comparison:
    return Comparison(
        verdict,
        stage,
        screened.counterexample,
        screened.agreeing,
        screened.scales,
        screened.precise_points,
    )


def _compare(
    claimed: sympy.Expr,
    correct: sympy.Expr,
    variables: Sequence[sympy.Symbol] | None,
    proof_seconds: float,
    likely_different: bool,
    hypothesis: bool = False,
) -> Comparison:
    not_finite = _not_finite(claimed)
    if not_finite is not None:
        # log(0), tan(π/2), ∞: not a number anywhere, so no derivative the tool derives
        reason = f"the claimed value contains {not_finite}, which is not a finite number"
        finite_target = _not_finite(correct) is None
        return Comparison(Verdict.REFUTED if finite_target else Verdict.UNDECIDED, reason)
    if _canonical(claimed, correct):
        return Comparison(Verdict.PROVED, "canonical form")
    difference = to_native(claimed) - to_native(correct)
    # Every symbol of either side is sampled: a claim may name a variable the target lacks.
    every = set(variables or ()) | claimed.free_symbols | correct.free_symbols
    symbols = sorted(every, key=lambda s: natural_key(s.name))
    certify = not hypothesis
    screened = screen(claimed, correct, symbols, difference, certify) if likely_different else None
    if screened is not None and screened.counterexample is not None:
        return _sampled(screened, Verdict.REFUTED, "random points")
    expanded = _expanded(difference)
    if expanded == 0:
        return Comparison(Verdict.PROVED, "expansion and cancellation")
    if expanded is not None and expanded.is_number and expanded.is_zero is False:
        # A constant difference, however small, is a proof that they differ: no rounding here.
        return Comparison(Verdict.REFUTED, f"they differ by the constant {expanded}")
    if expanded is not None and _rational_function(expanded):
        # a nonzero rational function is nonzero somewhere, however small (x/10^30): exact
        witness = _witness(claimed, correct, expanded, symbols)
        if witness is not None:
            return Comparison(Verdict.REFUTED, f"they differ by {expanded}", witness)
    if screened is None:
        simplest = difference if expanded is None else expanded
        screened = screen(claimed, correct, symbols, simplest, certify)
    if screened.counterexample is not None:
        return _sampled(screened, Verdict.REFUTED, "random points")
    # after the screen (the slow part); the point has a value for every symbol of either side
    by_cases, point = compare_by_cases(difference, symbols, (claimed, correct))
    if by_cases == "equal":
        return Comparison(Verdict.PROVED, "equal on every piece (they may differ only at kinks)")
    if by_cases == "different":
        found = counterexample_at(claimed, correct, point)
        if found is not None:
            return Comparison(Verdict.REFUTED, "one piece differs on its region", found)
        # a piece differs there exactly, so neither proof nor agreement may follow
        return Comparison(Verdict.UNDECIDED, "one piece differs, at a point not evaluated")
    if zero_in_exponentials(difference):
        stage = "trigonometric and hyperbolic functions rewritten as exponentials, then cancelled"
        return _sampled(screened, Verdict.PROVED, stage)
    proved = prove_in_worker(difference, proof_seconds) if proof_seconds > 0 else None
    if proved:
        return _sampled(screened, Verdict.PROVED, "symbolic proof")
    if screened.strong:
        return _sampled(screened, Verdict.NUMERICALLY_EQUAL, "random points")
    if screened.agreeing >= MINIMUM_AGREEING_POINTS:
        stage = "the points that agree lie at too few scales to call them equal"
        return _sampled(screened, Verdict.UNDECIDED, stage)
    return _sampled(screened, Verdict.UNDECIDED, "too few points where both sides are defined")
