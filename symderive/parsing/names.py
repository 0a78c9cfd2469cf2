"""Symbol names: one spelling per symbol, and the natural order students expect (x2 before x10)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import sympy

_SUBSCRIPT = re.compile(r"^(?P<stem>[A-Za-z]+[A-Za-z0-9]*?)_\{?(?P<subscript>[A-Za-z0-9]+)\}?$")
_NATURAL_PART = re.compile(r"(\d+)")
_LETTER_AND_DIGITS = re.compile(r"([A-Za-z])(\d{1,4})")


def normalise_name(name: str) -> str:
    """``x_1``, ``x_{1}`` and ``x1`` are one symbol; ``x_{i}`` and ``x_i`` are ``x_i``.

    A digit subscript joins its stem only when the stem does not end in a digit: ``w1_2`` (row 1,
    column 2) must stay apart from ``w12``.
    """
    match = _SUBSCRIPT.match(name)
    if match is None:
        return name
    stem, subscript = match.group("stem"), match.group("subscript")
    if subscript.isdigit() and not stem[-1].isdigit():
        return f"{stem}{subscript}"
    return f"{stem}_{subscript}"


def written_name(name: str) -> str:
    """A regular expression for the ways a normalised name is written: ``z1`` as ``z_1``,
    ``z_{1}`` or ``z1`` (``z_12`` is z₁·2 in LaTeX, so two digits need braces)."""
    match = _LETTER_AND_DIGITS.fullmatch(name)
    if match is None:
        return re.escape(name)
    stem, digits = match.groups()
    spellings = [rf"_\{{\s{{0,5}}{digits}\s{{0,5}}\}}", digits]
    if len(digits) == 1:
        spellings.append(f"_{digits}")
    return rf"{stem}(?:{'|'.join(spellings)})(?![0-9])"


def make_symbol(name: str) -> sympy.Symbol:
    """Every variable is real: neural-network quantities are, and |x|, max and sign need it."""
    return sympy.Symbol(normalise_name(name), real=True)


def natural_key(name: str) -> tuple[object, ...]:
    """Sort key that compares digit runs as numbers: x2 < x10, w1_2 < w1_10."""
    return tuple(int(part) if part.isdigit() else part for part in _NATURAL_PART.split(name))


def natural_order(symbols: Iterable[sympy.Symbol]) -> tuple[sympy.Symbol, ...]:
    """Symbols in natural order of their names, each once."""
    return tuple(sorted(set(symbols), key=lambda symbol: natural_key(symbol.name)))
