"""A value that uses a name neither the problem nor the answer defines: ``∂z/∂x₁ = y`` in q3.

Compared as it stands, such a value is refuted at some value of ``y``, which says nothing the
student can act on: the derivative is not a function of ``y`` at all. The claim is not accepted,
and the verdict names the stranger instead. A name the answer defines (``u = x₂ − 4``) is
written out before this is asked, and a value equal to the derivative whatever the name stands
for is accepted as it is.
"""

from __future__ import annotations

import sympy

from symderive.check.kinds import checks_for
from symderive.check.targets import Target
from symderive.parsing.names import natural_order
from symderive.solve import Solution


def _known(target: Target, solution: Solution | None) -> dict[str, sympy.Symbol]:
    """The problem's names (its function's, its variables', its derivative's) by name."""
    symbols = [*target.variables, *target.correct.free_symbols]
    own = checks_for(solution.problem.kind).own_function(solution) if solution else None
    if own is not None:
        symbols += own.expression.free_symbols
    symbols += [symbol for symbol, _ in target.fixed]
    return {symbol.name: symbol for symbol in symbols if isinstance(symbol, sympy.Symbol)}


def undefined_names(value: sympy.Basic, target: Target, solution: Solution | None) -> list[str]:
    """The names in ``value`` that are none of the problem's, in natural order (x2 before
    x10)."""
    known = _known(target, solution)
    strangers = [s for s in value.free_symbols if isinstance(s, sympy.Symbol)]
    return [symbol.name for symbol in natural_order(strangers) if symbol.name not in known]


MAX_SPLIT_NAME = 24
"""Longer names are not split (the number of ways to cut a name grows with its length)."""


def name_splits(name: str, known: dict[str, sympy.Symbol]) -> list[list[str]]:
    """Every way to write ``name`` as the problem's names one after another (at most two)."""
    found: list[list[str]] = []

    def cut(rest: str, parts: list[str]) -> None:
        if len(found) > 1:
            return
        if not rest:
            found.append(parts)
            return
        for known_name in known:
            if rest.startswith(known_name):
                cut(rest[len(known_name) :], [*parts, known_name])

    if len(name) <= MAX_SPLIT_NAME:
        cut(name, [])
    return found


def split_into_variables(
    value: sympy.Expr, names: list[str], target: Target, solution: Solution | None
) -> tuple[sympy.Expr, str] | None:
    """``2xy`` in plain text, where x and y are the problem's variables and xy is no name of
    it: the value with each such name read as the product of its parts, and the reading in
    words; None unless every stranger splits in exactly one way into two or more names."""
    known = _known(target, solution)
    replacements: dict[sympy.Basic, sympy.Expr] = {}
    readings = []
    by_name = {s.name: s for s in value.free_symbols if isinstance(s, sympy.Symbol)}
    for name in names:
        splits = name_splits(name, known)
        if len(splits) != 1 or len(splits[0]) < 2:
            return None
        parts = splits[0]
        replacements[by_name[name]] = sympy.Mul(*(known[part] for part in parts))
        readings.append(f"{name} as {'·'.join(parts)}")
    reading = (
        f"read {', '.join(readings)}: the problem has no name {', '.join(names)}, so it is "
        "taken as a product of its variables"
    )
    return value.xreplace(replacements), reading


def undefined_note(names: list[str]) -> str:
    """What the verdict says of them: ``uses y, which the problem does not define``."""
    return (
        f"uses {', '.join(names)}, which the problem does not define (nor does the answer): "
        "not accepted"
    )
