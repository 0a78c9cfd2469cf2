"""A small hand-made document with every block type, shared by the block and figure tests.

The figure draws a tiny PNG with matplotlib's Agg backend, so the LaTeX and Markdown renderers
can be checked end to end: picture drawn, linked, and (for LaTeX) compiled into the PDF.
"""

from __future__ import annotations

from pathlib import Path

from symderive.errors import SourceLocation
from symderive.render.document import (
    Bullets,
    Code,
    Document,
    Equation,
    Figure,
    Heading,
    Math,
    Paragraph,
    StepItem,
    Steps,
    Table,
    Warning,
    content,
)


def draw_tiny_plot(path: Path) -> None:
    """A 20×20 pixel line plot: enough to be a real PNG that pdflatex can include."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure as PlotFigure

    figure = PlotFigure(figsize=(1, 1), dpi=20)
    figure.add_subplot().plot([0, 1], [0, 1])
    figure.savefig(path)


LOCATION = SourceLocation("problems/x.yaml", 3, 24, '    expression: "z = a / b*c"')
LONG_SUM = " + ".join(f"{k} x_{{{k}}}^{{2}}" for k in range(1, 25))
LONG_SUM_UNICODE = " + ".join(f"{k}x{k}²" for k in range(1, 25))

EVERY_BLOCK = Document(
    (
        Heading(1, "Every block (5 points)"),
        Paragraph(content("A set statement.")),
        Heading(2, "p1 (2 points)"),
        Heading(3, "A part"),
        Heading(4, "A sub-part"),
        Heading(5, "A titled piece"),
        Paragraph(content("Plain words with ", Math("x^{2}", "x²"), " inline.")),
        Paragraph(content("An aside_with specials $ & %"), emphasis=True),
        Code("z = a / b*c", label="Expression as written"),
        Code("first: line\n  second: indented"),
        Warning("'a / b*c' is read as (a/b)·c", LOCATION),
        Warning("a caveat without a place"),
        Equation((Math("y = x_{1} + x_{2}", "y = x₁ + x₂"),)),
        Equation((Math(r"\frac{\partial y}{\partial x_{1}} = 1", "∂y/∂x₁ = 1"),), boxed=True),
        Equation(
            (Math("a = 1", "a = 1"), Math("b = 2", "b = 2")),
            boxed=True,
        ),
        Equation((Math(f"s = {LONG_SUM}", f"s = {LONG_SUM_UNICODE}"),), boxed=True),
        Steps(
            (
                StepItem(
                    "sum rule",
                    content(Math(r"\frac{\partial}{\partial x} (x + 1) = 1", "∂/∂x (x + 1) = 1")),
                    content("✓ symbolic; rule ", Math("(f + g)' = f' + g'", "(f + g)' = f' + g'")),
                    note="a note on the step",
                    children=(
                        StepItem(
                            "variable rule",
                            content(Math(r"\frac{\partial}{\partial x} x = 1", "∂/∂x x = 1")),
                            content("✓ symbolic"),
                        ),
                        StepItem(
                            "constant rule",
                            content(Math(r"\frac{\partial}{\partial x} 1 = 0", "∂/∂x 1 = 0")),
                        ),
                    ),
                ),
                StepItem("simplification", content(Math("2 x = 2x", "2x = 2x"))),
            )
        ),
        Table(
            ("name", "value", "|note|"),
            (
                (content(Math("x_{1}", "x₁")), content(Math("-0.5", "-0.5")), content("first")),
                (content(Math("x_{2}", "x₂")), content(), content("two\nlines")),
            ),
            caption="A captioned table",
        ),
        Bullets((content("first item ", Math(r"\bar{u}", "ū")), content("second item"))),
        Figure("tiny", "A tiny plot", draw_tiny_plot),
    )
)
