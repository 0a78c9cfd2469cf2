"""The pictures of a convolution problem: the image and each kernel's output, and each |H|.

matplotlib is imported inside ``draw`` only (Agg backend), and the outputs are computed there,
so building the document costs nothing. Outputs are cross-correlations with periodic borders
(what a CNN layer computes; ``kernel_images``), each shown with its own grey scale; |H| is
evaluated as the defining sum Σ k·e^{−i(ω₁m + ω₂n)} (which the symbolic response was checked
against) on a fine grid over [−π, π]².
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from symderive.derive.convolution import ConvolutionSolution, picture
from symderive.derive.kernel_images import correlate
from symderive.derive.kernel_response import direct_sum
from symderive.render.document import Figure

RESPONSE_SAMPLES = 129
COLUMNS = 3


def _grid(count: int) -> tuple[Any, Any, list[Any]]:
    from matplotlib import pyplot

    rows = math.ceil(count / COLUMNS)
    figure, axes = pyplot.subplots(
        rows, COLUMNS, figsize=(3.0 * COLUMNS, 3.0 * rows), dpi=110, squeeze=False
    )
    flat = [axis for row in axes for axis in row]
    for axis in flat[count:]:
        axis.axis("off")
    return pyplot, figure, flat[:count]


def _save(figure: Any, path: Path) -> None:
    figure.tight_layout()
    figure.savefig(path, format="png", metadata={"Software": None})


def image_figure(solution: ConvolutionSolution) -> Figure:
    """The input picture and, beside it, every kernel's cross-correlation output."""

    def draw(path: Path) -> None:
        import matplotlib

        matplotlib.use("Agg")
        image = picture(solution.problem)
        panels = [("input", image)] + [
            (
                f"{kernel.kernel.name}: {kernel.identification.name}",
                correlate(image, kernel.kernel.matrix),
            )
            for kernel in solution.kernels
        ]
        pyplot, figure, axes = _grid(len(panels))
        try:
            for axis, (title, values) in zip(axes, panels, strict=True):
                axis.imshow(values, cmap="gray", interpolation="nearest")
                axis.set_title(title, fontsize=9)
                axis.set_xticks([])
                axis.set_yticks([])
            _save(figure, path)
        finally:
            pyplot.close(figure)

    problem = solution.problem
    return Figure(
        f"{problem.id}-images",
        "the picture and each kernel's output (cross-correlation, borders wrap around)",
        draw,
    )


def response_figure(solution: ConvolutionSolution) -> Figure:
    """|H(ω₁, ω₂)| of every kernel as a heat map, zero frequency in the middle."""

    def draw(path: Path) -> None:
        import matplotlib

        matplotlib.use("Agg")
        import numpy

        omega = numpy.linspace(-numpy.pi, numpy.pi, RESPONSE_SAMPLES)
        rows, columns = numpy.meshgrid(omega, omega, indexing="ij")
        pyplot, figure, axes = _grid(len(solution.kernels))
        try:
            for axis, kernel in zip(axes, solution.kernels, strict=True):
                values = numpy.abs(
                    numpy.asarray(direct_sum(kernel.properties.matrix, rows, columns))
                )
                shown = axis.imshow(
                    values,
                    extent=(-numpy.pi, numpy.pi, numpy.pi, -numpy.pi),
                    cmap="viridis",
                    vmin=0,
                )
                axis.set_title(
                    f"|H| of {kernel.kernel.name} ({kernel.response.passband})", fontsize=9
                )
                axis.set_xlabel("ω₂ (columns)", fontsize=8)
                axis.set_ylabel("ω₁ (rows)", fontsize=8)
                figure.colorbar(shown, ax=axis, fraction=0.046, pad=0.04)
            _save(figure, path)
        finally:
            pyplot.close(figure)

    problem = solution.problem
    return Figure(
        f"{problem.id}-response",
        "|H(ω₁, ω₂)| of each kernel over [−π, π]², zero frequency in the middle",
        draw,
    )
