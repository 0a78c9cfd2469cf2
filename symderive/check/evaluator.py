"""Expressions turned into Python functions for NumPy or mpmath, without generating source code.

The screen evaluates every target, answer and likely mistake at many points, in NumPy, and a
few of them again exactly, in mpmath. SymPy's ``lambdify`` prints each expression as Python
source and compiles it: about 4 ms an expression, most of a check's time. Here each node becomes
a closure over its children's closures instead, with the same meaning as ``lambdify``'s printers
(checked against it in ``tests/check/test_evaluator.py``): exact constants are made at call time,
under the caller's working precision, and a guard no row satisfies gives NaN (NumPy) or None
(mpmath). A node this module does not know raises ``Unsupported``; the caller then uses
``lambdify``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import mpmath
import numpy
import sympy
from sympy.core.relational import Relational

Values = Sequence[Any]
Node = Callable[[Values], Any]


class Unsupported(Exception):
    """A node with no closure here (the caller falls back to ``lambdify``)."""


def _reciprocal(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """1/f, with no value where f is exactly 0: coth(±0) is a pole, and 1/±0 = ±inf would let
    tanh(coth(0)) come out as ±1 where the expression has no value at all."""

    def reciprocal(value: Any) -> Any:
        denominator = function(value)
        with numpy.errstate(divide="ignore", invalid="ignore"):
            return numpy.where(denominator == 0, numpy.nan, 1 / denominator)

    return reciprocal


_ERF = numpy.vectorize(math.erf, otypes=[float])
_ERFC = numpy.vectorize(math.erfc, otypes=[float])

_NUMPY_FUNCTIONS: dict[type, Callable[[Any], Any]] = {
    sympy.exp: numpy.exp,
    sympy.log: numpy.log,
    sympy.sin: numpy.sin,
    sympy.cos: numpy.cos,
    sympy.tan: numpy.tan,
    sympy.sinh: numpy.sinh,
    sympy.cosh: numpy.cosh,
    sympy.tanh: numpy.tanh,
    sympy.asin: numpy.arcsin,
    sympy.acos: numpy.arccos,
    sympy.atan: numpy.arctan,
    sympy.asinh: numpy.arcsinh,
    sympy.acosh: numpy.arccosh,
    sympy.atanh: numpy.arctanh,
    sympy.sec: _reciprocal(numpy.cos),
    sympy.csc: _reciprocal(numpy.sin),
    sympy.cot: _reciprocal(numpy.tan),
    sympy.sech: _reciprocal(numpy.cosh),
    sympy.csch: _reciprocal(numpy.sinh),
    sympy.coth: _reciprocal(numpy.tanh),
    sympy.Abs: numpy.abs,
    sympy.sign: numpy.sign,
    sympy.erf: _ERF,
    sympy.erfc: _ERFC,
}


def _exact_log(value: Any) -> Any:
    """mpmath's log, except at 0: its −∞ would flow on into finite values (sech(log 0) = 0)
    where the expression has none. The caller treats the error as SymPy's evalf's turn."""
    if value == 0:
        raise ZeroDivisionError("log(0)")
    return mpmath.log(value)


_MPMATH_FUNCTIONS: dict[type, Callable[[Any], Any]] = {
    sympy.exp: mpmath.exp,
    sympy.log: _exact_log,
    sympy.sin: mpmath.sin,
    sympy.cos: mpmath.cos,
    sympy.tan: mpmath.tan,
    sympy.sinh: mpmath.sinh,
    sympy.cosh: mpmath.cosh,
    sympy.tanh: mpmath.tanh,
    sympy.asin: mpmath.asin,
    sympy.acos: mpmath.acos,
    sympy.atan: mpmath.atan,
    sympy.asinh: mpmath.asinh,
    sympy.acosh: mpmath.acosh,
    sympy.atanh: mpmath.atanh,
    sympy.sec: mpmath.sec,
    sympy.csc: mpmath.csc,
    sympy.cot: mpmath.cot,
    sympy.sech: mpmath.sech,
    sympy.csch: mpmath.csch,
    sympy.coth: mpmath.coth,
    sympy.Abs: abs,
    sympy.sign: mpmath.sign,
    sympy.erf: mpmath.erf,
    sympy.erfc: mpmath.erfc,
}
_COMPARISONS: dict[str, tuple[Callable[[Any, Any], Any], Callable[[Any, Any], Any]]] = {
    ">": (numpy.greater, lambda a, b: a > b),
    ">=": (numpy.greater_equal, lambda a, b: a >= b),
    "<": (numpy.less, lambda a, b: a < b),
    "<=": (numpy.less_equal, lambda a, b: a <= b),
    "==": (numpy.equal, lambda a, b: a == b),
    "!=": (numpy.not_equal, lambda a, b: a != b),
}


@dataclass(frozen=True)
class _Backend:
    """What differs between NumPy (arrays of floats) and mpmath (one exact point)."""

    name: str
    functions: dict[type, Callable[[Any], Any]]
    exact: bool

    def constant(self, number: sympy.Expr) -> Node:
        if number.is_Integer:
            integer = int(number)
            return lambda values: integer
        if number.is_Rational:
            p, q = int(number.p), int(number.q)
            if self.exact:  # at call time: the caller's working precision
                return lambda values: mpmath.mpf(p) / q
            quotient = p / q
            return lambda values: quotient
        if number.is_Float:
            if self.exact:
                binary = number._mpf_
                return lambda values: mpmath.mpf(binary)
            floating = float(number)
            return lambda values: floating
        if number is sympy.pi:
            return (lambda values: mpmath.pi) if self.exact else (lambda values: numpy.pi)
        if number is sympy.E:
            return (lambda values: mpmath.e) if self.exact else (lambda values: numpy.e)
        if number is sympy.I:
            return (lambda values: mpmath.mpc(0, 1)) if self.exact else (lambda values: 1j)
        raise Unsupported(f"the constant {number}")


_NUMPY = _Backend("numpy", _NUMPY_FUNCTIONS, exact=False)
_MPMATH = _Backend("mpmath", _MPMATH_FUNCTIONS, exact=True)


def numpy_function(expression: sympy.Expr, variables: Sequence[sympy.Symbol]) -> Callable[..., Any]:
    """``f(*columns)``: the expression on NumPy arrays, as ``lambdify(..., "numpy")``."""
    return _function(expression, variables, _NUMPY)


def mpmath_function(
    expression: sympy.Expr, variables: Sequence[sympy.Symbol]
) -> Callable[..., Any]:
    """``f(*numbers)``: the expression in mpmath at the working precision, as
    ``lambdify(..., "mpmath")``."""
    return _function(expression, variables, _MPMATH)


def _function(
    expression: sympy.Expr, variables: Sequence[sympy.Symbol], backend: _Backend
) -> Callable[..., Any]:
    positions = {variable: position for position, variable in enumerate(variables)}
    root = _build(expression, positions, backend, {})
    return lambda *values: root(values)


def _build(
    node: sympy.Basic,
    positions: dict[sympy.Symbol, int],
    backend: _Backend,
    built: dict[sympy.Basic, Node],
) -> Node:
    """The closure of one node (shared subexpressions are built once)."""
    found = built.get(node)
    if found is None:
        found = built[node] = _new(node, positions, backend, built)
    return found


def _new(
    node: sympy.Basic,
    positions: dict[sympy.Symbol, int],
    backend: _Backend,
    built: dict[sympy.Basic, Node],
) -> Node:
    def child(argument: sympy.Basic) -> Node:
        return _build(argument, positions, backend, built)

    if isinstance(node, sympy.Symbol):
        if node not in positions:
            raise Unsupported(f"the symbol {node} is not a variable")
        position = positions[node]
        return lambda values: values[position]
    if node.is_Number or isinstance(node, sympy.NumberSymbol | sympy.core.numbers.ImaginaryUnit):
        return backend.constant(node)
    if isinstance(node, sympy.Add | sympy.Mul):
        return _fold(node, [child(argument) for argument in node.args])
    if isinstance(node, sympy.Pow):
        return _power(node, child, backend)
    function = backend.functions.get(type(node))
    if function is not None and len(node.args) == 1:
        inner = child(node.args[0])
        return lambda values: function(inner(values))
    if isinstance(node, sympy.Heaviside):
        at_zero = node.args[1] if len(node.args) > 1 else sympy.S.Half
        return _heaviside(child(node.args[0]), backend.constant(at_zero), backend)
    if isinstance(node, sympy.Max | sympy.Min):
        return _extremum(node, [child(argument) for argument in node.args], backend)
    if isinstance(node, sympy.Piecewise):
        return _piecewise(node, child, backend)
    raise Unsupported(f"{type(node).__name__} in {backend.name}")


def _fold(node: sympy.Basic, children: list[Node]) -> Node:
    first, rest = children[0], children[1:]
    if isinstance(node, sympy.Add):

        def add(values: Values) -> Any:
            total = first(values)
            for term in rest:
                total = total + term(values)
            return total

        return add

    def multiply(values: Values) -> Any:
        product = first(values)
        for factor in rest:
            product = product * factor(values)
        return product

    return multiply


def _power(node: sympy.Pow, child: Callable[[sympy.Basic], Node], backend: _Backend) -> Node:
    base = child(node.base)
    root = mpmath.sqrt if backend.exact else numpy.sqrt
    if node.exp == sympy.S.Half:
        return lambda values: root(base(values))
    if node.exp == -sympy.S.Half:
        return lambda values: 1 / root(base(values))
    exponent = child(node.exp)
    if backend.exact:  # 3 ** -1 in Python ints is a float: exact numbers stay in mpmath

        def exact_power(values: Values) -> Any:
            number = base(values)
            if isinstance(number, int):
                number = mpmath.mpf(number)
            return number ** exponent(values)

        return exact_power
    return lambda values: base(values) ** exponent(values)


def _heaviside(argument: Node, at_zero: Node, backend: _Backend) -> Node:
    if not backend.exact:
        return lambda values: numpy.heaviside(argument(values), at_zero(values))

    def step(values: Values) -> Any:
        value = argument(values)
        if value < 0:
            return 0
        return at_zero(values) if value == 0 else 1

    return step


def _extremum(node: sympy.Basic, children: list[Node], backend: _Backend) -> Node:
    largest = isinstance(node, sympy.Max)
    if backend.exact:
        pick = max if largest else min
        return lambda values: pick(*(argument(values) for argument in children))
    combine = numpy.maximum if largest else numpy.minimum
    return lambda values: functools.reduce(combine, [argument(values) for argument in children])


def _piecewise(
    node: sympy.Piecewise, child: Callable[[sympy.Basic], Node], backend: _Backend
) -> Node:
    rows = [(child(value), _condition(guard, child, backend)) for value, guard in node.args]
    if backend.exact:

        def first_holding(values: Values) -> Any:
            for value, guard in rows:
                if guard(values):
                    return value(values)
            return None

        return first_holding

    def selected(values: Values) -> Any:
        return numpy.select(
            [guard(values) for _, guard in rows],
            [value(values) for value, _ in rows],
            default=numpy.nan,
        )

    return selected


def _condition(guard: sympy.Basic, child: Callable[[sympy.Basic], Node], backend: _Backend) -> Node:
    if guard is sympy.true:
        return lambda values: True
    if guard is sympy.false:
        return lambda values: False
    if isinstance(guard, Relational) and guard.rel_op in _COMPARISONS:
        array, scalar = _COMPARISONS[guard.rel_op]
        compare = scalar if backend.exact else array
        left, right = child(guard.lhs), child(guard.rhs)
        return lambda values: compare(left(values), right(values))
    if isinstance(guard, sympy.And | sympy.Or | sympy.Not):
        parts = [_condition(argument, child, backend) for argument in guard.args]
        if isinstance(guard, sympy.Not):
            (part,) = parts
            return (
                (lambda values: not part(values))
                if backend.exact
                else (lambda values: numpy.logical_not(part(values)))
            )
        if backend.exact:
            every = isinstance(guard, sympy.And)
            return lambda values: (all if every else any)(part(values) for part in parts)
        logical = numpy.logical_and if isinstance(guard, sympy.And) else numpy.logical_or
        return lambda values: logical.reduce([part(values) for part in parts])
    raise Unsupported(f"the guard {guard}")
