"""A derivative written out as a link of a chain: ``dz/dx3 = d/dx3 (-3 x3^2) = -6 x3``.

The middle link is a derivative still to be taken; its value is that derivative, so the chain
can be checked link by link. A bare name (``dz/dx3``) in the middle has no value, and neither
may the last link: a chain that ends in ``d/dx3 (…)`` only restates the question, so its claim
is reported unreadable rather than proved by the checker's own differentiation.
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from symderive.check.claim import Link
from symderive.errors import ExpressionError
from symderive.parsing.derivative_names import NAME_NOT_ALONE
from symderive.parsing.names import make_symbol
from symderive.parsing.notation import DerivativeNotation

NAME_IN_CHAIN = "a derivative's name in the middle of a chain cannot be checked; write its value"


def applied_derivative(notation: DerivativeNotation) -> sympy.Basic | None:
    """The value of ``d/dx3 (-3 x3^2)``: the derivative itself; None for a bare name.

    The parsed expression is bounded in size and depth, so ``diff`` is cheap (the chain rule
    grows an expression by a factor per level, never by a power).
    """
    if notation.expression is None or notation.variable is None or notation.order != 1:
        return None
    expression = notation.expression
    symbol = next(
        (s for s in expression.free_symbols if getattr(s, "name", None) == notation.variable),
        make_symbol(notation.variable),
    )
    return sympy.diff(expression, symbol)


def unapplied(link: Link) -> Link:
    """The last link of a chain written as a derivative still to be taken: no value."""
    return replace(link, value=None, error=ExpressionError(NAME_IN_CHAIN, link.location))


def chain_rule_written_out(error: ExpressionError) -> bool:
    """A side that names derivatives (the chain rule written out), not one that is unreadable."""
    return error.message in (NAME_IN_CHAIN, NAME_NOT_ALONE)
