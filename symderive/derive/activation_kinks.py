"""Kinks: where a function stops being differentiable, and its one-sided derivatives there.

Candidate points are where an argument of ReLU, |u|, H(u) or sign(u) vanishes, where two
arguments of max/min tie, or where a case split's condition switches; SymPy's ``solveset`` finds
them. At each, the piece active just beside the point on each side is selected (numerically, at
50 digits) and the one-sided derivative is SymPy's limit of its difference quotient.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

import sympy

from symderive.budget import within_budget
from symderive.derive.evaluation import PRECISION
from symderive.functions import relu, to_native

KINK_BUDGET_SECONDS = 2.0
MAX_KINKS = 8


class Convention(StrEnum):
    """What the frameworks take as the derivative at a kink (worded by the renderers)."""

    RELU_ZERO = "relu-zero"
    """relu'(0) = 0: the gradient passes only where x > 0."""
    LEAKY_SLOPE = "leaky-relu-slope"
    """The slope α at 0: the gradient is 1 only where x > 0."""
    ELU_ALPHA = "elu-alpha"
    """α at 0, PyTorch's x ≤ 0 branch."""


@dataclass(frozen=True)
class Kink:
    """A point where the derivative may not exist, with its one-sided derivatives.

    ``left``/``right`` are None when SymPy could not find the limit (or it is infinite);
    ``formula_value`` is what the derived formula gives there (a convention, such as H(0) = 1/2).
    """

    point: sympy.Expr
    left: sympy.Expr | None
    right: sympy.Expr | None
    formula_value: sympy.Expr | None
    convention: Convention | None

    @property
    def differentiable(self) -> bool:
        return self.left is not None and self.left == self.right

    @property
    def interval(self) -> tuple[sympy.Expr, sympy.Expr] | None:
        """[min, max] of the one-sided derivatives: the subdifferential of a convex kink."""
        if self.left is None or self.right is None:
            return None
        return (sympy.Min(self.left, self.right), sympy.Max(self.left, self.right))

    @property
    def convex(self) -> bool:
        """A kink that bends upwards (left ≤ right): its interval is the set of subgradients."""
        return self.left is not None and self.right is not None and bool(self.left <= self.right)


def find_kinks(
    definition: sympy.Expr,
    variable: sympy.Symbol,
    derivative: sympy.Expr,
    values: Mapping[sympy.Symbol, sympy.Rational],
    convention: Convention | None = None,
) -> tuple[Kink, ...]:
    """Points where ReLU, |u|, max/min or a case split may break differentiability."""
    concrete = definition.xreplace(dict(values))
    points: set[sympy.Expr] = set()
    for argument in _switching_arguments(concrete):
        if not argument.has(variable):
            continue
        solutions, finished = within_budget(
            partial(sympy.solveset, argument, variable, sympy.S.Reals),
            KINK_BUDGET_SECONDS,
            sympy.S.EmptySet,
        )
        if finished and isinstance(solutions, sympy.FiniteSet):
            points.update(p for p in solutions if p.is_real)
    ordered = sorted(points, key=lambda p: float(p))[:MAX_KINKS]
    return tuple(
        _kink(concrete, variable, point, derivative.xreplace(dict(values)), convention)
        for point in ordered
    )


def _switching_arguments(expression: sympy.Expr) -> list[sympy.Expr]:
    """The expressions whose sign switches a piece: arguments of ReLU, |u|, H; max/min ties."""
    found: list[sympy.Expr] = []
    for node in sympy.preorder_traversal(expression):
        if isinstance(node, relu | sympy.Abs | sympy.Heaviside | sympy.sign):
            found.append(node.args[0])
        elif isinstance(node, sympy.Max | sympy.Min):
            found.extend(a - b for i, a in enumerate(node.args) for b in node.args[i + 1 :])
        elif isinstance(node, sympy.Piecewise):
            for _, condition in node.args:
                found.extend(
                    r.lhs - r.rhs for r in condition.atoms(sympy.core.relational.Relational)
                )
    return found


def kink_at(
    function: sympy.Expr, variable: sympy.Symbol, point: sympy.Expr, derivative: sympy.Expr
) -> Kink:
    """``function``'s one-sided derivatives at ``point`` (f' at a kink of f, for f'')."""
    return _kink(function, variable, point, derivative, None)


def _kink(
    function: sympy.Expr,
    variable: sympy.Symbol,
    point: sympy.Expr,
    derivative: sympy.Expr,
    convention: Convention | None,
) -> Kink:
    native = to_native(function)
    at = native.xreplace({variable: point})
    step = sympy.Dummy("h", positive=True)

    def one_sided(sign: int) -> sympy.Expr | None:
        """lim (f(p ± h) − f(p))/(±h) for h → 0+, on the piece that is active on that side."""
        piece = active_piece(native, variable, point, sign)
        if piece is None:
            return None
        quotient = sign * (piece.xreplace({variable: point + sign * step}) - at) / step
        value, finished = within_budget(
            lambda: sympy.limit(quotient, step, 0, "+"), KINK_BUDGET_SECONDS, None
        )
        if not finished or value is None or not (value.is_number and value.is_finite):
            return None
        return sympy.nsimplify(value) if value.is_Float else value

    value = derivative.xreplace({variable: point})
    formula_value = value if value.is_number and value.is_finite else None
    return Kink(point, one_sided(-1), one_sided(1), formula_value, convention)


_SIDE_DISTANCE = sympy.Rational(1, 10**20)


def active_piece(
    expression: sympy.Expr, variable: sympy.Symbol, point: sympy.Expr, sign: int
) -> sympy.Expr | None:
    """The smooth expression that equals ``expression`` just beside ``point`` on one side.

    Each max/min, |u|, H(u), sign(u) and case split is replaced by the branch that is active at
    ``point ± 10⁻²⁰`` (decided at 50 digits), innermost first, until none is left.
    """
    beside = {variable: point + sign * _SIDE_DISTANCE}
    switching = (sympy.Max, sympy.Min, sympy.Abs, sympy.Heaviside, sympy.sign, sympy.Piecewise)
    for _ in range(20):
        nodes = [n for n in sympy.postorder_traversal(expression) if isinstance(n, switching)]
        if not nodes:
            return expression
        node = nodes[0]
        branch = _branch(node, beside)
        if branch is None:
            return None
        expression = expression.xreplace({node: branch})
    return None


def _branch(node: sympy.Expr, beside: dict[sympy.Symbol, sympy.Expr]) -> sympy.Expr | None:
    def number(expression: sympy.Expr) -> sympy.Float | None:
        """The value at 50 digits, kept as a SymPy number: floats would merge 0.5 ± 10⁻²⁰."""
        value = expression.xreplace(beside).evalf(PRECISION)
        return value if value.is_number and value.is_real else None

    if isinstance(node, sympy.Max | sympy.Min):
        values = [number(argument) for argument in node.args]
        known = [value for value in values if value is not None]
        if len(known) < len(values):
            return None
        best = max(known) if isinstance(node, sympy.Max) else min(known)
        return node.args[known.index(best)]
    if isinstance(node, sympy.Piecewise):
        for piece, condition in node.args:
            decided = condition.xreplace(beside)
            if decided is sympy.true:
                return piece
            if decided is not sympy.false:
                return None
        return None
    value = number(node.args[0])
    if value is None or value.is_zero:
        return None
    positive = value > 0
    if isinstance(node, sympy.Abs):
        return node.args[0] if positive else -node.args[0]
    return sympy.Integer(1 if positive else (0 if isinstance(node, sympy.Heaviside) else -1))
