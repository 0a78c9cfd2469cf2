"""Unicode in LaTeX answers (σ, ², −, ·, ∂ …), folded into the commands the grammar knows.

Students paste formulas from everywhere, so ``σ'(z) = σ(z)(1 − σ(z))`` and ``x²`` must read like
their LaTeX spellings. Folding changes lengths, so the folded text keeps a map back to the
original offsets: an error's caret points at what the student typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from symderive.errors import ExpressionError, SourceLocation

_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-", strict=True))
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True))
_REPLACEMENTS = {
    "−": "-",
    "–": "-",
    "·": r"\cdot ",
    "⋅": r"\cdot ",
    "×": r"\times ",
    "÷": r"\div ",
    "σ": r"\sigma ",
    "∂": r"\partial ",
    "∇": r"\nabla ",
    "δ": r"\delta ",
    "α": r"\alpha ",
    "β": r"\beta ",
    "γ": r"\gamma ",
    "ε": r"\epsilon ",
    "η": r"\eta ",
    "θ": r"\theta ",
    "λ": r"\lambda ",
    "μ": r"\mu ",
    "π": r"\pi ",
    "τ": r"\tau ",
    "φ": r"\phi ",
    "ω": r"\omega ",
    "Δ": r"\Delta ",
    "≤": r"\leq ",
    "≥": r"\geq ",
    "≠": r"\neq ",
    "√": r"\sqrt ",
    "′": "'",
    "’": "'",
    "\u00a0": " ",
}


_COMMANDS = {
    "\\vert": "|",  # a bare \vert alternates \lvert, \rvert (see _vert)
    "\\mathrm{d}": "d",
    "\\mathrm d": "d",
    "\\operatorname{d}": "d",
    "\\mathrm{e}": "e",
    "\\operatorname{e}": "e",
}
"""Spellings folded before parsing: ``\\vert`` is a bar, an upright d is a differential's d."""


def _vert(pieces: list[str], opened: bool) -> str:
    """``\\left\\vert`` is ``\\left|``; a bare ``\\vert`` opens, then closes, an absolute value.

    Pairing bare bars in turn is what a reader does with ``\\frac{d}{du} \\vert u \\vert``; an
    unpaired ``|`` is ambiguous in an implicit product, a ``\\lvert … \\rvert`` pair is not.
    """
    if "".join(pieces[-16:]).rstrip().endswith(("\\left", "\\right")):
        return "|"
    return "\\rvert " if opened else "\\lvert "


def _lone_bar_pair(text: str) -> tuple[int, ...]:
    """The offsets of the bars of ``… |u| …`` when they are the formula's only two.

    Two bars can only be one absolute value, which may then stand anywhere a bracket may
    (``\\frac{d}{du} |u|``, ``2|x|``); with more bars, nesting is ambiguous and the grammar's
    own rule for ``|…|`` decides.
    """
    escaped = re.compile(r"(\\left|\\right|\\)\s*$")
    bars = [
        match.start()
        for match in re.finditer(r"\|", text)
        if not escaped.search(text[max(0, match.start() - 8) : match.start()])
    ]
    return tuple(bars) if len(bars) == 2 else ()


@dataclass(frozen=True)
class UnicodeFolding:
    """The folded text and, for each of its characters, the offset it came from."""

    original: str
    folded: str
    origins: tuple[int, ...]

    def original_offset(self, position: int) -> int:
        """The 0-based offset in the original text of a position in the folded text."""
        if not self.origins:
            return 0
        if position >= len(self.origins):
            return self.origins[-1] + 1
        return self.origins[max(0, position)]


def fold_unicode(text: str) -> UnicodeFolding:
    """Replace Unicode math characters by LaTeX; super/subscript digits become ``^{…}``/``_{…}``."""
    pieces: list[str] = []
    origins: list[int] = []
    index = 0
    bars_open = False
    pair = _lone_bar_pair(text)
    while index < len(text):
        character = text[index]
        if index in pair:
            replacement = "\\lvert " if index == pair[0] else "\\rvert "
            pieces.append(replacement)
            origins.extend([index] * len(replacement))
            index += 1
            continue
        command = next((c for c in _COMMANDS if text.startswith(c, index)), None)
        following = text[index + len(command) : index + len(command) + 1] if command else ""
        if command is not None and not (command[-1].isalpha() and following.isalpha()):
            replacement = _COMMANDS[command]
            if command == "\\vert":
                replacement = _vert(pieces, bars_open)
                bars_open = bars_open != replacement.startswith("\\")
            pieces.append(replacement)
            origins.extend([index] * len(replacement))
            index += len(command)
            continue
        scripts = next((t for t in (_SUPERSCRIPTS, _SUBSCRIPTS) if character in t), None)
        if scripts is not None:
            end = index
            while end < len(text) and text[end] in scripts:
                end += 1
            mark = "^" if scripts is _SUPERSCRIPTS else "_"
            replacement = mark + "{" + "".join(scripts[c] for c in text[index:end]) + "}"
            pieces.append(replacement)
            origins.extend([index] * len(replacement))
            index = end
            continue
        replacement = _REPLACEMENTS.get(character, character)
        pieces.append(replacement)
        origins.extend([index] * len(replacement))
        index += 1
    return UnicodeFolding(text, "".join(pieces), tuple(origins))


def error_at(folding: UnicodeFolding, position: int, message: str) -> ExpressionError:
    """An error at a 0-based position of the folded text, reported in the original's column."""
    original = folding.original_offset(position)
    lines = folding.original.split("\n")
    consumed = 0
    for number, line in enumerate(lines, start=1):
        if original <= consumed + len(line):
            return ExpressionError(
                message, SourceLocation(line=number, column=original - consumed + 1, line_text=line)
            )
        consumed += len(line) + 1
    return ExpressionError(
        message, SourceLocation(line=len(lines), column=len(lines[-1]) + 1, line_text=lines[-1])
    )
