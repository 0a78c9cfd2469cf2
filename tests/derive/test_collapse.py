"""The collapse proof: closed form against the nest, checks that can fail, counterexamples."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symderive.activation_names import NONLINEAR
from symderive.derive.collapse import (
    CheckedEquality,
    Method,
    affine,
    closed_form,
    layer_symbols,
    network,
    prove,
    shapes,
    solve_linear_collapse,
    verified,
)
from symderive.derive.collapse_numeric import numeric_instance, semi_orthogonal
from symderive.derive.counterexample import counterexample
from symderive.derive.verify import symbolically_equal
from symderive.errors import SourceLocation, VerificationError
from symderive.problem import LinearCollapseProblem

ONE = sympy.Integer(1)
a = sympy.Symbol("a", real=True)


def problem(**fields: object) -> LinearCollapseProblem:
    values: dict[str, object] = {
        "id": "p",
        "kind": "linear-collapse",
        "statement": None,
        "layers": None,
        "activation": "identity",
        "slope": None,
        "dims": None,
        "scalar": False,
        "seed": 1,
        "points": None,
        "location": SourceLocation(),
    }
    values.update(fields)
    return LinearCollapseProblem(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("count", range(1, 7))
def test_closed_form_equals_the_expanded_nest(count: int) -> None:
    symbols = layer_symbols(count, scalar=False)
    weight, bias = closed_form(symbols, ONE, count)
    nest = network(symbols, ONE, count)
    assert sympy.expand(nest - (weight * symbols.input + bias)) == 0
    assert weight == sympy.Mul(*reversed(symbols.weights))  # W_N⋯W_1, last layer leftmost


def test_symbols_do_not_commute() -> None:
    symbols = layer_symbols(2, scalar=False)
    w1, w2 = symbols.weights
    assert w2 * w1 != w1 * w2
    assert all(not symbol.is_commutative for symbol in (*symbols.weights, symbols.input))


def test_the_wrong_order_is_refused() -> None:
    """The check can fail: W_1 W_2 x + … is not the output of two layers."""
    symbols = layer_symbols(2, scalar=False)
    (w1, w2), (b1, b2), x = symbols.weights, symbols.biases, symbols.input
    nest = network(symbols, ONE, 2)
    wrong = w1 * w2 * x + w2 * b1 + b2
    assert not symbolically_equal(nest, wrong)
    with pytest.raises(VerificationError, match="two layers"):
        verified(nest, wrong, Method.EXPANSION, "the output of two layers")
    with pytest.raises(VerificationError):  # a bias term in the wrong order fails too
        verified(nest, w2 * w1 * x + b1 * w2 + b2, Method.EXPANSION, "bias order")


def test_scalar_mode_commutes_and_the_order_no_longer_matters() -> None:
    symbols = layer_symbols(3, scalar=True)
    weight, bias = closed_form(symbols, ONE, 3)
    w1, w2, w3 = symbols.weights
    assert weight == w1 * w2 * w3
    assert sympy.expand(network(symbols, ONE, 3) - (weight * symbols.input + bias)) == 0
    solution = solve_linear_collapse(problem(layers=3, scalar=True))
    assert solution.proof is not None and solution.proof.weight == w1 * w2 * w3
    assert solution.numeric is not None and solution.numeric.dims == (1, 1, 1, 1)


@pytest.mark.parametrize("slope", [a, sympy.Rational(1, 2), sympy.Integer(-3), sympy.Integer(0)])
def test_slope_is_folded_in(slope: sympy.Expr) -> None:
    symbols = layer_symbols(3, scalar=False)
    (w1, w2, w3), (b1, b2, b3) = symbols.weights, symbols.biases
    weight, bias = closed_form(symbols, slope, 3)
    assert weight == slope**3 * w3 * w2 * w1
    assert sympy.expand(bias - (slope**3 * w3 * w2 * b1 + slope**2 * w3 * b2 + slope * b3)) == 0
    nest = network(symbols, slope, 3)
    assert sympy.expand(nest - (weight * symbols.input + bias)) == 0
    proof = prove(slope, scalar=False, layers=3)
    assert proof.weight == weight


def test_the_proof_records_how_each_equality_was_checked() -> None:
    proof = prove(ONE, scalar=False, layers=None)
    assert proof.two_layer.method is Method.EXPANSION
    assert proof.step.method is Method.OPAQUE
    assert [e.layers for e in proof.weight_identity] == [1, 2, 3, 4, 5]
    assert all(e.method is Method.CASES for e in proof.weight_identity + proof.bias_identity)
    assert [e.layers for e in proof.closed_form] == [1, 2, 3, 4, 5]
    assert proof.weight is None and proof.bias is None  # general N: no explicit expression
    opaque = proof.step_symbols
    assert {opaque.weight, opaque.bias} <= proof.step.left.free_symbols


def test_the_proof_records_w_and_b_of_its_affine_equalities() -> None:
    """Printers read W and b from the proof instead of expanding it themselves."""
    proof = prove(a, scalar=False, layers=None)
    symbols = layer_symbols(2, scalar=False)
    (w1, w2), (b1, b2) = symbols.weights, symbols.biases
    assert proof.two_layer.weight == a**2 * w2 * w1
    assert proof.two_layer.bias == a**2 * w2 * b1 + a * b2
    assert (proof.base_case.weight, proof.base_case.bias) == (a * w1, a * b1)
    opaque = proof.step_symbols
    assert proof.step.weight == a * opaque.next_weight * opaque.weight
    assert proof.step.bias == a * opaque.next_weight * opaque.bias + a * opaque.next_bias


def test_a_right_side_that_is_not_affine_in_x_is_refused() -> None:
    """x before a factor (x b1, order kept) is not W x: the split's b would depend on x."""
    symbols = layer_symbols(1, scalar=False)
    x, (b1,) = symbols.input, symbols.biases
    affine_equality = CheckedEquality(b1 * x, b1 * x, Method.EXPANSION)
    assert affine(affine_equality, x, "the base case").weight == b1
    with pytest.raises(VerificationError, match="not W x \\+ b"):
        affine(CheckedEquality(x * b1, x * b1, Method.EXPANSION), x, "the base case")


