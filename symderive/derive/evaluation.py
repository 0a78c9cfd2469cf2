"""The numeric pass: backprop at a point, checked against finite differences.

The forward values and the adjoints of the reverse sweep are evaluated at the point, and every
input's adjoint is compared with a central finite difference of the whole expression, computed
independently (custom functions are rewritten into SymPy's by ``to_native``, so our ``fdiff``
rules are not trusted).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import mpmath
import sympy

from symderive.derive.graph import ComputationalGraph, GraphNode
from symderive.errors import InputError
from symderive.functions import to_native
from symderive.parsing.names import natural_order

__all__ = ["EdgeEvaluation", "Evaluation", "FiniteDifferenceCheck", "evaluate"]

PRECISION = 50
"""Decimal digits for the numeric pass and the finite differences."""
RELATIVE_STEP = sympy.Rational(1, 10**12)
"""Finite-difference step h = 1e-12 · max(1, |x|): at 50 digits rounding error stays far below."""
MAX_EXTRA_DIGITS = 1_000
"""Extra digits the finite differences may use for a large f (exp(676) needs 294)."""
RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE = 1e-12
"""A check passes when |fd − adjoint| ≤ 1e-6·max(|fd|, |adjoint|) + 1e-12 (the floor for zeros)."""


@dataclass(frozen=True)
class EdgeEvaluation:
    """The numbers on one edge at a point: ∂target/∂source and what it passes down,
    ū(target)·∂target/∂source (the edge's contribution to ū(source))."""

    source: str
    target: str
    local_gradient: float
    contribution: float


@dataclass(frozen=True)
class FiniteDifferenceCheck:
    """A central difference (f(x+h) − f(x−h))/2h of the whole expression beside the adjoint.

    ``finite_difference`` is NaN when f cannot be evaluated at x ± h (a domain edge); ``note`` says
    why. ``passed``: |fd − adjoint| ≤ ``relative_tolerance``·max(|fd|, |adjoint|) + 1e-12.
    """

    variable: sympy.Symbol
    finite_difference: float
    adjoint: float
    step: float
    error: float
    relative_tolerance: float
    passed: bool
    note: str | None = None


@dataclass(frozen=True)
class Evaluation:
    """The forward and backward pass at one point, by node and input name.

    ``point`` holds the values as given (floats read as the decimals they were written as);
    ``values`` the forward values, ``adjoints`` the values of ū, ``edges`` every edge in sweep
    order, and ``checks`` the finite-difference check of each checked input.
    """

    graph: ComputationalGraph
    point: Mapping[sympy.Symbol, sympy.Expr]
    values: Mapping[str, float]
    adjoints: Mapping[str, float]
    edges: tuple[EdgeEvaluation, ...]
    checks: tuple[FiniteDifferenceCheck, ...]

    @property
    def output_value(self) -> float:
        return self.values[self.graph.output_name]

    @property
    def passed(self) -> bool:
        """Whether every finite-difference check agrees with its adjoint."""
        return all(check.passed for check in self.checks)

    def partial(self, variable: str | sympy.Symbol) -> float:
        """∂output/∂variable at the point."""
        return self.adjoints[variable if isinstance(variable, str) else variable.name]


def evaluate(
    graph: ComputationalGraph,
    point: Mapping[sympy.Symbol | str, sympy.Expr | float | int],
    *,
    finite_differences: Iterable[sympy.Symbol | str] | None = None,
) -> Evaluation:
    """Forward values, local gradients and adjoints at ``point``, with finite-difference checks.

    Keys of ``point`` may be symbols or names; extra keys are ignored. ``finite_differences``
    limits the checks to some inputs (default: all). Raises ``InputError`` when a variable has no
    value or the expression or one of its local derivatives is not defined (or not real) there.
    """
    exact = _read_point(graph, point)
    values: dict[str, sympy.Expr] = {
        symbol.name: sympy.Float(exact[symbol], PRECISION) for symbol in graph.inputs
    }
    symbols = {symbol.name: symbol for symbol in graph.inputs}
    symbols.update({node.name: node.symbol for node in graph.nodes})
    for node in graph.nodes:
        local = {symbols[name]: values[name] for name in node.inputs}
        value = _number(node.operation.xreplace(local))
        if value is None:
            raise InputError(
                f"the expression is not defined at {_describe(node.expression, exact)}: "
                f"{_reason(node, local)} in {node.name} = {node.operation}"
            )
        values[node.name] = value

    adjoints: dict[str, sympy.Expr] = {name: sympy.Integer(0) for name in values}
    adjoints[graph.output_name] = sympy.Integer(1)
    edges: list[EdgeEvaluation] = []
    for node in reversed(graph.nodes):
        local = {symbols[name]: values[name] for name in node.inputs}
        for edge in node.edges:
            slope = _number(edge.local_gradient.xreplace(local))
            if slope is None:
                raise InputError(
                    f"the derivative is not defined at {_describe(node.expression, exact)}: "
                    f"∂{node.name}/∂{edge.source} = {edge.local_gradient} is not a finite real "
                    f"number there ({node.name} = {node.operation})"
                )
            contribution = adjoints[node.name] * slope
            adjoints[edge.source] += contribution
            edges.append(EdgeEvaluation(edge.source, node.name, float(slope), float(contribution)))

    checked = graph.inputs if finite_differences is None else _checked(graph, finite_differences)
    checks = _finite_differences(graph, exact, checked, adjoints, values[graph.output_name])
    return Evaluation(
        graph=graph,
        point=exact,
        values={name: float(value) for name, value in values.items()},
        adjoints={name: float(value) for name, value in adjoints.items()},
        edges=tuple(edges),
        checks=checks,
    )


def _read_point(
    graph: ComputationalGraph, point: Mapping[sympy.Symbol | str, sympy.Expr | float | int]
) -> dict[sympy.Symbol, sympy.Expr]:
    by_name = {key if isinstance(key, str) else key.name: value for key, value in point.items()}
    missing = [symbol.name for symbol in graph.inputs if symbol.name not in by_name]
    if missing:
        listed = ", ".join(missing)
        plural = "s" if len(missing) > 1 else ""
        raise InputError(f"no value given for the variable{plural} {listed}")
    exact: dict[sympy.Symbol, sympy.Expr] = {}
    for symbol in graph.inputs:
        raw = by_name[symbol.name]
        if isinstance(raw, float):
            if not math.isfinite(raw):
                raise InputError(f"the value of {symbol.name} must be a finite number, not {raw}")
            value: sympy.Expr = sympy.Rational(repr(raw))  # 0.1 means 1/10, as written
        elif isinstance(raw, int):
            value = sympy.Integer(raw)
        elif isinstance(raw, sympy.Expr):
            value = raw
        else:  # never text: a string would need parsing, and strings are the parser's job
            raise InputError(f"the value of {symbol.name} must be a number, not {raw!r}")
        number = _number(value)
        if number is None:
            raise InputError(f"the value of {symbol.name} must be a finite real number, not {raw}")
        exact[symbol] = value
    return exact


def _checked(
    graph: ComputationalGraph, variables: Iterable[sympy.Symbol | str]
) -> tuple[sympy.Symbol, ...]:
    names = {variable if isinstance(variable, str) else variable.name for variable in variables}
    unknown = names - {symbol.name for symbol in graph.inputs}
    if unknown:
        raise InputError(f"not a variable of the expression: {', '.join(sorted(unknown))}")
    return tuple(symbol for symbol in graph.inputs if symbol.name in names)


def _number(expression: sympy.Expr) -> sympy.Expr | None:
    """The value as a finite real number at full precision, or None when it is not one."""
    value = expression.evalf(PRECISION) if not expression.is_Rational else expression
    if value.is_Number and value.is_extended_real and value.is_finite:
        return value
    return None


def _describe(expression: sympy.Expr, point: Mapping[sympy.Symbol, sympy.Expr]) -> str:
    """``x3 = 0`` for the variables the failing part depends on (at most six)."""
    used = natural_order(expression.free_symbols)
    shown = ", ".join(f"{symbol.name} = {point[symbol]}" for symbol in used[:6])
    return shown + (", …" if len(used) > 6 else "")


def _reason(node: GraphNode, local: Mapping[sympy.Symbol, sympy.Expr]) -> str:
    """Why an operation has no real value: division by zero, logarithm or root of a negative…"""
    operation = node.operation
    arguments = [argument.xreplace(local) for argument in operation.args]
    if isinstance(operation, sympy.Pow):
        base, exponent = (_number(argument) for argument in arguments)
        if base is not None and exponent is not None:
            if base == 0 and exponent < 0:
                return "division by zero"
            if base < 0 and not exponent.is_integer:
                return "a root (fractional power) of a negative number"
    if isinstance(operation, sympy.log) and (value := _number(arguments[0])) is not None:
        return "logarithm of zero" if value == 0 else "logarithm of a negative number"
    value = operation.xreplace(local).evalf(PRECISION)
    if value.has(sympy.zoo, sympy.oo, sympy.S.NegativeInfinity):
        return "the value is infinite"
    if value.has(sympy.nan):
        return "the value is undefined"
    return f"{type(operation).__name__.lower()} has no real value there"


def _finite_differences(
    graph: ComputationalGraph,
    point: Mapping[sympy.Symbol, sympy.Expr],
    variables: tuple[sympy.Symbol, ...],
    adjoints: Mapping[str, sympy.Expr],
    output_value: sympy.Expr,
) -> tuple[FiniteDifferenceCheck, ...]:
    if not variables:
        return ()
    function = sympy.lambdify(graph.inputs, to_native(graph.expression), modules="mpmath")
    checks: list[FiniteDifferenceCheck] = []
    # The rounding error of a central difference is about |f|·10^-digits / h: large values of f
    # (exp(676) at a Q3 point) need more digits for the difference to keep 30 significant ones.
    magnitude = 0 if output_value == 0 else int(mpmath.log10(abs(_mpf(output_value))))
    if magnitude > MAX_EXTRA_DIGITS:  # exp(x1) at x1 = 10^6 asked for 434,324 digits: a hang
        raise InputError(
            f"at this point {graph.output_name} is about 10^{magnitude:,}, too large to check by "
            f"finite differences (at most about 10^{MAX_EXTRA_DIGITS:,}); choose a smaller point"
        )
    with mpmath.workdps(PRECISION + max(0, magnitude)):
        base = [_mpf(point[symbol]) for symbol in graph.inputs]
        for symbol in variables:
            index = graph.inputs.index(symbol)
            step = _mpf(RELATIVE_STEP) * max(mpmath.mpf(1), abs(base[index]))
            adjoint = _mpf(adjoints[symbol.name])
            note = None
            try:
                above = function(*_moved(base, index, step))
                below = function(*_moved(base, index, -step))
                estimate = (above - below) / (2 * step)
                if not mpmath.isfinite(estimate) or mpmath.im(estimate) != 0:
                    raise ValueError("not a finite real number")
                difference = mpmath.re(estimate)
            except (ValueError, ZeroDivisionError, TypeError, OverflowError) as error:
                difference, note = mpmath.mpf("nan"), f"f(x ± h) cannot be evaluated: {error}"
            error_size = abs(difference - adjoint)
            allowed = RELATIVE_TOLERANCE * max(abs(difference), abs(adjoint)) + ABSOLUTE_TOLERANCE
            checks.append(
                FiniteDifferenceCheck(
                    variable=symbol,
                    finite_difference=float(difference),
                    adjoint=float(adjoint),
                    step=float(step),
                    error=float(error_size),
                    relative_tolerance=RELATIVE_TOLERANCE,
                    passed=bool(note is None and error_size <= allowed),
                    note=note,
                )
            )
    return tuple(checks)


def _mpf(value: sympy.Expr) -> mpmath.mpf:
    if value.is_Rational:
        return mpmath.mpf(int(value.p)) / int(value.q)
    return mpmath.mpf(str(sympy.Float(value, PRECISION)))


def _moved(values: list[mpmath.mpf], index: int, step: mpmath.mpf) -> list[mpmath.mpf]:
    moved = list(values)
    moved[index] = moved[index] + step
    return moved
