"""With a nonlinear activation the collapse fails: a verified counterexample instead of a proof.

An affine function f satisfies f(x₁) = (f(x₀) + f(x₂))/2 at any three equally spaced points, so a
network whose output breaks this midpoint test at exhibited points is not affine. For ReLU and
leaky ReLU the network computes c·|x| (ReLU: relu(x) + relu(−x) = |x|, the course's hint), and
everything is exact rational arithmetic. For the smooth activations the values are irrational:
the gap is enclosed by mpmath interval arithmetic, at 50 digits and doubling until the enclosure
excludes zero, so "not zero" is a proof and not a rounding accident.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy
from mpmath import iv

from symderive.activation_names import PIECEWISE_LINEAR
from symderive.errors import VerificationError
from symderive.functions import relu, sigmoid, softplus

SHOWN_LAYERS = 3
"""Networks up to this depth are also written as one exact SymPy expression."""
DIGITS = 50
MAX_DIGIT_FACTOR = 8
"""Interval precision doubles from 50 up to (50 + N)·8 digits before the check gives up."""

t = sympy.Symbol("t", real=True)
x = sympy.Symbol("x", real=True)
ODD = ("tanh",)
"""Odd activations: a network of them is odd, so the midpoint test avoids symmetric points."""


@dataclass(frozen=True)
class CollapseCounterexample:
    """A network with the given activation that is not affine, and the points that show it."""

    activation: str
    slope: sympy.Expr | None
    definition: sympy.Expr
    variable: sympy.Symbol
    layers: int
    dims: tuple[int, ...]
    weights: tuple[sympy.ImmutableMatrix, ...]
    biases: tuple[sympy.ImmutableMatrix, ...]
    network: sympy.Expr | None
    closed: sympy.Expr | None
    points: tuple[sympy.Rational, sympy.Rational, sympy.Rational]
    values: tuple[sympy.Expr, ...] | None
    numeric_values: tuple[sympy.Expr, sympy.Expr, sympy.Expr]
    """f at the points, for printing as decimals: exact (``exact``), else the midpoints of the
    certified enclosures as SymPy numbers (``Float``, or 0) of ``DIGITS`` + 10 digits."""
    midpoint_gap: sympy.Expr | None
    numeric_gap: sympy.Expr
    """The midpoint gap the same way: exact, or the midpoint of its enclosure."""
    exact: bool
    digits: int
    odd: bool = False
    """The activation is odd, so the network is: symmetric points would pass the midpoint test
    and prove nothing, and the points are chosen off-centre (worded by the renderers)."""

    @property
    def input(self) -> sympy.Symbol:
        return x


def definition(activation: str, slope: sympy.Expr) -> sympy.Expr:
    """φ(t) as SymPy, with our σ, ReLU and softplus so it prints as the course writes it."""
    definitions: dict[str, sympy.Expr] = {
        "relu": relu(t),
        "leaky_relu": sympy.Piecewise((t, t >= 0), (slope * t, True)),
        "elu": sympy.Piecewise((t, t >= 0), (sympy.exp(t) - 1, True)),
        "tanh": sympy.tanh(t),
        "sigmoid": sigmoid(t),
        "softplus": softplus(t),
        "silu": t * sigmoid(t),
    }
    return definitions[activation]


DISPLAY_NAMES = {"leaky_relu": "LeakyReLU", "elu": "ELU", "silu": "SiLU"}
"""Activations written by cases or as products print as a named function inside a network."""


def display_function(activation: str, slope: sympy.Expr) -> Callable[[sympy.Expr], sympy.Expr]:
    """φ for writing the network f(x): our σ/ReLU/softplus, tanh, or a named function."""
    if activation in DISPLAY_NAMES:
        named: Callable[[sympy.Expr], sympy.Expr] = sympy.Function(DISPLAY_NAMES[activation])
        return named
    phi = definition(activation, slope)
    return lambda value: phi.xreplace({t: value})


Interval = Any
"""An mpmath interval (``iv.mpf``); mpmath has no type hints."""


def _interval_function(activation: str) -> Callable[[Interval], Interval]:
    """φ on mpmath intervals: compositions of exp and log, so the enclosures are rigorous."""

    def elu(value: Interval) -> Interval:
        low, high = value.a, value.b
        if high < 0:
            return iv.exp(value) - 1
        if low >= 0:
            return value
        return iv.mpf([(iv.exp(low) - 1).a, high.b])  # elu increases: the image's hull

    functions: dict[str, Callable[[Interval], Interval]] = {
        "elu": elu,
        "tanh": lambda value: 1 - 2 / (iv.exp(2 * value) + 1),
        "sigmoid": lambda value: 1 / (1 + iv.exp(-value)),
        "softplus": lambda value: iv.log(1 + iv.exp(value)),
        "silu": lambda value: value / (1 + iv.exp(-value)),
    }
    return functions[activation]


def _weights(
    activation: str, layers: int
) -> tuple[tuple[int, ...], list[sympy.Matrix], list[sympy.Matrix]]:
    """ReLU-like: [1, −1] then [1, 1] computes c|x|, then weight-1 layers; smooth: all weight 1."""
    if activation in PIECEWISE_LINEAR and layers >= 2:
        weights = [sympy.Matrix([[1], [-1]]), sympy.Matrix([[1, 1]])]
        biases = [sympy.zeros(2, 1), sympy.zeros(1, 1)]
        dims: tuple[int, ...] = (1, 2, 1)
    else:
        weights, biases, dims = [sympy.Matrix([[1]])], [sympy.zeros(1, 1)], (1, 1)
    while len(weights) < layers:
        weights.append(sympy.Matrix([[1]]))
        biases.append(sympy.zeros(1, 1))
        dims += (1,)
    return dims, weights, biases


def _apply(
    phi: sympy.Expr | Callable[[sympy.Expr], sympy.Expr],
    weights: list[sympy.Matrix],
    biases: list[sympy.Matrix],
    value: sympy.Expr,
) -> sympy.Expr:
    """The network's output at ``value``: h ↦ φ(W h + b), layer by layer, with exact SymPy."""
    function = phi if callable(phi) else lambda argument: phi.xreplace({t: argument})
    hidden: list[sympy.Expr] = [value]
    for weight, bias in zip(weights, biases, strict=True):
        hidden = [
            function(sum(weight[i, j] * hidden[j] for j in range(weight.cols)) + bias[i])
            for i in range(weight.rows)
        ]
    return hidden[0]


