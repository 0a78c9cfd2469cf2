"""Checked fields of a YAML mapping, and the helpers every problem kind's builder uses.

A kind (see ``symderive/kinds``) declares its keys as ``KeySpec`` values and a builder that turns
checked ``Fields`` into a problem object; ``check_keys`` refuses unknown keys (with a
did-you-mean), wrong types and missing keys, each at its own file position.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

import sympy

from symderive.errors import ProblemFileError, SourceLocation
from symderive.functions import FUNCTIONS
from symderive.problem import Problem
from symderive.schema import MAX_ORDER, NAME_PATTERN, NUMBER_PATTERN, KeySpec, is_number, is_string
from symderive.yamlnode import YamlMapping, YamlNode, YamlScalar, YamlSequence, describe

MAX_NUMBER_LENGTH = 100
MAX_EXPONENT = 400


@dataclass(frozen=True)
class Fields:
    """A mapping whose keys were checked against specs: value nodes and key nodes by name."""

    node: YamlMapping
    values: Mapping[str, YamlNode]
    keys: Mapping[str, YamlScalar]

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value.text if isinstance(value, YamlScalar) else None


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def check_keys(node: YamlMapping, specs: tuple[KeySpec, ...], what: str) -> Fields:
    """Refuse unknown keys (with a did-you-mean), values of the wrong type, and missing keys."""
    by_name = {spec.name: spec for spec in specs}
    values: dict[str, YamlNode] = {}
    keys: dict[str, YamlScalar] = {}
    for key, value in node.items:
        if not is_string(key):
            raise ProblemFileError(
                f"keys of {what} must be names, not {describe(key)}", key.location
            )
        assert isinstance(key, YamlScalar)
        spec = by_name.get(key.value)
        if spec is None:
            hint = did_you_mean(key.value, list(by_name))
            if not hint:
                hint = f" (allowed: {', '.join(by_name)})"
            raise ProblemFileError(f"unknown key {key.value!r} in {what}{hint}", key.location)
        if not spec.type.accepts(value):
            message = f"{spec.name!r} must be {spec.type.noun}, not {describe(value)}"
            if spec.type.noun == "a string" and isinstance(value, YamlScalar) and value.text:
                message += f' (quote it: "{value.text}")'
            raise ProblemFileError(message, value.location)
        values[spec.name], keys[spec.name] = value, key
    missing = [spec.name for spec in specs if spec.required and spec.name not in values]
    if missing:
        raise ProblemFileError(f"{what} has no {missing[0]!r}, which is required", node.location)
    return Fields(node, values, keys)


def located_error(message: str, node: YamlNode) -> ProblemFileError:
    return ProblemFileError(message, node.location)


def exact_number(node: YamlNode, what: str) -> sympy.Rational:
    """The exact value of a number as written: ``0.1`` is 1/10, never the nearest float."""
    if not isinstance(node, YamlScalar) or not (is_number(node) or is_string(node)):
        raise located_error(f"{what} must be a number, not {describe(node)}", node)
    text = node.text.strip() if is_string(node) else node.text.strip().replace("_", "")
    if len(text) > MAX_NUMBER_LENGTH:
        raise located_error(f"{what} is longer than {MAX_NUMBER_LENGTH} characters", node)
    match = re.fullmatch(NUMBER_PATTERN, text)
    exponent = re.search(r"[eE]([+-]?\d+)", text) if match else None
    if exponent and abs(int(exponent.group(1))) > MAX_EXPONENT:
        raise located_error(f"{what} has an exponent beyond ±{MAX_EXPONENT}", node)
    try:
        if match:
            fraction = Fraction(text.replace(" ", ""))
        elif isinstance(node.value, int) and not isinstance(node.value, bool):
            fraction = Fraction(node.value)  # YAML's 0x1f, 0o17, 1_000 and 1:30
        else:
            raise located_error(
                f"{what} must be a finite number such as 2, -0.25 or 1/2, not {node.text!r}", node
            )
    except ZeroDivisionError:
        raise located_error(f"{what} divides by zero", node) from None
    return sympy.Rational(fraction.numerator, fraction.denominator)


def problem_points(fields: Fields) -> sympy.Rational | None:
    node = fields.values.get("points")
    if node is None:
        return None
    value = exact_number(node, "'points'")
    if value < 0:
        raise located_error("'points' must be 0 or more", node)
    return value


def derivative_order(fields: Fields) -> int:
    """The ``order`` key: 1 (first derivatives, the default) or 2 (also every second one)."""
    node = fields.values.get("order")
    if node is None:
        return 1
    assert isinstance(node, YamlScalar)  # the schema's type check accepts only integers
    if node.value not in (1, MAX_ORDER):
        raise located_error(
            f"'order' must be 1 or {MAX_ORDER} (first, or first and second derivatives), "
            f"not {node.text}",
            node,
        )
    return int(node.value)


def names_of(node: YamlNode, key: str) -> list[tuple[str, YamlScalar]]:
    """The names of a ``wrt``/``symbols`` value (one name or a list), each with its node."""
    items = node.items if isinstance(node, YamlSequence) else (node,)
    if not items:
        raise located_error(
            f"{key!r} is an empty list; leave it out or name at least one variable", node
        )
    names = []
    for item in items:
        if not isinstance(item, YamlScalar) or not isinstance(item.value, str):
            raise located_error(f"{key!r} must list names, not {describe(item)}", item)
        if not re.fullmatch(NAME_PATTERN, item.text):
            raise located_error(f"{key!r} lists {item.text!r}, which is not a variable name", item)
        if item.text in FUNCTIONS:
            raise located_error(f"{item.text!r} is a function, not a variable", item)
        names.append((item.text, item))
    return names


@dataclass(frozen=True)
class KindSpec:
    """A problem kind: the keys it adds to ``PROBLEM_KEYS`` and the builder of its objects."""

    name: str
    description: str
    keys: tuple[KeySpec, ...]
    build: Callable[[Fields, str, SourceLocation], Problem]
