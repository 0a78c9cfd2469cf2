"""The terminal format: Rich text with one-line Unicode math, readable with colour or without.

This is the only module of the package that imports Rich. Colour only ever repeats what the words
already say (``✓ symbolic``, ``pass``, ``warning``), so the output reads the same under NO_COLOR,
in a pipe, or in a golden file.
"""

from __future__ import annotations

import io

import sympy
from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule as HorizontalRule
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from symderive.derive.partials import ReadingSolution
from symderive.derive.steps import Derivation
from symderive.problem import LocatedWarning
from symderive.render import texts
from symderive.render.mathtext import latex_to_unicode, needs_parentheses, unicode, unicode_name
from symderive.solve import PartialsSolution, SolutionSet

DEFAULT_WIDTH = 100
INDENT = 2


def render_terminal(solutions: SolutionSet, *, color: bool, width: int | None = None) -> str:
    """Every problem of ``solutions`` as terminal text, with ANSI styles only when ``color``."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width or DEFAULT_WIDTH,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
        _environ={},
    )
    for block in _document(solutions):
        console.print(block)
    text = buffer.getvalue()
    if not color:
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return text


def _document(solutions: SolutionSet) -> list[RenderableType]:
    problem_set = solutions.problem_set
    title = problem_set.title or problem_set.path
    points = texts.set_points(problem_set.points)
    blocks: list[RenderableType] = [
        HorizontalRule(Text(title + (f" ({points})" if points else ""), style="bold"))
    ]
    if problem_set.statement:
        blocks.append(Text(problem_set.statement))
    for solution in solutions.solutions:
        blocks.extend(_problem(solution))
    return blocks


def _problem(solution: PartialsSolution) -> list[RenderableType]:
    problem = solution.problem
    blocks: list[RenderableType] = [
        Text(""),
        HorizontalRule(Text(texts.problem_heading(solution), style="bold cyan"), align="left"),
    ]
    if problem.statement:
        blocks.append(Text(problem.statement))
    blocks.append(Text.assemble(("Expression as written: ", "bold"), problem.expression.text))
    blocks.extend(_warning(warning) for warning in problem.warnings)
    for reading in solution.readings:
        blocks.extend(_reading(solution, reading))
    return blocks


def _warning(warning: LocatedWarning) -> RenderableType:
    head = Text.assemble(
        (f"{texts.WARNING_WORD}: ", "bold yellow"),
        (f"{warning.location.prefix()}: ", "bold"),
        warning.message,
    )
    snippet = warning.location.snippet()
    if not snippet:
        return head
    # The snippet is not wrapped: the caret must stay under its column.
    return Group(head, Text(snippet, no_wrap=True, overflow="ellipsis"))


def _reading(solution: PartialsSolution, reading: ReadingSolution) -> list[RenderableType]:
    name = solution.result_name
    style = "bold green" if reading.graded else "bold magenta"
    blocks: list[RenderableType] = [
        Text(""),
        Text.assemble(("Reading: ", "bold"), (texts.reading_heading(reading), style)),
        _indented(Text(f"{reading.description}: {name} = {unicode(reading.expression)}")),
        Text(""),
        Text(texts.RULES_HEADING, style="bold underline"),
    ]
    for derivation in reading.derivatives:
        blocks.extend(_derivation(name, derivation))
    blocks.extend(_backprop(name, reading))
    return blocks


def _derivative_name(name: str, variable: sympy.Symbol) -> str:
    return f"∂{name}/∂{unicode_name(variable.name)}"


def _step_text(line: texts.StepLine) -> Text:
    if line.is_simplification:
        statement = f"{unicode(line.before)} = {unicode(line.after)}"
    else:
        operator = f"∂/∂{unicode(line.wrt)}" if line.partial else f"d/d{unicode(line.wrt)}"
        before = unicode(line.before)
        if needs_parentheses(line.before):
            before = f"({before})"
        statement = f"{operator} {before} = {unicode(line.after)}"
    text = Text.assemble((texts.rule_label(line.step.rule), "bold"), ": ", statement)
    if line.inner is not None:
        text.append(f", with {unicode(line.wrt)} = {unicode(line.inner)}")
    verified = texts.is_verified(line.step.verification)
    text.append("\n")
    text.append(texts.verification_text(line.step.verification), "green" if verified else "yellow")
    if line.step.formula:
        text.append(f"   {latex_to_unicode(line.step.formula)}", "dim")
    if line.step.note:
        text.append(f"\nnote: {line.step.note}", "yellow")
    return text


def _derivation(name: str, derivation: Derivation) -> list[RenderableType]:
    lines = texts.step_lines(derivation)
    tree_lines = [line for line in lines if line.step is not derivation.simplification]
    root = Tree(_step_text(tree_lines[0]), guide_style="dim")
    parents = [root]
    for line in tree_lines[1:]:
        del parents[line.depth :]
        parents.append(parents[-1].add(_step_text(line)))
    title = Text(_derivative_name(name, derivation.wrt), style="bold")
    blocks: list[RenderableType] = [Text(""), title, _indented(root)]
    if derivation.simplification is not None:
        blocks.append(_indented(_step_text(lines[-1])))
    result = Text(f"{_derivative_name(name, derivation.wrt)} = {unicode(derivation.result)}")
    blocks.append(
        _indented(
            Panel(result, expand=False, box=box.ROUNDED, border_style="green", padding=(0, 1))
        )
    )
    return blocks


def _table(columns: tuple[str, ...]) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _backprop(name: str, reading: ReadingSolution) -> list[RenderableType]:
    graph, gradient = reading.graph, reading.gradient
    bars = texts.adjoint_names(gradient, "unicode")
    blocks: list[RenderableType] = [
        Text(""),
        Text(texts.BACKPROP_HEADING, style="bold underline"),
        Text(texts.GRAPH_INTRO),
    ]
    nodes = _table(("node", "operation", "in the inputs", "local partials"))
    for node in graph.nodes:
        partials = "\n".join(
            f"∂{unicode_name(node.name)}/∂{unicode_name(edge.source)} = "
            f"{unicode(edge.local_gradient)}"
            for edge in node.edges
        )
        stands_for = "(the output)" if node is graph.output else unicode(node.expression)
        nodes.add_row(unicode_name(node.name), unicode(node.operation), stands_for, partials)
    blocks.append(_indented(Group(_title(texts.GRAPH_HEADING), nodes)))

    sweep = Tree(Text(texts.SWEEP_HEADING, style="bold"), guide_style="dim")
    intro = texts.SWEEP_INTRO.format(output=unicode_name(graph.output_name))
    sweep.add(Text(intro, style="dim"))
    for adjoint in gradient.adjoints:
        parts = [unicode(adjoint.symbol, bars), unicode(adjoint.sweep, bars)]
        for form in (adjoint.in_nodes, adjoint.in_variables):
            shown = unicode(form, bars)
            if shown not in parts:
                parts.append(shown)
        line = Text(" = ".join(parts))
        if len(adjoint.contributions) > 1:
            consumers = ", ".join(unicode_name(c.consumer) for c in adjoint.contributions)
            line.append(f"   (sum over the consumers {consumers})", "dim")
        sweep.add(line)
    blocks.append(_indented(sweep))

    if reading.evaluation is not None:
        blocks.extend(_numbers(reading))
    if reading.evaluation_note:
        blocks.append(_indented(Text(f"note: {reading.evaluation_note}", style="yellow")))
    return blocks


def _numbers(reading: ReadingSolution) -> list[RenderableType]:
    evaluation = reading.evaluation
    assert evaluation is not None
    point = texts.point_text(reading, unicode_name)
    forward = _table(texts.FORWARD_COLUMNS)
    for node, value in texts.forward_rows(evaluation):
        forward.add_row(unicode_name(node), value)
    rows = texts.backward_rows(evaluation, reading.gradient)
    with_sums = any(total for _, _, total in rows)
    backward = _table(texts.BACKWARD_COLUMNS if with_sums else texts.BACKWARD_COLUMNS[:2])
    for node, value, total in rows:
        backward.add_row(unicode_name(node, bar=True), value, *([total] if with_sums else []))
    checks = _table(texts.CHECK_COLUMNS)
    for variable, adjoint, difference, error, verdict in texts.check_rows(evaluation):
        style = "green" if verdict == "pass" else "bold red"
        checks.add_row(unicode_name(variable), adjoint, difference, error, Text(verdict, style))
    return [
        _indented(Group(_title(f"{texts.FORWARD_HEADING} at {point}"), forward)),
        _indented(Group(_title(texts.BACKWARD_HEADING), backward)),
        _indented(Group(_title(texts.CHECK_HEADING), Text(texts.CHECK_INTRO, style="dim"), checks)),
    ]


def _title(text: str) -> Text:
    return Text(text, style="bold")


def _indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, INDENT))
