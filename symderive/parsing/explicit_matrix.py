"""A matrix written out entry by entry: ``\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}``.

``pmatrix``, ``bmatrix``, ``Bmatrix`` and ``matrix`` are read, and ``array`` inside
``\\left[ … \\right]`` or ``\\left( … \\right)``. The body is cut into rows at ``\\\\`` and
entries at ``&`` (outside braces), and every entry is parsed by the LaTeX expression parser,
never evaluated from a string. ``vmatrix`` (a determinant) and ``Vmatrix`` (a norm) are no
matrix, nor is an environment nested in an entry: such text is left to the ordinary readers.
Shapes are not checked here: the checker compares them with the problem's size.
"""

from __future__ import annotations

import re

import sympy

from symderive.errors import ExpressionError
from symderive.parsing.latex import parse_latex_expression

MAX_LENGTH = 2_000
"""Longer text is no small Jacobian written out: the ordinary readers take it."""
MAX_SIDE = 10
"""The most rows, or entries in a row, a matrix written out may have here."""

_OPEN = r"(?:\\left\s*(?:\(|\[|\\lbrack(?![A-Za-z]))|\(|\[)"
_CLOSE = r"(?:\\right\s*(?:\)|\]|\\rbrack(?![A-Za-z]))|\)|\])"
_ROW_SPACING = re.compile(r"^\s*\[\s*-?\d{1,3}(?:\.\d{1,3})?\s*(?:pt|em|ex|mm|cm)\s*\]")
"""``\\\\[2pt]``: extra space after a row, nothing of the next one."""
_NAMED = re.compile(
    r"\\begin\s*\{(?P<kind>[pbB]?matrix)\}(?P<body>.*)\\end\s*\{(?P=kind)\}", re.DOTALL
)
_ARRAY = re.compile(
    rf"{_OPEN}\s*\\begin\s*\{{array\}}\s*\{{[lcr|\s]{{1,40}}\}}(?P<body>.*)"
    rf"\\end\s*\{{array\}}\s*{_CLOSE}",
    re.DOTALL,
)
_PLAIN_WRAPPED = re.compile(
    rf"{_OPEN}\s*\\begin\s*\{{matrix\}}(?P<body>.*)\\end\s*\{{matrix\}}\s*{_CLOSE}", re.DOTALL
)


def matrix_body(text: str) -> str | None:
    """The body of the one matrix environment ``text`` is, or None when it is not one."""
    text = text.strip()
    if len(text) > MAX_LENGTH:
        return None
    for pattern in (_NAMED, _ARRAY, _PLAIN_WRAPPED):
        found = pattern.fullmatch(text)
        if found is not None:
            body = found["body"]
            return None if "\\begin" in body or "\\end" in body else body
    return None


def read_explicit_matrix(text: str) -> sympy.ImmutableMatrix | ExpressionError | None:
    """The matrix ``text`` writes out; an ExpressionError naming the entry (i, j) that does not
    parse, or the rows whose lengths differ; None when the text is no matrix environment."""
    body = matrix_body(text)
    if body is None:
        return None
    rows = [_ROW_SPACING.sub("", row, count=1) for row in _split(body, "\\\\")]
    rows = [row for row in rows if row.strip()]
    cells = [_split(row, "&") for row in rows]
    if not cells or len(cells) > MAX_SIDE or any(len(row) > MAX_SIDE for row in cells):
        return _error(text, f"not a matrix of at most {MAX_SIDE}×{MAX_SIDE} entries")
    lengths = sorted({len(row) for row in cells})
    if len(lengths) > 1:
        shown = " and ".join(str(length) for length in lengths)
        return _error(text, f"its rows have {shown} entries: not a matrix")
    entries: list[list[sympy.Expr]] = []
    for row_number, row in enumerate(cells, start=1):
        entries.append([])
        for column_number, cell in enumerate(row, start=1):
            where = f"entry ({row_number}, {column_number})"
            if not cell.strip():
                return _error(text, f"{where} is empty")
            try:
                value = parse_latex_expression(cell)
            except ExpressionError as error:
                return _error(text, f"{where}, {cell.strip()}, does not parse: {error.message}")
            if not isinstance(value, sympy.Expr):
                return _error(text, f"{where}, {cell.strip()}, is not an expression")
            entries[-1].append(value)
    return sympy.ImmutableMatrix(entries)


def _split(text: str, separator: str) -> list[str]:
    """``text`` cut at ``separator`` outside braces (``\\&`` is a literal ampersand)."""
    pieces, depth, start, index = [], 0, 0, 0
    while index < len(text):
        character = text[index]
        if character == "\\" and text.startswith(separator, index) and depth == 0:
            pieces.append(text[start:index])
            index += len(separator)
            start = index
            continue
        if character == "\\":
            index += 2  # an escaped character (\{, \&) is never a brace nor a separator
            continue
        if character == "{":
            depth += 1
        elif character == "}":
            depth = max(0, depth - 1)
        elif character == separator and depth == 0:
            pieces.append(text[start:index])
            start = index + 1
        index += 1
    pieces.append(text[start:])
    return pieces


def _error(text: str, message: str) -> ExpressionError:
    return ExpressionError(f"a matrix written out, but {message}")
