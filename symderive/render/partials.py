"""What a partials problem says, as document blocks: written once, printed by every format.

The wording lives here (reading labels, section titles, table columns) and the computed pieces
come from ``texts`` (step lines, table rows, rounded numbers); the renderers only decide how a
heading, a step tree or a table looks.
"""

from __future__ import annotations

import sympy

from symderive.derive.backprop import Adjoint, Gradient
from symderive.derive.evaluation import Evaluation
from symderive.derive.graph import ComputationalGraph
from symderive.derive.partials import PartialsSolution, ReadingSolution
from symderive.derive.steps import Derivation
from symderive.render import texts
from symderive.render.document import (
    Block,
    Bullets,
    Code,
    Content,
    Equation,
    Heading,
    Inline,
    Math,
    Paragraph,
    Steps,
    Table,
    Warning,
    content,
)
from symderive.render.mathtext import latex, latex_name, unicode, unicode_name
from symderive.render.second_partials import second_partials_blocks
from symderive.render.step_items import derivation_step_items

GRADED = "as written — graded"
NOT_GRADED = "other reading — not graded"
READING = "Reading: "
EXPRESSION_AS_WRITTEN = "Expression as written"
RULES_HEADING = "Derivation by rules"
BACKPROP_HEADING = "Backpropagation"
GRAPH_HEADING = "Computational graph"
GRAPH_INTRO = "Each node is one operation on its inputs; each edge carries its local partial."
GRAPH_COLUMNS = ("node", "operation", "in the inputs", "local partials")
THE_OUTPUT = "(the output)"
SWEEP_HEADING = "Reverse sweep"
SUM_OVER_CONSUMERS = " (sum over the consumers "
FORWARD_HEADING = "Forward pass at "
BACKWARD_HEADING = "Backward pass"
CHECK_HEADING = "Finite-difference check"
CHECK_INTRO = (
    "Each adjoint beside a central difference (f(x+h) − f(x−h))/2h of the whole expression."
)
FORWARD_COLUMNS = ("node", "value")
BACKWARD_COLUMNS = ("node", "adjoint", "sum of contributions")
CHECK_COLUMNS = ("variable", "adjoint", "finite difference", "|difference|", "check")
NOTE = "Note: "


def partials_blocks(solution: PartialsSolution) -> list[Block]:
    """Heading, statement, the expression as written and its warnings, then every reading."""
    problem = solution.problem
    blocks: list[Block] = [Heading(2, texts.with_points(problem.id, problem.points))]
    if problem.statement:
        blocks.append(Paragraph(content(problem.statement)))
    blocks.append(Code(problem.expression.text, label=EXPRESSION_AS_WRITTEN))
    blocks.extend(Warning(warning.message, warning.location) for warning in problem.warnings)
    for reading in solution.readings:
        blocks.extend(_reading(solution.result_name, reading))
        if reading.graded:
            blocks.extend(second_partials_blocks(solution))
    return blocks


def _name(name: str, *, bar: bool = False) -> Math:
    return Math(latex_name(name, bar=bar), unicode_name(name, bar=bar))


def _number(text: str) -> Math:
    """A rounded number is a formula too: a true minus sign, and ``×10`` in LaTeX."""
    return Math(texts.scientific_latex(text), text)


def _reading(name: str, reading: ReadingSolution) -> list[Block]:
    blocks: list[Block] = [
        Heading(3, READING + (GRADED if reading.graded else NOT_GRADED)),
        Paragraph(content(reading.description), emphasis=True),
        Equation((Math.equation(_name(name), Math.of(reading.expression)),)),
        Heading(4, RULES_HEADING),
    ]
    for derivation in reading.derivatives:
        blocks.extend(_derivation(name, derivation))
    blocks.extend(_backprop(name, reading))
    return blocks


def _partial(name: str, variable: str, *, slashed: bool = False) -> Math:
    """``∂z/∂x``: a fraction for displays, slashed for running text and table cells, where a
    fraction would be set small."""
    top, bottom = rf"\partial {latex_name(name)}", rf"\partial {latex_name(variable)}"
    return Math(
        f"{top}/{bottom}" if slashed else rf"\frac{{{top}}}{{{bottom}}}",
        f"∂{unicode_name(name)}/∂{unicode_name(variable)}",
    )


def _derivation(name: str, derivation: Derivation) -> list[Block]:
    """``∂z/∂x:``, the step tree (then the simplification), and the boxed result."""
    title = _partial(name, derivation.wrt.name)
    result = Math.equation(title, Math.of(derivation.result))
    return [
        Paragraph(content(_partial(name, derivation.wrt.name, slashed=True), ":")),
        Steps(derivation_step_items(derivation)),
        Equation((result,), boxed=True),
    ]


