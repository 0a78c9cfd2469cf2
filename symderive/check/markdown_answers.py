"""Answers written in Markdown: math spans, code blocks, plain-text claims and headings.

Lines of paragraphs and list items outside math that state ``dz/dx1 = …`` are read by
``plain_text`` in document order with the math around them.

markdown-it-py finds the math (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]``, top-level
``\\begin{align}``) so that dollars in code or escaped dollars are never mistaken for math. Its
tokens know only block line ranges, so each span is found again in the source from a cursor that
moves forward, and every character of the span gets its file offset: a caret lands on the very
character of the file, even in indented list items and block quotes.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.texmath import texmath_plugin

from symderive.check.claim import Answers
from symderive.check.collector import MAX_FORMULA_LENGTH, MAX_FORMULAS, Collector
from symderive.check.plain_text import plain_lines, read_plain_lines
from symderive.check.source import Span, read_source_text
from symderive.errors import InputError
from symderive.yamlnode import SourceText

_MATH_INLINE = {"math_inline", "math_inline_double"}
_MATH_BLOCK = {"math_block", "math_block_label", "math_block_eqno", "amsmath"}
_CODE_BLOCK = {"fence", "code_block"}
_LABEL = re.compile(
    r"^[\s*_]*(?P<label>(?:problem|question|exercise|part|task|aufgabe)\s*[A-Za-z]?\d+[A-Za-z]?"
    r"(?:\s*\(?[a-z]\))?|q\s*\d+\s*(?:\(?[a-z]\)|[a-z]\b)?|\(\s*[a-z]\s*\)|[a-z]\))",
    re.IGNORECASE,
)
_INLINE_MARKUP = re.compile(r"[*_`]+")
_HEAD = 200


@cache
def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .enable("table")
        .use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True)
        .use(amsmath_plugin)
        .use(texmath_plugin, delimiters="brackets")
    )


def read_markdown(path: str | Path) -> Answers:
    """Read a Markdown answer file."""
    collector = Collector(str(path), "markdown")
    read_markdown_text(read_source_text(path), str(path), collector)
    return collector.finish()


def read_markdown_text(text: str, filename: str, collector: Collector) -> None:
    """Feed the math, code and headings of Markdown ``text`` to ``collector``.

    ``filename`` names the text in locations (a notebook passes ``hw.ipynb#cell-3``).
    """
    source = SourceText(text, filename)
    cursor = 0
    heading_level: int | None = None
    tokens = _parser().parse(text)
    _refuse_too_many_formulas(tokens, source, collector)
    previous = ""
    for token in tokens:
        parent, previous = previous, token.type
        if token.map is not None and token.map[0] < len(source.line_starts):
            cursor = max(cursor, source.line_starts[token.map[0]])
        if token.type == "heading_open":
            heading_level = len(token.markup) if token.markup.startswith("#") else int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = None
        elif token.type == "inline" and heading_level is not None:
            collector.heading(heading_level, _INLINE_MARKUP.sub("", token.content))
        elif token.type == "inline":
            label = _LABEL.match(token.content)
            if label is not None:
                collector.label(" ".join(label.group("label").split()))
            in_paragraph = parent == "paragraph_open" and token.map is not None
            plain = plain_lines(source, *token.map) if in_paragraph and token.map else []
            for child in token.children or []:
                if plain and child.type in _MATH_INLINE | {"code_inline"}:
                    found = locate(source, child.content, cursor, "")
                    line = found[0].locate(0).line or 0 if found else 0
                    read_plain_lines([p for p in plain if p.line < line], collector)
                    plain = [p for p in plain if p.line >= line]
                cursor = _inline(child, source, cursor, collector)
            read_plain_lines(plain, collector)
        elif token.type in _MATH_BLOCK:
            cursor = _math(token, source, cursor, collector)
        elif token.type in _CODE_BLOCK:
            cursor = _code(token.content, source, cursor, collector)


def _refuse_too_many_formulas(
    tokens: list[Token], source: SourceText, collector: Collector
) -> None:
    """Count the math before reading any of it: refusing the 5,001st formula after parsing
    5,000 took seconds; the count takes milliseconds."""
    count = collector.formulas
    for token in tokens:
        children = token.children or [] if token.type == "inline" else [token]
        count += sum(child.type in _MATH_INLINE or child.type in _MATH_BLOCK for child in children)
        if count > MAX_FORMULAS:
            line = token.map[0] if token.map is not None else 0
            location = source.location_at(
                source.line_starts[min(line, len(source.line_starts) - 1)]
            )
            raise InputError(f"the file holds more than {MAX_FORMULAS:,} formulas", location)


def _inline(token: Token, source: SourceText, cursor: int, collector: Collector) -> int:
    if token.type in _MATH_INLINE:
        return _math(token, source, cursor, collector)
    if token.type == "code_inline":
        return _code(token.content, source, cursor, collector)
    return cursor


def _math(token: Token, source: SourceText, cursor: int, collector: Collector) -> int:
    markup = "" if token.type == "amsmath" else token.markup
    found = locate(source, token.content, cursor, markup)
    if found is None:
        return cursor
    span, end = found
    collector.formula(span, "latex")
    return end


def _code(content: str, source: SourceText, cursor: int, collector: Collector) -> int:
    lines: list[Span] = []
    for line in content.split("\n"):
        if not line.strip():
            continue
        found = locate(source, line, cursor, "")
        if found is not None:
            lines.append(found[0])
            cursor = found[1]
    if lines:
        collector.code(lines)
    return cursor


def locate(source: SourceText, content: str, cursor: int, markup: str) -> tuple[Span, int] | None:
    """Find ``content`` (after its opening ``markup``) at or after ``cursor`` in the source.

    Returns the span, each character mapped to its file offset, and the offset just after it.
    Whitespace may differ (Markdown strips indentation and ``>`` markers from continuation
    lines), so characters are matched one by one, skipping what Markdown removed.
    """
    stripped = content.lstrip()
    if not stripped:
        return None
    lead = len(content) - len(stripped)
    head = stripped.split("\n", 1)[0].rstrip()[:_HEAD]  # a prefix finds it; no huge patterns
    pattern = re.escape(markup) + r"[ \t\n]*" + re.escape(head) if markup else re.escape(head)
    match = re.compile(pattern).search(source.text, cursor)
    if match is None:  # Markdown changed the text (a NUL, say): keep it, located at the cursor
        return Span(content, lambda offset: source.location_at(cursor)), cursor
    text = source.text
    position = match.end() - len(head)
    if len(content) > MAX_FORMULA_LENGTH:  # refused by the collector: only its start matters
        start = position
        return Span(content, lambda offset: source.location_at(start)), position + len(stripped)
    origins = [position] * lead
    for character in content[lead:]:
        if character.isspace():
            origins.append(min(position, len(text)))
            if position < len(text) and text[position].isspace():
                position += 1
            continue
        while position < len(text) and text[position] != character and text[position] in " \t\n>":
            position += 1
        origins.append(min(position, len(text)))
        if position < len(text) and text[position] == character:
            position += 1
    origins.append(position)
    frozen = tuple(origins)
    span = Span(content, lambda offset: source.location_at(frozen[min(offset, len(frozen) - 1)]))
    return span, position
