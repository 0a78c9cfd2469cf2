"""The JSON of a convolution problem: every kernel's properties, response and identification.

Exact numbers are strings (``"1/9"``), expressions ``{"sympy", "latex"}`` pairs, matrices lists
of rows of exact strings; floats are finite or null. Keys come in a fixed order.
"""

from __future__ import annotations

import sympy

from symderive.derive.convolution import ConvolutionSolution, KernelSolution
from symderive.render.json import Json, expression_data, finite, problem_data
from symderive.render.kernel_words import identification_words
from symderive.render.response_words import form_name, passband_reason, response_notes

NOISE = 1e-12
"""Floating-point differences below this are rounding noise: shown and stored as 0."""


def settled(value: float) -> float | None:
    """A float with rounding noise removed (0 below ``NOISE``, else six significant digits), so
    the output does not change with the machine's last bits; None where JSON has no number."""
    if abs(value) < NOISE:
        return 0.0
    return finite(float(f"{value:.6g}"))


def _exact(matrix: sympy.MatrixBase) -> list[list[str]]:
    return [[str(matrix[i, j]) for j in range(matrix.cols)] for i in range(matrix.rows)]


def _kernel(solution: KernelSolution) -> Json:
    kernel, found, response = solution.kernel, solution.properties, solution.response
    identification, separation = solution.identification, found.separation
    movement = identification.movement
    summary, evidence = identification_words(solution)
    return {
        "name": kernel.name,
        "written": _exact(kernel.written),
        "scale": str(kernel.scale),
        "kernel": _exact(kernel.matrix),
        "sum": str(found.total),
        "zero_sum": found.zero_sum,
        "symmetries": {
            "left_right": found.symmetries.left_right,
            "up_down": found.symmetries.up_down,
            "point": found.symmetries.point,
            "transpose": found.symmetries.transpose,
            "point_antisymmetric": found.symmetries.point_antisymmetric,
        },
        "moments": {
            "rows": str(found.moments.rows),
            "columns": str(found.moments.columns),
            "rows_squared": str(found.moments.rows_squared),
            "columns_squared": str(found.moments.columns_squared),
            "mixed": str(found.moments.mixed),
        },
        "rank": separation.rank,
        "separable": separation.separable,
        "factor": str(separation.factor) if separation.factor is not None else None,
        "column": [str(v) for v in separation.column] if separation.column else None,
        "row": [str(v) for v in separation.row] if separation.row else None,
        "response": {
            "definition": expression_data(response.definition),
            "expression": expression_data(response.expression),
            "form": form_name(response),
            "symbolic_proof": response.symbolic_proof,
            "at_zero": expression_data(response.at_zero),
            "at_corner": expression_data(response.at_corner),
            "peak": settled(response.peak),
            "peak_at": [settled(value) for value in response.peak_at],
            "smallest": settled(response.smallest),
            "passband": response.passband.value,
            "passband_reason": passband_reason(response),
            "notes": list(response_notes(response)),
            "unit": str(response.unit),
            "relative_peak": settled(response.relative_peak),
            "relative_smallest": settled(response.relative_smallest),
            "grid_points": response.grid_points,
            "max_difference": settled(response.max_difference),
        },
        "identification": {
            "name": identification.name,
            "summary": summary,
            "evidence": list(evidence),
            "movement": (
                {
                    "offset": list(movement.offset),
                    "correlation": list(movement.correlation),
                    "convolution": list(movement.convolution),
                    "gain": str(movement.gain),
                }
                if movement is not None
                else None
            ),
            "direction": (
                [str(v) for v in identification.direction]
                if identification.direction is not None
                else None
            ),
        },
        "theorem_gap": settled(solution.theorem_gap),
    }


def convolution_data(solution: ConvolutionSolution) -> Json:
    """A convolution problem: its kernels, each with what it computes and the evidence."""
    problem = solution.problem
    return {
        **problem_data(problem),
        "image_given": solution.image_given,
        "image_shape": list(solution.image_shape),
        "kernels": [_kernel(kernel) for kernel in solution.kernels],
    }
