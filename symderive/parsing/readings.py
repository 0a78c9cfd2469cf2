"""The two readings of a product with a division, shared by the plain and the LaTeX grammar.

``a / b c`` is ``(a/b)·c`` by ordinary precedence (the written reading, which is graded), and
``a/(b·c)`` as many readers mean it (the grouped reading): a division takes every factor
multiplied after it, up to the next division.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import sympy
from lark import Token

DivisionReading = Literal["written", "grouped"]
Operand = tuple[str, sympy.Basic, Token | None]
"""One factor after the first: its operator (``*`` or ``/``), value, and the operator's token."""

Divide = Callable[[sympy.Basic, sympy.Basic, Token | None], sympy.Basic]


def combine(
    first: sympy.Basic, tail: tuple[Operand, ...], reading: DivisionReading, divide: Divide
) -> sympy.Basic:
    """The product ``first · tail…`` in the given reading; ``divide`` refuses division by zero."""
    value, index = first, 0
    while index < len(tail):
        operator, operand, token = tail[index]
        index += 1
        if operator != "/":
            value = value * operand
            continue
        denominator = operand
        while reading == "grouped" and index < len(tail) and tail[index][0] != "/":
            denominator = denominator * tail[index][1]
            index += 1
        value = divide(value, denominator, token)
    return value
