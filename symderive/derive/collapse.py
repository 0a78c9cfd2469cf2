"""Stacked affine layers collapse to one affine map: the course's Q1 as a verified induction proof.

Layer k maps x ↦ a(W_k x + b_k) (a = 1 for the identity activation). The weights, biases and the
input are non-commuting SymPy symbols rather than ``MatrixSymbol``: SymPy's ordinary ``expand``
distributes products of non-commuting symbols while keeping their order, fast and predictably,
so ``W_2 W_1 ≠ W_1 W_2`` and every equality of the proof is checked by expanding both sides.
Shapes are arithmetic on the widths (W_k is d_k × d_{k−1}), cross-checked with ``MatMul`` of
``MatrixSymbol``s where the dimensions are known. Scalar mode uses commuting symbols.

Nothing here builds the expanded nest of a deep network: the general step treats the N-layer W
and b as opaque symbols, concrete nests are expanded only up to ``EXPLICIT_LAYERS``, and the
numeric instance (``collapse_numeric``) iterates the recurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import sympy

from symderive.activation_names import AFFINE_ACTIVATIONS
from symderive.derive.collapse_numeric import NumericInstance, numeric_instance
from symderive.derive.counterexample import CollapseCounterexample, counterexample
from symderive.derive.verify import symbolically_equal
from symderive.errors import VerificationError
from symderive.problem import LinearCollapseProblem

EXPLICIT_LAYERS = 6
"""Concrete networks up to this depth are expanded symbolically and shown in full."""
CONCRETE_CASES = (1, 2, 3, 4, 5)
"""The identities in N of the inductive step are checked by expansion for these N."""
MATMUL_SHAPE_LAYERS = 1000
"""Up to this depth, SymPy's ``MatMul`` of ``MatrixSymbol``s confirms the shape of W."""
DEFAULT_WIDTH = 4
"""Width of the random layers of the numeric check when the problem gives no ``dims``."""
NUMERIC_SLOPE = sympy.Rational(1, 2)
"""The slope the numeric check takes when the slope is a symbol."""


class CollapseNote(StrEnum):
    """Something a reader should know about how the claim was checked (worded by the renderers)."""

    LEAKY_IDENTITY = "leaky-relu-identity"  # slope 1: the network is linear
    DEFAULT_WIDTHS = "default-widths"  # no dims: DEFAULT_WIDTH × DEFAULT_WIDTH random layers
    SCALAR_NUMBERS = "scalar-numbers"  # scalar mode: random numbers as weights
    NUMERIC_SLOPE = "numeric-slope"  # a symbolic slope: the numeric check takes NUMERIC_SLOPE
    OWN_WIDTHS = "counterexample-widths"  # the counterexample's widths, not the problem's dims


class Method(StrEnum):
    """How an equality of the proof was verified."""

    EXPANSION = "expansion"
    OPAQUE = "opaque expansion"
    CASES = "concrete cases"


@dataclass(frozen=True)
class CheckedEquality:
    """``left = right``, verified by ``method`` before it is shown."""

    left: sympy.Expr
    right: sympy.Expr
    method: Method
    layers: int | None = None


@dataclass(frozen=True, kw_only=True)
class AffineEquality(CheckedEquality):
    """A checked equality whose right side is ``W x + b``, with W and b recorded for printers."""

    weight: sympy.Expr
    bias: sympy.Expr


@dataclass(frozen=True)
class LayerSymbols:
    """The symbols of a network: W_k, b_k for k = 1..count, and the input x."""

    weights: tuple[sympy.Symbol, ...]
    biases: tuple[sympy.Symbol, ...]
    input: sympy.Symbol


@dataclass(frozen=True)
class StepSymbols:
    """The symbols of the general inductive step: the N-layer W and b are opaque."""

    weight: sympy.Symbol
    bias: sympy.Symbol
    next_weight: sympy.Symbol
    next_bias: sympy.Symbol
    input: sympy.Symbol


@dataclass(frozen=True)
class CollapseProof:
    """Every part of the induction proof, each equality already verified."""

    two_layer: AffineEquality
    base_case: AffineEquality
    step_symbols: StepSymbols
    step: AffineEquality
    weight_identity: tuple[CheckedEquality, ...]
    bias_identity: tuple[CheckedEquality, ...]
    closed_form: tuple[CheckedEquality, ...]
    weight: sympy.Expr | None
    bias: sympy.Expr | None


@dataclass(frozen=True)
class Shapes:
    """The shapes of a concrete network and of its collapsed map."""

    dims: tuple[int, ...]
    weight_shape: tuple[int, int]
    bias_length: int
    layered_parameters: int
    collapsed_parameters: int
    rank_bound: int
    narrowest_layer: int
    checked_with_matmul: bool


@dataclass(frozen=True)
class LinearCollapseSolution:
    """A linear-collapse problem solved: the verified proof, or the verified counterexample."""

    problem: LinearCollapseProblem
    holds: bool
    scalar: bool
    slope: sympy.Expr
    layers: int | None
    proof: CollapseProof | None
    shapes: Shapes | None
    numeric: NumericInstance | None
    counterexample: CollapseCounterexample | None
    notes: tuple[CollapseNote, ...] = ()


