"""Cutting one row of math into the claims written side by side on it.

Students put several answers on one line: ``\\frac{dz}{dx_1} = 1,\\ \\frac{dz}{dx_2} = 5``.
Read as one relation, the last value would answer the first derivative. A row is cut at a
top-level gap (``,`` ``;`` ``\\quad`` ``\\qquad`` ``\\text{and}`` ``\\;`` ``\\ `` ``~``) only
where what follows the gap begins with a derivative's name and has an ``=`` before the next
such gap. Anything else (``= 6x_3, \\text{ so at } x_3 = 1 …``) stays in the piece before it,
so a remark never becomes a claim of its own; a thin space ``\\,`` joins factors and cuts
nothing. Gaps inside braces, brackets, parentheses, ``\\left…\\right`` and environments (a
``cases`` row's ``0, & x < 0``) are no gaps. One linear scan and bounded regular expressions:
safe on untrusted text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from symderive.check.formulas import parse_side
from symderive.parsing.notation import DerivativeNotation

_REMARK = re.compile(
    r"\\(?:text|textrm|mathrm|mbox)\s*\{[\s,;]*(?:and\s+)?"
    r"(?:so|hence|thus|therefore|i\.\s?e\.|that\s+is|which)(?![A-Za-z])[^{}]{0,80}\}"
)
"""A remark that follows a finished claim (``, \\text{ so at } x_3 = 1 …``): read as prose."""
_GAP_TOKEN = re.compile(
    r",|;|~|\\q?quad(?![A-Za-z])|\\[;: ]|\\(?:enspace|enskip)(?![A-Za-z])"
    r"|\\hspace\*?\s*\{[^{}]{0,40}\}"
    r"|\\(?:text|textrm|mathrm|mbox)\s*\{[\s,;]*(?:and[\s,;]*)?\}|" + _REMARK.pattern
)
"""What separates two claims on a row: punctuation, wide spacing, "and", a remark's first word."""
_PUNCTUATION = re.compile(r"(?<!\\)[,;]|\\(?:text|textrm|mathrm|mbox)\s*\{")
"""What makes a gap more than spacing: a comma, a semicolon, a word."""
_THIN_SPACE = re.compile(r"\\[,!>](?![A-Za-z])")
"""Thin spaces join factors (``2\\,x``): allowed in a gap, never a gap on their own."""
_COMMAND = re.compile(r"\\(?:[A-Za-z]{1,40}|.)", re.DOTALL)
_DELIMITER = re.compile(r"\s{0,20}(?:\\(?:[A-Za-z]{1,20}|.)|.)", re.DOTALL)
_OPENING_COMMANDS = frozenset({"\\left", "\\begin", "\\{"})
_CLOSING_COMMANDS = frozenset({"\\right", "\\end", "\\}"})
_NAME = r"(?:[^\W\d_]|\\[A-Za-z]{1,20})(?:_\{?\\?\w{1,20}\}?)?"
_D = r"(?:d|\\mathrm\s{0,5}\{?\s{0,5}d\s{0,5}\}?|\\operatorname\s{0,5}\{\s{0,5}d\s{0,5}\})"
_DERIVATIVE_START = re.compile(
    r"\\[dt]?frac\s{0,20}\{\s{0,20}(?:" + _D + r"|\\partial(?![A-Za-z])|∂)"
    r"|\\partial(?![A-Za-z])|∂|\\nabla(?![A-Za-z])"
    r"|" + _D + r"\s{0,5}(?:" + _NAME + r"\s{0,5})?/"
    r"|(?:\\left\s{0,5})?\(\s{0,5}(?:" + _D + r"|\\partial(?![A-Za-z])|∂)"
    r"|" + _NAME + r"\s{0,5}['′’]"
)
"""How a derivative's name begins: ``\\frac{d…``, ``\\partial``, ``dz/…``, ``d/dx …``,
``(dz)/(dx)``, ``f'…``, ``σ'…``."""


class Piece(NamedTuple):
    """Where one claim (or relation) of a row is; ``remark`` marks prose after a claim."""

    start: int
    end: int
    remark: bool = False


class _Gap(NamedTuple):
    start: int
    end: int
    remark: int | None
    """Where a remark's first word (``\\text{so …}``) begins in the gap, if one does."""


