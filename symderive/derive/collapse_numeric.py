"""A numeric instance of the collapse: random weights, the layered network against W x + b.

Small networks (every width ≤ 3, at most 3 layers) use small integer weights and exact rational
arithmetic, so the numbers can be printed and the difference is exactly zero. Larger ones use
float64 with random semi-orthogonal weights scaled by 1/|a| and a factor in [1/2, 1]: each
a·W_k then has norm at most 1, so a thousand layers neither overflow nor vanish, and the
closed form is evaluated as (a W_N)⋯(a W_1) for the same reason. The closed form is computed
from suffix products, independently of the recurrence W ← a W_k W, b ← a(W_k b + b_k); both are
compared with the network applied layer by layer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy

from symderive.errors import VerificationError

SMALL_WIDTH = 3
SMALL_LAYERS = 3
SMALL_INTEGERS = 3
"""Small instances draw weights and biases from −3..3 and inputs from −5..5."""
INPUTS = 8
RELATIVE_TOLERANCE = 1e-9

FloatArray = np.ndarray


@dataclass(frozen=True)
class NumericInstance:
    """Random weights of the given dims, and how closely the collapsed map matched the network.

    ``weights`` … ``outputs`` are kept for small exact instances only, to be printed.
    """

    dims: tuple[int, ...]
    seed: int
    slope: sympy.Expr
    exact: bool
    inputs_checked: int
    max_abs_difference: float
    max_relative_difference: float
    recurrence_difference: float
    largest_output: float
    weights: tuple[sympy.ImmutableMatrix, ...] = ()
    biases: tuple[sympy.ImmutableMatrix, ...] = ()
    collapsed_weight: sympy.ImmutableMatrix | None = None
    collapsed_bias: sympy.ImmutableMatrix | None = None
    inputs: tuple[sympy.ImmutableMatrix, ...] = ()
    outputs: tuple[sympy.ImmutableMatrix, ...] = ()


def is_small(dims: tuple[int, ...], slope: sympy.Expr) -> bool:
    """Small enough to print every number, with an exact (rational) slope."""
    return len(dims) - 1 <= SMALL_LAYERS and max(dims) <= SMALL_WIDTH and slope.is_Rational


def numeric_instance(dims: tuple[int, ...], slope: sympy.Expr, seed: int) -> NumericInstance:
    """Draw weights (seeded) and compare the layered network with its collapsed affine map."""
    generator = np.random.default_rng(seed)
    if is_small(dims, slope):
        return _exact_instance(dims, sympy.Rational(slope), seed, generator)
    return _float_instance(dims, float(slope), slope, seed, generator)


def _integers(generator: np.random.Generator, rows: int, columns: int, bound: int) -> sympy.Matrix:
    values = generator.integers(-bound, bound + 1, size=(rows, columns))
    return sympy.Matrix(rows, columns, [sympy.Integer(int(v)) for v in values.flat])


def _exact_instance(
    dims: tuple[int, ...], slope: sympy.Rational, seed: int, generator: np.random.Generator
) -> NumericInstance:
    layers = len(dims) - 1
    weights = [
        _integers(generator, dims[k], dims[k - 1], SMALL_INTEGERS) for k in range(1, layers + 1)
    ]
    biases = [_integers(generator, dims[k], 1, SMALL_INTEGERS) for k in range(1, layers + 1)]
    inputs = [_integers(generator, dims[0], 1, 5) for _ in range(INPUTS // 2)]
    weight = slope**layers * _product(weights, dims[-1])
    bias = sympy.zeros(dims[-1], 1)
    for k in range(layers):
        bias += slope ** (layers - k) * _product(weights[k + 1 :], dims[-1]) * biases[k]
    recurrent_weight, recurrent_bias = sympy.eye(dims[0]), sympy.zeros(dims[0], 1)
    for layer_weight, layer_bias in zip(weights, biases, strict=True):
        recurrent_weight, recurrent_bias = (
            slope * layer_weight * recurrent_weight,
            slope * (layer_weight * recurrent_bias + layer_bias),
        )
    outputs = []
    for point in inputs:
        layered = point
        for layer_weight, layer_bias in zip(weights, biases, strict=True):
            layered = slope * (layer_weight * layered + layer_bias)
        if layered != weight * point + bias:
            raise VerificationError(f"internal check failed: the collapsed map differs at {point}")
        outputs.append(sympy.ImmutableMatrix(layered))
    if (recurrent_weight, recurrent_bias) != (weight, bias):
        raise VerificationError("internal check failed: the recurrence and closed form differ")
    largest = max((abs(float(value)) for output in outputs for value in output), default=0.0)
    return NumericInstance(
        dims=dims,
        seed=seed,
        slope=slope,
        exact=True,
        inputs_checked=len(inputs),
        max_abs_difference=0.0,
        max_relative_difference=0.0,
        recurrence_difference=0.0,
        largest_output=largest,
        weights=tuple(sympy.ImmutableMatrix(matrix) for matrix in weights),
        biases=tuple(sympy.ImmutableMatrix(matrix) for matrix in biases),
        collapsed_weight=sympy.ImmutableMatrix(weight),
        collapsed_bias=sympy.ImmutableMatrix(bias),
        inputs=tuple(sympy.ImmutableMatrix(point) for point in inputs),
        outputs=tuple(outputs),
    )


def _product(matrices: list[sympy.Matrix], rows: int) -> sympy.Matrix:
    """W_N⋯W_{k+1} for ``matrices`` = [W_{k+1}, …, W_N]; the identity when empty."""
    product = sympy.eye(rows)
    for matrix in reversed(matrices):
        product = product * matrix
    return product


def semi_orthogonal(generator: np.random.Generator, rows: int, columns: int) -> FloatArray:
    """A random rows × columns matrix with orthonormal rows or columns (spectral norm 1)."""
    gaussian = generator.standard_normal((max(rows, columns), min(rows, columns)))
    orthonormal, _ = np.linalg.qr(gaussian)
    return orthonormal if rows >= columns else orthonormal.T


def _float_instance(
    dims: tuple[int, ...],
    slope: float,
    exact_slope: sympy.Expr,
    seed: int,
    generator: np.random.Generator,
) -> NumericInstance:
    layers = len(dims) - 1
    scale = 1.0 / abs(slope) if slope != 0 else 1.0
    weights = [
        semi_orthogonal(generator, dims[k], dims[k - 1]) * scale * generator.uniform(0.5, 1.0)
        for k in range(1, layers + 1)
    ]
    biases = [generator.standard_normal(dims[k]) for k in range(1, layers + 1)]
    inputs = generator.standard_normal((dims[0], INPUTS))
    scaled_weights = [slope * matrix for matrix in weights]  # a·W_k, of norm at most 1
    # Closed form from suffix products: P = (aW_N)⋯(aW_{k+1}), b = Σ_k P (a b_k).
    suffix = np.eye(dims[-1])
    bias = np.zeros(dims[-1])
    for k in range(layers - 1, -1, -1):
        bias += suffix @ (slope * biases[k])
        suffix = suffix @ scaled_weights[k]
    weight = suffix
    # The recurrence, and the network layer by layer.
    recurrent_weight, recurrent_bias = np.eye(dims[0]), np.zeros(dims[0])
    layered = inputs
    for layer_weight, layer_bias in zip(weights, biases, strict=True):
        recurrent_weight = slope * (layer_weight @ recurrent_weight)
        recurrent_bias = slope * (layer_weight @ recurrent_bias + layer_bias)
        layered = slope * (layer_weight @ layered + layer_bias[:, None])
    collapsed = weight @ inputs + bias[:, None]
    largest = float(np.max(np.abs(layered)))
    difference = float(np.max(np.abs(layered - collapsed)))
    relative = difference / max(1.0, largest)
    recurrence = float(
        max(np.max(np.abs(recurrent_weight - weight)), np.max(np.abs(recurrent_bias - bias)))
    )
    if not relative <= RELATIVE_TOLERANCE or not recurrence <= RELATIVE_TOLERANCE * max(
        1.0, float(np.max(np.abs(bias)))
    ):
        raise VerificationError(
            f"internal check failed: the collapsed map differs from the network by {difference:g}"
        )
    return NumericInstance(
        dims=dims,
        seed=seed,
        slope=exact_slope,
        exact=False,
        inputs_checked=INPUTS,
        max_abs_difference=difference,
        max_relative_difference=relative,
        recurrence_difference=recurrence,
        largest_output=largest,
    )
