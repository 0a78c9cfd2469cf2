"""YAML with positions: every key, value and list item remembers where it was written.

Problem files are written by hand, so every complaint about one must point at the offending
character. PyYAML's ``compose`` keeps marks on its nodes; this module turns that node graph into a
small tree of located values, and turns every way a file can be unusable (too big, not UTF-8,
malformed, an alias bomb, duplicate keys, only comments) into a ``ProblemFileError`` with a caret.
Only the safe loader's tags are understood: nothing in a file can construct a Python object.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader
from yaml.resolver import Resolver

from symderive.errors import ProblemFileError, SourceLocation
from symderive.inputfile import read_limited, refuse_too_large, too_large
from symderive.yamlnode import (
    NOUNS,
    STYLES,
    SourceText,
    YamlMapping,
    YamlNode,
    YamlScalar,
    YamlSequence,
    describe,
)

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 25_000  # values in the whole file, aliases expanded (PyYAML takes ~25 µs per value)
MAX_ALIASED_NODES = 10_000  # values reached through aliases: a "billion laughs" stops here
MAX_DEPTH = 64

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Bounded(Composer):
    """Composition counting values as if aliases were written out (against alias bombs) and
    refusing nesting deep enough to exhaust Python's stack; mixed into either parser below."""

    if TYPE_CHECKING:  # given by the parser it is mixed with

        def peek_event(self) -> Any: ...
        def dispose(self) -> None: ...

    def _start_counting(self) -> None:
        self.depth = 0
        self.expanded = 0
        self.aliased = 0
        self.sizes: dict[int, int] = {}

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event: Any = self.peek_event()
        if isinstance(event, yaml.AliasEvent) and event.anchor in self.anchors:
            size = self.sizes.get(id(self.anchors[event.anchor]))
            if size is None:
                raise _Refused("an alias refers to a value that contains it", event.start_mark)
            self.aliased += size
            if self.aliased > MAX_ALIASED_NODES:
                raise _Refused(
                    f"aliases (*name) expand to more than {MAX_ALIASED_NODES:,} values; "
                    "write the values out, or use fewer aliases",
                    event.start_mark,
                )
            self._count(size, event.start_mark)
            return super().compose_node(parent, index)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(f"values nested more than {MAX_DEPTH} levels deep", event.start_mark)
            before = self.expanded
            self._count(1, event.start_mark)
            node = super().compose_node(parent, index)
            self.sizes[id(node)] = self.expanded - before
            return node
        finally:
            self.depth -= 1

    def _count(self, size: int, mark: Any) -> None:
        self.expanded += size
        if self.expanded > MAX_NODES:
            raise _Refused(f"the file holds more than {MAX_NODES:,} values", mark)


class _Loader(_Bounded, yaml.SafeLoader):
    """PyYAML's own safe loader in Python: the reference, and the one whose messages and
    positions every error reports."""

    def __init__(self, text: str) -> None:
        yaml.SafeLoader.__init__(self, text)
        self._start_counting()


# libyaml, when PyYAML was built with it (its wheels are): the same events, ~7 times faster
CParser: Any = importlib.import_module("yaml._yaml").CParser if yaml.__with_libyaml__ else None


# Tabs and tags: libyaml reads some of these where Python refuses them (or refuses them in other
# words); a text holding one, or a character PyYAML's reader refuses, is read by Python alone.
_PYTHON_ONLY = re.compile(r"[\t!]|" + Reader.NON_PRINTABLE.pattern)


class _FastLoader(_Bounded, CParser or yaml.parser.Parser, SafeConstructor, Resolver):  # type: ignore[misc]
    """The same bounded composer, on events from libyaml."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._start_counting()


class _Refused(Exception):
    """A limit hit while composing, at the event that crossed it."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.index = mark.index


def load_yaml_file(path: str | Path) -> YamlNode:
    """Read a file and load it (see ``load_yaml_bytes``); unreadable files are errors too."""
    return load_yaml_bytes(read_limited(path, MAX_FILE_BYTES, ProblemFileError), str(path))


def load_yaml_bytes(data: bytes, filename: str) -> YamlNode:
    """Decode UTF-8 (a bad byte is reported at its line and column) and load the text."""
    refuse_too_large(data, MAX_FILE_BYTES, filename, ProblemFileError)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", errors="replace")
        whole = SourceText(data.decode("utf-8", errors="replace"), filename)
        location = whole.location_at(len(prefix))
        raise ProblemFileError(
            f"the file is not valid UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}",
            location,
        ) from None
    return load_yaml_text(text, filename)


def load_yaml_text(text: str, filename: str) -> YamlNode:
    """Load one YAML document into located values; every failure is a ``ProblemFileError``."""
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        data = text.encode("utf-8", "replace")
        beyond = too_large(data, MAX_FILE_BYTES, filename) or SourceLocation(filename, 1, 1)
        raise ProblemFileError(f"the file is larger than {MAX_FILE_BYTES:,} bytes", beyond)
    text = text.removeprefix("\ufeff")
    source = SourceText(text, filename)
    loader: _Loader | _FastLoader | None = None
    try:
        loader, root = _compose(text)
        if root is None or (isinstance(root, ScalarNode) and root.value == "" and not root.style):
            first = source.lines[0] if source.lines and source.lines[0] else None
            raise ProblemFileError("the file is empty", SourceLocation(filename, 1, 1, first))
        return _Converter(source, loader).convert(root)
    except _Refused as error:
        raise ProblemFileError(error.message, source.location_at(error.index)) from None
    except yaml.MarkedYAMLError as error:
        raise _from_marked(error, source) from None
    except yaml.reader.ReaderError as error:
        code = ord(error.character) if isinstance(error.character, str) else error.character
        message = f"the character U+{code:04X} is not allowed in a YAML file"
        raise ProblemFileError(message, source.location_at(error.position)) from None
    except yaml.YAMLError as error:  # pragma: no cover - none known when loading
        raise ProblemFileError(f"malformed YAML: {error}", SourceLocation(file=filename)) from None
    finally:
        if loader is not None:
            loader.dispose()


