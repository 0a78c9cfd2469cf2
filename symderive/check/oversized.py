"""Formulas too long to read: refused whole, before any scan of their sides and rows (those
are linear scans in Python), as unparsed claims where they answer something, else skipped."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy

from symderive.check.formulas import looks_like_answer
from symderive.check.source import Span
from symderive.errors import ExpressionError, SourceLocation
from symderive.parsing.notation import DerivativeNotation

if TYPE_CHECKING:
    from symderive.check.collector import Collector

MAX_FORMULA_LENGTH = 20_000
"""Longer math is not split into sides and rows: it is refused whole."""
SHOWN_CHARACTERS = 200
"""How much of a formula's start is shown, and looked at to tell an answer from prose."""


def refuse_oversized(
    collector: Collector,
    span: Span,
    subject: tuple[DerivativeNotation | sympy.Basic, SourceLocation, str] | None,
    stated_id: str | None,
) -> None:
    """A formula too long to read: unparsed where it answers something, else skipped."""
    location = span.locate(0)
    collector.flush()
    if subject is None and not looks_like_answer(span.text[:SHOWN_CHARACTERS]):
        collector.skipped.append(location)
        return
    error = ExpressionError(
        f"the formula is longer than {MAX_FORMULA_LENGTH:,} characters", location
    )
    shown = span.text[:SHOWN_CHARACTERS].strip() + "…"
    text = f"{subject[2]} = {shown}" if subject is not None else shown
    collector.unparsed(subject[1] if subject is not None else location, text, error, stated_id)
