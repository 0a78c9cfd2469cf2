"""The vocabulary of problem-file keys, and the JSON Schema (draft 2020-12) generated from it.

Each ``ValueType`` carries both the loader's check (``accepts``, on located YAML values) and the
schema fragment an editor validates with, and each ``KeySpec`` names a key with its type and
description. ``problemfile`` validates with these specs and ``problem_file_schema`` publishes
them, so what the editor accepts and what ``symderive`` accepts come from one table.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from symderive.yamlnode import YamlMapping, YamlNode, YamlScalar, YamlSequence

SCHEMA_ID = "urn:symderive:schema:problem-file:1"
ID_PATTERN = r"^[A-Za-z0-9_-]+$"
NAME_PATTERN = r"^[A-Za-z][A-Za-z0-9]*(_(\{[A-Za-z0-9]+\}|[A-Za-z0-9]+))?$"  # the grammar's NAME
NUMBER_PATTERN = r"^\s*[+-]?(\d+\s*/\s*\d+|(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*$"


@dataclass(frozen=True)
class ValueType:
    """A kind of value: ``noun`` for messages, ``schema`` for editors, ``accepts`` for loading."""

    noun: str
    schema: Mapping[str, Any]
    accepts: Callable[[YamlNode], bool]


@dataclass(frozen=True)
class KeySpec:
    """One key of a mapping in a problem file: its name, value type, meaning, and whether needed."""

    name: str
    type: ValueType
    description: str
    required: bool = False


def is_string(node: YamlNode | None) -> bool:
    """A YAML string (quoted or plain), not a number, boolean, null or date."""
    return isinstance(node, YamlScalar) and isinstance(node.value, str)


def is_number(node: YamlNode | None) -> bool:
    """A YAML int or float; booleans are ints in Python but not numbers here (nor in JSON)."""
    return (
        isinstance(node, YamlScalar)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    )


_NAME = {"type": "string", "pattern": NAME_PATTERN}
STRING = ValueType("a string", {"type": "string"}, is_string)
IDENTIFIER = ValueType("a string", {"type": "string", "pattern": ID_PATTERN}, is_string)
POINTS = ValueType("a number", {"type": "number", "minimum": 0}, is_number)
EXPRESSION = ValueType(
    "a string", {"type": ["string", "number"]}, lambda node: is_string(node) or is_number(node)
)
NAMES = ValueType(
    "a name or a list of names",
    {"anyOf": [_NAME, {"type": "array", "items": _NAME, "minItems": 1}]},
    lambda node: is_string(node) or isinstance(node, YamlSequence),
)
POINT = ValueType(
    "a mapping from names to numbers",
    {
        "type": "object",
        "propertyNames": _NAME,
        "additionalProperties": {
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER_PATTERN}]
        },
    },
    lambda node: isinstance(node, YamlMapping),
)
NAME = ValueType("a name", _NAME, is_string)
SIZE = ValueType(
    "an integer",
    {"type": "integer", "minimum": 2, "maximum": 10},
    lambda node: isinstance(node, YamlScalar) and is_number(node) and isinstance(node.value, int),
)
MAX_ORDER = 2
ORDER = ValueType(
    "1 or 2",
    {"type": "integer", "minimum": 1, "maximum": MAX_ORDER},
    lambda node: isinstance(node, YamlScalar) and is_number(node) and isinstance(node.value, int),
)
"""The highest derivative a problem asks for: 2 adds every second derivative (the Hessian)."""
RANGE = ValueType(
    "a range [low, high] or false",
    {
        "anyOf": [
            {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
            {"const": False},
        ]
    },
    lambda node: (
        isinstance(node, YamlSequence) or (isinstance(node, YamlScalar) and node.value is False)
    ),
)
MAX_LAYERS = 100_000
MAX_WIDTH = 1024
LAYERS = ValueType(
    "a positive whole number or N",
    {"anyOf": [{"type": "integer", "minimum": 1, "maximum": MAX_LAYERS}, {"const": "N"}]},
    lambda node: is_number(node) or is_string(node),
)
NUMBER_OR_NAME = ValueType(
    "a number or a name",
    {"anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER_PATTERN}, _NAME]},
    lambda node: is_number(node) or is_string(node),
)
WIDTHS = ValueType(
    "a list of widths",
    {
        "type": "array",
        "items": {"type": "integer", "minimum": 1, "maximum": MAX_WIDTH},
        "minItems": 2,
        "maxItems": MAX_LAYERS + 1,
    },
    lambda node: isinstance(node, YamlSequence),
)
BOOLEAN = ValueType(
    "true or false",
    {"type": "boolean"},
    lambda node: isinstance(node, YamlScalar) and isinstance(node.value, bool),
)
SEED = ValueType(
    "a whole number",
    {"type": "integer", "minimum": 0, "maximum": 2**32 - 1},
    is_number,
)
CREDIT = ValueType(
    "a mapping from mistake codes to fractions of credit",
    {
        "type": "object",
        "propertyNames": {"pattern": "^[a-z]+(-[a-z]+)*$"},
        "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1},
    },
    lambda node: isinstance(node, YamlMapping),
)
PART_POINTS = ValueType(
    "a mapping from parts to points",
    {
        "type": "object",
        "propertyNames": {"type": "string"},
        "additionalProperties": {"type": "number", "minimum": 0},
    },
    lambda node: isinstance(node, YamlMapping),
)
PROBLEM_LIST = ValueType(
    "a list of problems",
    {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/problem"}},
    lambda node: isinstance(node, YamlSequence),
)

TOP_LEVEL_KEYS = (
    KeySpec("title", STRING, "The title of the problem set, e.g. 'Q3: Back propagation'."),
    KeySpec("points", POINTS, "Points the whole problem set is worth."),
    KeySpec("statement", STRING, "The statement shared by every problem of the set."),
    KeySpec("problems", PROBLEM_LIST, "The problems, each with an id and a kind.", True),
    KeySpec(
        "credit",
        CREDIT,
        "Grading: the fraction of a part's points a diagnosed mistake still earns, e.g. "
        "{sign: 0.5}; none by default.",
    ),
)
PROBLEM_KEYS = (
    KeySpec("id", IDENTIFIER, "Unique within the file: letters, digits, - and _.", True),
    KeySpec("kind", STRING, "What the problem asks for; decides its other keys.", True),
    KeySpec("statement", STRING, "The problem's statement, as the course words it."),
    KeySpec("points", POINTS, "Points the problem is worth."),
    KeySpec(
        "part_points",
        PART_POINTS,
        "Grading: points per part (a derivative's variable, e.g. {x1: 2}); the rest of the "
        "problem's points are split evenly over the other parts.",
    ),
    KeySpec(
        "credit",
        CREDIT,
        "Grading: credit for diagnosed mistakes in this problem, over the file's 'credit'.",
    ),
)


def object_schema(
    specs: tuple[KeySpec, ...], description: str, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """A closed JSON object with one property per key spec (``overrides`` replace fragments)."""
    overrides = overrides or {}
    properties = {
        spec.name: {**overrides.get(spec.name, spec.type.schema), "description": spec.description}
        for spec in specs
    }
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": [spec.name for spec in specs if spec.required],
        "additionalProperties": False,
    }


def problem_file_schema() -> dict[str, Any]:
    """The JSON Schema of problem files, from the same key specs the loader checks with.

    Only implemented kinds are in the ``kind`` enum: a kind the loader refuses is refused here too.
    Known gap: the schema cannot say that ``at`` names exactly the expression's variables, that
    ids are unique, or that a number is finite; the loader checks those.
    """
    from symderive.kinds import KINDS  # the kinds import this module's key vocabulary

    definitions: dict[str, Any] = {
        "problem": {
            "type": "object",
            "description": "One problem; its kind decides which other keys it may have.",
            "required": [spec.name for spec in PROBLEM_KEYS if spec.required],
            "properties": {"kind": {"enum": list(KINDS)}},
            "allOf": [
                {
                    "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                    "then": {"$ref": f"#/$defs/{name}"},
                }
                for name in KINDS
            ],
        }
    }
    for name, kind in KINDS.items():
        definitions[name] = object_schema(
            PROBLEM_KEYS + kind.keys, kind.description, {"kind": {"const": name}}
        )
    schema = object_schema(TOP_LEVEL_KEYS, "A symderive problem file: a titled set of problems.")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "symderive problem file",
        **schema,
        "$defs": definitions,
    }


def schema_json() -> str:
    """The schema as indented JSON, as ``symderive schema`` prints it."""
    return json.dumps(problem_file_schema(), indent=2, ensure_ascii=False) + "\n"
