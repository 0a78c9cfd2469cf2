"""A format-neutral document: what a solution says, before anyone decides how it looks.

Each problem kind turns its solution into a list of blocks (headings, paragraphs, equations,
step trees, tables, figures); the terminal, LaTeX and Markdown renderers each know how to print
every block. So a new kind is written once and appears in every format, and the formats cannot
drift apart in what they say. Blocks are plain data: no Rich, no LaTeX decisions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sympy

from symderive.errors import SourceLocation


@dataclass(frozen=True)
class Math:
    """A formula in both notations: LaTeX for documents, one-line Unicode for the terminal."""

    latex: str
    unicode: str

    @classmethod
    def of(cls, expression: sympy.Basic) -> Math:
        """The formula of a SymPy expression, printed by ``mathtext``'s two printers."""
        from symderive.render.mathtext import latex, unicode

        return cls(latex(expression), unicode(expression))

    @classmethod
    def equation(cls, left: Math, right: Math, relation: str = "=") -> Math:
        """``left = right`` (or another relation, given in LaTeX; ≠ ≤ ≥ ≈ are mapped)."""
        unicode_relation = {r"\neq": "≠", r"\leq": "≤", r"\geq": "≥", r"\approx": "≈"}.get(
            relation, relation
        )
        return cls(
            f"{left.latex} {relation} {right.latex}",
            f"{left.unicode} {unicode_relation} {right.unicode}",
        )


Inline = str | Math
"""A piece of running text: plain words, or a formula set inline."""

Content = tuple[Inline, ...]


def content(*parts: Inline) -> Content:
    """Running text made of words and inline formulas, in order."""
    return tuple(parts)


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 titles the problem set, 2 a problem, 3 a part, 4 a sub-part, 5 a titled
    piece of a sub-part (a table's or a list's title)."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """Running text; ``emphasis`` for asides such as a reading's description."""

    content: Content
    emphasis: bool = False


@dataclass(frozen=True)
class Code:
    """Text shown exactly as the user wrote it (an expression as written, a YAML line).

    ``label`` is an optional lead-in such as ``Expression as written``, printed before one line
    of code or above several.
    """

    text: str
    label: str | None = None


@dataclass(frozen=True)
class Warning:
    """A lint or caveat about the input, with the file position it points at."""

    message: str
    location: SourceLocation | None = None


@dataclass(frozen=True)
class Equation:
    """Display math: one or more lines, each a whole formula; ``boxed`` marks a final answer."""

    lines: tuple[Math, ...]
    boxed: bool = False


@dataclass(frozen=True)
class StepItem:
    """One line of a derivation tree: a rule's name, what it states, and how it was checked.

    ``details`` holds the checking word and the rule's general formula; ``children`` are the
    steps this one rests on, printed indented beneath it.
    """

    label: str
    statement: Content
    details: Content = ()
    note: str | None = None
    children: tuple[StepItem, ...] = ()


@dataclass(frozen=True)
class Steps:
    """A tree (or a plain list, when no item has children) of derivation steps."""

    items: tuple[StepItem, ...]


@dataclass(frozen=True)
class Table:
    """A table whose cells are running text (words and formulas).

    A newline in a cell's words is a line break inside the cell (several partials of one node).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[Content, ...], ...]
    caption: str | None = None


@dataclass(frozen=True)
class Bullets:
    """An unordered list."""

    items: tuple[Content, ...]


@dataclass(frozen=True)
class Figure:
    """A picture drawn on demand: ``draw(path)`` writes a PNG there (matplotlib, imported lazily).

    Renderers that write beside an output file call ``draw``; the terminal only names the figure.
    ``name`` is the file stem, unique within a document.
    """

    name: str
    caption: str
    draw: Callable[[Path], None] = field(compare=False)


Block = Heading | Paragraph | Code | Warning | Equation | Steps | Table | Bullets | Figure


@dataclass(frozen=True)
class Document:
    """Everything a solution set says, in order."""

    blocks: tuple[Block, ...]
