"""The concrete parts of a linear-collapse solution as blocks: shapes and the numeric instance."""

from __future__ import annotations

import sympy

from symderive.derive.collapse import Shapes
from symderive.derive.collapse_numeric import RELATIVE_TOLERANCE, NumericInstance
from symderive.render.collapse_counterexample import matrix
from symderive.render.document import (
    Block,
    Bullets,
    Content,
    Equation,
    Heading,
    Math,
    Paragraph,
    Table,
    content,
)
from symderive.render.mathtext import SUBSCRIPTS
from symderive.render.residuals import power_of_ten, residual_math

CHECKED = "✓ "
SHAPE_ROWS = 12
"""Deeper networks show their first and last six layers."""


def subscript(letter: str, index: str) -> Math:
    """``W_{k+1}`` in LaTeX; ``W₁``, ``W_N`` or ``W_(k+1)`` in Unicode."""
    if index.isdigit():
        shown = letter + index.translate(SUBSCRIPTS)
    else:
        shown = f"{letter}_{index}" if index.isalnum() else f"{letter}_({index})"
    return Math(f"{letter}_{{{index}}}", shown)


def shapes_blocks(shapes: Shapes, letter: str) -> list[Block]:
    """A table of every W_k and b_k (or the first and last), W and b, and what they imply."""
    dims, layers = shapes.dims, len(shapes.dims) - 1
    shown = list(range(1, layers + 1))
    if layers > SHAPE_ROWS:
        shown = shown[: SHAPE_ROWS // 2] + shown[-SHAPE_ROWS // 2 :]
    rows: list[tuple[Content, ...]] = [
        (
            content(subscript(letter, str(k))),
            content(f"{dims[k]} × {dims[k - 1]}"),
            content(subscript("b", str(k))),
            content(str(dims[k])),
        )
        for k in shown
    ]
    height, width = shapes.weight_shape
    rows.append(
        (
            content(Math("W", "W")),
            content(f"{height} × {width}"),
            content(Math("b", "b")),
            content(str(shapes.bias_length)),
        )
    )
    caption = f"dims = {list(dims)}" + (" (first and last layers)" if layers > SHAPE_ROWS else "")
    how = " (confirmed by SymPy's MatMul of MatrixSymbols)" if shapes.checked_with_matmul else ""
    return [
        Heading(3, "Shapes"),
        Table(("weight", "shape", "bias", "length"), tuple(rows), caption=caption),
        Bullets(
            (
                content(
                    Math(f"{letter}_{{k}}", f"{letter}_k"),
                    " is ",
                    Math(r"d_{k} \times d_{k-1}", "d_k × d_(k−1)"),
                    ", so the product ",
                    Math(rf"{letter}_{{N}} \cdots {letter}_{{1}}", f"{letter}_N⋯{letter}₁"),
                    " is ",
                    Math(r"d_{N} \times d_{0}", "d_N × d₀"),
                    ", here ",  # words, not "=": checked answers would read it as an identity
                    Math(rf"{height} \times {width}", f"{height} × {width}"),
                    f"{how}, and b has {shapes.bias_length} entries.",
                ),
                content(
                    f"The {layers} layers have {shapes.layered_parameters:,} parameters; "
                    f"the collapsed map has {shapes.collapsed_parameters:,}."
                ),
                content(
                    Math(
                        rf"\operatorname{{rank}} W \leq {shapes.rank_bound}",
                        f"rank W ≤ {shapes.rank_bound}",
                    ),
                    ": W factors through the narrowest width, ",
                    Math(
                        f"d_{{{shapes.narrowest_layer}}} = {shapes.rank_bound}",
                        f"d_{shapes.narrowest_layer} = {shapes.rank_bound}",
                    ),
                    ".",
                ),
            )
        ),
    ]


def _residual(value: float) -> Content:
    """Round-off as ``< 1e-12``: its last bits depend on the machine's BLAS kernel."""
    return content(residual_math(value))


def numeric_blocks(numeric: NumericInstance) -> list[Block]:
    """The weights and inputs of a small instance in full; otherwise the largest differences."""
    slope = "" if numeric.slope == 1 else f", slope a = {numeric.slope}"
    intro = (
        f"Random weights (numpy, seed {numeric.seed}) of widths {list(numeric.dims)}{slope}: "
        "the network applied layer by layer against W x + b from the closed form, at "
        f"{numeric.inputs_checked} random inputs."
    )
    blocks: list[Block] = [Heading(3, "Numeric check"), Paragraph(content(intro))]
    if numeric.exact:
        return blocks + _exact(numeric)
    row = (
        content(str(len(numeric.dims) - 1)),
        content(str(numeric.inputs_checked)),
        _residual(numeric.max_abs_difference),
        _residual(numeric.max_relative_difference),
        _residual(numeric.recurrence_difference),
    )
    header = ("layers", "inputs", "max |difference|", "relative", "recurrence vs closed form")
    return [
        *blocks,
        Table(header, (row,)),
        Paragraph(
            content(
                f"{CHECKED}verified: they agree to rounding (float64), every difference within "
                "the relative tolerance ",
                power_of_ten(RELATIVE_TOLERANCE),
                ".",
            )
        ),
    ]


def _exact(numeric: NumericInstance) -> list[Block]:
    lines = []
    pairs = zip(numeric.weights, numeric.biases, strict=True)
    for k, (weight, bias) in enumerate(pairs, start=1):
        lines.append(_pair(subscript("W", str(k)), weight, subscript("b", str(k)), bias))
    assert numeric.collapsed_weight is not None and numeric.collapsed_bias is not None
    lines.append(
        _pair(Math("W", "W"), numeric.collapsed_weight, Math("b", "b"), numeric.collapsed_bias)
    )
    rows = tuple(
        (content(matrix(x)), content(matrix(y)), content(matrix(y)))
        for x, y in zip(numeric.inputs, numeric.outputs, strict=True)
    )
    return [
        Equation(tuple(lines)),
        Table(("input x", "network", "W x + b"), rows),
        Paragraph(
            content(f"{CHECKED}verified: equal exactly (rational arithmetic) at every input.")
        ),
    ]


def _pair(weight_name: Math, weight: sympy.Matrix, bias_name: Math, bias: sympy.Matrix) -> Math:
    weight_math, bias_math = matrix(weight), matrix(bias)
    return Math(
        rf"{weight_name.latex} = {weight_math.latex}, \quad {bias_name.latex} = {bias_math.latex}",
        f"{weight_name.unicode} = {weight_math.unicode}, {bias_name.unicode} = {bias_math.unicode}",
    )
