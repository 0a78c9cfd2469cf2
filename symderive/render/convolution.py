"""What a convolution solution says, as document blocks: per kernel its identification with the
evidence, its exact properties, its frequency response and the checks, then the pictures.

Matrices are written here (``pmatrix`` in LaTeX, nested brackets in Unicode); every value comes
from the solution, already verified. The JSON is in ``convolution_json``, the pictures in
``convolution_figure``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import sympy

from symderive.derive.convolution import ConvolutionSolution, KernelSolution
from symderive.derive.kernel_response import DEFINING_SUM_FORM, OMEGA_COLUMNS, OMEGA_ROWS
from symderive.render import texts
from symderive.render.convolution_figure import image_figure, response_figure
from symderive.render.convolution_json import NOISE, convolution_data, settled
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
from symderive.render.kernel_words import identification_words, movement_words, symmetry_names
from symderive.render.mathtext import latex, number, unicode
from symderive.render.response_words import form_name, passband_reason, response_notes

__all__ = ["ConvolutionSolution", "convolution_blocks", "convolution_data"]

OMEGA_NAMES = {OMEGA_ROWS: "ω₁", OMEGA_COLUMNS: "ω₂"}
RESPONSE_NAME = Math(r"H(\omega_{1}, \omega_{2})", "H(ω₁, ω₂)")
CORRELATION = Math(
    r"y_{i,j} = \sum_{m,n} k_{m,n}\, x_{i+m,\,j+n}", "y[i, j] = Σ k[m, n]·x[i+m, j+n]"
)
CONVOLUTION = Math(
    r"y_{i,j} = \sum_{m,n} k_{m,n}\, x_{i-m,\,j-n}", "y[i, j] = Σ k[m, n]·x[i−m, j−n]"
)
DEFINITION = Math(
    r"H(\omega_{1}, \omega_{2}) = \sum_{m,n} k_{m,n}\, e^{-i(\omega_{1} m + \omega_{2} n)}",
    "H(ω₁, ω₂) = Σ k[m, n]·e^(−i(ω₁m + ω₂n))",
)


def formula(expression: sympy.Basic) -> Math:
    """An expression in ω₁, ω₂ (or a number), in both notations."""
    return Math(latex(expression), unicode(expression, OMEGA_NAMES))


def matrix_math(rows: Sequence[Sequence[sympy.Expr]]) -> Math:
    """``\\begin{pmatrix}…`` and ``[[0, 1, 0], …]``."""
    body = r" \\ ".join(" & ".join(latex(value) for value in row) for row in rows)
    text = "[" + ", ".join("[" + ", ".join(unicode(v) for v in row) + "]" for row in rows) + "]"
    return Math(rf"\begin{{pmatrix}} {body} \end{{pmatrix}}", text)


def _rows(matrix: sympy.MatrixBase) -> list[list[sympy.Expr]]:
    return [list(matrix.row(index)) for index in range(matrix.rows)]


def _scaled(scale: sympy.Rational, matrix: Math) -> Math:
    if scale == 1:
        return matrix
    return Math(rf"{latex(scale)} {matrix.latex}", f"{unicode(scale)}·{matrix.unicode}")


def _name(solution: KernelSolution) -> Math:
    name = solution.kernel.name
    escaped = name.replace("_", r"\_")
    return Math(rf"\mathrm{{{escaped}}}", name)


def convolution_blocks(solution: ConvolutionSolution) -> list[Block]:
    """Heading, statement, conventions, a summary table, each kernel, then the pictures."""
    problem = solution.problem
    blocks: list[Block] = [Heading(2, texts.with_points(problem.id, problem.points))]
    if problem.statement:
        blocks.append(Paragraph(content(problem.statement)))
    blocks += _conventions()
    blocks.append(_summary(solution))
    for kernel in solution.kernels:
        blocks += _kernel_blocks(kernel, solution)
    blocks.append(Heading(3, "Pictures"))
    source = (
        "the image given in the problem"
        if solution.image_given
        else ("a generated test picture (a ramp, a square, a disc, a line and a dot)")
    )
    rows, columns = solution.image_shape
    blocks.append(
        Paragraph(
            content(
                f"Each kernel applied by cross-correlation to {source}, {rows}×{columns} "
                "pixels, borders wrapping around; then |H| of every kernel over "
                "[−π, π]², zero frequency in the middle."
            )
        )
    )
    blocks += [image_figure(solution), response_figure(solution)]
    return blocks


def _conventions() -> list[Block]:
    return [
        Paragraph(
            content(
                "Conventions: the entry k[m, n] sits m rows below and n columns to the right of "
                "the centre. Cross-correlation, what CNN layers compute, is ",
                CORRELATION,
                "; true convolution is ",
                CONVOLUTION,
                ", the same with the kernel turned by a half turn. The frequency response is ",
                DEFINITION,
                " (ω₁ down the rows, ω₂ along the columns); cross-correlation's response is "
                "its complex conjugate, with the same magnitude.",
            )
        )
    ]


def _summary(solution: ConvolutionSolution) -> Table:
    rows = tuple(
        (
            content(_name(kernel)),
            content(kernel.identification.name),
            content(formula(kernel.properties.total)),
            content(kernel.response.passband),
        )
        for kernel in solution.kernels
    )
    return Table(("kernel", "what it computes", "sum", "pass band"), rows, "Summary")


def _kernel_blocks(solution: KernelSolution, whole: ConvolutionSolution) -> list[Block]:
    kernel, identification = solution.kernel, solution.identification
    name = _name(solution)
    summary, evidence = identification_words(solution)
    blocks: list[Block] = [
        Heading(3, f"Kernel {kernel.name}: {identification.name}"),
        Equation((Math.equation(name, _scaled(kernel.scale, matrix_math(_rows(kernel.written)))),)),
        Paragraph(content(name, " is " + summary)),
        Heading(4, "Evidence"),
        Bullets(tuple(content(line) for line in evidence)),
        Heading(4, "Properties"),
        _properties(solution),
    ]
    separation = solution.properties.separation
    if separation.separable:
        assert separation.column is not None and separation.row is not None
        column = matrix_math([[value] for value in separation.column])
        row = matrix_math([list(separation.row)])
        factor = separation.factor
        assert factor is not None
        flat = "[" + ", ".join(unicode(value) for value in separation.column) + "]"
        product = Math(f"{column.latex} {row.latex}", f"{flat}ᵀ·{row.unicode[1:-1]}")
        blocks.append(Paragraph(content("Separable: the column factor times the row factor,")))
        blocks.append(Equation((Math.equation(name, _scaled(factor, product)),)))
        blocks.append(Paragraph(content("✓ multiplied back, exactly equal to the kernel.")))
    blocks += _response_blocks(solution)
    blocks += _picture_checks(solution, whole)
    return blocks


def _angle(value: float) -> str:
    """A grid frequency as a multiple of π: ``−π``, ``π/2``, ``0``."""
    multiple = Fraction(value / math.pi).limit_denominator(64)
    return unicode(sympy.Rational(multiple.numerator, multiple.denominator) * sympy.pi)


def _value(value: float) -> str:
    shown = settled(value)
    return "nan" if shown is None else number(shown)


def _magnitude(absolute: float, relative: float, unit: sympy.Rational) -> str:
    """|H| as a number; for tiny kernels, where the float would round to 0, relative·max|k|."""
    if abs(absolute) >= NOISE or abs(relative) < NOISE:
        return _value(absolute)
    return f"{_value(relative)}·{unicode(unit)}"


def _difference(value: float) -> str:
    """``largest difference 3e-09``, or ``every difference below 1e-12`` for rounding noise."""
    if abs(value) < NOISE:
        return f"every difference below {NOISE:g}"
    return f"largest difference {_value(value)}"


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _properties(solution: KernelSolution) -> Table:
    found = solution.properties
    moments = found.moments
    symmetries = ", ".join(symmetry_names(found.symmetries)) or "none"
    rows: list[tuple[Content, ...]] = [
        (content("sum (DC gain, H(0, 0))"), content(formula(found.total))),
        (content("sums to zero"), content(_yes(found.zero_sum))),
        (content("symmetries"), content(symmetries)),
        (
            content("separable"),
            content(
                "yes (rank 1)"
                if found.separation.separable
                else f"no (rank {found.separation.rank})"
            ),
        ),
        (
            content("first moments Σk·m, Σk·n"),
            content(f"{moments.rows}, {moments.columns}"),
        ),
        (
            content("second moments Σk·m², Σk·n², Σk·m·n"),
            content(f"{moments.rows_squared}, {moments.columns_squared}, {moments.mixed}"),
        ),
    ]
    return Table(("property", "value"), tuple(rows))


def _response_blocks(solution: KernelSolution) -> list[Block]:
    response = solution.response
    low, high = abs(response.at_zero), abs(response.at_corner)
    where = ", ".join(_angle(value) for value in response.peak_at)
    proof = (
        "the defining sum itself"
        if response.form == DEFINING_SUM_FORM
        else "proved equal to the defining sum by SymPy (both expanded in exponentials)"
        if response.symbolic_proof
        else "not proved symbolically within SymPy's simplification"
    )
    return [
        Heading(4, "Frequency response"),
        Paragraph(content(f"As a {form_name(response)}:")),
        Equation((Math.equation(RESPONSE_NAME, formula(response.expression)),), boxed=True),
        Paragraph(
            content(
                f"{response.passband.capitalize()} ({passband_reason(response)}): |H(0, 0)| = ",
                formula(low),
                ", |H(π, π)| = ",
                formula(high),
                "; the largest |H| on the grid is "
                f"{_magnitude(response.peak, response.relative_peak, response.unit)} at "
                f"(ω₁, ω₂) = ({where}), the smallest "
                f"{_magnitude(response.smallest, response.relative_smallest, response.unit)}.",
            )
        ),
        Paragraph(
            content(
                f"✓ H(0, 0) equals the kernel's sum exactly; the form above is {proof}, and "
                f"agrees with NumPy's FFT of the kernel at {response.grid_points:,} "
                f"frequencies ({_difference(response.max_difference)})."
            )
        ),
        *(Paragraph(content(f"Not done: {note}.")) for note in response_notes(response)),
    ]


def _picture_checks(solution: KernelSolution, whole: ConvolutionSolution) -> list[Block]:
    picture = "the given image" if whole.image_given else "the test picture"
    lines = [
        f"✓ on {picture}, convolution as a sum of shifted copies equals IFFT(FFT(x)·H) "
        f"({_difference(solution.theorem_gap)})."
    ]
    movement = solution.identification.movement
    if movement is not None:
        lines.append(
            f"✓ on {picture}, cross-correlation equals the picture moved "
            f"{movement_words(*movement.correlation)} and convolution equals it moved "
            f"{movement_words(*movement.convolution)}."
        )
    return [Paragraph(content(line)) for line in lines]
