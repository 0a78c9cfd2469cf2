"""Derivative names written inline, as a product with a slash: ``dz/dx_1``, ``(dz)/(dx_1)``,
``\\partial z/\\partial x``, and the operator ``d/dx (…)`` applied to what follows it.

A product is a flat list of factors (``readings.py``), so these are recognised on that list
before it is multiplied out. Multiplying first would cancel the differentials' d's and read
``(dz)/(dx_4)`` as z/x₄ and ``d/dx_1 (x_1^2)`` as x₁³, silently; so a product that has a d (or ∂)
on both sides of a slash and is none of these names is refused (``cancelled_differentials``).
"""

from __future__ import annotations

import sympy

from symderive.parsing.notation import (
    DIFFERENTIAL,
    PARTIAL,
    DerivativeNotation,
    Operator,
    leibniz,
)
from symderive.parsing.readings import Operand

_MARKERS = (DIFFERENTIAL, PARTIAL)


def inline_notation(first: object, tail: tuple[Operand, ...]) -> DerivativeNotation | None:
    """The derivative a product names, or None when it names none."""
    operators = tuple(operator for operator, _, _ in tail)
    operands = tuple(operand for _, operand, _ in tail)
    if first in _MARKERS:
        # dz/dx_1: d · z / d · x_1
        if operators == ("*", "/", "*") and operands[1] == first:
            return leibniz(first * operands[0], first * operands[2])
        # d/dx_1 (…): d / d · x_1 · what it applies to
        if operators[:2] == ("/", "*") and operands[0] == first:
            variable = operands[1]
            if isinstance(variable, sympy.Symbol) and variable not in _MARKERS:
                applied = Operator(variable.name, partial=first == PARTIAL)
                return _applied(applied, tail[2:])
        return None
    # (dz)/(dx_1): one group over another
    if operators == ("/",) and isinstance(first, sympy.Basic):
        return leibniz(first, operands[0])
    return None


def _applied(operator: Operator, tail: tuple[Operand, ...]) -> DerivativeNotation | None:
    """``d/dx`` applied to the rest of its product; None when nothing (or a division) follows,
    which ``cancelled_differentials`` then refuses."""
    if not tail or any(operator_symbol != "*" for operator_symbol, _, _ in tail):
        return None
    if any(isinstance(operand, DerivativeNotation | Operator) for _, operand, _ in tail):
        return None
    return DerivativeNotation(
        None,
        variable=operator.variable,
        partial=operator.partial,
        expression=sympy.Mul(*(operand for _, operand, _ in tail)),
    )


def cancelled_differentials(first: object, tail: tuple[Operand, ...]) -> bool:
    """Whether a d (or ∂) stands both before and after one slash of the product: a derivative's
    name that was not understood, which multiplying out would cancel."""
    before = [first]
    for operator, operand, _ in tail:
        if operator == "/" and any(
            _carries(side, marker) and _carries(operand, marker)
            for marker in _MARKERS
            for side in before
        ):
            return True
        before.append(operand)
    return False


def _carries(value: object, marker: sympy.Symbol) -> bool:
    if not isinstance(value, sympy.Basic):
        return False
    factors = sympy.Mul.make_args(value)
    return any(f == marker or (f.is_Pow and f.base == marker) for f in factors)
