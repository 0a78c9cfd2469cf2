"""An answer by cases must partition its domain: no two guards overlap, and none is empty.

SymPy's Piecewise takes the first guard that holds, so ``1 if x > 0, 5 if x > -1`` would
quietly mean 1 on x > 0 and 5 on (−1, 0]: a student hedging between two answers, and the one
that happens to come first could be graded right. So the rows are checked as written, before
Piecewise folds them (it silently drops a repeated guard and turns a last guard that covers the
rest into ``True``). A final ``otherwise`` means "everywhere else" and is fine; anywhere else it
would hide the rows after it.

Guards are analysed exactly as sets of one real variable, or of one linear form of several
(``x_1 > x_2``, ``i = j``): the guards' regions in the reals then have the same emptiness and
the same measure as their preimages. Anything else cannot be checked, and is said so rather
than accepted.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy.core.relational import Relational

from symderive.budget import within_budget

PARTITION_BUDGET_SECONDS = 3.0
"""Far above what real guards need (a cold first call, SymPy loading its set machinery, takes
about 0.6 s): only hostile guards reach it."""

Row = tuple[sympy.Basic, sympy.Basic]
"""One row of an answer by cases: its value and its guard (``sympy.true`` for otherwise)."""


def partition_problem(rows: Sequence[Row]) -> tuple[int, str] | None:
    """Why the rows do not partition their domain, as (the row at fault, a reason); or None.

    Refused: a guard that never holds; a guard that always holds before the last row; two
    guards that hold together, on a region of positive measure or where one of them holds
    only on points (``x = 0``, ``i = j``: those points are the row's whole meaning), whatever
    their values: a repeated row is a hedge too, and a partition has each region once. Two
    guards sharing only a boundary point (``x ≥ 0``, ``x ≤ 0``) are fine: the value at a kink
    is judged separately. Guards that cannot be analysed are refused
    with that reason (never accepted unchecked).
    """
    for index, (_, guard) in enumerate(rows):
        if guard is sympy.false:
            return index, f"the guard {_text(guard)} of case {index + 1} never holds"
        if guard is sympy.true and index < len(rows) - 1:
            return index, (
                f"the guard of case {index + 1} always holds, so the cases after it would "
                "never be used: 'otherwise' goes last"
            )
    guarded = [(index, row) for index, row in enumerate(rows) if row[1] is not sympy.true]
    if not guarded:
        return None
    fallback: tuple[int, str] | None = (
        guarded[0][0],
        "the guards of these cases could not be checked in time",
    )
    found, finished = within_budget(lambda: _decide(guarded), PARTITION_BUDGET_SECONDS, fallback)
    return found if finished else fallback


def _decide(guarded: list[tuple[int, Row]]) -> tuple[int, str] | None:
    try:
        regions = _regions([guard for _, (_, guard) in guarded])
    except (NotImplementedError, TypeError, ValueError, AttributeError) as error:
        regions = f"SymPy could not solve them: {type(error).__name__}"
    if isinstance(regions, str):
        return guarded[0][0], (
            f"cannot check that the guards of these cases neither overlap nor are empty "
            f"({regions}); compare one variable with numbers, as in x > 0"
        )
    for (index, (_, guard)), region in zip(guarded, regions, strict=True):
        if region.is_empty is not False:
            what = "never holds" if region.is_empty else "could not be shown to hold anywhere"
            return index, f"the guard {_text(guard)} of case {index + 1} {what}"
    for later in range(len(guarded)):
        for earlier in range(later):
            reason = _overlap(guarded[earlier], guarded[later], regions[earlier], regions[later])
            if reason is not None:
                return guarded[later][0], reason
    return None


def _overlap(
    first: tuple[int, Row], second: tuple[int, Row], one: sympy.Set, other: sympy.Set
) -> str | None:
    """Why two rows overlap where it matters; None when they do not."""
    common = sympy.Intersection(one, other)
    if common.is_empty:
        return None
    points_only = one.measure == 0 or other.measure == 0  # x = 0, i = j: the row's meaning
    matters = common.is_empty is None or common.measure != 0 or points_only
    if not matters:
        return None  # a shared boundary point: the kink, judged on its own
    (i, (value, guard)), (j, (other_value, other_guard)) = first, second
    values = (
        f"with the same value {_text(value)}"
        if value == other_value
        else f"with the values {_text(value)} and {_text(other_value)}"
    )
    return (
        f"the guards {_text(guard)} (case {i + 1}) and {_text(other_guard)} (case {j + 1}) "
        f"both hold on a common region, {values}: the cases of an answer must not overlap, "
        "each region needs exactly one row"
    )


def _regions(guards: list[sympy.Basic]) -> list[sympy.Set] | str:
    """Each guard's region, in its one variable or its one linear form; or why not."""
    relations = set().union(*(guard.atoms(Relational) for guard in guards))
    symbols = set().union(*(guard.free_symbols for guard in guards))
    if any(symbol.is_real is not True for symbol in symbols):
        return "a guard's variable is not known to be real"
    if len(symbols) == 1:
        (variable,) = symbols
        return [case_region(guard, variable) for guard in guards]
    form = _one_linear_form(relations, sorted(symbols, key=str))
    if form is None:
        return "the guards compare more than one variable, not through one linear expression"
    return [case_region(guard.xreplace(form), _FORM) for guard in guards]


_FORM = sympy.Dummy("u", real=True)


def _one_linear_form(
    relations: set[Relational], symbols: list[sympy.Symbol]
) -> dict[sympy.Basic, sympy.Basic] | None:
    """Each relation rewritten as ``u op c`` for one common linear form u of the symbols
    (``x_1 − x_2``), or None when the relations are not all about one such form."""
    rewritten: dict[sympy.Basic, sympy.Basic] = {}
    direction: list[sympy.Expr] | None = None
    for relation in relations:
        difference = sympy.expand(relation.lhs - relation.rhs)
        if not difference.is_polynomial(*symbols):
            return None
        polynomial = sympy.Poly(difference, *symbols)
        if polynomial.total_degree() > 1:
            return None
        slopes = [polynomial.coeff_monomial(symbol) for symbol in symbols]
        constant = polynomial.coeff_monomial(1)
        if not all(c.is_Rational for c in (*slopes, constant)) or not any(slopes):
            return None
        if direction is None:
            direction = slopes
        pivot = next(k for k, slope in enumerate(direction) if slope != 0)
        scale = slopes[pivot] / direction[pivot]
        if scale == 0 or any(s != scale * d for s, d in zip(slopes, direction, strict=True)):
            return None
        operator = relation.rel_op if scale > 0 else _FLIPPED[relation.rel_op]
        rewritten[relation] = sympy.Rel(_FORM, -constant / scale, operator)
    return rewritten


def _text(expression: sympy.Basic) -> str:
    return sympy.sstr(expression)


_INTERVALS = {
    ">": lambda c: sympy.Interval.open(c, sympy.oo),
    ">=": lambda c: sympy.Interval(c, sympy.oo),
    "<": lambda c: sympy.Interval.open(-sympy.oo, c),
    "<=": lambda c: sympy.Interval(-sympy.oo, c),
    "==": lambda c: sympy.FiniteSet(c),
    "!=": lambda c: sympy.Reals - sympy.FiniteSet(c),
}
_FLIPPED = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "==", "!=": "!="}


def case_region(condition: sympy.Basic, variable: sympy.Symbol) -> sympy.Set:
    """Where a piece's condition holds. ``x > 0`` and friends, and their and/or, directly (the
    usual case, and SymPy's general ``as_set`` costs far more); anything else by ``as_set``."""
    if condition is sympy.true:
        return sympy.Reals
    if isinstance(condition, sympy.And | sympy.Or):
        parts = [case_region(argument, variable) for argument in condition.args]
        combine = sympy.Intersection if isinstance(condition, sympy.And) else sympy.Union
        return combine(*parts)
    if isinstance(condition, Relational):
        operator = condition.rel_op
        left, right = condition.lhs, condition.rhs
        if right == variable and left.is_number:
            left, right, operator = right, left, _FLIPPED[operator]
        if left == variable and right.is_number and right.is_real and operator in _INTERVALS:
            return _INTERVALS[operator](right)
    return condition.as_set()
