"""Cutting one formula into rows and sides, and parsing each side on its own.

Every reader hands math text to the collector, which needs the pieces of ``lhs &= a \\ &= b``
with their offsets so each link of a chain, and each parse error, points at its own characters
in the file. Cleaning never changes lengths: wrappers (``\\begin{align}``, ``\\label{…}``,
alignment ``&``, a full stop at the end) are blanked with spaces, so offsets stay offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from symderive.errors import ExpressionError
from symderive.parsing.expression import Reading, parse_expression
from symderive.parsing.latex import parse_latex
from symderive.parsing.latex_builder import Side
from symderive.parsing.names import normalise_name
from symderive.parsing.notation import DerivativeNotation
from symderive.parsing.second_order_names import plain_second_order

_WRAPPERS = re.compile(
    r"\\(?:begin|end)\s*\{\s*(?:equation|align|alignat|aligned|alignedat|gather|gathered|split|"
    r"multline|flalign|eqnarray|displaymath|math)\*?\s*\}(?:\s*\{\d+\})?"
    r"|\\(?:label|tag\*?|eqref)\s*\{[^{}]*\}|\\(?:nonumber|notag)(?![A-Za-z])"
)
_ENVIRONMENT = re.compile(r"\\(begin|end)\s*\{[^{}]*\}")
_PUNCTUATION = ".,;"
_DERIVATIVE_LHS = re.compile(
    r"\\[dt]?frac\s*\{\s*(?:d|\\partial|∂)|\\partial|∂|\\nabla|'\s*\(|^\s*d\s*[A-Za-z]\w*\s*/\s*d"
)
_PLAIN_DERIVATIVE = re.compile(
    r"^\s*(?:d|∂|\\partial)\s*[A-Za-z]\w*(?:_\{?\w+\}?)?\s*/\s*(?:d|∂|\\partial)\s*[A-Za-z]\w*"
    r"(?:_\{?\w+\}?)?\s*$|^\s*[A-Za-z]\w*'+\s*\("
    r"|^\s*(?:d|∂)\s*/\s*(?:d|∂)\s*[A-Za-z]|^\s*\(\s*(?:d|∂)\s*[A-Za-z]?\w{0,20}\s*\)\s*/\s*\("
)
"""Plain sides the LaTeX parser reads: ``dz/dx1``, ``f'(x)``, ``d/dx1 (…)``, ``(dz)/(dx1)``."""
_LATEX_MARKERS = re.compile(r"\\|\^\{|_\{|[^\x00-\x7f]")


@dataclass(frozen=True)
class ParsedSide:
    """One side of a relation: its offsets in the formula, and its value or error.

    ``error_offset`` is the offset, in the formula, of the character the error's caret marks.
    """

    start: int
    end: int
    value: Side | None
    alternatives: tuple[Reading, ...] = ()
    error: ExpressionError | None = None
    error_offset: int = 0
    syntax: str = "latex"


def is_latex(text: str) -> bool:
    """A YAML answer is LaTeX when it has a backslash, ``^{``, ``_{`` or non-ASCII (σ, −, ²…)."""
    return _LATEX_MARKERS.search(text) is not None


_BARE_PRIME = re.compile(r"(?<![\w\\])[A-Za-z]'+(?!\s*(\(|\\left))")


def is_rule_formula(text: str) -> bool:
    """A general rule such as (f + g)' = f' + g' or f'(u) u'(x): not an answer to a problem.

    Answers name one derivative (``f'(t) = …``); rules carry primes on bare names or several
    primed functions at once.
    """
    return _BARE_PRIME.search(text) is not None or text.count("'") >= 2


_FUNCTION_NAME = re.compile(
    r"^\s*(?:[A-Za-z]|\\[A-Za-z]+|\\(?:operatorname|mathrm|text)\s*\{[A-Za-z]+\})"
    r"(?:_\{?\\?[\w+\-]+\}?)?\s*(?:\\left)?\(\s*[\w\\{},\s]*(?:\\right)?\)\s*$"
)


def names_a_function(text: str) -> bool:
    """``f_2(x)``, ``g(x_0, x_1)``, ``\\varphi(t)``: names what the chain computes, not a value."""
    return _FUNCTION_NAME.match(text) is not None


