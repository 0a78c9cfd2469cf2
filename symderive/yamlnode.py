"""Located YAML values: every key, value and list item remembers where it was written.

``yamlsource.py`` builds these from PyYAML's node graph; the problem-file loader reads them and
points its complaints at ``location``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from symderive.errors import SourceLocation

ScalarStyle = Literal["plain", "single-quoted", "double-quoted", "literal", "folded"]

STYLES: dict[str | None, ScalarStyle] = {
    None: "plain",
    "": "plain",
    "'": "single-quoted",
    '"': "double-quoted",
    "|": "literal",
    ">": "folded",
}
NOUNS = {"int": "an integer", "float": "a number", "timestamp": "a date", "bool": "a boolean"}
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the breaks PyYAML counts lines by
_BREAKS = "\r\n\x85\u2028\u2029"


class SourceText:
    """The text of one file with its line starts, to turn character offsets into locations."""

    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        self.line_starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
        self.lines = _LINE_BREAK.split(text)

    def location_at(self, index: int) -> SourceLocation:
        """The 1-based line and column of a character offset, with that line's text."""
        index = max(0, min(index, len(self.text)))
        line = bisect.bisect_right(self.line_starts, index) - 1
        return SourceLocation(
            file=self.filename,
            line=line + 1,
            column=index - self.line_starts[line] + 1,
            line_text=self.lines[line] if line < len(self.lines) else "",
        )


@dataclass(frozen=True, eq=False)
class YamlNode:
    """A value read from YAML, with the position of its first character."""

    location: SourceLocation
    tag: str


@dataclass(frozen=True, eq=False)
class YamlScalar(YamlNode):
    """A scalar: ``text`` as written (after quotes and escapes), ``value`` as safe_load reads it.

    Expressions need the text (``expression: 5`` is the text ``5``; ``at: {x: 0.1}`` is the exact
    decimal ``0.1``, not the nearest float), while type checks need the resolved value.
    """

    text: str
    value: Any
    style: ScalarStyle
    start: int = field(repr=False)
    end: int = field(repr=False)
    source: SourceText = field(repr=False)

    def location_in_text(self, line: int, column: int) -> SourceLocation:
        """The file location of (line, column), 1-based, inside ``text``.

        Exact for single-line plain and quoted scalars (escapes and ``''`` included); for
        multi-line and block scalars it follows the folded text through the file's lines.
        """
        lines = self.text.split("\n")
        line = max(1, min(line, len(lines)))
        offset = sum(len(previous) + 1 for previous in lines[: line - 1]) + max(0, column - 1)
        positions = self._positions()
        return self.source.location_at(positions[min(offset, len(positions) - 1)])

    def _positions(self) -> list[int]:
        """For each character of ``text`` (and one past its end), its offset in the file."""
        source, style, end = self.source.text, self.style, self.end
        position = self.start
        if style in ("single-quoted", "double-quoted"):
            position += 1
        elif style in ("literal", "folded"):
            header = _LINE_BREAK.search(source, position, end)
            position = header.end() if header else end
        positions: list[int] = []
        for character in self.text:
            found = _match(source, position, end, character, style)
            if found is None:
                break
            positions.append(found[0])
            position = found[1]
        last = positions[-1] if positions else position
        positions.extend([last] * (len(self.text) - len(positions)))
        positions.append(position if len(positions) == len(self.text) else last)
        return positions


def _match(
    source: str, position: int, end: int, character: str, style: ScalarStyle
) -> tuple[int, int] | None:
    """Where ``character`` of the value was written at or after ``position``, and what follows."""
    while position < end:
        current = source[position]
        if style == "double-quoted" and current == "\\":
            following = source[position + 1 : position + 2]
            if following and following in _BREAKS:  # an escaped line break: no character
                position += 2
                continue
            return position, position + {"x": 4, "u": 6, "U": 10}.get(following, 2)
        if style == "single-quoted" and source.startswith("''", position) and character == "'":
            return position, position + 2
        if current == character:
            return position, position + 1
        if current in _BREAKS and character in " \n":  # a folded line break
            step = 2 if source.startswith("\r\n", position) else 1
            return position, position + step
        if current in " \t" or current in _BREAKS:  # indentation, or spaces folded away
            position += 1
            continue
        return None
    return None


@dataclass(frozen=True, eq=False)
class YamlSequence(YamlNode):
    """A list; each item keeps its own location."""

    items: tuple[YamlNode, ...]


@dataclass(frozen=True, eq=False)
class YamlMapping(YamlNode):
    """A mapping as (key, value) pairs in file order; duplicate keys were refused on loading."""

    items: tuple[tuple[YamlNode, YamlNode], ...]

    def get(self, key: str) -> YamlNode | None:
        """The value of a string key, or None."""
        pair = self.item(key)
        return pair[1] if pair else None

    def item(self, key: str) -> tuple[YamlNode, YamlNode] | None:
        """The (key node, value node) pair of a string key, or None."""
        for key_node, value in self.items:
            if isinstance(key_node, YamlScalar) and key_node.value == key:
                return key_node, value
        return None


def describe(node: YamlNode) -> str:
    """A value's YAML type in words, for "'points' must be a number, not a list"."""
    if isinstance(node, YamlMapping):
        return "a mapping"
    if isinstance(node, YamlSequence):
        return "a list"
    assert isinstance(node, YamlScalar)
    value = node.value
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"a boolean ({node.text})"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bytes):
        return "binary data"
    return "a date" if hasattr(value, "year") else f"a {type(value).__name__}"
