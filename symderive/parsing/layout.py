"""Layout inside math that says nothing about the value: blanked out before parsing.

Students box their results (``\\boxed{…}``), colour them (``\\color{red}{…}``), number them
(``\\tag{1}``, ``\\label{eq:grad}``), resize them (``\\Large``), annotate them
(``\\underbrace{…}_{\\text{chain rule}}``), mark a value at the point (``\\right|_{x}``) and end a
displayed sentence with a full stop; ``\\left.`` and ``\\right.`` are invisible. Each of these is
replaced by spaces of the same length, so every caret still points at the character the
student wrote. What stays (the boxed formula, the coloured one, the one under the brace) is read
as a group.
"""

from __future__ import annotations

import re

_SIZES = (
    "tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge"
    "|scriptstyle|scriptscriptstyle|nonumber|notag"
)
_DROPPED = re.compile(
    r"\\(?:" + _SIZES + r")(?![A-Za-z])"
    r"|\\boxed(?![A-Za-z])"
    r"|\\(?:left|right)\s{0,20}\."
    r"|\\(?:tag\*?|label)\s{0,20}(?=\{)"
    r"|\\(?:color|textcolor)\s{0,20}(?=\{)"
)
"""Commands dropped; those followed by ``(?=\\{)`` also lose the braced argument after them."""
_BRACED_ARGUMENT = re.compile(r"\\(?:tag\*?|label|color|textcolor)")
_BRACES = re.compile(r"\\(?:underbrace|overbrace)(?![A-Za-z])")
_TRAILING = re.compile(r"(?<!\\)[.,;]\s*$")
_EVALUATED_AT = re.compile(r"\\(?:right|[bB]igg?r?)\s{0,20}\|\s{0,20}_\s{0,20}(?=\{)")
"""``\\left.\\frac{∂z}{∂x_1}\\right|_{x}``: the bar that says "at the problem's point"."""
_POINT_NAME = re.compile(
    r"\s*(?:\\(?:mathbf|boldsymbol|bm|vec|hat|bar|tilde)\s*\{?\s*)?[A-Za-z]\s*\}?"
    r"(?:\s*\^\s*\{?\s*(?:\*|\\ast)\s*\}?)?\s*|\s*\\text\s*\{[A-Za-z ]{1,40}\}\s*"
)
"""What may stand under the bar: the point's name, never coordinates or a limit."""
_AFTER_NAME = re.compile(
    r"\\[dt]?frac\s*\{[^{}]{0,80}(?:\\partial|d)[^{}]{0,80}\}\s*\{[^{}]{0,80}\}\s*$"
)
"""The bar must follow a derivative's name written as a fraction."""
_LEAD_IN = re.compile(
    r"^\s*\\text\s*\{(?P<words>[^{}]{0,60})\}\s*"
    r"(?=\\[dt]?frac\s*\{\s*(?:d|\\partial)|\\partial|∂|d[A-Za-z]\s*/)"
)
"""``\\text{Therefore, } \\frac{∂z}{∂x_2} = …``: words before a derivative's name."""
_AFTERWORD = re.compile(r"(?:\\q?quad|\\[ ,;:]|~|\s)*\\text\s*\{(?P<words>[^{}]{0,80})\}[\s.,;]*$")
"""``= 5 \\text{ (constant)}``, ``\\quad \\text{by the chain rule}``, ``\\text{.}``: a remark
that ends the formula."""
_CONDITION = re.compile(
    r"\b(?:for|if|when|where|whenever|at|with|given|except|unless|provided|only|all|any|"
    r"otherwise|else)\b|[=<>≤≥≠\d]",
    re.IGNORECASE,
)
"""Words that make a remark a condition on the claim: kept, so that the claim is refused rather
than read without it (dropping "for x > 0" would claim more than the student did)."""
_GAP = r"(?:\\q?quad|\\[ ,;:]|~|\s|,){0,20}"
_FOR = r"for\s{1,5}(?:all|every|any)"
_NAMES = r"(?:[A-Za-z]|\\[A-Za-z]{2,20})(?:_\{?\w{1,20}\}?|\d{1,4})?"
_NAME_LIST = rf"{_NAMES}(?:\s{{0,5}},\s{{0,5}}{_NAMES}){{0,20}}"
_REALS = r"(?:\s{0,5}\\in\s{0,5}\\mathbb\s{0,5}\{?\s{0,5}R\s{0,5}\}?(?:\^\s{0,5}\{?\w{1,3}\}?)?)?"
_TEXT = r"\\(?:text|textrm|mbox)\s{0,5}\{\s{0,5}"
_FOR_ALL = re.compile(
    rf"{_GAP}(?:{_TEXT}{_FOR}\s{{0,5}}\}}|\\forall(?![A-Za-z]))\s{{0,5}}{_NAME_LIST}{_REALS}"
    rf"[\s.,;]{{0,20}}$"
    rf"|{_GAP}{_TEXT}{_FOR}\s{{1,5}}[A-Za-z](?:\s{{0,5}},\s{{0,5}}[A-Za-z]){{0,20}}\s{{0,5}}\}}"
    rf"[\s.,;]{{0,20}}$"
)
"""``= … \\ \\text{for all } x``, ``\\forall x_1, x_2``: the claim holds everywhere, which is
what it is checked for; only names may follow (``for all x > 0`` restricts it, and is kept)."""
MAX_ANNOTATION = 400
"""The longest brace annotation blanked; a longer one is left for the parser to refuse."""