def looks_like_answer(lhs: str) -> bool:
    """A left-hand side that names a derivative: an unreadable formula with it is a claim."""
    return _DERIVATIVE_LHS.search(lhs) is not None


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


_BOXED = re.compile(r"\\(?:boxed|fbox)\s*\{")


def _unboxed(text: str) -> str:
    """``\\boxed{a = b}`` → ``a = b`` padded with spaces, so columns stay where they were."""
    for match in reversed(list(_BOXED.finditer(text))):
        depth, end = 1, match.end()
        while end < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        if depth == 0:
            text = _blank(_blank(text, end - 1, end), match.start(), match.end())
    return text


_CONTINUED_ROW = re.compile(
    r"\\\\(?=\s*(?:&\s*)?(?:\\q?quad(?![A-Za-z])\s*|\\[,;:!]\s*)*(?:[+\-−]|\\cdot|\\times))"
)
"""A row break before ``&\\quad + …``: the expression goes on, the row does not end."""


def clean(text: str, latex: bool = True) -> str:
    """The same text, same length, with wrappers, boxes, labels and alignment marks blanked.

    A row that continues the previous one (``\\\\ &\\quad + c``) is joined to it: its break
    is blanked too, outside cases environments, whose rows may well start with a minus.
    """
    if latex:
        text = _unboxed(_WRAPPERS.sub(lambda match: " " * len(match.group()), text))
        depths = _environment_depths(text)
        for match in reversed(list(_CONTINUED_ROW.finditer(text))):
            if depths[match.start()] == 0:
                text = _blank(text, match.start(), match.end())
        text = "".join(
            " " if character == "&" and depth == 0 else character
            for character, depth in zip(text, _environment_depths(text), strict=True)
        )
    return text


def _environment_depths(text: str) -> list[int]:
    """For each character, how many ``\\begin{…}`` (cases and friends) enclose it."""
    depths = [0] * len(text)
    depth, position = 0, 0
    for match in _ENVIRONMENT.finditer(text):
        for index in range(position, match.start()):
            depths[index] = depth
        opening = match.group(1) == "begin"
        depth = depth + 1 if opening else max(0, depth - 1)
        for index in range(match.start(), match.end()):
            depths[index] = depth if opening else depth + 1
        position = match.end()
    for index in range(position, len(text)):
        depths[index] = depth
    return depths


def _top_level(text: str, start: int, end: int, separator: str) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at ``separator`` outside braces, brackets and environments."""
    environments = _environment_depths(text)
    for brackets in ("{([", "{"):
        closing = {"{": "}", "(": ")", "[": "]"}
        pieces: list[tuple[int, int]] = []
        depth, piece_start, index = 0, start, start
        while index < end:
            character = text[index]
            if character == "\\" and not text.startswith(separator, index):
                index += 2  # an escaped character (\{, \,) never opens or closes anything
                continue
            if character in brackets:
                depth += 1
            elif character in (closing[b] for b in brackets):
                depth -= 1
            elif (
                depth == 0
                and environments[index] == 0
                and text.startswith(separator, index)
                and not _is_comparison(text, index, separator)
            ):
                pieces.append((piece_start, index))
                piece_start = index + len(separator)
                index = piece_start
                continue
            index += 1
        if depth == 0 or brackets == "{":  # unbalanced: split where the depth was still 0
            return [*pieces, (piece_start, end)]
    return [(start, end)]  # pragma: no cover - the loop always returns


def _is_comparison(text: str, index: int, separator: str) -> bool:
    """``<=``, ``>=``, ``!=``, ``==``: an ``=`` that does not separate sides."""
    if separator != "=":
        return False
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return (before != "" and before in "<>!=:") or after == "="


def rows(text: str) -> list[tuple[int, int]]:
    """The rows of an ``align``-like formula (split at ``\\\\``), empty ones left out."""
    return [
        (start, end)
        for start, end in _top_level(text, 0, len(text), "\\\\")
        if text[start:end].strip()
    ]


def sides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sides of one row (split at ``=``), trimmed of spaces and a final full stop.

    A row that begins with ``=`` (a continuation, as in ``&= b``) has an empty first side.
    """
    trimmed: list[tuple[int, int]] = []
    for piece_start, piece_end in _top_level(text, start, end, "="):
        while piece_start < piece_end and text[piece_start].isspace():
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        trimmed.append((piece_start, piece_end))
    last_start, last_end = trimmed[-1]
    if last_end > last_start and text[last_end - 1] in _PUNCTUATION:
        last_end -= 1
        while last_end > last_start and text[last_end - 1].isspace():
            last_end -= 1
        trimmed[-1] = (last_start, last_end)
    return trimmed


