"""Derivative names: the grammar rules that build them (``DerivativeNameRules``, part of the
LaTeX builder), and the names written inline, as a product with a slash: ``dz/dx_1``,
``(dz)/(dx_1)``, ``\\partial z/\\partial x``, and the operator ``d/dx (…)`` applied to what
follows it.

A product is a flat list of factors (``readings.py``), so these are recognised on that list
before it is multiplied out. Multiplying first would cancel the differentials' d's and read
``(dz)/(dx_4)`` as z/x₄ and ``d/dx_1 (x_1^2)`` as x₁³, silently; so a product that has a d (or ∂)
on both sides of a slash and is none of these names is refused (``cancelled_differentials``).
"""

from __future__ import annotations

from typing import TypeAlias

import sympy
from lark import Token, Transformer, v_args

from symderive.errors import ExpressionError
from symderive.parsing.latex_source import UnicodeFolding, error_at
from symderive.parsing.names import normalise_name
from symderive.parsing.notation import (
    DIFFERENTIAL,
    PARTIAL,
    DerivativeNotation,
    Operator,
    leibniz,
    second_order_variables,
)
from symderive.parsing.primed_functions import AtKink, derivative_value
from symderive.parsing.readings import Operand

Side: TypeAlias = sympy.Basic | DerivativeNotation
NAME_NOT_ALONE = "a derivative's name must stand alone on its side of '='"
"""Said of a side that writes the chain rule out (∂z/∂u · ∂u/∂x): a step that is not checked."""

_MARKERS = (DIFFERENTIAL, PARTIAL)
_SQUARED_MARKERS = (DIFFERENTIAL**2, PARTIAL**2)


def inline_notation(first: object, tail: tuple[Operand, ...]) -> DerivativeNotation | None:
    """The derivative a product names, or None when it names none."""
    operators = tuple(operator for operator, _, _ in tail)
    operands = tuple(operand for _, operand, _ in tail)
    if first in _SQUARED_MARKERS:
        return _second_order_inline(first, operators, operands, tail)
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


def _second_order_inline(
    first: sympy.Basic,
    operators: tuple[str, ...],
    operands: tuple[object, ...],
    tail: tuple[Operand, ...],
) -> DerivativeNotation | None:
    """``d^2z/dx^2``, ``∂^2z/∂x∂y`` (numerator, slash, the rest a product below), and the
    operator ``d^2/dx^2 (…)`` applied to what follows it (one variable, squared)."""
    marker = first.base
    if len(operators) >= 3 and operators[:2] == ("*", "/") and set(operators[2:]) == {"*"}:
        below = operands[1:]
        if below[0] == marker and all(isinstance(o, sympy.Basic) for o in below):
            return leibniz(first * operands[0], sympy.Mul(*below))
        return None
    if len(operators) >= 3 and operators[:2] == ("/", "*") and operands[0] == marker:
        variable = operands[1]
        if (
            isinstance(variable, sympy.Pow)
            and variable.exp == 2
            and isinstance(variable.base, sympy.Symbol)
        ):
            applied = Operator(variable.base.name, partial=marker == PARTIAL, order=2)
            return _applied(applied, tail[2:])
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
        order=operator.order,
        expression=sympy.Mul(*(operand for _, operand, _ in tail)),
        second_variable=operator.second_variable,
    )


def _valued(value: Side, primed: set[str]) -> Side:
    """``ReLU'(u)`` inside a formula as the derivative's value, its function's name added to
    ``primed``; anything else as it is."""
    if isinstance(value, DerivativeNotation):
        derivative = derivative_value(value)
        if derivative is not None:
            primed.add(value.function or "")
            return derivative
    return value


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


