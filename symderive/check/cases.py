"""Answers by cases, proved piece by piece, and then point by point where a piece is a point.

Answers by cases and derivatives with Heaviside steps may differ at a kink of the derivative,
where it does not exist (what a claim says there is judged separately, as a subgradient). Each
piece's region is computed as a set, directly for guards such as ``x > 0`` and their and/or.
Every piece counts, whatever other symbols it has (z = ReLU(x₁)·x₂ + x₃ has three): a piece
that is not shown zero is refuted at a point inside its region, or leaves the answer unknown.
Then every point where the pieces meet or that a piece names (``5 if x = 7``, ``sign(x)²`` at
0) is checked too, unless the correct derivative has a kink there: where the derivative
exists, a claim must give its value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import sympy

from symderive.budget import within_budget
from symderive.functions import to_native
from symderive.parsing.names import natural_key
from symderive.parsing.partition import case_region

__all__ = ["case_region", "compare_by_cases"]

CASES_BUDGET_SECONDS = 1.0

_PIECEWISE_KINDS = (sympy.Piecewise, sympy.Heaviside, sympy.Max, sympy.Min, sympy.sign, sympy.Abs)

Point = dict[sympy.Symbol, sympy.Rational]
_UNKNOWN: tuple[str, Point] = ("unknown", {})


def compare_by_cases(
    difference: sympy.Expr,
    symbols: Sequence[sympy.Symbol] = (),
    sides: tuple[sympy.Expr, sympy.Expr] | None = None,
) -> tuple[str, Point]:
    """``("equal", {})``, ``("different", point)`` or ``("unknown", {})``, piece by piece.

    Every condition must be about the same one real variable (a condition in several, x₁ > x₂,
    gives "unknown"); the pieces may have any other symbols (parameters, other variables).
    "equal" only when every piece on a region of positive measure simplifies to exactly 0, the
    regions cover the reals up to points, and at each point where the pieces meet or that a
    piece is, the difference is 0 too, unless the correct side (``sides[1]``) has a kink
    there or no value. A piece that does not is "different" at a point
    inside its region (wherever it lies: random points may never reach ``x > 10``), with every
    other symbol given a rational value where the difference is a nonzero real number and both
    ``sides`` (claimed, correct) are real: the point has a value for every symbol of
    ``symbols``, the difference and the sides. No such point found: "unknown", never "equal".
    """
    if not difference.free_symbols or not difference.has(*_PIECEWISE_KINDS):
        return _UNKNOWN
    native = tuple(to_native(side) for side in sides) if sides is not None else ()
    every = set(symbols) | difference.free_symbols
    every |= set().union(*(side.free_symbols for side in native))

    def decide() -> tuple[str, Point]:
        folded = sympy.piecewise_fold(difference.rewrite(sympy.Piecewise))
        pieces = folded.args if isinstance(folded, sympy.Piecewise) else ((folded, sympy.true),)
        in_conditions = set().union(*(condition.free_symbols for _, condition in pieces))
        if not in_conditions and sympy.simplify(folded) == 0:
            return ("equal", {})  # the pieces folded away, and what is left is zero
        if len(in_conditions) != 1:
            return _UNKNOWN
        (variable,) = in_conditions
        if variable.is_real is not True:
            return _UNKNOWN
        others = sorted(every - {variable}, key=lambda symbol: natural_key(symbol.name))
        covered: sympy.Set = sympy.EmptySet
        undecided = False
        regions = []
        for expression, condition in pieces:
            region = case_region(condition, variable) - covered
            covered = covered | region
            regions.append(region)
            if region.measure == 0:
                continue
            if sympy.simplify(expression) == 0:
                continue
            point = _witness(difference, native, variable, _points_in(region), others)
            if point is not None:
                return ("different", point)
            undecided = True  # not shown zero, and no point shows it is not: keep looking
        if undecided or (sympy.Reals - covered).measure != 0:
            return _UNKNOWN
        kinks = _edges(native[1], variable) if native else set()
        for edge in sorted(set().union(*(_region_edges(region) for region in regions)) - kinks):
            found = _at_point(folded, native, variable, edge, others)
            if found != "equal":
                return found
        return ("equal", {})

    try:
        found, finished = within_budget(decide, CASES_BUDGET_SECONDS, _UNKNOWN)
    except (NotImplementedError, TypeError, ValueError, AttributeError):
        return _UNKNOWN
    return found if finished else _UNKNOWN


def _region_edges(region: sympy.Set) -> set[sympy.Expr]:
    """The finite endpoints of a region's intervals, and its isolated points."""
    parts = region.args if isinstance(region, sympy.Union) else (region,)
    edges: set[sympy.Expr] = set()
    for part in parts:
        if isinstance(part, sympy.Interval):
            edges |= {bound for bound in (part.start, part.end) if bound.is_finite}
        elif isinstance(part, sympy.FiniteSet):
            edges |= set(part.args)
        elif isinstance(part, sympy.Complement) and isinstance(part.args[1], sympy.FiniteSet):
            edges |= set(part.args[1].args) | _region_edges(part.args[0])
    return edges


