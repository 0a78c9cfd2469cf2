"""The random-point screen: two expressions compared at many points, vectorised with NumPy.

Points are drawn at four scales (``sampling.py``), each coordinate an exact rational no answer
can be tuned to. NumPy evaluates both sides at every point; a point where they seem to differ is
re-evaluated exactly (``precise.py``: to as many digits as it takes), so rounding never refutes
a correct answer. A few points where they agree are re-evaluated exactly too, with the
difference's own closed form when there is one: a term far below float precision
(``10⁻³⁰·sin x``) still refutes. Compiled forms are cached, since a class's answers share their
targets and likely mistakes.
"""

from __future__ import annotations

import contextlib
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy
import sympy

from symderive.check.evaluator import Unsupported, numpy_function
from symderive.check.precise import (
    Outcome,
    PointComparison,
    RefutingPoint,
    certified,
    compare_at,
    compiled,
    ordered_point,
)
from symderive.check.sampling import SCALES, Points, Scale, clear_seed_cache, draw, generator_for
from symderive.functions import to_native
from symderive.parsing.latex import clear_parse_cache
from symderive.parsing.names import natural_key

SCREEN_POINTS = 48
"""Points drawn at each scale."""
MINIMUM_AGREEING_POINTS = 24
"""Agreeing points needed in all, for ``numerically-equal``."""
MINIMUM_SCALES = 2
"""Scales that must each hold ``SCALE_POINTS`` agreeing points, for ``numerically-equal``."""
SCALE_POINTS = 4
RELATIVE_TOLERANCE = 1e-8
"""How far NumPy's two values may differ before the point is re-evaluated exactly."""
CONFIRMATIONS = 6
"""Points NumPy flags that are re-evaluated exactly, per scale (rounding flags many at once)."""
SLOW_POINTS = 2
"""Exact evaluations that may fail (out of time, a second each, or of range) before the screen
gives up."""
CLEAR_GAP = 1e-3
"""A relative gap in NumPy's values that is no rounding: enough to rule out a hypothesis."""
CLEAR_POINTS = 3
"""Points of one scale with a clear gap that rule out a hypothesis without exact evaluation."""
NICE_DECIMALS = (1, 2, 3, 6)
"""A counterexample is reported at the first of these roundings where it still holds."""


@dataclass(frozen=True)
class ScaleEvidence:
    """How many points of one scale were drawn, and at how many both sides agree."""

    scale: Scale
    drawn: int
    agreeing: int


@dataclass(frozen=True)
class Screened:
    """What the screen found: agreeing points per scale, or a certified difference."""

    scales: tuple[ScaleEvidence, ...]
    precise_points: int = 0
    counterexample: RefutingPoint | None = None

    @property
    def agreeing(self) -> int:
        return sum(evidence.agreeing for evidence in self.scales)

    @property
    def strong(self) -> bool:
        """Enough to call the two ``numerically-equal``: many agreeing points, spread over
        several scales, and exact re-evaluations that found nothing (see the README's
        "Limits and guarantees")."""
        if not self.scales:  # two numbers: equal to every digit tried
            return self.counterexample is None and self.precise_points > 0
        covered = sum(1 for evidence in self.scales if evidence.agreeing >= SCALE_POINTS)
        return (
            self.counterexample is None
            and self.agreeing >= MINIMUM_AGREEING_POINTS
            and covered >= MINIMUM_SCALES
            and self.precise_points >= MINIMUM_SCALES
        )


def precompile(expression: sympy.Expr, variables: Sequence[sympy.Symbol]) -> None:
    """Compile ``expression`` as ``compare`` will (in NumPy and mpmath), ahead of time: grading
    forks a worker per submission, and each inherits what the parent compiled."""
    symbols = tuple(
        sorted(set(variables) | expression.free_symbols, key=lambda s: natural_key(s.name))
    )
    with contextlib.suppress(Exception):  # what cannot compile now fails the same way later
        _vectorised(expression, symbols)
    with contextlib.suppress(Exception):
        compiled(expression, tuple(sorted(symbols, key=lambda symbol: symbol.name)))