def layer_symbols(count: int, *, scalar: bool) -> LayerSymbols:
    """W1, b1, …, x: non-commuting for matrices, commuting (w1, b1, x) in scalar mode."""
    weight = "w" if scalar else "W"
    commutative = scalar

    def make(name: str) -> sympy.Symbol:
        return sympy.Symbol(name, commutative=commutative)

    return LayerSymbols(
        tuple(make(f"{weight}{k}") for k in range(1, count + 1)),
        tuple(make(f"b{k}") for k in range(1, count + 1)),
        make("x"),
    )


def step_symbols(*, scalar: bool) -> StepSymbols:
    """W and b stand for the whole N-layer product and sum: opaque, so N stays symbolic."""
    weight = "w" if scalar else "W"

    def make(name: str) -> sympy.Symbol:
        return sympy.Symbol(name, commutative=scalar)

    return StepSymbols(make("W"), make("b"), make(f"{weight}_{{N+1}}"), make("b_{N+1}"), make("x"))


def scaled(slope: sympy.Expr, expression: sympy.Expr) -> sympy.Expr:
    """a·(…) as written: SymPy would otherwise spread a number over the sum and hide the layer."""
    if slope == 1:
        return expression
    return sympy.Mul(slope, expression, evaluate=False)


def network(symbols: LayerSymbols, slope: sympy.Expr, count: int) -> sympy.Expr:
    """The layered network as written, nested and unexpanded: a(W_N(⋯a(W_1 x + b_1)⋯) + b_N)."""
    output: sympy.Expr = symbols.input
    for k in range(count):
        output = scaled(slope, symbols.weights[k] * output + symbols.biases[k])
    return output


def closed_form(
    symbols: LayerSymbols, slope: sympy.Expr, count: int
) -> tuple[sympy.Expr, sympy.Expr]:
    """W = aᴺ W_N⋯W_1 and b = Σ_k a^(N−k+1) W_N⋯W_{k+1} b_k, built term by term."""
    weights = symbols.weights[:count]
    weight = slope**count * sympy.Mul(*reversed(weights))
    bias = sympy.Add(
        *(
            slope ** (count - k) * sympy.Mul(*reversed(weights[k + 1 :])) * symbols.biases[k]
            for k in range(count)
        )
    )
    return weight, bias


def verified(
    left: sympy.Expr, right: sympy.Expr, method: Method, what: str, layers: int | None = None
) -> CheckedEquality:
    """Expand both sides (order of non-commuting factors kept) and compare; a mismatch is a bug."""
    if not symbolically_equal(left, right):
        raise VerificationError(f"internal check failed for {what}: {left} ≠ {right}")
    return CheckedEquality(left, right, method, layers)


def affine_parts(expression: sympy.Expr, x: sympy.Symbol) -> tuple[sympy.Expr, sympy.Expr]:
    """An affine expression W x + b as (W, b): the expanded terms ending in x, and the rest."""
    weight_terms, bias_terms = [], []
    for term in sympy.Add.make_args(sympy.expand(expression)):
        factors = list(sympy.Mul.make_args(term))
        if x in factors and (x.is_commutative or factors[-1] == x):
            factors.remove(x)
            weight_terms.append(sympy.Mul(*factors))
        else:
            bias_terms.append(term)
    return sympy.Add(*weight_terms), sympy.Add(*bias_terms)


def affine(equality: CheckedEquality, x: sympy.Symbol, what: str) -> AffineEquality:
    """The equality with its right side split into W and b, checked to be free of x and to add up.

    The split is done once here so that printers read W and b instead of expanding the proof.
    """
    weight, bias = affine_parts(equality.right, x)
    if x in bias.free_symbols or not symbolically_equal(weight * x + bias, equality.right):
        raise VerificationError(
            f"internal check failed for {what}: {equality.right} is not W x + b"
        )
    return AffineEquality(
        equality.left,
        equality.right,
        equality.method,
        equality.layers,
        weight=weight,
        bias=bias,
    )


