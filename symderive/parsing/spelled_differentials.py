"""A derivative's name with its ∂ spelled out: AsciiMath's ``del`` and the word ``partial``.

Q&A sites and chat boxes write ``(del z)/(del x_1)`` and ``del z // del x`` (AsciiMath's ``//``
is a plain slash), and people without a ∂ key write ``partial z / partial x``. Both mean
``∂z/∂x₁``, which the readers of plain text and code know. The words are rewritten only inside
such a name, where both differentials are spelled, so prose (``the partial derivative``) and
other names (``delta``, ``partial_sum``) stay as written. The rewriting keeps the length: the ∂
is padded with spaces on its left, so every offset, and every caret, stays the student's.
Bounded regular expressions only: safe on untrusted text.
"""

from __future__ import annotations

import re

_SPELLED = r"(?:del|partial)"
_NAME = r"[A-Za-z][A-Za-z0-9]{0,20}(?:_\{?[A-Za-z0-9]{1,20}\}?)?(?![\w'])"
_SLASH = r"[ \t]{0,8}//?[ \t]{0,8}"
_SPELLED_NAME = re.compile(
    rf"(?<![\w\\])(?:"
    rf"\([ \t]{{0,8}}{_SPELLED}[ \t]{{1,8}}{_NAME}[ \t]{{0,8}}\){_SLASH}"
    rf"\([ \t]{{0,8}}{_SPELLED}[ \t]{{1,8}}{_NAME}[ \t]{{0,8}}\)"
    rf"|{_SPELLED}[ \t]{{1,8}}{_NAME}{_SLASH}{_SPELLED}[ \t]{{1,8}}{_NAME}"
    rf")"
)
"""``(del z)/(del x_1)``, ``del z // del x``, ``(partial L)/(partial w)``: both ∂ spelled."""
_WORD = re.compile(rf"(?<![A-Za-z]){_SPELLED}(?![A-Za-z])|//")


def _as_symbols(match: re.Match[str]) -> str:
    """The name with ``del``/``partial`` as ``∂`` and ``//`` as ``/``, padded on the left."""

    def symbol(word: re.Match[str]) -> str:
        shown = "/" if word.group() == "//" else "∂"
        return shown.rjust(len(word.group()))

    return _WORD.sub(symbol, match.group())


def spelled_differentials(text: str) -> str:
    """``text`` with every derivative's name spelled with ``del``/``partial`` written with ∂,
    same length (``(del z)/(del x_1)`` → ``(  ∂ z)/(  ∂ x_1)``)."""
    if "del" not in text and "partial" not in text:
        return text
    return _SPELLED_NAME.sub(_as_symbols, text)