@v_args(inline=True)
class DerivativeNameRules(Transformer):
    """The LaTeX builder's rules for derivative names and its error helpers (its base class:
    Lark calls them on the builder, one method per grammar rule)."""

    folding: UnicodeFolding
    primed: set[str]
    """The functions a primed value was read for (``ReLU`` of ``v ReLU'(u) x``), however it was
    written (``\\sigma'\\,(x)``, ``\\boxed{\\sigma}'(x)``): what the value uses, as the parser
    saw it, for ``check/own_derivative``."""

    def partial_operator(self, _token: Token, variable: str) -> Operator:
        """``\\partial_{x_2}``: the operator, applied to the rest of its product."""
        return Operator(normalise_name(variable), partial=True)

    def partial_subscript(
        self, _underscore: Token, name: Token, subscript: str | None = None
    ) -> str:
        text = str(name).lstrip("\\")
        return f"{text}_{subscript}" if subscript else text

    def function_leibniz(self, command: Token, top: Token, bottom: Side) -> DerivativeNotation:
        """``\\frac{d\\sigma}{dx}``: a function's name on top, written as its command;
        ``\\frac{d^2\\sigma}{dx^2}`` (order 2)."""
        partial = str(top).startswith("\\partial")
        name = str(top).split("\\")[-1].strip()
        marker = PARTIAL if partial else DIFFERENTIAL
        if "^" in str(top):
            below = second_order_variables(bottom, marker)
            if below is None:
                message = "this derivative's name needs two variables below, as in "
                raise self._at(command, message + "\\frac{d^2\\sigma}{dx^2}")
            return DerivativeNotation(
                name, variable=below[0], partial=partial, order=2, second_variable=below[1]
            )
        factors = sympy.Mul.make_args(bottom) if isinstance(bottom, sympy.Basic) else ()
        variables = [f for f in factors if f != marker]
        if len(factors) != 2 or marker not in factors or not isinstance(variables[0], sympy.Symbol):
            raise self._at(command, "expected the variable below, as in \\frac{d\\sigma}{dx}")
        return DerivativeNotation(name, variable=variables[0].name, partial=partial)

    def prime_notation(
        self,
        head: object,
        primes: Token,
        argument: sympy.Basic | None = None,
        subscript: str | None = None,
    ) -> DerivativeNotation:
        """``f'(x)``, ``swish'(x)``, ``\\sigma'(z)_j``, and ``y'`` with no argument."""
        if isinstance(head, tuple):
            name = head[0]
        elif isinstance(head, Token):
            name = normalise_name(str(head))
        elif isinstance(head, sympy.Symbol):
            name = head.name
        else:
            raise self._at(primes, "a prime must follow a function's name, as in f'(x)")
        return DerivativeNotation(name, argument=argument, index=subscript, order=len(primes))

    def _apply_operator(self, operator: Operator, tail: tuple[Operand, ...]) -> DerivativeNotation:
        """``\frac{d}{dx} f(x)``: the operator applies to the rest of its product."""
        if not tail or any(symbol != "*" for symbol, _, _ in tail):
            raise error_at(
                self.folding, 0, "\\frac{d}{dx} must be followed by what it differentiates"
            )
        operands = [operand for _, operand, _ in tail]
        self._no_notation(*operands)
        return DerivativeNotation(
            None,
            variable=operator.variable,
            partial=operator.partial,
            order=operator.order,
            expression=sympy.Mul(*operands),
            second_variable=operator.second_variable,
        )

    def _values(self, *values: Side, token: Token | None = None) -> tuple[Side, ...]:
        """The values, a primed known function inside the formula read as its derivative's
        value (``primed_functions``); any other derivative's name there is an error."""
        try:
            read = tuple(_valued(value, self.primed) for value in values)
        except AtKink as kink:
            raise self._at(token, str(kink)) from None
        self._no_notation(*read, token=token)
        return read

    def _no_notation(self, *values: object, token: Token | None = None) -> None:
        for value in values:
            if isinstance(value, DerivativeNotation | Operator):
                raise self._at(token, NAME_NOT_ALONE)

    def _at(self, token: Token | None, message: str) -> ExpressionError:
        position = token.start_pos if token is not None and token.start_pos is not None else 0
        return error_at(self.folding, position, message)