def prove(slope: sympy.Expr, *, scalar: bool, layers: int | None) -> CollapseProof:
    """The two-layer output, base case, general step, its identities in N, and the closed form."""
    deepest = max(max(CONCRETE_CASES) + 1, min(layers or 0, EXPLICIT_LAYERS))
    symbols = layer_symbols(deepest, scalar=scalar)
    x = symbols.input
    w1, w2 = symbols.weights[:2]
    b1, b2 = symbols.biases[:2]
    two_layer = affine(
        verified(
            network(symbols, slope, 2),
            slope**2 * w2 * w1 * x + slope**2 * w2 * b1 + slope * b2,
            Method.EXPANSION,
            "the output of two layers",
        ),
        x,
        "the output of two layers",
    )
    base_case = affine(
        verified(
            network(symbols, slope, 1),
            slope * w1 * x + slope * b1,
            Method.EXPANSION,
            "the base case",
        ),
        x,
        "the base case",
    )
    step = step_symbols(scalar=scalar)
    general = affine(
        verified(
            scaled(slope, step.next_weight * (step.weight * x + step.bias) + step.next_bias),
            slope * step.next_weight * step.weight * x
            + (slope * step.next_weight * step.bias + slope * step.next_bias),
            Method.OPAQUE,
            "the inductive step",
        ),
        step.input,
        "the inductive step",
    )
    weight_identity, bias_identity = [], []
    for n in CONCRETE_CASES:
        weight, bias = closed_form(symbols, slope, n)
        next_weight, next_bias = closed_form(symbols, slope, n + 1)
        what = f"the inductive step's identities at N = {n}"
        weight_identity.append(
            verified(slope * symbols.weights[n] * weight, next_weight, Method.CASES, what, n)
        )
        bias_identity.append(
            verified(
                slope * symbols.weights[n] * bias + slope * symbols.biases[n],
                next_bias,
                Method.CASES,
                what,
                n,
            )
        )
    explicit = range(1, (layers if layers and layers <= EXPLICIT_LAYERS else 5) + 1)
    closed = []
    for n in explicit:
        weight, bias = closed_form(symbols, slope, n)
        closed.append(
            verified(
                network(symbols, slope, n),
                weight * x + bias,
                Method.EXPANSION,
                f"the closed form at N = {n}",
                n,
            )
        )
    shown = layers is not None and layers <= EXPLICIT_LAYERS
    weight, bias = closed_form(symbols, slope, layers) if shown and layers else (None, None)
    return CollapseProof(
        two_layer,
        base_case,
        step,
        general,
        tuple(weight_identity),
        tuple(bias_identity),
        tuple(closed),
        weight,
        bias,
    )


def shapes(dims: tuple[int, ...]) -> Shapes:
    """W is d_N × d_0 and b has d_N entries; rank W is at most the narrowest width."""
    layers = len(dims) - 1
    narrowest = min(range(len(dims)), key=lambda index: dims[index])
    checked = layers <= MATMUL_SHAPE_LAYERS
    if checked:
        matrices = [sympy.MatrixSymbol(f"W{k}", dims[k], dims[k - 1]) for k in range(1, layers + 1)]
        product = sympy.MatMul(*reversed(matrices)) if layers > 1 else matrices[0]
        if tuple(product.shape) != (dims[-1], dims[0]):
            raise VerificationError(f"internal check failed for the shape of W: {product.shape}")
    return Shapes(
        dims=dims,
        weight_shape=(dims[-1], dims[0]),
        bias_length=dims[-1],
        layered_parameters=sum(dims[k] * (dims[k - 1] + 1) for k in range(1, layers + 1)),
        collapsed_parameters=dims[-1] * (dims[0] + 1),
        rank_bound=dims[narrowest],
        narrowest_layer=narrowest,
        checked_with_matmul=checked,
    )


def _notes(problem: LinearCollapseProblem, dims: tuple[int, ...] | None) -> list[CollapseNote]:
    notes = []
    if problem.activation == "leaky_relu":
        notes.append(CollapseNote.LEAKY_IDENTITY)
    if problem.layers is not None and problem.dims is None:
        notes.append(CollapseNote.SCALAR_NUMBERS if problem.scalar else CollapseNote.DEFAULT_WIDTHS)
    if dims is not None and problem.slope is not None and problem.slope.free_symbols:
        notes.append(CollapseNote.NUMERIC_SLOPE)
    return notes


def solve_linear_collapse(problem: LinearCollapseProblem) -> LinearCollapseSolution:
    """Prove the collapse for an affine activation; otherwise refute it with a counterexample."""
    slope = problem.slope if problem.slope is not None else sympy.Integer(1)
    affine = problem.activation in AFFINE_ACTIVATIONS or (
        problem.activation == "leaky_relu" and slope == 1
    )
    if not affine:
        example = counterexample(problem.activation, slope, problem.layers or 2)
        refutation_notes = (CollapseNote.OWN_WIDTHS,) if problem.dims is not None else ()
        return LinearCollapseSolution(
            problem,
            False,
            problem.scalar,
            slope,
            problem.layers,
            None,
            None,
            None,
            example,
            refutation_notes,
        )
    if problem.activation == "identity":
        slope = sympy.Integer(1)
    dims = problem.dims
    if dims is None and problem.layers is not None:
        width = 1 if problem.scalar else DEFAULT_WIDTH
        dims = (width,) * (problem.layers + 1)
    notes = _notes(problem, dims)
    proof = prove(slope, scalar=problem.scalar, layers=problem.layers)
    numeric = None
    if dims is not None:
        numeric_slope = slope if not slope.free_symbols else NUMERIC_SLOPE
        numeric = numeric_instance(dims, numeric_slope, problem.seed)
    return LinearCollapseSolution(
        problem=problem,
        holds=True,
        scalar=problem.scalar,
        slope=slope,
        layers=problem.layers,
        proof=proof,
        shapes=shapes(problem.dims) if problem.dims is not None else None,
        numeric=numeric,
        counterexample=None,
        notes=tuple(notes),
    )