def _compose(text: str) -> tuple[_Loader | _FastLoader, Node | None]:
    """The document's root node, composed from libyaml's events where it reads the text, and
    by PyYAML's Python parser otherwise. A text libyaml does not read is read again in Python, so
    every error keeps the Python loader's message and position. libyaml reads a few texts Python
    refuses (an empty folded scalar ``>#``, a ``?`` inside a flow key): those load, as they do
    with ``yaml.CSafeLoader``; where both read a text, they read the same."""
    if CParser is not None and not _PYTHON_ONLY.search(text):
        fast = _FastLoader(text)
        try:
            return fast, fast.get_single_node()
        except (yaml.YAMLError, UnicodeError):
            fast.dispose()  # read again below, for the Python loader's message
    loader = _Loader(text)
    return loader, loader.get_single_node()


def _from_marked(error: yaml.MarkedYAMLError, source: SourceText) -> ProblemFileError:
    """PyYAML's problem and context, as one sentence at the problem's position."""
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "malformed YAML").rstrip(".")
    if problem.startswith("but found another document"):
        location = source.location_at(mark.index) if mark else SourceLocation(source.filename)
        return ProblemFileError(
            "the file holds more than one YAML document ('---'); keep one per file", location
        )
    if isinstance(error, yaml.constructor.ConstructorError):
        location = source.location_at(mark.index) if mark else SourceLocation(source.filename)
        return ProblemFileError(f"cannot read this value: {problem}", location)
    message = f"malformed YAML: {problem}"
    if error.context and error.context_mark is not None and error.problem_mark is not None:
        context_line = source.location_at(error.context_mark.index).line
        message += f" ({error.context} that starts on line {context_line})"
    elif error.context:
        message += f" ({error.context})"
    if problem == "mapping values are not allowed here":
        message += "; a value that contains ': ' must be quoted"
    if "'\\t'" in problem:
        message += "; YAML does not allow tabs for indentation"
    location = source.location_at(mark.index) if mark else SourceLocation(file=source.filename)
    return ProblemFileError(message, location)


class _Converter:
    """Composed nodes (already bounded by ``_Loader``) to located values."""

    def __init__(self, source: SourceText, loader: SafeConstructor) -> None:
        self.source = source
        self.loader = loader

    def location(self, node: Node) -> SourceLocation:
        return self.source.location_at(node.start_mark.index)

    def convert(self, node: Node) -> YamlNode:
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if node.tag not in (_MAP_TAG, _SEQ_TAG):
            raise ProblemFileError(f"the tag {node.tag!r} is not supported", self.location(node))
        if isinstance(node, SequenceNode):
            items = tuple(self.convert(item) for item in node.value)
            return YamlSequence(self.location(node), node.tag, items)
        assert isinstance(node, MappingNode)
        return self.mapping(node)

    def scalar(self, node: ScalarNode) -> YamlScalar:
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as error:
            kind = node.tag.rsplit(":", 1)[-1]
            reason = "it is too long" if kind == "int" else str(error)
            shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
            raise ProblemFileError(
                f"cannot read {shown!r} as {NOUNS.get(kind, 'a ' + kind)}: {reason}",
                self.location(node),
            ) from None
        return YamlScalar(
            location=self.location(node),
            tag=node.tag,
            text=node.value,
            value=value,
            style=STYLES.get(node.style, "plain"),
            start=node.start_mark.index,
            end=node.end_mark.index,
            source=self.source,
        )

    def mapping(self, node: MappingNode) -> YamlMapping:
        items: list[tuple[YamlNode, YamlNode]] = []
        seen: dict[object, YamlNode] = {}
        merged: list[tuple[YamlNode, YamlNode]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(self.merge(value_node))
                continue
            key = self.convert(key_node)
            if not isinstance(key, YamlScalar):
                raise ProblemFileError(
                    f"a key must be a plain value, not {describe(key)}", key.location
                )
            identity = _key_identity(key)
            if identity in seen:
                first = seen[identity].location.line
                raise ProblemFileError(
                    f"duplicate key {key.text!r} (first defined on line {first})", key.location
                )
            seen[identity] = key
            items.append((key, self.convert(value_node)))
        for key, value in merged:  # explicit keys win over merged ones, as in YAML's << merge
            assert isinstance(key, YamlScalar)
            identity = _key_identity(key)
            if identity not in seen:
                seen[identity] = key
                items.append((key, value))
        return YamlMapping(self.location(node), node.tag, tuple(items))

    def merge(self, node: Node) -> list[tuple[YamlNode, YamlNode]]:
        """The pairs a ``<<: *defaults`` (or ``<<: [*a, *b]``) key brings in."""
        value = self.convert(node)
        sources = value.items if isinstance(value, YamlSequence) else (value,)
        pairs: list[tuple[YamlNode, YamlNode]] = []
        for item in sources:
            if not isinstance(item, YamlMapping):
                raise ProblemFileError(f"'<<' merges mappings, not {describe(item)}", item.location)
            pairs.extend(item.items)
        return pairs


def _key_identity(key: YamlScalar) -> object:
    """What makes two keys the same key: their value as safe_load would read it."""
    try:
        hash(key.value)
    except TypeError:
        return ("unhashable", key.text)
    return key.value