def blank_layout(text: str) -> str:
    """``text`` with layout replaced by spaces (same length, same positions)."""
    characters = list(text)
    for found in _DROPPED.finditer(text):
        _blank(characters, found.start(), found.end())
        end = _closing(text, _skip_spaces(text, found.end()))
        if end is None:
            continue
        if _BRACED_ARGUMENT.match(found.group()):
            _blank(characters, found.end(), end)
        elif found.group() == "\\boxed" and "=" in text[found.end() : end]:
            # a boxed relation (\boxed{dz/dx = 1}): its braces go too, a boxed term keeps them
            opening = _skip_spaces(text, found.end())
            _blank(characters, opening, opening + 1)
            _blank(characters, end - 1, end)
    for found in _BRACES.finditer(text):
        body_end = _closing(text, _skip_spaces(text, found.end()))
        if body_end is None:
            continue
        _blank(characters, found.start(), found.end())
        annotation = _skip_spaces(text, body_end)
        if annotation < len(text) and text[annotation] in "_^":
            end = _closing(text, _skip_spaces(text, annotation + 1))
            if end is not None:
                _blank(characters, annotation, end)
    for found in _EVALUATED_AT.finditer(text):
        end = _closing(text, found.end())
        # only the point named (|_{x}, |_{\mathbf{x}^*}), right after a derivative's name: a
        # point given (|_{x_3=1}, |_{(1,2,1)}, |_{x_3 \to 1}) may not be the problem's, and a bar
        # after a value (-6x_3 |_{x}) would make the chain a false identity: both are refused
        if (
            end is not None
            and _POINT_NAME.fullmatch(text, found.end() + 1, end - 1)
            and _AFTER_NAME.search(text, max(0, found.start() - 200), found.start())
        ):
            _blank(characters, found.start(), end)
    blanked = "".join(characters)
    for pattern in (_LEAD_IN, _AFTERWORD):
        words = pattern.search(blanked)
        if words is not None and not _CONDITION.search(words.group("words")):
            blanked = blanked[: words.start()] + " " * len(words.group()) + blanked[words.end() :]
    universal = _FOR_ALL.search(blanked)
    if universal is not None and blanked[: universal.start()].strip():
        blanked = blanked[: universal.start()] + " " * (len(blanked) - universal.start())
    trailing = _TRAILING.search(blanked)
    if trailing is not None and blanked[: trailing.start()].strip():
        blanked = blanked[: trailing.start()] + " " * (len(blanked) - trailing.start())
    return blanked


def _blank(characters: list[str], start: int, end: int) -> None:
    characters[start:end] = [" "] * (end - start)


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _closing(text: str, opening: int) -> int | None:
    """The position after the brace that closes the one at ``opening`` (None if there is no
    brace there, or it does not close within ``MAX_ANNOTATION`` characters)."""
    if opening >= len(text) or text[opening] != "{":
        return None
    depth = 0
    for position in range(opening, min(len(text), opening + MAX_ANNOTATION)):
        character = text[position]
        if character == "\\":
            continue
        if character == "{" and text[position - 1] != "\\":
            depth += 1
        elif character == "}" and text[position - 1] != "\\":
            depth -= 1
            if depth == 0:
                return position + 1
    return None