def claim_pieces(
    text: str, start: int, end: int, latex: bool = True, *, cut: bool = True
) -> list[Piece]:
    """The pieces of ``text[start:end]`` that state one claim (or relation) each, in order.

    Pieces never hold the gap between them; pieces of spaces only are left out, so the whole
    row is one piece unless a second derivative's name with an ``=`` follows a gap, or a
    remark (``\\text{so …}``) follows a claim. With ``cut`` False the row is one piece (what a
    YAML key states is one relation).
    """
    if not cut:
        return [Piece(start, end)]
    gaps, equals = _scan(text, start, end)
    claims = {gap for gap in gaps if _DERIVATIVE_START.match(text, gap.end, end)}
    cuts = [gap for gap in gaps if gap in claims or gap.remark is not None]
    pieces, piece_start, remark = [], start, False
    for index, gap in enumerate(cuts):
        limit = cuts[index + 1].start if index + 1 < len(cuts) else end
        spacing_only = not _PUNCTUATION.search(text, gap.start, gap.end)
        if gap in claims and _states_claim(text, gap.end, limit, equals, latex, spacing_only):
            pieces.append(Piece(piece_start, gap.start, remark))
            piece_start, remark = gap.end, False
        elif gap.remark is not None and not remark and text[start : gap.start].strip():
            pieces.append(Piece(piece_start, gap.start, remark))
            piece_start, remark = gap.remark, True  # the remark is shown from its first word
    pieces.append(Piece(piece_start, end, remark))
    kept = [piece for piece in pieces if text[piece.start : piece.end].strip()]
    return kept or [Piece(start, end)]


def _states_claim(
    text: str, start: int, limit: int, equals: list[int], latex: bool, spacing_only: bool
) -> bool:
    """Whether ``text[start:limit]`` is ``name = …``: a derivative's name, then an ``=``. After
    mere spacing, an applied operator (``-3\\ \\frac{∂}{∂x}(x^2) = …``) is a step of the chain
    before it, not a new claim: only punctuation or a word ("and") cuts there."""
    position = bisect_right(equals, start)
    if position == len(equals) or equals[position] >= limit:
        return False  # a derivative's name with no "=": part of what comes before it
    stop = equals[position]
    while stop > start and text[stop - 1].isspace():
        stop -= 1  # trimmed as the collector trims it: the parse is remembered for it
    first = parse_side(text, start, stop, latex)
    # an unreadable name is still a claim (reported unparsed); ``d/2``, a value, is none
    if isinstance(first.value, DerivativeNotation):
        return not (spacing_only and first.value.expression is not None)
    return first.error is not None


def _scan(text: str, start: int, end: int) -> tuple[list[_Gap], list[int]]:
    """The top-level gaps and the offsets of top-level ``=``, in one pass."""
    gaps: list[_Gap] = []
    equals: list[int] = []
    depth, index = 0, start
    while index < end:
        character = text[index]
        if depth == 0 and _separates(text, index, start, end):
            gap_start, (index, remark) = index, _gap_end(text, index, start, end)
            gaps.append(_Gap(gap_start, index, remark))
            continue
        if character == "\\":
            command = _COMMAND.match(text, index, end)
            word = command.group() if command else "\\"
            index = command.end() if command else index + 1
            if word in _OPENING_COMMANDS:
                depth += 1
            elif word in _CLOSING_COMMANDS:
                depth = max(0, depth - 1)
            if word in ("\\left", "\\right"):  # its delimiter, ( or \{ or ., is not a bracket
                delimiter = _DELIMITER.match(text, index, end)
                index = delimiter.end() if delimiter else index
            continue
        if character in "{([":
            depth += 1
        elif character in "})]":  # [0, 1) closes what it opened: one depth for all brackets
            depth = max(0, depth - 1)
        elif character == "=" and depth == 0 and not _comparison(text, index, start, end):
            equals.append(index)
        index += 1
    return gaps, equals


def _separates(text: str, index: int, start: int, end: int) -> bool:
    """A gap token begins here: not a decimal comma (``1,5``), not a thin space alone."""
    token = _GAP_TOKEN.match(text, index, end)
    if token is None:
        return False
    if text[index] == ",":
        before = text[index - 1] if index > start else ""
        after = text[index + 1] if index + 1 < end else ""
        return not (before.isdigit() and after.isdigit())
    return True


def _gap_end(text: str, index: int, start: int, end: int) -> tuple[int, int | None]:
    """Past every gap token, thin space and space that follow one another from ``index``;
    and whether a remark's first word was among them."""
    remark: int | None = None
    while index < end:
        if text[index].isspace():
            index += 1
            continue
        token = (
            _GAP_TOKEN.match(text, index, end) if _separates(text, index, start, end) else None
        ) or _THIN_SPACE.match(text, index, end)
        if token is None:
            break
        if remark is None and _REMARK.match(text, index, end):
            remark = index
        index = token.end()
    return index, remark


def _comparison(text: str, index: int, start: int, end: int) -> bool:
    """``<=``, ``>=``, ``!=``, ``==``, ``:=``: an ``=`` that does not separate sides."""
    before = text[index - 1] if index > start else ""
    after = text[index + 1] if index + 1 < end else ""
    return (before != "" and before in "<>!=:") or after == "="
