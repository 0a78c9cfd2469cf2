"""Answers in a ``.tex`` file: math in ``$…$``, ``\\(…\\)``, ``\\[…\\]`` and display environments.

``\\section`` and its smaller siblings give headings; ``%`` comments are blanked (not removed), so
every offset in the blanked text is still the file's offset and carets stay exact. Scanning
starts after ``\\begin{document}`` when there is one: macros in the preamble are not answers.
"""

from __future__ import annotations

import re
from pathlib import Path

from symderive.check.claim import Answers
from symderive.check.collector import Collector
from symderive.check.source import read_source_text, source_span
from symderive.yamlnode import SourceText

_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_COMMENT_ENVIRONMENT = re.compile(r"\\begin\s*\{comment\}.*?(?:\\end\s*\{comment\}|\Z)", re.DOTALL)
_IFFALSE = re.compile(r"\\iffalse(?![A-Za-z])")
_CONDITIONAL = re.compile(r"\\if(?!f(?![A-Za-z]))[A-Za-z]*|\\fi(?![A-Za-z])")
"""``\\if…`` openings (``\\iff``, the logical symbol, is none) and ``\\fi``, for nesting."""
_DISPLAY = r"equation|align|alignat|gather|multline|flalign|eqnarray|displaymath|math"
_OPENING = re.compile(
    r"(?P<section>\\(?P<level>part|chapter|section|subsection|subsubsection|paragraph)\*?\s*"
    r"(?:\[[^\]]*\])?\s*\{)"
    r"|(?P<environment>\\begin\s*\{(?P<name>(?:" + _DISPLAY + r")\*?)\})"
    r"|(?P<delimiter>\$\$|\$|\\\(|\\\[)"
)
_LEVELS = {"part": 1, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4}
_CLOSING = {"$$": "$$", "$": "$", "\\(": "\\)", "\\[": "\\]"}


def read_tex(path: str | Path) -> Answers:
    """Read a LaTeX answer file."""
    collector = Collector(str(path), "tex")
    read_tex_text(read_source_text(path), str(path), collector)
    return collector.finish()


def blank_comments(text: str) -> str:
    """What the typeset page does not show becomes spaces: ``%`` to the end of the line
    (``\\%`` is a percent sign, kept), ``\\iffalse … \\fi`` (with the conditionals nested in it)
    and ``comment`` environments. An answer hidden there is not graded."""
    text = _COMMENT.sub(_blank, text)
    text = _COMMENT_ENVIRONMENT.sub(_blank, text)
    return _blank_iffalse(text)


def _blank(match: re.Match[str]) -> str:
    """Spaces for what matched, keeping its line breaks so that lines and columns still hold."""
    return re.sub(r"[^\n]", " ", match.group())


def _blank_iffalse(text: str) -> str:
    """``\\iffalse … \\fi`` blanked, counting the ``\\if…``/``\\fi`` pairs nested inside; an
    ``\\iffalse`` that is never closed hides the rest of the file, as it would in LaTeX."""
    pieces = []
    position = 0
    for opening in _IFFALSE.finditer(text):
        if opening.start() < position or _escaped(text, opening.start()):
            continue
        depth, end = 1, len(text)
        for token in _CONDITIONAL.finditer(text, opening.end()):
            depth += 1 if token.group() != "\\fi" else -1
            if depth == 0:
                end = token.end()
                break
        pieces.append(text[position : opening.start()])
        pieces.append(re.sub(r"[^\n]", " ", text[opening.start() : end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def read_tex_text(text: str, filename: str, collector: Collector) -> None:
    """Feed the sections and math of LaTeX source to ``collector``."""
    source = SourceText(text, filename)
    blanked = blank_comments(text)
    document = re.search(r"\\begin\s*\{document\}", blanked)
    position = document.end() if document else 0
    blanked_source = SourceText(blanked, filename)
    while True:
        match = _OPENING.search(blanked, position)
        if match is None:
            return
        if _escaped(blanked, match.start()):
            position = match.start() + 1
            continue
        if match.group("section"):
            end = _closing_brace(blanked, match.end())
            title = " ".join(blanked[match.end() : end].split())
            collector.heading(_LEVELS.get(match.group("level"), 5), title)
            position = end + 1
            continue
        if match.group("environment"):
            closing = re.compile(r"\\end\s*\{" + re.escape(match.group("name")) + r"\}")
            found = closing.search(blanked, match.end())
            start, end = match.start(), found.end() if found else len(blanked)
        else:
            delimiter = match.group("delimiter")
            start = match.end()
            closed = _find_closing(blanked, start, _CLOSING[delimiter])
            if closed is None:  # a stray delimiter: counted as skipped, the rest still read
                collector.skipped.append(source.location_at(match.start()))
                position = match.end()
                continue
            end = closed
        span = source_span(blanked_source, start, end)
        collector.formula(span, "latex")
        position = end + (0 if match.group("environment") else len(match.group("delimiter")))


def _escaped(text: str, index: int) -> bool:
    """True when the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _find_closing(text: str, start: int, closing: str) -> int | None:
    position = start
    while True:
        index = text.find(closing, position)
        if index < 0:
            return None
        if not _escaped(text, index) or closing.startswith("\\"):
            return index
        position = index + 1


def _closing_brace(text: str, start: int) -> int:
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "{" and not _escaped(text, index):
            depth += 1
        elif text[index] == "}" and not _escaped(text, index):
            depth -= 1
            if depth == 0:
                return index
    return len(text)
