"""Second partial derivatives (the Hessian), for problems with ``order: 2``.

Each second partial is derived by the same rule engine, differentiating a first partial again,
so its steps are data like the first ones. ∂²f/∂x∂y and ∂²f/∂y∂x are one target: both orders
are derived and checked equal (Schwarz), and both against ``sympy.diff`` taken twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import sympy

from symderive.budget import within_budget
from symderive.derive.differentiate import derive
from symderive.derive.steps import Caveat, Derivation
from symderive.derive.verify import check_equal
from symderive.functions import to_native

VALUE_SECONDS = 2.0
"""Simplifying one second partial's value at the point; past it the value is shown unsimplified."""


@dataclass(frozen=True)
class SecondPartial:
    """∂²f/∂first∂second: ∂f/∂first differentiated by ``second`` (the same variable for a pure
    one). ``swapped`` is the mixed partial derived the other way round, checked equal; ``value``
    is its value at the problem's point, None without a point, where it is not a real number,
    or on a kink (``undefined_at_point``: a step's derivative taken at its jump)."""

    first: sympy.Symbol
    second: sympy.Symbol
    derivation: Derivation
    swapped: Derivation | None = None
    value: sympy.Expr | None = None
    undefined_at_point: bool = False

    @property
    def mixed(self) -> bool:
        return self.first != self.second

    @property
    def result(self) -> sympy.Expr:
        return self.derivation.result

    @property
    def notes(self) -> tuple[Caveat, ...]:
        """The caveats of both derivations (a kink met again: 0 away from it, undefined at it)."""
        found = [*self.derivation.notes, *(self.swapped.notes if self.swapped else ())]
        return tuple(dict.fromkeys(found))


def second_partial_name(result_name: str, first: sympy.Symbol, second: sympy.Symbol) -> str:
    """The plain-text name of a second partial: ``d2f/dxdx``, ``d2f/dxdy``."""
    return f"d2{result_name}/d{first.name}d{second.name}"


def derive_second_partials(
    expression: sympy.Expr,
    first_partials: Mapping[sympy.Symbol, Derivation],
    wrt: tuple[sympy.Symbol, ...],
    at: Mapping[sympy.Symbol, sympy.Rational] | None,
    kinks_at_point: tuple[sympy.Expr, ...] = (),
) -> tuple[SecondPartial, ...]:
    """Every second partial by the variables of ``wrt``, in their order: ∂²/∂x², ∂²/∂x∂y, …"""
    found = []
    for index, first in enumerate(wrt):
        for second in wrt[index:]:
            found.append(
                _second_partial(expression, first_partials, first, second, at, kinks_at_point)
            )
    return tuple(found)


def _second_partial(
    expression: sympy.Expr,
    first_partials: Mapping[sympy.Symbol, Derivation],
    first: sympy.Symbol,
    second: sympy.Symbol,
    at: Mapping[sympy.Symbol, sympy.Rational] | None,
    kinks_at_point: tuple[sympy.Expr, ...],
) -> SecondPartial:
    derivation = derive(first_partials[first].result, second)
    native = to_native(derivation.result)
    check_equal(
        sympy.diff(to_native(expression), first, second),
        native,
        f"the second partial by {first} and {second} against sympy.diff",
    )
    swapped = None
    if first != second:
        swapped = derive(first_partials[second].result, first)
        check_equal(
            to_native(swapped.result), native, f"∂²/∂{first}∂{second} against ∂²/∂{second}∂{first}"
        )
    partial = SecondPartial(first, second, derivation, swapped)
    if at is None:
        return partial
    if kinks_at_point and Caveat.STEP_JUMP in partial.notes:  # a step's derivative, at its jump
        return replace(partial, undefined_at_point=True)
    return replace(partial, value=_value_at(derivation.result, at))


def _value_at(result: sympy.Expr, at: Mapping[sympy.Symbol, sympy.Rational]) -> sympy.Expr | None:
    """The exact value at the point, None where it is not a real number."""
    exact = to_native(result).xreplace(dict(at))
    value, _ = within_budget(lambda: sympy.simplify(exact), VALUE_SECONDS, exact)
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.is_real is False:
        return None
    return value
