"""Code lines (Markdown fences, indented code, notebook code cells) read as plain math.

``z = x1 + 5*x2`` restates a problem (a hint from code); ``dz/dx1 = 1`` is a plain claim; a line
that starts with ``=`` continues the relation of the line before, so

    dz/dx3 = d/dx3 (-3 x3^2)
           = -6 x3

is one step chain, checked link by link, whose last value is the claim. Lines that are not
math (imports, calls, comments) are ignored without a count; a line with two words in a row is
prose, never a product of its words: ignored, or reported as skipped when it states a
derivative (``dz/dx1 = the slope``). Python answers (``dz_dx3 = -6*x3``, ``np.exp``, a
``def sigmoid_prime(x): return …``) are read as ``python_code`` describes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from symderive.check.formulas import looks_like_answer, parse_sides
from symderive.check.matrix_forms import matrix_relation, read_matrix_claim
from symderive.check.pieces import claim_pieces
from symderive.check.plain_text import answer_start, continues, looks_like_prose
from symderive.check.python_code import (
    FunctionDefinition,
    definition,
    derivative_assignment,
    numpy_names,
    return_expression,
    unknown_module_name,
)
from symderive.check.source import Span
from symderive.parsing.names import make_symbol, normalise_name
from symderive.parsing.notation import DerivativeNotation
from symderive.parsing.spelled_differentials import spelled_differentials

if TYPE_CHECKING:  # the collector delegates its ``code`` here
    from symderive.check.collector import Collector

_COMMENT = re.compile(r"#.*$")


def read_code_lines(collector: Collector, lines: list[Span]) -> None:
    """Feed code lines to ``collector``: claims, hints, chains continued by ``= …`` lines."""
    collector.flush()
    texts = [
        spelled_differentials(numpy_names(_COMMENT.sub("", line.text).rstrip())) for line in lines
    ]
    after = 0
    for index, (line, text) in enumerate(zip(lines, texts, strict=True)):
        if index < after:
            continue  # the body of a function read as a claim
        function = definition(text)
        if function is not None and function.function is not None:
            _hints_from_code(collector)
            after = _read_function(collector, lines, texts, index, function)
            continue
        if matrix_relation(text, 0, len(text)) is not None:  # J = np.diag(s) - np.outer(s, s)
            _hints_from_code(collector)
            collector.count(line)
            read_matrix_claim(collector, line, text, 0, len(text), None)
            continue
        assigned = derivative_assignment(text)
        if assigned is not None:
            error = next(
                (side.error for side in parse_sides(text, 0, len(text), False) if side.error), None
            )
            if error is not None:  # dz_dx3 = np.where(…): an answer not read, said so
                _hints_from_code(collector)
                unknown = unknown_module_name(text)
                why = f"{unknown} has no meaning in the plain grammar" if unknown else error.message
                reason = f"in code, could not be read: {why}"
                collector.unread_line(line, assigned.start(1), reason)
                continue
        kind = code_line(text, collector.pending is not None)
        if kind != "read":
            _hints_from_code(collector)
            if kind is not None:
                collector.unread_line(line, len(text) - len(text.lstrip()), kind)
            continue
        collector.count(line)
        going_on = collector.pending is not None and continues(text)
        for start, end, remark in claim_pieces(text, 0, len(text), latex=False):
            parsed, piece = parse_sides(text, start, end, False), text[start:end]
            errors = any(side.error for side in parsed[1 if going_on else 0 :])
            if remark or (errors and not going_on and not looks_like_answer(piece.split("=")[0])):
                continue
            collector.row(line, text, parsed, False, None, piece)
        if not continued(texts, index + 1):
            _hints_from_code(collector)
    collector.flush()


def _read_function(
    collector: Collector,
    lines: list[Span],
    texts: list[str],
    index: int,
    function: FunctionDefinition,
) -> int:
    """``def sigmoid_prime(x):`` and one ``return EXPR``: the claim ``sigmoid'(x) = EXPR``.

    A body of anything else is reported as not read. Returns the index of the first line
    after the function's body.
    """
    text = texts[index]
    body = [(index, function.body)] if text[function.body :].strip() else []
    end = index + 1
    while end < len(texts):
        following = texts[end]
        if following.strip():
            if len(following) - len(following.lstrip()) <= function.indent:
                break
            body.append((end, 0))
        end += 1
    start = return_expression(texts[body[0][0]][body[0][1] :]) if len(body) == 1 else None
    if start is None:
        reason = f"in code, could not be read: the body of {function.name} is not one return line"
        collector.unread_line(lines[index], function.name_start, reason)
        return end
    line, offset = body[0]
    assert function.function is not None
    notation = DerivativeNotation(
        function.function, argument=make_symbol(normalise_name(function.argument))
    )
    collector.code_function(
        lines[index].locate(function.name_start),
        f"{function.name}({function.argument}) = {_shown(lines[line], offset + start)}",
        notation,
        lines[line],
        texts[line],
        offset + start,
    )
    return end


def _hints_from_code(collector: Collector) -> None:
    """Restatements in code are hints from code: the relation is flushed and its hints marked."""
    before = len(collector.hints)
    collector.flush()
    collector.hints[before:] = [replace(h, source="code") for h in collector.hints[before:]]


def continued(texts: list[str], index: int) -> bool:
    """Whether the next non-empty code line from ``index`` continues the one before it."""
    following = next((text for text in texts[index:] if text.strip()), "")
    return continues(following)


_KEYWORDS = frozenset({"import", "from", "def", "class", "return", "print", "for", "if", "while"})


def code_line(text: str, pending: bool) -> str | None:
    """What to do with one code line (its comment removed): ``"read"`` it, ignore it (None:
    imports, calls, prose that states no derivative), or the reason it is reported as skipped.

    A continuation ``= …`` is read only after a line that was read (``pending``). A line with
    two words in a row (``The answer is x1``) is prose, never a product of its words.
    """
    words = text.split()
    if not words:
        return None
    if continues(text):
        return "read" if pending else None
    expression_like = words[0] not in _KEYWORDS and any(op in text for op in "+-*/^")
    if "=" not in text and not expression_like:
        return None
    if looks_like_prose(text):
        stated = answer_start(text)
        return (
            "in code, could not be read: reads as prose, not a formula"
            if stated is not None
            else None
        )
    return "read"


def _shown(line: Span, start: int) -> str:
    """The line as written (``np.exp``, not the grammar's ``exp``) from ``start``, uncommented."""
    return _COMMENT.sub("", line.text)[start:].strip()
