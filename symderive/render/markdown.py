"""The Markdown format, for GitHub and Jupyter: ``$…$`` inline math, ``$$`` blocks on their own
lines, and pipe tables for the numbers.

The math is the same LaTeX as the LaTeX format's (``mathtext.latex``); only the surroundings
differ. User text is escaped so that an underscore or a dollar in a statement stays literal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from symderive.derive.partials import ReadingSolution
from symderive.derive.steps import Derivation
from symderive.problem import LocatedWarning
from symderive.render import texts
from symderive.render.mathtext import latex, latex_name
from symderive.solve import PartialsSolution, SolutionSet

_SPECIALS = re.compile(r"([\\`*_{}\[\]<>#|$~])")


def render_markdown(solutions: SolutionSet) -> str:
    """Every problem of ``solutions`` as one Markdown document."""
    lines = _document(solutions)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def escape(text: str) -> str:
    """User text with Markdown's and math's special characters made literal."""
    return _SPECIALS.sub(r"\\\1", text)


def _math(formula: str) -> str:
    """Inline math; ``|`` would end a table cell, so it is written ``\\vert``."""
    return "$" + formula.replace("|", r"\vert ") + "$"


def _display(formula: str) -> list[str]:
    return ["", "$$", formula, "$$", ""]


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def _partial(name: str, variable: str) -> str:
    return rf"\frac{{\partial {latex_name(name)}}}{{\partial {latex_name(variable)}}}"


def _document(solutions: SolutionSet) -> list[str]:
    problem_set = solutions.problem_set
    points = texts.set_points(problem_set.points)
    title = escape(problem_set.title or problem_set.path) + (f" ({points})" if points else "")
    lines = [f"# {title}", ""]
    if problem_set.statement:
        lines += [escape(problem_set.statement), ""]
    for solution in solutions.solutions:
        lines.extend(_problem(solution))
    return lines


def _problem(solution: PartialsSolution) -> list[str]:
    problem = solution.problem
    lines = ["", f"## {escape(texts.problem_heading(solution))}", ""]
    if problem.statement:
        lines += [escape(problem.statement), ""]
    lines += [f"**Expression as written:** {_code(problem.expression.text)}", ""]
    for warning in problem.warnings:
        lines.extend(_warning(warning))
    for reading in solution.readings:
        lines.extend(_reading(solution, reading))
    return lines


def _warning(warning: LocatedWarning) -> list[str]:
    lines = [
        f"> **{texts.WARNING_WORD.capitalize()}** {_code(warning.location.prefix())}: "
        f"{escape(warning.message)}",
    ]
    snippet = warning.location.snippet()
    if snippet:
        lines += [">", "> ```text", *(f"> {row}" for row in snippet.splitlines()), "> ```"]
    return [*lines, ""]


def _reading(solution: PartialsSolution, reading: ReadingSolution) -> list[str]:
    name = solution.result_name
    lines = [
        "",
        f"### Reading {escape(texts.reading_heading(reading))}",
        "",
        f"*{escape(reading.description)}*",
        *_display(f"{latex_name(name)} = {latex(reading.expression)}"),
        f"#### {texts.RULES_HEADING}",
    ]
    for derivation in reading.derivatives:
        lines.extend(_derivation(name, derivation))
    lines.extend(_backprop(name, reading))
    return lines


def _step(line: texts.StepLine) -> str:
    wrt = latex(line.wrt)
    statement = texts.latex_step_statement(line, opening=r"\left(", closing=r"\right)")
    text = f"**{texts.rule_label(line.step.rule)}**: {_math(statement)}"
    if line.inner is not None:
        text += f", with {_math(f'{wrt} = {latex(line.inner)}')}"
    text += f" — {texts.verification_text(line.step.verification)}"
    if line.step.formula:
        text += f"; rule {_math(line.step.formula)}"
    if line.step.note:
        text += f"  \n{'  ' * (line.depth + 1)}*Note:* {escape(line.step.note)}"
    return f"{'  ' * line.depth}- {text}"


def _derivation(name: str, derivation: Derivation) -> list[str]:
    title = _partial(name, derivation.wrt.name)
    lines = ["", f"{_math(title)}:", ""]
    lines.extend(_step(line) for line in texts.step_lines(derivation))
    lines.extend(_display(rf"\boxed{{{title} = {latex(derivation.result)}}}"))
    return lines


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return ["", *lines, ""]


def _backprop(name: str, reading: ReadingSolution) -> list[str]:
    graph, gradient = reading.graph, reading.gradient
    bars = texts.adjoint_names(gradient, "latex")
    lines = [
        "",
        f"#### {texts.BACKPROP_HEADING}",
        "",
        f"**{texts.GRAPH_HEADING}.** {texts.GRAPH_INTRO}",
    ]
    rows = []
    for node in graph.nodes:
        partials = "<br>".join(
            _math(
                rf"\partial {latex_name(node.name)}/\partial {latex_name(edge.source)} = "
                f"{latex(edge.local_gradient)}"
            )
            for edge in node.edges
        )
        stands = "(the output)" if node is graph.output else _math(latex(node.expression))
        rows.append((_math(latex_name(node.name)), _math(latex(node.operation)), stands, partials))
    lines += _table(("node", "operation", "in the inputs", "local partials"), rows)

    intro = texts.SWEEP_INTRO.format(output=name)
    lines += [f"**{texts.SWEEP_HEADING}.** {intro}", ""]
    for adjoint in gradient.adjoints:
        parts = [latex(adjoint.symbol, bars), latex(adjoint.sweep, bars)]
        for form in (adjoint.in_nodes, adjoint.in_variables):
            shown = latex(form, bars)
            if shown not in parts:
                parts.append(shown)
        line = f"- {_math(' = '.join(parts))}"
        if len(adjoint.contributions) > 1:
            consumers = ", ".join(_math(latex_name(c.consumer)) for c in adjoint.contributions)
            line += f" (sum over the consumers {consumers})"
        lines.append(line)
    if reading.evaluation is not None:
        lines.extend(_numbers(reading))
    if reading.evaluation_note:
        lines += ["", f"*Note:* {escape(reading.evaluation_note)}"]
    return lines


def _numbers(reading: ReadingSolution) -> list[str]:
    evaluation = reading.evaluation
    assert evaluation is not None
    point = texts.point_text(reading, lambda name: _math(latex_name(name)))
    rows = texts.backward_rows(evaluation, reading.gradient)
    with_sums = any(total for _, _, total in rows)
    columns = texts.BACKWARD_COLUMNS if with_sums else texts.BACKWARD_COLUMNS[:2]
    return [
        "",
        f"**{texts.FORWARD_HEADING} at {point}.**",
        *_table(
            texts.FORWARD_COLUMNS,
            [(_math(latex_name(node)), value) for node, value in texts.forward_rows(evaluation)],
        ),
        f"**{texts.BACKWARD_HEADING}.**",
        *_table(
            columns,
            [
                (_math(latex_name(node, bar=True)), value, *([total] if with_sums else []))
                for node, value, total in rows
            ],
        ),
        f"**{texts.CHECK_HEADING}.** {texts.CHECK_INTRO}",
        *_table(
            tuple(column.replace("|", r"\|") for column in texts.CHECK_COLUMNS),
            [
                (_math(latex_name(variable)), adjoint, difference, error, escape(verdict))
                for variable, adjoint, difference, error, verdict in texts.check_rows(evaluation)
            ],
        ),
    ]
