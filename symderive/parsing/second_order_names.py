"""Second derivatives named in plain text: ``d2f/dx2``, ``d^2f/dx^2``, ``d²f/dx²``, ``∂²f/∂x∂y``.

Plain text has no fraction, so these names are recognised whole, by one anchored regular
expression each (bounded, linear), and turned straight into a ``DerivativeNotation`` of order
2: never multiplied out, where d²·f/dx² would silently become a quotient of names. ``d2f/dx2``
(the digits standing for the squares) is read only with a one-letter variable, where ``x2`` is
not a variable's name.
"""

from __future__ import annotations

import re

from symderive.parsing.names import normalise_name
from symderive.parsing.notation import DerivativeNotation

_D = r"(d|∂)"
_SQUARE = r"(?:\^\s{0,3}2|\^\{2\}|²)"
_NAME = r"[A-Za-z](?:_\{?\w{1,20}\}?|\d{1,4})?"
_TOP = rf"\s{{0,3}}{_D}\s{{0,3}}(?:{_SQUARE}|2)\s{{0,3}}({_NAME})\s{{0,3}}/\s{{0,3}}"

_PURE = re.compile(
    rf"{_TOP}(?:\(\s{{0,3}})?{_D}\s{{0,3}}({_NAME})\s{{0,3}}(?:\)\s{{0,3}})?{_SQUARE}\s*"
)
"""``d^2f/dx^2``, ``∂²f/∂x²``, ``d^2f/(dx)^2``."""
_PURE_DIGIT = re.compile(rf"{_TOP}{_D}\s{{0,3}}([A-Za-z])2\s*")
"""``d2f/dx2``: the plain-text idiom, the 2s standing for the squares."""
_MIXED = re.compile(
    rf"{_TOP}{_D}\s{{0,3}}({_NAME})\s{{0,3}}[*·]?\s{{0,3}}{_D}\s{{0,3}}({_NAME})\s*"
)
"""``∂²f/∂x∂y``, ``d2f/dxdy``, ``d^2f/dx dy``."""


def plain_second_order(text: str) -> DerivativeNotation | None:
    """The second derivative ``text`` (a whole side) names, or None."""
    for pattern in (_PURE, _PURE_DIGIT):
        found = pattern.fullmatch(text)
        if found is not None and found.group(1) == found.group(3):
            return DerivativeNotation(
                normalise_name(found.group(2)),
                variable=normalise_name(found.group(4)),
                partial=found.group(1) == "∂",
                order=2,
            )
    found = _MIXED.fullmatch(text)
    if found is not None and len({found.group(1), found.group(3), found.group(5)}) == 1:
        first, second = sorted((normalise_name(found.group(4)), normalise_name(found.group(6))))
        return DerivativeNotation(
            normalise_name(found.group(2)),
            variable=first,
            partial=found.group(1) == "∂",
            order=2,
            second_variable=None if first == second else second,
        )
    return None
