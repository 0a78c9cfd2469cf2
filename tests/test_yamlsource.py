"""YAML with positions: located values, safe loading, and every refusal placed at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from symderive import yamlsource
from symderive.errors import ProblemFileError
from symderive.yamlnode import YamlMapping, YamlScalar, YamlSequence
from symderive.yamlsource import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    load_yaml_bytes,
    load_yaml_text,
)


def scalar(node: object) -> YamlScalar:
    assert isinstance(node, YamlScalar)
    return node


def test_every_key_value_and_item_keeps_its_position() -> None:
    root = load_yaml_text("a: 1\nlist:\n  - x\n  - {k: v}\n", "f.yaml")
    assert isinstance(root, YamlMapping)
    (key_a, value_a), (_key_list, value_list) = root.items
    assert (key_a.location.line, key_a.location.column) == (1, 1)
    assert (value_a.location.line, value_a.location.column) == (1, 4)
    assert value_a.location.line_text == "a: 1"
    assert value_a.location.file == "f.yaml"
    assert isinstance(value_list, YamlSequence)
    first, second = value_list.items
    assert (first.location.line, first.location.column) == (3, 5)
    assert isinstance(second, YamlMapping)
    assert (second.location.line, second.location.column) == (4, 5)
    _k, v = second.items[0]
    assert (v.location.line, v.location.column) == (4, 9)


@pytest.mark.parametrize(
    ("text", "value", "style"),
    [
        pytest.param("v: 5", 5, "plain", id="int"),
        pytest.param("v: 0.5", 0.5, "plain", id="float"),
        pytest.param("v: yes", True, "plain", id="yaml-1.1-bool"),
        pytest.param("v: ~", None, "plain", id="null"),
        pytest.param("v: '5'", "5", "single-quoted", id="quoted-number-is-a-string"),
        pytest.param('v: "a\\tb"', "a\tb", "double-quoted", id="escapes"),
        pytest.param("v: |\n  a\n  b\n", "a\nb\n", "literal", id="literal-block"),
        pytest.param("v: >-\n  a\n  b\n", "a b", "folded", id="folded-block"),
        pytest.param("v: 0x1f", 31, "plain", id="hex-int"),
    ],
)
def test_scalars_resolve_as_safe_load_and_keep_their_text(
    text: str, value: object, style: str
) -> None:
    root = load_yaml_text(text, "f.yaml")
    assert isinstance(root, YamlMapping)
    node = scalar(root.get("v"))
    assert node.value == value and type(node.value) is type(value)
    assert node.style == style


def test_plain_scalar_text_is_kept_for_exact_numbers() -> None:
    root = load_yaml_text("v: 0.1\nw: 1e3\n", "f.yaml")
    assert isinstance(root, YamlMapping)
    assert scalar(root.get("v")).text == "0.1"
    assert scalar(root.get("w")).text == "1e3"


@pytest.mark.parametrize(
    ("line", "needle", "expected_column"),
    [
        pytest.param("e: z = x1 + * y", "*", 13, id="plain"),
        pytest.param('e: "z = x1 + * y"', "*", 14, id="double-quoted"),
        pytest.param("e: 'z = x1 + * y'", "*", 14, id="single-quoted"),
        pytest.param('e: "\\t z + * y"', "*", 12, id="after-an-escape"),
        pytest.param("e: 'it''s * y'", "*", 11, id="after-doubled-quote"),
    ],
)
def test_location_in_text_is_exact_for_single_line_scalars(
    line: str, needle: str, expected_column: int
) -> None:
    root = load_yaml_text(line + "\n", "f.yaml")
    assert isinstance(root, YamlMapping)
    node = scalar(root.get("e"))
    location = node.location_in_text(1, node.text.index(needle) + 1)
    assert (location.line, location.column) == (1, expected_column)
    assert line[expected_column - 1] == needle


def test_location_in_text_follows_block_scalars_through_their_lines() -> None:
    root = load_yaml_text("e: |\n  z = x1\n    + * y\n", "f.yaml")
    assert isinstance(root, YamlMapping)
    node = scalar(root.get("e"))
    assert node.text == "z = x1\n  + * y\n"
    location = node.location_in_text(2, 5)  # the '*' on the text's second line
    assert (location.line, location.column) == (3, 7)
    assert location.line_text == "    + * y"


def test_merge_keys_bring_in_values_and_explicit_keys_win() -> None:
    root = load_yaml_text("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", "f.yaml")
    assert isinstance(root, YamlMapping)
    merged = root.get("m")
    assert isinstance(merged, YamlMapping)
    assert {scalar(k).text: scalar(v).value for k, v in merged.items} == {"x": 1, "y": 3}


def bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("source", "message", "line", "column"),
    [
        pytest.param("a: 1\nb: 2\na: 3\n", "duplicate key 'a' (first defined on line 1)", 3, 1,
                     id="duplicate-key"),
        pytest.param("p:\n  - {x: 1, x: 2}\n", "duplicate key 'x'", 2, 12, id="duplicate-flow-key"),
        pytest.param("", "the file is empty", 1, 1, id="empty-file"),
        pytest.param("# just\n# comments\n", "the file is empty", 1, 1, id="only-comments"),
        pytest.param("---\n...\n", "the file is empty", 1, 1, id="empty-document"),
        pytest.param("a: [1, 2\nb: 3\n", "malformed YAML: expected ',' or ']'", 2, 2,
                     id="malformed-flow"),
        pytest.param("a: 1\n  b: 2\n", "malformed YAML: mapping values are not allowed", 2, 4,
                     id="bad-indentation"),
        pytest.param("a:\n\tb: 1\n", "YAML does not allow tabs", 2, 1, id="tab-indentation"),
        pytest.param("a: 1\n---\nb: 2\n", "more than one YAML document", 2, 1,
                     id="two-documents"),
        pytest.param("a: *nowhere\n", "found undefined alias", 1, 4, id="undefined-alias"),
        pytest.param(bomb(7), "aliases (*name) expand to more than 10,000 values", 5, 10,
                     id="alias-bomb"),
        pytest.param("a: [" + "1, " * MAX_NODES + "]", f"more than {MAX_NODES:,} values", 1,
                     3 * MAX_NODES - 4, id="too-many-values"),
        pytest.param("a: &a [*a]\n", "an alias refers to a value that contains it", 1, 8,
                     id="recursive-alias"),
        pytest.param("a: !!python/name:os.system ''\n", "cannot read this value", 1, 4,
                     id="python-tag"),
        pytest.param("a: !!python/object/apply:os.system [ls]\n", "is not supported", 1, 4,
                     id="python-tag-on-a-list"),
        pytest.param("a: !custom {b: 1}\n", "the tag '!custom' is not supported", 1, 4,
                     id="custom-tag"),
        pytest.param("a: 2024-13-45\n", "cannot read '2024-13-45' as a date", 1, 4,
                     id="impossible-date"),
        pytest.param("a: b\x07\n", "the character U+0007 is not allowed", 1, 5,
                     id="control-character"),
        pytest.param("[" * (MAX_DEPTH + 10), "nested more than", 1, MAX_DEPTH + 1,
                     id="deep-nesting"),
        pytest.param("a: " + "1" * 5000, "as an integer: it is too long", 1, 4, id="huge-integer"),
        pytest.param("? [1, 2]\n: x\n", "a key must be a plain value, not a list", 1, 3,
                     id="complex-key"),
    ],
)  # fmt: skip
def test_refusals_are_located(source: str, message: str, line: int, column: int) -> None:
    with pytest.raises(ProblemFileError) as caught:
        load_yaml_text(source, "f.yaml")
    error = caught.value
    assert message in error.message
    assert error.location is not None
    assert (error.location.file, error.location.line, error.location.column) == (
        "f.yaml",
        line,
        column,
    )
    assert error.render().startswith(f"error: f.yaml:{line}:{column}: ")
    assert error.exit_code == 2


def test_invalid_utf8_is_reported_at_the_byte_line_and_column() -> None:
    with pytest.raises(ProblemFileError) as caught:
        load_yaml_bytes(b"a: 1\nb: caf\xe9\n", "f.yaml")
    error = caught.value
    assert "not valid UTF-8" in error.message and "offset 11" in error.message
    assert error.render().splitlines()[0].startswith("error: f.yaml:2:7: ")
    assert error.render().splitlines()[2] == "          ^"


def test_files_over_the_size_limit_are_refused_before_parsing() -> None:
    with pytest.raises(ProblemFileError, match="larger than"):
        load_yaml_bytes(b"a: " + b"x" * MAX_FILE_BYTES, "big.yaml")
    with pytest.raises(ProblemFileError, match="larger than"):
        load_yaml_text("a: " + "é" * (MAX_FILE_BYTES // 2), "big.yaml")


def test_a_byte_order_mark_is_not_a_column() -> None:
    root = load_yaml_bytes("\ufeffa: 1\n".encode(), "f.yaml")
    assert isinstance(root, YamlMapping)
    assert scalar(root.get("a")).location.column == 4


ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted([*ROOT.glob("problems/*.yaml"), *ROOT.glob("tests/data/**/*.yaml")])
TRICKY_TEXTS = {
    "accents": "a: é\nbé: [1, 2]\nc: 'x'\n",
    "block-scalars": "a: |\n  one\n  two\nb: >\n  folded\n  text\n",
    "anchors-and-merge": "d: &d {x: 1}\ne:\n  <<: *d\n  y: 2\n",
    "mapping-in-value": "a: b: c\n",
    "unclosed-flow": "a: [1, 2\n",
    "tab-indent": "a:\n\tb: 1\n",
    "control-character": "a: \x01\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "duplicate-key": "a: 1\na: 2\n",
    "only-a-comment": "# nothing\n",
}


def _shape(node: object) -> object:
    """Everything a located value holds, its span in the text included, as plain tuples."""
    if isinstance(node, YamlScalar):
        return (node.location, node.tag, node.text, node.value, node.style, node.start, node.end)
    if isinstance(node, YamlSequence):
        return (node.location, node.tag, tuple(_shape(item) for item in node.items))
    assert isinstance(node, YamlMapping)
    pairs = tuple((_shape(key), _shape(value)) for key, value in node.items)
    return (node.location, node.tag, pairs)


def _load(data: bytes, name: str) -> object:
    """The located tree, or the refusal's message and location."""
    try:
        return _shape(load_yaml_bytes(data, name))
    except ProblemFileError as error:
        return ("refused", str(error), error.location)


