"""An answer file's text, and math spans within it that know where each character came from.

Readers cut math out of Markdown, notebooks, ``.tex`` and YAML; a ``Span`` keeps the way back to
the file's line and column, so every caret points at the student's own characters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from symderive.errors import InputError, SourceLocation
from symderive.inputfile import read_limited
from symderive.yamlnode import SourceText

MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class Span:
    """Math text and where each of its characters is in the file (``locate(offset)``)."""

    text: str
    locate: Callable[[int], SourceLocation]


def source_span(source: SourceText, start: int, end: int) -> Span:
    """The characters ``start:end`` of a file's text, located through that file."""
    return Span(source.text[start:end], lambda offset: source.location_at(start + offset))


def read_source_text(path: str | Path) -> str:
    """A text file's content: too large, unreadable or not UTF-8 is a located InputError."""
    name = str(path)
    data = read_limited(path, MAX_FILE_BYTES, InputError)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        whole = SourceText(data[: error.start].decode("utf-8", errors="replace"), name)
        location = whole.location_at(len(whole.text))
        byte = data[error.start]
        raise InputError(f"the file is not valid UTF-8: byte 0x{byte:02x}", location) from None