def offset_of(text: str, line: int | None, column: int | None) -> int:
    """The 0-based offset of a 1-based (line, column) inside ``text``."""
    lines = text.split("\n")
    line = max(1, min(line or 1, len(lines)))
    offset = sum(len(previous) + 1 for previous in lines[: line - 1])
    return min(len(text), offset + max(0, (column or 1) - 1))


def parse_side(text: str, start: int, end: int, latex: bool) -> ParsedSide:
    """Parse ``text[start:end]`` as one side; plain text falls back to LaTeX and back.

    Plain derivative names (``dz/dx1``, ``f'(x)``) are read by the LaTeX parser, which knows
    them; other plain sides by the problem files' own expression parser.
    """
    piece = text[start:end]
    second = None if latex else plain_second_order(piece)
    if second is not None:  # d2f/dx2, d^2f/dx^2: read whole, never as a quotient of names
        return ParsedSide(start, end, second, syntax="plain")
    operator = None if latex else _PLAIN_OPERATOR.match(piece)
    if operator is not None and operator.end() < len(piece):
        return _applied(text, start, end, operator)
    order = [True, False] if latex else [False, True]
    if not latex and _PLAIN_DERIVATIVE.search(piece):
        order = [True]
    first: ParsedSide | None = None
    for as_latex in order:
        parsed = _parse_as(piece, start, end, as_latex)
        if parsed.error is None:
            return parsed
        first = first or parsed
    assert first is not None
    return first


_PLAIN_OPERATOR = re.compile(
    r"\s*(d|∂)\s*/\s*(?:d|∂)\s*([A-Za-z](?:\d{1,4}|_\{?\w{1,20}\}?)?)(?![\w'])\s*"
)
"""``d/dx1 (…)`` in plain text: the operand is read as plain text (``exp`` is a function)."""


def _applied(text: str, start: int, end: int, operator: re.Match[str]) -> ParsedSide:
    """``d/dx1 (x1 (x2 - 4))``: the operator's notation, holding the operand's expression."""
    operand = parse_side(text, start + operator.end(), end, False)
    if operand.error is not None or not isinstance(operand.value, sympy.Basic):
        return ParsedSide(start, end, None, error=operand.error, error_offset=operand.error_offset)
    notation = DerivativeNotation(
        None,
        variable=normalise_name(operator.group(2)),
        partial=operator.group(1) == "∂",
        expression=operand.value,
    )
    return ParsedSide(start, end, notation, syntax="plain")


def _parse_as(piece: str, start: int, end: int, latex: bool) -> ParsedSide:
    syntax = "latex" if latex else "plain"
    try:
        if latex:
            relation = parse_latex(piece)
            value: Side = relation.sides[-1]
            return ParsedSide(start, end, value, relation.alternatives, syntax=syntax)
        parsed = parse_expression(piece)
        return ParsedSide(start, end, parsed.expression, parsed.alternatives, syntax=syntax)
    except ExpressionError as error:
        location = error.location
        offset = offset_of(piece, location.line, location.column) if location else 0
        return ParsedSide(start, end, None, error=error, error_offset=start + offset, syntax=syntax)


def parse_sides(text: str, start: int, end: int, latex: bool) -> list[ParsedSide]:
    """The parsed sides of ``text[start:end]``, a row or a claim cut from one.

    The sides are split within the piece alone (its environments are its own), so cutting a
    long row into many claims stays linear in the row's length.
    """
    piece = text[start:end]
    return [
        parse_side(text, start + side_start, start + side_end, latex)
        for side_start, side_end in sides(piece, 0, len(piece))
    ]