def clear_caches() -> None:
    """Forget parsed formulas, compiled expressions and SymPy's own cache: a benchmark's passes
    start cold."""
    clear_parse_cache()
    clear_seed_cache()
    _vectorised.cache_clear()
    compiled.cache_clear()
    sympy.core.cache.clear_cache()


@lru_cache(maxsize=1024)
def _vectorised(expression: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> Any:
    """A NumPy function once per expression (our functions rewritten into SymPy's): built by
    ``evaluator``, or by ``lambdify`` for what it does not know."""
    native = to_native(expression)
    with contextlib.suppress(Unsupported):
        return numpy_function(native, variables)
    special = {
        "Heaviside": lambda x, *rest: numpy.heaviside(x, 0.5),
        "erf": numpy.vectorize(math.erf, otypes=[float]),  # NumPy has no erf of its own
        "erfc": numpy.vectorize(math.erfc, otypes=[float]),
    }
    return sympy.lambdify(list(variables), native, modules=[special, "numpy"])


def _values(function: Any, columns: list[numpy.ndarray], count: int) -> numpy.ndarray:
    """The function at every point; where NumPy cannot evaluate it, NaN (unusable) points."""
    try:
        values = numpy.asarray(function(*columns), dtype=complex)
        return numpy.broadcast_to(values, (count,))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError, NameError):
        return numpy.full(count, numpy.nan, dtype=complex)


def _real(values: numpy.ndarray) -> numpy.ndarray:
    return numpy.isfinite(values) & (numpy.abs(values.imag) < 1e-12)


@dataclass(frozen=True)
class _Rows:
    """One scale's points sorted by what NumPy saw there."""

    agreeing: numpy.ndarray
    differing: numpy.ndarray
    claim_undefined: numpy.ndarray
    clearly_differing: numpy.ndarray
    """Rows whose gap is far beyond rounding (``CLEAR_GAP``)."""
    claimed: numpy.ndarray
    correct: numpy.ndarray


def _classify(claimed: Any, correct: Any, points: Points) -> _Rows:
    columns = [points.floats[:, index] for index in range(points.floats.shape[1])]
    count = len(points)
    with numpy.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        claimed_values = _values(claimed, columns, count)
        correct_values = _values(correct, columns, count)
        usable = _real(claimed_values) & _real(correct_values)
        scale = numpy.maximum(numpy.maximum(abs(claimed_values), abs(correct_values)), 1.0)
        gap = abs(claimed_values - correct_values)
        differs = usable & (gap > RELATIVE_TOLERANCE * scale)
        claim_undefined = _real(correct_values) & ~_real(claimed_values)
    return _Rows(
        numpy.flatnonzero(usable & ~differs),
        numpy.flatnonzero(differs),
        numpy.flatnonzero(claim_undefined),
        numpy.flatnonzero(differs & (gap > CLEAR_GAP * scale)),
        claimed_values,
        correct_values,
    )


