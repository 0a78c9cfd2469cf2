"""The Markdown format, for GitHub and Jupyter: a ``Document`` with ``$…$`` inline math, ``$$``
blocks on their own lines, and pipe tables.

The math is the same LaTeX as the LaTeX format's; only the surroundings differ. User text is
escaped so that an underscore or a dollar in a statement stays literal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from symderive.render import texts
from symderive.render.document import (
    Bullets,
    Code,
    Content,
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
)

_SPECIALS = re.compile(r"([\\`*_{}\[\]<>#|$~])")
INDENT = "  "
ITEM_BREAK = "  \n" + INDENT


def render_markdown(document: Document, *, figures: Path | None = None) -> str:
    """``document`` as Markdown. With ``figures`` (a folder beside the output file) every figure
    is drawn there and linked by a path relative to the output file; without it each figure is
    one line saying so."""
    pieces = []
    for block in document.blocks:
        if isinstance(block, Figure):
            pieces.append(_figure(block, figures))
        else:
            pieces.append(_RENDERERS[type(block)](block))
    text = "\n\n".join(pieces)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def escape(text: str) -> str:
    """User text with Markdown's and math's special characters made literal."""
    return _SPECIALS.sub(r"\\\1", text)


def _math(formula: str) -> str:
    """Inline math; ``|`` would end a table cell, so it is written ``\\vert``."""
    return "$" + formula.replace("|", r"\vert ") + "$"


def _inline(parts: Content, newline: str = "  \n") -> str:
    """Running text: words escaped (a newline becomes ``newline``), formulas as ``$…$``."""
    pieces = []
    for part in parts:
        if isinstance(part, Math):
            pieces.append(_math(part.latex))
        else:
            pieces.append(newline.join(escape(line) for line in part.split("\n")))
    return "".join(pieces)


def _code_span(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def _heading(heading: Heading) -> str:
    return f"{'#' * min(heading.level, 6)} {escape(heading.text)}"


def _paragraph(paragraph: Paragraph) -> str:
    text = _inline(paragraph.content)
    return f"*{text}*" if paragraph.emphasis else text


def _code(code: Code) -> str:
    label = f"**{escape(code.label)}:**" if code.label else ""
    if label and "\n" not in code.text:
        return f"{label} {_code_span(code.text)}"
    fence = "````" if "```" in code.text else "```"
    block = f"{fence}text\n{code.text}\n{fence}"
    return f"{label}\n\n{block}" if label else block


def _warning(warning: Warning) -> str:
    where = f" {_code_span(warning.location.prefix())}:" if warning.location else ":"
    lines = [f"> **{texts.WARNING_WORD.capitalize()}**{where} {escape(warning.message)}"]
    snippet = warning.location.snippet() if warning.location else ""
    if snippet:
        lines += [">", "> ```text", *(f"> {row}" for row in snippet.splitlines()), "> ```"]
    return "\n".join(lines)


def _equation(equation: Equation) -> str:
    """One ``$$`` block per line, each a whole formula (boxed for a final answer)."""
    blocks = []
    for line in equation.lines:
        formula = rf"\boxed{{{line.latex}}}" if equation.boxed else line.latex
        blocks.append(f"$$\n{formula}\n$$")
    return "\n\n".join(blocks)


def _step(item: StepItem, depth: int) -> list[str]:
    indent = INDENT * depth
    text = f"**{escape(item.label)}**: {_inline(item.statement)}"
    if item.details:
        text += f" — {_inline(item.details)}"
    if item.note:
        text += f"  \n{indent}{INDENT}*Note:* {escape(item.note)}"
    lines = [f"{indent}- {text}"]
    for child in item.children:
        lines.extend(_step(child, depth + 1))
    return lines


def _steps(steps: Steps) -> str:
    return "\n".join(line for item in steps.items for line in _step(item, 0))


def _table(table: Table) -> str:
    lines = [
        "| " + " | ".join(escape(column) for column in table.header) + " |",
        "|" + "|".join("---" for _ in table.header) + "|",
    ]
    lines.extend(
        "| " + " | ".join(_inline(cell, newline="<br>") for cell in row) + " |"
        for row in table.rows
    )
    if table.caption:
        lines.insert(0, f"**{escape(table.caption)}**\n")
    return "\n".join(lines)


def _bullets(bullets: Bullets) -> str:
    # A line break inside an item keeps the item's indentation.
    return "\n".join("- " + _inline(item, newline=ITEM_BREAK) for item in bullets.items)


def _figure(figure: Figure, figures: Path | None) -> str:
    """The picture drawn into ``figures`` and linked by the path relative to the output file (the
    folder is beside it), or one line saying it was not drawn."""
    if figures is None:
        return f"*{escape(texts.figure_not_drawn(figure.name))}*"
    figures.mkdir(exist_ok=True)
    file_name = f"{figure.name}.png"
    figure.draw(figures / file_name)
    link = f"{figures.name}/{file_name}"
    if re.search(r"[\s()<>]", link):
        link = f"<{link}>"
    caption = escape(figure.caption)
    return f"![{caption}]({link})\n\n*{caption}*"


_RENDERERS: dict[type, Callable[[Any], str]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    Code: _code,
    Warning: _warning,
    Equation: _equation,
    Steps: _steps,
    Table: _table,
    Bullets: _bullets,
}
"""One function per block type (figures need the output folder: ``_figure``)."""