def test_shapes_follow_the_dims() -> None:
    result = shapes((4, 8, 8, 2))
    assert result.weight_shape == (2, 4) and result.bias_length == 2
    assert result.layered_parameters == 8 * 5 + 8 * 9 + 2 * 9
    assert result.collapsed_parameters == 2 * 5
    assert (result.rank_bound, result.narrowest_layer) == (2, 3)
    assert result.checked_with_matmul


def test_small_instance_is_exact_and_printable() -> None:
    numeric = numeric_instance((2, 2, 2), ONE, seed=1)
    assert numeric.exact and numeric.max_abs_difference == 0
    assert len(numeric.weights) == 2 and numeric.collapsed_weight is not None
    w1, w2 = numeric.weights
    assert numeric.collapsed_weight == w2 * w1
    assert all(abs(value) <= 3 for matrix in numeric.weights for value in matrix)
    for x, y in zip(numeric.inputs, numeric.outputs, strict=True):
        assert y == numeric.collapsed_weight * x + numeric.collapsed_bias


def test_large_instance_agrees_to_rounding() -> None:
    numeric = numeric_instance((4, 8, 8, 2), sympy.Rational(3, 2), seed=7)
    assert not numeric.exact and numeric.weights == ()
    assert numeric.max_relative_difference < 1e-12


def test_numeric_instance_is_seeded() -> None:
    first = numeric_instance((3, 5, 2), ONE, seed=3)
    assert first == numeric_instance((3, 5, 2), ONE, seed=3)
    assert first != numeric_instance((3, 5, 2), ONE, seed=4)


