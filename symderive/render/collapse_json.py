"""The JSON of a linear-collapse problem: every field of its solution, for tools.

Expressions are ``{"sympy", "latex"}`` pairs (``expression_data``); exact matrices are lists of
rows of exact strings (``"-3"``, ``"1/2"``); floats are finite or null. Keys come in a fixed order.

The differences of a float64 instance are round-off whose last bits depend on the machine (the
BLAS kernel, the thread count), so they are given as upper bounds that do not: 1e-12
(``difference_floor``) below it, else rounded up to three significant digits; the largest output
has six significant digits. An exact instance's differences are exactly 0.
"""

from __future__ import annotations

from typing import Any

import sympy

from symderive.derive.collapse import CheckedEquality, CollapseProof, LinearCollapseSolution, Shapes
from symderive.derive.collapse_numeric import RELATIVE_TOLERANCE, NumericInstance
from symderive.derive.counterexample import CollapseCounterexample
from symderive.render.collapse_counterexample import decimals, gap_decimal
from symderive.render.collapse_notes import collapse_notes, counterexample_note
from symderive.render.json import Json, expression_data, finite, problem_data
from symderive.render.residuals import FLOOR, residual_bound


def collapse_data(solution: LinearCollapseSolution) -> Json:
    """A linear-collapse problem: its input, whether the claim holds, the proof or refutation."""
    problem = solution.problem
    return {
        **problem_data(problem),
        "layers": solution.layers,
        "activation": problem.activation,
        "slope": expression_data(solution.slope),
        "dims": list(problem.dims) if problem.dims is not None else None,
        "scalar": solution.scalar,
        "seed": problem.seed,
        "holds": solution.holds,
        "proof": _proof(solution.proof) if solution.proof is not None else None,
        "shapes": _shapes(solution.shapes) if solution.shapes is not None else None,
        "numeric": _numeric(solution.numeric) if solution.numeric is not None else None,
        "counterexample": (
            _counterexample(solution.counterexample)
            if solution.counterexample is not None
            else None
        ),
        "notes": list(collapse_notes(solution)),
    }


def _equality(equality: CheckedEquality) -> Json:
    return {
        "left": expression_data(equality.left),
        "right": expression_data(equality.right),
        "verification": equality.method.value,
        "layers": equality.layers,
    }


def _proof(proof: CollapseProof) -> Json:
    return {
        "two_layer": _equality(proof.two_layer),
        "base_case": _equality(proof.base_case),
        "inductive_step": _equality(proof.step),
        "weight_identity": [_equality(equality) for equality in proof.weight_identity],
        "bias_identity": [_equality(equality) for equality in proof.bias_identity],
        "closed_form_checks": [_equality(equality) for equality in proof.closed_form],
        "weight": expression_data(proof.weight) if proof.weight is not None else None,
        "bias": expression_data(proof.bias) if proof.bias is not None else None,
    }


def _shapes(shapes: Shapes) -> Json:
    return {
        "dims": list(shapes.dims),
        "weight_shape": list(shapes.weight_shape),
        "bias_length": shapes.bias_length,
        "layered_parameters": shapes.layered_parameters,
        "collapsed_parameters": shapes.collapsed_parameters,
        "rank_bound": shapes.rank_bound,
        "narrowest_layer": shapes.narrowest_layer,
        "checked_with_matmul": shapes.checked_with_matmul,
    }


def _matrix(matrix: sympy.Matrix | None) -> list[list[str]] | None:
    if matrix is None:
        return None
    return [[str(matrix[i, j]) for j in range(matrix.cols)] for i in range(matrix.rows)]


def _matrices(matrices: tuple[sympy.ImmutableMatrix, ...]) -> list[Any]:
    return [_matrix(matrix) for matrix in matrices]


def _bound(numeric: NumericInstance, value: float) -> float:
    """0 for an exact instance; else an upper bound free of the machine's last bits."""
    return 0.0 if numeric.exact else residual_bound(value)


def _numeric(numeric: NumericInstance) -> Json:
    return {
        "dims": list(numeric.dims),
        "seed": numeric.seed,
        "slope": str(numeric.slope),
        "exact": numeric.exact,
        "inputs_checked": numeric.inputs_checked,
        "max_abs_difference": _bound(numeric, numeric.max_abs_difference),
        "max_relative_difference": _bound(numeric, numeric.max_relative_difference),
        "recurrence_difference": _bound(numeric, numeric.recurrence_difference),
        "difference_floor": None if numeric.exact else FLOOR,
        "relative_tolerance": None if numeric.exact else RELATIVE_TOLERANCE,
        "largest_output": finite(float(f"{numeric.largest_output:.6g}")),
        "weights": _matrices(numeric.weights),
        "biases": _matrices(numeric.biases),
        "collapsed_weight": _matrix(numeric.collapsed_weight),
        "collapsed_bias": _matrix(numeric.collapsed_bias),
        "inputs": _matrices(numeric.inputs),
        "outputs": _matrices(numeric.outputs),
    }


def _counterexample(example: CollapseCounterexample) -> Json:
    return {
        "activation": example.activation,
        "slope": str(example.slope) if example.slope is not None else None,
        "definition": expression_data(example.definition),
        "layers": example.layers,
        "dims": list(example.dims),
        "weights": _matrices(example.weights),
        "biases": _matrices(example.biases),
        "network": expression_data(example.network) if example.network is not None else None,
        "closed_form": expression_data(example.closed) if example.closed is not None else None,
        "points": [str(point) for point in example.points],
        "values": (
            [expression_data(value) for value in example.values]
            if example.values is not None
            else None
        ),
        "decimals": decimals(example),
        "midpoint_gap": (
            expression_data(example.midpoint_gap) if example.midpoint_gap is not None else None
        ),
        "midpoint_gap_decimal": gap_decimal(example),
        "verification": "exact" if example.exact else "interval",
        "digits": example.digits,
        "note": counterexample_note(example),
    }
