"""A derivative still to be taken, written as a link of a chain, has that derivative as value."""

from __future__ import annotations

import sympy

from symderive.check.claim import Link
from symderive.check.operator_links import NAME_IN_CHAIN, applied_derivative, unapplied
from symderive.errors import SourceLocation
from symderive.parsing.names import make_symbol
from symderive.parsing.notation import DerivativeNotation

x3 = make_symbol("x3")


def test_an_applied_operator_is_its_derivative() -> None:
    notation = DerivativeNotation(None, variable="x3", expression=-3 * x3**2)
    assert applied_derivative(notation) == -6 * x3


def test_a_bare_name_has_no_value() -> None:
    assert applied_derivative(DerivativeNotation("z", variable="x3")) is None


def test_a_variable_the_expression_lacks_gives_zero() -> None:
    notation = DerivativeNotation(None, variable="x1", expression=-3 * x3**2)
    assert applied_derivative(notation) == 0


def test_a_last_link_loses_its_value() -> None:
    link = Link(SourceLocation("f.md", 2, 8), "d/dx3 (-3 x3^2)", sympy.Integer(0))
    changed = unapplied(link)
    assert changed.value is None and changed.error is not None
    assert changed.error.message == NAME_IN_CHAIN and changed.error.location == link.location