def _points(activation: str) -> tuple[sympy.Rational, sympy.Rational, sympy.Rational]:
    if activation in PIECEWISE_LINEAR:
        return sympy.Integer(-1), sympy.Integer(0), sympy.Integer(1)
    if activation == "elu":  # elu is the identity on x ≥ 0: test where it bends
        return sympy.Integer(-2), sympy.Integer(-1), sympy.Integer(0)
    return sympy.Integer(0), sympy.Integer(1), sympy.Integer(2)


def counterexample(activation: str, slope: sympy.Expr, layers: int) -> CollapseCounterexample:
    """A ``layers``-layer network with this activation that fails the midpoint test, verified."""
    phi = definition(activation, slope)
    dims, weights, biases = _weights(activation, layers)
    points = _points(activation)
    shown = display_function(activation, slope)
    network = _apply(shown, weights, biases, x) if layers <= SHOWN_LAYERS else None
    odd = activation in ODD
    if activation in PIECEWISE_LINEAR:
        values = tuple(_apply(phi, weights, biases, point) for point in points)
        gap = values[1] - (values[0] + values[2]) / 2
        if not all(value.is_Rational for value in values) or gap == 0:
            raise VerificationError(f"internal check failed: the {activation} counterexample")
        closed = _absolute_value_form(phi, weights, biases, values[2]) if layers >= 2 else None
        return CollapseCounterexample(
            activation,
            slope if activation == "leaky_relu" else None,
            phi,
            t,
            layers,
            dims,
            tuple(sympy.ImmutableMatrix(w) for w in weights),
            tuple(sympy.ImmutableMatrix(b) for b in biases),
            network,
            closed,
            points,
            values,
            (values[0], values[1], values[2]),
            gap,
            gap,
            True,
            0,
            odd,
        )
    exact_values = None
    exact_gap = None
    if layers <= SHOWN_LAYERS:
        exact_values = tuple(_apply(phi, weights, biases, point) for point in points)
        exact_gap = exact_values[1] - (exact_values[0] + exact_values[2]) / 2
    numeric_values, numeric_gap, digits = _certified(activation, layers, points)
    return CollapseCounterexample(
        activation,
        None,
        phi,
        t,
        layers,
        dims,
        tuple(sympy.ImmutableMatrix(w) for w in weights),
        tuple(sympy.ImmutableMatrix(b) for b in biases),
        network,
        None,
        points,
        exact_values,
        numeric_values,
        exact_gap,
        numeric_gap,
        False,
        digits,
        odd,
    )


def _absolute_value_form(
    phi: sympy.Expr, weights: list[sympy.Matrix], biases: list[sympy.Matrix], c: sympy.Expr
) -> sympy.Expr:
    """f(x) = c·|x|, proved exactly by cases: x = p > 0, x = −p < 0 and x = 0."""
    p = sympy.Symbol("p", positive=True)
    for value, expected in ((p, c * p), (-p, c * p), (sympy.Integer(0), sympy.Integer(0))):
        if sympy.expand(_apply(phi, weights, biases, value) - expected) != 0:
            raise VerificationError(f"internal check failed: f({value}) ≠ {expected}")
    return c * sympy.Abs(x)


def _float(endpoint: Any) -> sympy.Expr:
    """An interval's endpoint rounded to the working precision, as a SymPy number of it."""
    return sympy.Float(mpmath.mpf(endpoint), DIGITS + 10)


def _certified(
    activation: str, layers: int, points: tuple[sympy.Rational, ...]
) -> tuple[tuple[sympy.Expr, sympy.Expr, sympy.Expr], sympy.Expr, int]:
    """The values and the midpoint gap (midpoints of their enclosures, to ``DIGITS`` + 10 digits),
    once the gap's enclosure excludes zero, and the precision that took."""
    phi = _interval_function(activation)
    digits = DIGITS
    saved = iv.prec
    try:
        while digits <= (DIGITS + layers) * MAX_DIGIT_FACTOR:
            iv.dps = digits + 10
            values = []
            for point in points:
                value = iv.mpf(int(point))
                for _ in range(layers):
                    value = phi(value)
                values.append(value)
            gap = values[1] - (values[0] + values[2]) / 2
            if 0 not in gap:
                with mpmath.mp.workdps(DIGITS + 10):
                    middles = [_float(v.mid._mpi_[0]) for v in (*values, gap)]
                return (middles[0], middles[1], middles[2]), middles[3], digits
            digits *= 2
    finally:
        iv.prec = saved
    raise VerificationError(f"internal check failed: the {activation} counterexample's gap")
