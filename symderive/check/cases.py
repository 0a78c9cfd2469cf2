"""Answers by cases, proved piece by piece: equal everywhere except at isolated kinks.

Answers by cases and derivatives with Heaviside steps differ at the kink, where the derivative
does not exist (what a claim says there is judged separately, as a subgradient). Each piece's
region is computed as a set, directly for guards such as ``x > 0`` and their and/or.
"""

from __future__ import annotations

import sympy

from symderive.budget import within_budget
from symderive.parsing.partition import case_region

__all__ = ["case_region", "compare_by_cases", "equal_by_cases"]

CASES_BUDGET_SECONDS = 1.0

_PIECEWISE_KINDS = (sympy.Piecewise, sympy.Heaviside, sympy.Max, sympy.Min, sympy.sign, sympy.Abs)


def equal_by_cases(difference: sympy.Expr) -> bool:
    """For one variable: is every piece of ``a − b`` zero, except on isolated points?"""
    return compare_by_cases(difference)[0] == "equal"


def compare_by_cases(difference: sympy.Expr) -> tuple[str, dict[sympy.Symbol, sympy.Rational]]:
    """``("equal", {})``, ``("different", point)`` or ``("unknown", {})``, piece by piece.

    Answers by cases and derivatives with Heaviside steps differ at the kink, where the
    derivative does not exist (what a claim says there is judged separately, as a subgradient).
    Each piece's own region is computed as a set; pieces on regions of measure zero are skipped.
    Parameters (the α of leaky ReLU) may appear in the pieces, but every condition must be about
    the same one real variable. A piece that is a nonzero number on a region of positive
    measure proves the two differ, wherever that region lies (random points may never reach
    ``x > 10``); the point returned is inside it.
    """
    unknown: tuple[str, dict[sympy.Symbol, sympy.Rational]] = ("unknown", {})
    if not difference.free_symbols or not difference.has(*_PIECEWISE_KINDS):
        return unknown

    def decide() -> tuple[str, dict[sympy.Symbol, sympy.Rational]]:
        folded = sympy.piecewise_fold(difference.rewrite(sympy.Piecewise))
        pieces = folded.args if isinstance(folded, sympy.Piecewise) else ((folded, sympy.true),)
        in_conditions = set().union(*(condition.free_symbols for _, condition in pieces))
        if len(in_conditions) != 1:
            return unknown
        (variable,) = in_conditions
        if variable.is_real is not True:
            return unknown
        covered: sympy.Set = sympy.EmptySet
        differs: dict[sympy.Symbol, sympy.Rational] | None = None
        for expression, condition in pieces:
            region = case_region(condition, variable) - covered
            covered = covered | region
            if region.measure == 0:
                continue
            simplified = sympy.simplify(expression)
            if simplified == 0:
                continue
            inside = _point_in(region)
            if simplified.is_number and simplified.is_zero is False and inside is not None:
                if differs is None and difference.free_symbols == {variable}:
                    differs = {variable: inside}
                continue
            return unknown
        if differs is not None:
            return ("different", differs)
        if (sympy.Reals - covered).measure == 0:  # undefined at most at points
            return ("equal", {})
        return unknown

    try:
        found, finished = within_budget(decide, CASES_BUDGET_SECONDS, unknown)
    except (NotImplementedError, TypeError, ValueError, AttributeError):
        return unknown
    return found if finished else unknown


def _point_in(region: sympy.Set) -> sympy.Rational | None:
    """A rational point inside a region of positive measure (an interval, or a union of them)."""
    if isinstance(region, sympy.Union):
        region = next((part for part in region.args if part.measure != 0), sympy.EmptySet)
    if not isinstance(region, sympy.Interval) or region.measure == 0:
        return None
    start, end = region.start, region.end
    if start.is_infinite and end.is_infinite:
        point = sympy.Integer(0)
    elif start.is_infinite:
        point = sympy.floor(end) - 1
    elif end.is_infinite:
        point = sympy.ceiling(start) + 1
    else:
        point = (start + end) / 2
    return sympy.Rational(point) if point.is_Rational else None
