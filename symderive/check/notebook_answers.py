"""Answers in Jupyter notebooks: Markdown cells as Markdown, code cells as restatements.

Locations name the cell (``hw.ipynb#cell-3`` is the third cell, counting from 1) and the line
within it, which is what a student sees in Jupyter. A notebook that is not JSON, or does not fit
the notebook schema, is a located InputError: the JSON's line and column, or the line where the
offending cell starts. Never a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import nbformat
from nbformat.validator import ValidationError

from symderive.check.claim import Answers
from symderive.check.collector import Collector
from symderive.check.markdown_answers import read_markdown_text
from symderive.check.source import Span, read_source_text
from symderive.errors import InputError, SourceLocation
from symderive.yamlnode import SourceText

MAX_JSON_DEPTH = 64
"""Real notebooks nest about 6 levels; deeper JSON is refused before nbformat recurses into it."""
_LONG_NUMBER = re.compile(r"\d{1000,}")
_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def read_notebook(path: str | Path) -> Answers:
    """Read a notebook's Markdown and code cells, in order."""
    name = str(path)
    text = read_source_text(path)
    notebook = load_notebook(text, name)
    collector = Collector(name, "notebook")
    for number, cell in enumerate(notebook.cells, start=1):
        source = cell.get("source", "")
        if not isinstance(source, str):
            source = "".join(source)
        cell_name = f"{name}#cell-{number}"
        if cell.cell_type == "markdown":
            read_markdown_text(source, cell_name, collector)
        elif cell.cell_type == "code":
            cell_text = SourceText(source, cell_name)
            lines = [
                _line(cell_text, start, line)
                for start, line in zip(cell_text.line_starts, cell_text.lines, strict=False)
                if line.strip()
            ]
            collector.code(lines)
    return collector.finish()


def _line(source: SourceText, start: int, line: str) -> Span:
    return Span(line, lambda offset: source.location_at(start + offset))


def load_notebook(text: str, name: str) -> Any:
    """Parse and validate a notebook (version 4); every failure is a located InputError."""
    whole = SourceText(text, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"the notebook is not valid JSON: {error.msg}", whole.location_at(error.pos)
        ) from None
    except RecursionError:  # json's scanner recurses once per level of nesting
        data = None
    except ValueError:  # Python refuses integers of more than 4300 digits
        long_number = _LONG_NUMBER.search(text)
        raise InputError(
            "the notebook holds a number too long to read",
            whole.location_at(long_number.start() if long_number else 0),
        ) from None
    if data is None or _depth(data) > MAX_JSON_DEPTH:
        message = f"the notebook nests values more than {MAX_JSON_DEPTH} levels deep"
        raise InputError(message, whole.location_at(_too_deep(text)))
    if not isinstance(data, dict) or ("cells" not in data and "worksheets" not in data):
        raise InputError(
            "this is not a Jupyter notebook (no 'cells' at the top level)", whole.location_at(0)
        )
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except ValidationError as error:
        path = list(error.absolute_path)
        where = "/".join(str(part) for part in path) or "the top level"
        detail = error.message if len(error.message) <= 100 else error.message[:100] + "…"
        message = f"the notebook does not fit the notebook format at {where}: {detail}"
        raise InputError(message, _json_location(text, path, name)) from None
    except Exception as error:  # nbformat raises many kinds (NBFormatError, KeyError, …)
        message = f"cannot read the notebook: {error}"
        raise InputError(message, _json_location(text, ["nbformat"], name)) from None
    return notebook


def _depth(data: Any) -> int:
    """How deeply lists and objects nest in decoded JSON (without recursion)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _too_deep(text: str) -> int:
    """The offset of the bracket that opens one level too many (strings are skipped)."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return 0


def _json_location(text: str, path: list[Any], name: str) -> SourceLocation:
    """Where the value at ``path`` (keys and indices) starts in the JSON text, as near as known."""
    whole = SourceText(text, name)
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)
    for part in path:
        found = _child(text, position, part, decoder)
        if found is None:
            break
        position = found
    return whole.location_at(position)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _child(text: str, position: int, part: Any, decoder: json.JSONDecoder) -> int | None:
    """The offset of member ``part`` of the object or array at ``position``."""
    opening = text[position : position + 1]
    if opening not in "{[" or not opening:
        return None
    index, position = 0, _skip_space(text, position + 1)
    while position < len(text) and text[position] not in "}]":
        key = None
        if opening == "{":
            key, position = decoder.raw_decode(text, position)
            position = _skip_space(text, _skip_space(text, position) + 1)  # past ':'
        if (opening == "{" and key == part) or (opening == "[" and index == part):
            return position
        _, position = decoder.raw_decode(text, position)
        position = _skip_space(text, position)
        if text[position : position + 1] == ",":
            position = _skip_space(text, position + 1)
        index += 1
    return None
