"""The second derivative f''(x) of an activation with ``order: 2``, as blocks and as JSON.

Shown like the first derivative (steps, the boxed result), then its check against central
differences of f', and, for a function with kinks, where f'' has no value. A problem without
``order: 2`` has no second derivative and prints exactly as before.
"""

from __future__ import annotations

from symderive.derive.activation_second import SecondDerivative
from symderive.derive.activations import ActivationSolution
from symderive.render.activation_text import applied, check_rows, math
from symderive.render.caveats import CAVEAT_TEXTS
from symderive.render.document import (
    Block,
    Equation,
    Heading,
    Math,
    Paragraph,
    Steps,
    Table,
    content,
)
from symderive.render.json import Json, expression_data, finite, rational_data
from symderive.render.mathtext import latex, unicode
from symderive.render.partials_json import step_data
from symderive.render.step_items import derivation_step_items

SECOND_HEADING = "Second derivative"
SECOND_INTRO = "The first derivative differentiated again by the rules, checked against sympy.diff."
CHECK_INTRO = "f'' beside a central difference of f' (f'(x+h) − f'(x−h))/2h, 50 digits."
CHECK_COLUMNS = ("at", "second derivative", "finite difference", "|difference|", "check")
UNDEFINED = "f'' is not defined at the kink {points}: there f' jumps or bends; away from it f'' is "
UNDEFINED_END = "the formula above."


def second_derivative_of(solution: ActivationSolution) -> Math:
    """``d²/dx² σ(x)``."""
    x = solution.variable
    inner = applied(solution)
    return Math(
        rf"\frac{{d^{{2}}}}{{d{latex(x)}^{{2}}}} {inner.latex}",
        f"d²/d{unicode(x)}² {inner.unicode}",
    )


def second_derivative_blocks(solution: ActivationSolution) -> list[Block]:
    """The derivation of f'', its value's limits at kinks, and its numeric check."""
    second = solution.second
    if second is None:
        return []
    title = second_derivative_of(solution)
    blocks: list[Block] = [
        Heading(3, SECOND_HEADING),
        Paragraph(content(SECOND_INTRO)),
        Paragraph(content(title, ":")),
        Steps(derivation_step_items(second.derivation)),
        Equation((Math.equation(title, math(second.result)),), boxed=True),
    ]
    if second.undefined_at:
        points = ", ".join(f"{solution.variable.name} = {point}" for point in second.undefined_at)
        blocks.append(Paragraph(content(UNDEFINED.format(points=points) + UNDEFINED_END)))
    rows = check_rows(solution, second.checks)
    blocks += [Paragraph(content(CHECK_INTRO)), Table(CHECK_COLUMNS, rows)]
    return blocks


def second_derivative_data(second: SecondDerivative) -> Json:
    """f'' as JSON (only written for problems with ``order: 2``)."""
    derivation = second.derivation
    return {
        **expression_data(second.result),
        "steps": step_data(derivation.step),
        "simplification": (
            step_data(derivation.simplification) if derivation.simplification else None
        ),
        "notes": [CAVEAT_TEXTS[caveat] for caveat in derivation.notes],
        "undefined_at": [str(point) for point in second.undefined_at],
        "checks": [
            {
                "point": {symbol.name: rational_data(value) for symbol, value in check.point},
                "second_derivative": finite(check.derivative),
                "finite_difference": finite(check.finite_difference),
                "error": finite(check.error),
                "passed": check.passed,
            }
            for check in second.checks
        ],
    }
