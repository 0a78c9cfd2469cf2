"""Answers written as plain text outside math: ``dz/dx1 = 1`` in a paragraph or a list item.

Students often skip the dollars. A line outside math is read only when its left side is a
derivative's name (``dz/dx1``, ``∂z/∂x₃``, ``(dz)/(dx1)``, ``d/dx1 (x1^2)``, ``f'(x)``,
AsciiMath's ``(del z)/(del x1)``, bold or italic markup around it allowed) followed by ``=``:
prose never becomes a product of its words. Such a line is read by the same plain-or-LaTeX
side parser as code lines; a line that looks like an answer but cannot be read (a value in
words, a parse error, too long) is reported as skipped with its location and reason, never
dropped silently. Bounded regular expressions, anchored at the line's start, and linear scans
only: safe on untrusted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from symderive.check.formulas import parse_sides
from symderive.check.matrix_forms import matrix_relation
from symderive.check.pieces import claim_pieces
from symderive.check.source import Span
from symderive.parsing.notation import DerivativeNotation
from symderive.parsing.spelled_differentials import spelled_differentials
from symderive.yamlnode import SourceText

if TYPE_CHECKING:  # the collector calls back into this module for code lines
    from symderive.check.collector import Collector

MAX_PLAIN_LINE = 2_000
"""Longer lines outside math are not parsed: one that looks like an answer is reported."""
_MATH_OR_CODE = re.compile(r"\$|`|\\\(|\\\[|\\begin")
"""A line holding math or inline code is left to those readers (they read it already)."""
_CONTAINER = re.compile(r"[ \t]{0,12}(?:>[ \t]?){0,8}[ \t]{0,12}(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?")
"""Indentation, block-quote markers and a list item's marker before the line's text."""
_MARKUP = re.compile(r"(?:\*{1,3}|_{1,3})(?=[^\s*_])")
_CLOSING = re.compile(r"[*_]{1,3}(?=[ \t]*=)|[*_]{1,3}(?=[ \t]*$)")
"""Markup that closes around the name (``**dz/dx2** =``) or the whole claim (``… = 5**``)."""
_NAME = r"[^\W\d_](?:\d{1,4}|_\{?\w{1,20}\}?|[₀-₉]{1,4})?"
_D = r"(?:d|∂)"
_SECOND = r"(?:\^[ \t]{0,3}2|\^\{2\}|²|2)"
"""The 2 of a second derivative's d²: ``d2``, ``d^2``, ``d^{2}``, ``d²``."""
_HEAD = re.compile(
    rf"{_D}[ \t]{{0,8}}{_NAME}[ \t]{{0,8}}/[ \t]{{0,8}}{_D}[ \t]{{0,8}}{_NAME}(?![\w'′’])"
    rf"|{_D}[ \t]{{0,3}}/[ \t]{{0,3}}{_D}[ \t]{{0,3}}{_NAME}(?![\w'′’])"
    rf"|\([ \t]{{0,8}}{_D}[ \t]{{0,8}}{_NAME}?[ \t]{{0,8}}\)[ \t]{{0,8}}/"
    rf"|{_NAME}['′’]{{1,3}}[ \t]{{0,3}}\("
    rf"|{_D}[ \t]{{0,3}}{_SECOND}[ \t]{{0,3}}{_NAME}[ \t]{{0,3}}/[ \t]{{0,3}}{_D}"
)
"""How a derivative's name starts: ``dz/dx1``, ``d/dx1 (…)``, ``(dz)/(dx1)``, ``f'(…)``, and
a second derivative's: ``d2f/dx2``, ``d^2f/dx^2``, ``∂²f/∂x∂y``; the wider spacing allowed in
names is what ``(del z)/(del x1)`` leaves once its ∂ are written."""
_WORD = re.compile(r"[A-Za-z]{2,}")
_NAMES_NOT_WORDS = (
    "exp log ln sqrt sin cos tan asin acos atan sinh cosh tanh sigmoid relu softplus abs erf "
    "max min pi alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
    "omicron rho sigma tau upsilon phi chi psi omega"
)
_NOT_PROSE = frozenset(_NAMES_NOT_WORDS.split())


def looks_like_prose(text: str) -> bool:
    """Two words of two or more letters in a row (``the answer``, ``is easy``) that are neither
    functions nor Greek letters: prose, which the grammar would read as a product of names."""
    previous = False
    for token in text.split():
        word = token.strip(".,;:!?()")
        is_word = _WORD.fullmatch(word) is not None and word.lower() not in _NOT_PROSE
        if is_word and previous:
            return True
        previous = is_word
    return False