def screen(
    claimed: sympy.Expr,
    correct: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    difference: sympy.Expr | None = None,
    certify: bool = True,
) -> Screened:
    """Agreeing points per scale, or the first certified counterexample.

    ``difference`` is ``claimed − correct`` in its simplest known form (expanded), evaluated by
    itself at the exactly re-checked points (``precise.compare_at``). Without ``certify`` a
    difference two precisions agree on is enough, reported where it was found: for ruling out a
    hypothesis (a likely mistake), never for a verdict a student sees."""
    if not variables:  # two numbers: compare them to every digit
        found = compare_at(claimed, correct, {}, difference)
        if found.outcome is Outcome.EQUAL:
            return Screened((), precise_points=1)
        return Screened((), counterexample=found.found)
    ordered = tuple(variables)
    claimed_function = _vectorised(claimed, ordered)
    correct_function = _vectorised(correct, ordered)
    generator = generator_for(claimed, correct)
    evidence: list[ScaleEvidence] = []
    precise = 0
    slow = 0

    def at(row: int, points: Points, *options: Any) -> PointComparison:
        """``compare_at`` the row's exact point, giving up once evaluations keep failing."""
        nonlocal slow
        found = compare_at(claimed, correct, points.exact(row, ordered), *options)
        slow += found.outcome is Outcome.UNKNOWN
        if slow >= SLOW_POINTS:
            raise _TooSlow
        return found

    try:
        for scale in SCALES:
            points = draw(generator, scale, SCREEN_POINTS, len(ordered))
            rows = _classify(claimed_function, correct_function, points)
            agreeing = len(rows.agreeing)
            if not certify and len(rows.clearly_differing) >= CLEAR_POINTS:
                # a hypothesis only needs ruling out, and a gap this wide is no rounding
                return Screened(tuple(evidence), precise, _float_point(rows, points, ordered))
            for row in rows.claim_undefined[:CONFIRMATIONS]:
                found = at(row, points)
                if found.outcome is Outcome.CLAIM_UNDEFINED:
                    point = nicest_point(claimed, correct, found, None)
                    return Screened(tuple(evidence), precise, point)
            for row in rows.differing[:CONFIRMATIONS]:  # the sides' gap shows it
                found = at(row, points, None, False)
                refuting = _certified(claimed, correct, found, difference, certify)
                if refuting is not None:
                    return Screened(tuple(evidence), precise, refuting)
                agreeing += found.outcome is Outcome.EQUAL  # NumPy's rounding, not a difference
            if precise < MINIMUM_SCALES and len(rows.agreeing):  # one exact point per scale
                found = at(int(rows.agreeing[0]), points, difference, False)
                refuting = _certified(claimed, correct, found, difference, certify)
                if refuting is not None:  # equal to eight digits, but not exactly
                    return Screened(tuple(evidence), precise, refuting)
                precise += found.outcome is Outcome.EQUAL
            evidence.append(ScaleEvidence(scale, len(points), agreeing))
    except _TooSlow:  # what was found so far stands; it is not enough to call them equal
        return Screened(tuple(evidence), 0)
    return Screened(tuple(evidence), precise)


def _float_point(rows: _Rows, points: Points, ordered: tuple[sympy.Symbol, ...]) -> RefutingPoint:
    row = int(rows.clearly_differing[0])
    claimed, correct = complex(rows.claimed[row]), complex(rows.correct[row])
    point = ordered_point(points.exact(row, ordered))
    return RefutingPoint(point, claimed, correct, (claimed - correct).real)


class _TooSlow(Exception):
    """Exact evaluations kept failing (too slow, too large): the screen stops."""


def _certified(
    claimed: sympy.Expr,
    correct: sympy.Expr,
    found: PointComparison,
    difference: sympy.Expr | None,
    certify: bool = True,
) -> RefutingPoint | None:
    """A candidate difference, certified at the nicest point where it holds; None when it is no
    candidate or fails certification (then it was rounding after all)."""
    if found.outcome is not Outcome.CANDIDATE or found.found is None:
        return None
    if not certify:
        return found.found
    nicer = nicest_point(claimed, correct, found, difference)
    if nicer is not found.found:
        return nicer  # certified there
    point = dict(found.found.point)
    return found.found if certified(claimed, correct, point, difference) else None


def nicest_point(
    claimed: sympy.Expr,
    correct: sympy.Expr,
    found: PointComparison,
    difference: sympy.Expr | None,
) -> RefutingPoint:
    """The counterexample at the coarsest rounding of its point where it still holds (and is
    certified): a student reads ``x = 1.3`` more easily than ``x = 1300000017/1000000013``."""
    assert found.found is not None
    for decimals in NICE_DECIMALS:
        rounded = {
            symbol: sympy.Rational(round(float(value), decimals)).limit_denominator(10**decimals)
            for symbol, value in found.found.point
        }
        again = compare_at(claimed, correct, rounded, None, certify=False)
        if found.outcome is Outcome.CLAIM_UNDEFINED:
            holds = again.outcome is Outcome.CLAIM_UNDEFINED
        else:
            holds = again.outcome is Outcome.CANDIDATE and certified(
                claimed, correct, rounded, difference
            )
        if holds and again.found is not None:
            return again.found
    return found.found
