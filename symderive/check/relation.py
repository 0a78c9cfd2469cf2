"""A relation being assembled by the collector: its subject, its links so far, and what it is
known to be (an answer, an explicit step chain), before it becomes a claim, a chain or a hint."""

from __future__ import annotations

from dataclasses import dataclass, field

from symderive.check.claim import Link
from symderive.errors import ExpressionError, SourceLocation
from symderive.parsing.latex_builder import Side


@dataclass
class Relation:
    """A relation being assembled, possibly over several rows or formulas."""

    location: SourceLocation
    text: str
    subject: Side | None
    links: list[Link] = field(default_factory=list)
    error: ExpressionError | None = None
    answer_like: bool = False
    explicit: bool = False
    stated_id: str | None = None
    context: str | None = None
    applied: int = -1
    """The index of the last link written as a derivative still to be taken (``d/dx (…)``)."""