def answer_start(text: str) -> tuple[str, int] | None:
    """If ``text`` (one line) states ``name = …`` with a derivative's name on the left: the
    line with its markup (list marker, ``**``) blanked, same length, and where the name starts.
    """
    text = spelled_differentials(text)
    container = _CONTAINER.match(text)
    start = container.end() if container else 0
    text = " " * start + text[start:]
    markup = _MARKUP.match(text, start)
    if markup is not None:
        text = text[:start] + " " * (markup.end() - start) + text[markup.end() :]
        start = markup.end()
    head = _HEAD.match(text, start)
    equals = text.find("=", start)
    if head is None or equals < 0:
        return None
    if markup is not None:  # ``**dz/dx2** = 5``, ``**dz/dx2 = 5**``: the closing run too
        for found in list(_CLOSING.finditer(text, head.end()))[:2]:
            text = text[: found.start()] + " " * (found.end() - found.start()) + text[found.end() :]
    return text, start


def _matrix_start(text: str) -> tuple[str, int] | None:
    """``J = diag(s) - s s^T`` (a Jacobian as one matrix, ``matrix_forms``): the line with its
    list marker blanked, and where the name starts."""
    container = _CONTAINER.match(text)
    start = container.end() if container else 0
    if len(text) > MAX_PLAIN_LINE or "=" not in text:
        return None
    if matrix_relation(text, start, len(text)) is None:
        return None
    return " " * start + text[start:], start


@dataclass(frozen=True)
class PlainLine:
    """One line outside math that states a derivative (or continues one with ``= …``)."""

    line: int
    span: Span
    start: int
    continuation: bool = False


def plain_lines(source: SourceText, first: int, last: int) -> list[PlainLine]:
    """The lines ``first:last`` (0-based) of a paragraph that state a derivative in plain text,
    or continue the line before with ``= …``; lines with math or inline code are left out."""
    found: list[PlainLine] = []
    for number in range(first, min(last, len(source.lines))):
        raw = source.lines[number]
        if _MATH_OR_CODE.search(raw[:MAX_PLAIN_LINE]):
            continue
        offset = source.line_starts[number]
        stated = answer_start(raw) or _matrix_start(raw)
        if stated is not None:
            text, start = stated
            found.append(PlainLine(number + 1, _span(source, offset, text), start))
            continue
        if found and found[-1].line == number and continues(raw):
            start = len(raw) - len(raw.lstrip(" \t>"))
            text = " " * start + raw[start:]
            span = _span(source, offset, text)
            found.append(PlainLine(number + 1, span, start, continuation=True))
    return found


def _span(source: SourceText, offset: int, text: str) -> Span:
    return Span(text, lambda index: source.location_at(offset + index))


def read_plain_lines(lines: list[PlainLine], collector: Collector) -> None:
    """Read each line in order; ``= …`` after a line that was not read is reported too."""
    read = False
    for line in lines:
        if line.continuation and not read:
            reason = "outside math, continues a line that was not read"
            collector.unread_line(line.span, line.start, reason)
            continue
        read = read_plain_line(line, collector)


def read_plain_line(line: PlainLine, collector: Collector) -> bool:
    """Read one plain line as a claim (True), or report it as skipped with the reason."""
    text = line.span.text
    if len(text) > MAX_PLAIN_LINE:
        reason = f"outside math, too long to read (over {MAX_PLAIN_LINE:,} characters)"
        collector.unread_line(line.span, line.start, reason)
        return False
    matrix = matrix_relation(text, line.start, len(text)) is not None
    problem = None if matrix else unreadable(text, line.start, continuation=line.continuation)
    if problem is not None:
        collector.unread_line(line.span, line.start, f"outside math, {problem}")
        return False
    collector.formula(line.span, "plain")
    return True


def unreadable(text: str, start: int, *, continuation: bool = False) -> str | None:
    """Why ``text[start:]`` cannot be read as ``name = value`` (or ``= value``), or None."""
    for piece in claim_pieces(text, start, len(text), latex=False):
        sides = parse_sides(text, piece.start, piece.end, False)
        if len(sides) < 2:
            return "could not be read: no value after '='"
        name, values = sides[0], sides[1:]
        if continuation and name.start == name.end:
            pass
        elif not isinstance(name.value, DerivativeNotation):
            message = name.error.message if name.error else "it names no derivative"
            return f"could not be read: the left side: {message}"
        for side in values:
            written = text[side.start : side.end]
            if side.error is not None:
                return f"could not be read: {side.error.message}"
            if looks_like_prose(written):
                return "could not be read: reads as prose, not a formula"
        continuation = False
    return None


def continues(text: str) -> bool:
    """``= -6 x3`` (not ``== …``): the line goes on with the relation of the line before."""
    stripped = text.lstrip(" \t>")
    return stripped.startswith("=") and stripped[1:2] != "="