@pytest.mark.parametrize(
    "data",
    [*(path.read_bytes() for path in YAML_FILES), *(t.encode() for t in TRICKY_TEXTS.values())],
    ids=[*(str(path.relative_to(ROOT)) for path in YAML_FILES), *TRICKY_TEXTS],
)
def test_libyaml_and_the_python_parser_load_the_same(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libyaml reads most files (seven times faster); what it reads must be exactly what
    PyYAML's Python parser reads, positions and refusals included."""
    fast = _load(data, "f.yaml")
    monkeypatch.setattr(yamlsource, "CParser", None)
    assert _load(data, "f.yaml") == fast


@given(st.text(alphabet="ab1:-[]{},'\"|>&*<#?!%\n\t é.", max_size=60))
def test_what_python_reads_libyaml_reads_the_same(text: str) -> None:
    """Random near-YAML. libyaml reads a few texts Python refuses (``>#``, ``{1?}``: they load
    as with ``yaml.CSafeLoader``); every other text gives the same tree or the same refusal."""
    fast = _load(text.encode(), "f.yaml")
    saved = yamlsource.CParser
    yamlsource.CParser = None
    try:
        python = _load(text.encode(), "f.yaml")
    finally:
        yamlsource.CParser = saved
    if not (isinstance(python, tuple) and python[0] == "refused") or fast[0] == "refused":
        assert python == fast