def test_semi_orthogonal_weights_have_norm_one() -> None:
    generator = np.random.default_rng(0)
    for rows, columns in ((4, 4), (8, 4), (2, 8)):
        matrix = semi_orthogonal(generator, rows, columns)
        assert matrix.shape == (rows, columns)
        assert np.linalg.norm(matrix, 2) == pytest.approx(1.0)


def test_a_thousand_layers_prove_and_check() -> None:
    """How fast is measured by ``benchmarks/collapse.py``, not here (a loaded machine)."""
    solution = solve_linear_collapse(problem(layers=1000))
    assert solution.holds and solution.numeric is not None
    assert solution.numeric.dims == (4,) * 1001
    assert solution.numeric.max_relative_difference < 1e-9


@given(
    dims=st.lists(st.integers(min_value=1, max_value=6), min_size=2, max_size=9),
    slope=st.sampled_from([ONE, sympy.Rational(1, 2), sympy.Integer(-2), sympy.Rational(5, 3)]),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
@settings(max_examples=60, deadline=None)
def test_collapse_agrees_with_the_layered_network(
    dims: list[int], slope: sympy.Expr, seed: int
) -> None:
    """Random N (1..8) and widths: the closed form's W x + b matches the network layer by layer."""
    numeric = numeric_instance(tuple(dims), slope, seed)  # raises VerificationError on mismatch
    assert numeric.max_relative_difference <= 1e-9


def test_relu_counterexample_is_absolute_value() -> None:
    example = counterexample("relu", ONE, 2)
    assert example.weights[0] == sympy.Matrix([[1], [-1]])
    assert example.weights[1] == sympy.Matrix([[1, 1]])
    assert example.closed == sympy.Abs(example.input)
    assert example.points == (-1, 0, 1) and example.values == (1, 0, 1)
    assert example.midpoint_gap == -1 and example.exact


@pytest.mark.parametrize("layers", [1, 2, 3, 7])
@pytest.mark.parametrize("activation", NONLINEAR)
def test_every_nonlinear_activation_has_a_verified_counterexample(
    activation: str, layers: int
) -> None:
    example = counterexample(activation, sympy.Rational(1, 100), layers)
    assert example.layers == layers == len(example.weights)
    assert example.numeric_gap != 0
    if example.midpoint_gap is not None:  # exact value agrees with the 50-digit enclosure
        exact = sympy.N(example.midpoint_gap, 40)
        assert abs(float(exact) - float(example.numeric_gap)) < 1e-12
        assert sympy.N(example.midpoint_gap, 50) != 0


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
def test_smooth_counterexamples_match_fifty_digit_evaluation(activation: str) -> None:
    example = counterexample(activation, ONE, 2)
    assert example.values is not None and not example.exact
    for value, numeric in zip(example.values, example.numeric_values, strict=True):
        assert numeric.is_Float or numeric == 0  # the enclosure's midpoint, for printers
        assert sympy.N(value, 50) == pytest.approx(numeric, abs=1e-45)
    assert example.digits >= 50


def test_tanh_avoids_the_symmetric_points_where_the_test_passes() -> None:
    example = counterexample("tanh", ONE, 2)
    assert example.points == (0, 1, 2)
    x = example.input
    assert example.network is not None
    symmetric = (
        example.network.subs(x, 0) - (example.network.subs(x, -1) + example.network.subs(x, 1)) / 2
    )
    assert sympy.simplify(symmetric) == 0  # f is odd: −1, 0, 1 would prove nothing
    assert example.odd


def test_leaky_relu_with_slope_one_is_the_identity() -> None:
    solution = solve_linear_collapse(problem(activation="leaky_relu", slope=ONE, layers=2))
    assert solution.holds and solution.proof is not None


def test_nonlinear_activation_refutes_instead_of_proving() -> None:
    solution = solve_linear_collapse(problem(activation="relu", layers=3))
    assert not solution.holds and solution.proof is None
    assert solution.counterexample is not None and solution.counterexample.layers == 3