def _edges(correct: sympy.Expr, variable: sympy.Symbol) -> set[sympy.Expr]:
    """Where the correct derivative changes piece (its kinks, when written by cases)."""
    if not correct.has(*_PIECEWISE_KINDS):
        return set()
    folded = sympy.piecewise_fold(correct.rewrite(sympy.Piecewise))
    if not isinstance(folded, sympy.Piecewise):
        return set()
    edges: set[sympy.Expr] = set()
    for _, condition in folded.args:
        if condition.free_symbols - {variable}:
            continue
        edges |= _region_edges(case_region(condition, variable))
    return edges


def _at_point(
    folded: sympy.Expr,
    sides: tuple[sympy.Expr, ...],
    variable: sympy.Symbol,
    edge: sympy.Expr,
    others: list[sympy.Symbol],
) -> tuple[str, Point]:
    """The difference where ``variable = edge``: "equal" when it is 0 there (or the correct
    side has no value there), "different" at a point, or unknown."""
    if not edge.is_Rational:
        return _UNKNOWN  # an irrational edge: no exact point to show
    if sides and sides[1].xreplace({variable: edge}).has(sympy.zoo, sympy.nan):
        return ("equal", {})  # no derivative there (a pole): nothing a claim could get wrong
    there = folded.xreplace({variable: edge})
    if there == 0 or sympy.simplify(there) == 0:
        return ("equal", {})
    point = _witness(there, sides, variable, [sympy.Rational(edge)], others)
    return ("different", point) if point is not None else _UNKNOWN


_VALUES = [sympy.Rational(v) for v in ("1/2", "3/2", "-1/3", "2", "5/7", "-3/2", "7/3", "1")]


def _witness(
    difference: sympy.Expr,
    sides: tuple[sympy.Expr, ...],
    variable: sympy.Symbol,
    insides: Iterable[sympy.Rational],
    others: list[sympy.Symbol],
) -> Point | None:
    """A point (the variable at one of ``insides``, a few values for the other symbols) where
    the difference is a nonzero real number and both sides are real numbers."""
    for inside in insides:
        for attempt in range(len(_VALUES) if others else 1):
            point: Point = {variable: inside}
            for index, symbol in enumerate(others):
                allowed = [value for value in _VALUES if _fits(symbol, value)]
                if not allowed:
                    return None
                point[symbol] = allowed[(attempt + 3 * index) % len(allowed)]
            if _nonzero(difference.xreplace(point)) and all(
                _real(side.xreplace(point)) for side in sides
            ):
                return point
    return None


def _fits(symbol: sympy.Symbol, value: sympy.Rational) -> bool:
    """Whether the value has every property the symbol is declared with (positive, integer…)."""
    facts = ("positive", "negative", "nonnegative", "nonpositive", "nonzero", "integer")
    return all(
        getattr(value, f"is_{fact}") is True
        for fact in facts
        if getattr(symbol, f"is_{fact}") is True
    )


def _real(value: sympy.Basic) -> bool:
    return bool(value.is_number and value.is_extended_real is True and value.is_finite is True)


def _nonzero(value: sympy.Basic) -> bool:
    """A real number, shown nonzero exactly or, failing that, at 30 digits."""
    if not _real(value):
        return False
    if value.is_zero is False:
        return True
    if value.is_zero is True:
        return False
    approximate = value.evalf(30)
    return bool(approximate.is_Number and abs(approximate) > sympy.Float("1e-15"))


def _points_in(region: sympy.Set) -> Iterator[sympy.Rational]:
    """A few rational points inside each interval of positive measure of the region."""
    parts = region.args if isinstance(region, sympy.Union) else (region,)
    for part in parts:
        if not isinstance(part, sympy.Interval) or part.measure == 0:
            continue
        for point in _candidates(part.start, part.end):
            if point.is_Rational and part.contains(point) is sympy.true:
                yield sympy.Rational(point)


def _candidates(start: sympy.Expr, end: sympy.Expr) -> list[sympy.Expr]:
    if start.is_infinite and end.is_infinite:
        return [sympy.Integer(0), sympy.Rational(1, 2), sympy.Rational(-1, 3), sympy.Integer(2)]
    if start.is_infinite:
        edge = sympy.floor(end)
        return [edge - 1, edge - 2, edge - sympy.Rational(1, 2)]
    if end.is_infinite:
        edge = sympy.ceiling(start)
        return [edge + 1, edge + 2, edge + sympy.Rational(1, 2)]
    low, high = (_rational_near(bound) for bound in (start, end))
    return [low + (high - low) * sympy.Rational(k, 4) for k in (2, 1, 3)]


def _rational_near(bound: sympy.Expr) -> sympy.Rational:
    """The bound itself when rational, else a close rational (points are checked inside)."""
    return bound if bound.is_Rational else sympy.Rational(str(bound.evalf(20)))
