"""The second partials of a problem with ``order: 2``, as document blocks (JSON: partials_json).

Each second partial is shown like a first one (its steps, then the boxed result); a mixed one
says that both orders were derived and agree, and at the problem's point the Hessian's values
follow in a table. A problem without ``order: 2`` has none, and prints exactly as before.
"""

from __future__ import annotations

from symderive.derive.partials import PartialsSolution
from symderive.derive.second_partials import SecondPartial
from symderive.render.document import (
    Block,
    Content,
    Equation,
    Heading,
    Math,
    Paragraph,
    Steps,
    Table,
    content,
)
from symderive.render.mathtext import latex_name, unicode_name
from symderive.render.step_items import derivation_step_items

SECOND_HEADING = "Second partial derivatives (the Hessian)"
SECOND_INTRO = (
    "Each is the first partial differentiated again by the rules, and checked against "
    "sympy.diff taken twice."
)
MIXED_NOTE = (
    "Both orders of differentiation were derived and agree (Schwarz): ∂²{name}/∂{a}∂{b} and "
    "∂²{name}/∂{b}∂{a} are one derivative, and either notation answers it."
)
VALUES_HEADING = "Second partials at "
VALUES_COLUMNS = ("second partial", "value")
KINK_VALUE = "not given: the point sits on a kink, where a step's derivative has no value"


def second_partial_math(name: str, partial: SecondPartial, *, slashed: bool = False) -> Math:
    """``∂²f/∂x²`` or ``∂²f/∂x∂y``: a fraction for displays, slashed in running text."""
    top = rf"\partial^{{2}} {latex_name(name)}"
    first, second = latex_name(partial.first.name), latex_name(partial.second.name)
    bottom = (
        rf"\partial {first}\,\partial {second}" if partial.mixed else rf"\partial {first}^{{2}}"
    )
    first_text, second_text = unicode_name(partial.first.name), unicode_name(partial.second.name)
    unicode_bottom = f"∂{first_text}²" if not partial.mixed else f"∂{first_text}∂{second_text}"
    return Math(
        f"{top}/{bottom}" if slashed else rf"\frac{{{top}}}{{{bottom}}}",
        f"∂²{unicode_name(name)}/{unicode_bottom}",
    )


def second_partials_blocks(solution: PartialsSolution) -> list[Block]:
    """Every second partial's derivation, then their values at the point."""
    if not solution.second_partials:
        return []
    name = solution.result_name
    blocks: list[Block] = [Heading(4, SECOND_HEADING), Paragraph(content(SECOND_INTRO))]
    for partial in solution.second_partials:
        title = second_partial_math(name, partial)
        blocks.append(Paragraph(content(second_partial_math(name, partial, slashed=True), ":")))
        blocks.append(Steps(derivation_step_items(partial.derivation)))
        blocks.append(Equation((Math.equation(title, Math.of(partial.result)),), boxed=True))
        if partial.mixed:
            note = MIXED_NOTE.format(
                name=unicode_name(name),
                a=unicode_name(partial.first.name),
                b=unicode_name(partial.second.name),
            )
            blocks.append(Paragraph(content(note)))
    at = solution.problem.at
    if at is not None:
        rows = tuple(
            (content(second_partial_math(name, partial, slashed=True)), _value(partial))
            for partial in solution.second_partials
        )
        point = ", ".join(f"{unicode_name(symbol.name)} = {value}" for symbol, value in at.items())
        blocks += [Heading(5, VALUES_HEADING + point), Table(VALUES_COLUMNS, rows)]
    return blocks


def _value(partial: SecondPartial) -> Content:
    if partial.value is None:
        return content(KINK_VALUE if partial.undefined_at_point else "not a real number there")
    return content(Math.of(partial.value))