def _backprop(name: str, reading: ReadingSolution) -> list[Block]:
    """The graph, the reverse sweep and, at a point, the numbers of both passes."""
    graph, gradient = reading.graph, reading.gradient
    blocks: list[Block] = [
        Heading(4, BACKPROP_HEADING),
        Heading(5, GRAPH_HEADING),
        Paragraph(content(GRAPH_INTRO)),
        _graph_table(graph),
        Heading(5, SWEEP_HEADING),
        Paragraph(_sweep_intro(graph.output_name)),
        Bullets(_sweep(gradient)),
    ]
    if reading.evaluation is not None:
        blocks.extend(_numbers(reading, reading.evaluation))
    note = texts.evaluation_note(reading)
    if note:
        blocks.append(Paragraph(content(NOTE + note)))
    return blocks


def _graph_table(graph: ComputationalGraph) -> Table:
    rows = []
    for node in graph.nodes:
        partials: list[Inline] = []
        for edge in node.edges:
            if partials:
                partials.append("\n")
            derivative = _partial(node.name, edge.source, slashed=True)
            partials.append(Math.equation(derivative, Math.of(edge.local_gradient)))
        stands_for = (
            content(THE_OUTPUT) if node is graph.output else content(Math.of(node.expression))
        )
        rows.append(
            (
                content(_name(node.name)),
                content(Math.of(node.operation)),
                stands_for,
                tuple(partials),
            )
        )
    return Table(GRAPH_COLUMNS, tuple(rows))


def _sweep_intro(output: str) -> Content:
    """Each adjoint ū, the derivative of z with respect to u, sums what u's consumers pass down.

    Said in words rather than as ``ū = ∂z/∂u``: exported solutions are read back by ``check``,
    and a defining equation there would look like a claim about a variable named u.
    """
    adjoint = Math(r"\bar{u}", "ū")
    passed = Math(
        r"\bar{u}(\text{consumer}) \cdot \partial\,\text{consumer}/\partial u",
        "ū(consumer) · ∂consumer/∂u",
    )
    return content(
        "Each adjoint ",
        adjoint,
        f", the derivative of {output} with respect to u, sums what the consumers of u pass down: ",
        passed,
        ".",
    )


def _sweep(gradient: Gradient) -> tuple[Content, ...]:
    """One line per adjoint: its sweep, then in nodes and in variables where these differ."""
    latex_bars = texts.adjoint_names(gradient, "latex")
    unicode_bars = texts.adjoint_names(gradient, "unicode")
    return tuple(_sweep_line(adjoint, latex_bars, unicode_bars) for adjoint in gradient.adjoints)


def _sweep_line(
    adjoint: Adjoint, latex_bars: dict[sympy.Symbol, str], unicode_bars: dict[sympy.Symbol, str]
) -> Content:
    latex_parts: list[str] = []
    unicode_parts: list[str] = []
    forms = (adjoint.symbol, adjoint.sweep, adjoint.in_nodes, adjoint.in_variables)
    for index, form in enumerate(forms):
        shown = latex(form, latex_bars)
        if index < 2 or shown not in latex_parts:
            latex_parts.append(shown)
            unicode_parts.append(unicode(form, unicode_bars))
    line: list[Inline] = [Math(" = ".join(latex_parts), " = ".join(unicode_parts))]
    if len(adjoint.contributions) > 1:
        line.append(SUM_OVER_CONSUMERS)
        for index, contribution in enumerate(adjoint.contributions):
            line += [", "] if index else []
            line.append(_name(contribution.consumer))
        line.append(")")
    return tuple(line)


def _numbers(reading: ReadingSolution, evaluation: Evaluation) -> list[Block]:
    """The forward values, the adjoints, and each adjoint beside its finite difference."""
    forward = tuple(
        (content(_name(node)), content(_number(value)))
        for node, value in texts.forward_rows(evaluation)
    )
    rows = texts.backward_rows(evaluation, reading.gradient)
    with_sums = any(total for _, _, total in rows)
    backward = tuple(
        (
            content(_name(node, bar=True)),
            content(_number(value)),
            *([content(_number(total)) if total else content()] if with_sums else []),
        )
        for node, value, total in rows
    )
    checks = tuple(
        (
            content(_name(variable)),
            content(_number(adjoint)),
            content(_number(difference)),
            content(_number(error)),
            content(verdict),
        )
        for variable, adjoint, difference, error, verdict in texts.check_rows(evaluation)
    )
    point = texts.point_text(reading, unicode_name)
    return [
        Heading(5, FORWARD_HEADING + point),
        Table(FORWARD_COLUMNS, forward),
        Heading(5, BACKWARD_HEADING),
        Table(BACKWARD_COLUMNS if with_sums else BACKWARD_COLUMNS[:2], backward),
        Heading(5, CHECK_HEADING),
        Paragraph(content(CHECK_INTRO)),
        Table(CHECK_COLUMNS, checks),
    ]
