"""Problem files: YAML → typed, validated problems, every complaint placed at file:line:col.

One table of key specifications (``schema.TOP_LEVEL_KEYS``, ``schema.PROBLEM_KEYS`` and each
kind's keys in ``KINDS``) drives both the checks here and the JSON Schema in ``schema.py``, so the
editor's validation and the tool's cannot disagree. A new kind plugs in with one ``KindSpec``:
its keys and a builder that turns the checked fields into a problem object.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import sympy

from symderive.errors import ExpressionError, ProblemFileError, SourceLocation
from symderive.functions import FUNCTIONS
from symderive.parsing.expression import ParsedExpression, parse_expression
from symderive.parsing.names import make_symbol, natural_key
from symderive.problem import LocatedWarning, PartialsProblem, Point, Problem, ProblemSet
from symderive.schema import (
    EXPRESSION,
    ID_PATTERN,
    NAME_PATTERN,
    NAMES,
    NUMBER_PATTERN,
    POINT,
    PROBLEM_KEYS,
    TOP_LEVEL_KEYS,
    KeySpec,
    is_number,
    is_string,
)
from symderive.yamlnode import YamlMapping, YamlNode, YamlScalar, YamlSequence, describe
from symderive.yamlsource import load_yaml_file, load_yaml_text

MAX_NUMBER_LENGTH = 100
MAX_EXPONENT = 400
PLANNED_KINDS = ("activation", "linear-collapse", "convolution", "ambiguity")


# --- checking mappings against key specs --------------------------------------------------------


@dataclass(frozen=True)
class Fields:
    """A mapping whose keys were checked against specs: value nodes and key nodes by name."""

    node: YamlMapping
    values: Mapping[str, YamlNode]
    keys: Mapping[str, YamlScalar]

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value.text if isinstance(value, YamlScalar) else None


def _did_you_mean(word: str, choices: list[str]) -> str:
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
            hint = _did_you_mean(key.value, list(by_name))
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


def _error(message: str, node: YamlNode) -> ProblemFileError:
    return ProblemFileError(message, node.location)


def exact_number(node: YamlNode, what: str) -> sympy.Rational:
    """The exact value of a number as written: ``0.1`` is 1/10, never the nearest float."""
    if not isinstance(node, YamlScalar) or not (is_number(node) or is_string(node)):
        raise _error(f"{what} must be a number, not {describe(node)}", node)
    text = node.text.strip() if is_string(node) else node.text.strip().replace("_", "")
    if len(text) > MAX_NUMBER_LENGTH:
        raise _error(f"{what} is longer than {MAX_NUMBER_LENGTH} characters", node)
    match = re.fullmatch(NUMBER_PATTERN, text)
    exponent = re.search(r"[eE]([+-]?\d+)", text) if match else None
    if exponent and abs(int(exponent.group(1))) > MAX_EXPONENT:
        raise _error(f"{what} has an exponent beyond ±{MAX_EXPONENT}", node)
    try:
        if match:
            fraction = Fraction(text.replace(" ", ""))
        elif isinstance(node.value, int) and not isinstance(node.value, bool):
            fraction = Fraction(node.value)  # YAML's 0x1f, 0o17, 1_000 and 1:30
        else:
            raise _error(
                f"{what} must be a finite number such as 2, -0.25 or 1/2, not {node.text!r}", node
            )
    except ZeroDivisionError:
        raise _error(f"{what} divides by zero", node) from None
    return sympy.Rational(fraction.numerator, fraction.denominator)


def _points(fields: Fields) -> sympy.Rational | None:
    node = fields.values.get("points")
    if node is None:
        return None
    value = exact_number(node, "'points'")
    if value < 0:
        raise _error("'points' must be 0 or more", node)
    return value


def _names(node: YamlNode, key: str) -> list[tuple[str, YamlScalar]]:
    """The names of a ``wrt``/``symbols`` value (one name or a list), each with its node."""
    items = node.items if isinstance(node, YamlSequence) else (node,)
    if not items:
        raise _error(f"{key!r} is an empty list; leave it out or name at least one variable", node)
    names = []
    for item in items:
        if not isinstance(item, YamlScalar) or not isinstance(item.value, str):
            raise _error(f"{key!r} must list names, not {describe(item)}", item)
        if not re.fullmatch(NAME_PATTERN, item.text):
            raise _error(f"{key!r} lists {item.text!r}, which is not a variable name", item)
        if item.text in FUNCTIONS:
            raise _error(f"{item.text!r} is a function, not a variable", item)
        names.append((item.text, item))
    return names


# --- kinds ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindSpec:
    """A problem kind: the keys it adds to ``PROBLEM_KEYS`` and the builder of its objects."""

    name: str
    description: str
    keys: tuple[KeySpec, ...]
    build: Callable[[Fields, str, SourceLocation], Problem]


def _file_location(node: YamlScalar, location: SourceLocation | None) -> SourceLocation:
    if location is None or location.column is None:
        return node.location
    return node.location_in_text(location.line or 1, location.column)


def _unknown_variable(name: str, node: YamlScalar, parsed: ParsedExpression, key: str) -> None:
    variables = [symbol.name for symbol in parsed.symbols]
    hint = _did_you_mean(name, variables)
    if name in ("e", "pi"):
        hint = f"; here {name!r} is a constant: list it under 'symbols' to make it a variable"
    raise _error(
        f"{key!r} names {name!r}, which is not a variable of the expression "
        f"(its variables: {', '.join(variables) or 'none'}){hint}",
        node,
    )


def _build_partials(fields: Fields, problem_id: str, location: SourceLocation) -> Problem:
    symbols_node = fields.values.get("symbols")
    declared = [name for name, _ in _names(symbols_node, "symbols")] if symbols_node else []
    expression_node = fields.values["expression"]
    assert isinstance(expression_node, YamlScalar)
    try:
        parsed = parse_expression(expression_node.text.rstrip(), declared=declared)
    except ExpressionError as error:
        raise error.with_location(_file_location(expression_node, error.location)) from None
    warnings = tuple(
        LocatedWarning(lint.code, lint.message, expression_node.location_in_text(1, lint.column))
        for lint in parsed.warnings
    )
    variables = parsed.symbols
    if not variables:
        raise _error(
            "the expression has no variables to differentiate with respect to", expression_node
        )
    wrt = variables
    if "wrt" in fields.values:
        chosen: dict[sympy.Symbol, YamlScalar] = {}
        for name, node in _names(fields.values["wrt"], "wrt"):
            symbol = make_symbol(name)
            if symbol not in variables:
                _unknown_variable(name, node, parsed, "wrt")
            if symbol in chosen:
                first = chosen[symbol].location.line
                raise _error(f"'wrt' lists {symbol.name!r} twice (first on line {first})", node)
            chosen[symbol] = node
        wrt = tuple(chosen)
    return PartialsProblem(
        id=problem_id,
        kind="partials",
        statement=fields.text("statement"),
        expression=parsed,
        wrt=wrt,
        at=_point(fields, parsed) if "at" in fields.values else None,
        points=_points(fields),
        warnings=warnings,
        location=location,
        expression_location=expression_node.location_in_text(1, 1),
    )


def _point(fields: Fields, parsed: ParsedExpression) -> Point:
    """The ``at`` mapping: exact values for exactly the expression's variables."""
    node = fields.values["at"]
    assert isinstance(node, YamlMapping)
    values: dict[sympy.Symbol, sympy.Rational] = {}
    keys: dict[sympy.Symbol, YamlScalar] = {}
    for key, value in node.items:
        assert isinstance(key, YamlScalar)  # yamlsource refuses other keys
        if not isinstance(key.value, str) or not re.fullmatch(NAME_PATTERN, key.text):
            raise _error(f"'at' gives a value to {key.text!r}, which is not a variable name", key)
        symbol = make_symbol(key.text)
        if symbol not in parsed.symbols:
            _unknown_variable(key.text, key, parsed, "at")
        if symbol in keys:
            first = keys[symbol].location.line
            raise _error(f"'at' gives {symbol.name!r} twice (first on line {first})", key)
        keys[symbol] = key
        values[symbol] = exact_number(value, f"the value of {key.text!r}")
    missing = [symbol.name for symbol in parsed.symbols if symbol not in values]
    if missing:
        raise _error(f"'at' gives no value for {', '.join(missing)}", fields.keys["at"])
    ordered = dict(sorted(values.items(), key=lambda item: natural_key(item[0].name)))
    value = parsed.expression.xreplace(ordered)
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.is_real is False:
        raise _error(
            "the expression is not defined (as a real number) at this point", fields.keys["at"]
        )
    return Point(ordered)


KINDS: dict[str, KindSpec] = {
    "partials": KindSpec(
        "partials",
        "Partial derivatives of an expression by the chain rule and backprop.",
        (
            KeySpec(
                "expression", EXPRESSION, "The expression, e.g. 'z = x1 + 5*x2 - 3*x3^2'.", True
            ),
            KeySpec("wrt", NAMES, "Variables to differentiate by; default: all, x2 before x10."),
            KeySpec("at", POINT, "A value for every variable: forward and backward pass there."),
            KeySpec("symbols", NAMES, "Names that are variables even if constants (e.g. e)."),
        ),
        _build_partials,
    ),
}


# --- loading ------------------------------------------------------------------------------------


def _problem(node: YamlNode, index: int) -> Problem:
    if not isinstance(node, YamlMapping):
        raise _error(f"each problem must be a mapping (id: …, kind: …), not {describe(node)}", node)
    kind_node = node.get("kind")
    if kind_node is None:  # unknown keys first (a misspelt 'kind' gets its did-you-mean)
        every_key = PROBLEM_KEYS + tuple(key for kind in KINDS.values() for key in kind.keys)
        check_keys(node, tuple({key.name: key for key in every_key}.values()), f"problem {index}")
    assert kind_node is not None  # check_keys refuses a problem without one
    if not isinstance(kind_node, YamlScalar) or not isinstance(kind_node.value, str):
        raise _error(f"'kind' must be a string, not {describe(kind_node)}", kind_node)
    kind = kind_node.value
    if kind in PLANNED_KINDS:
        supported = ", ".join(KINDS)
        raise _error(f"kind {kind!r} is not supported yet (supported: {supported})", kind_node)
    if kind not in KINDS:
        hint = _did_you_mean(kind, [*KINDS, *PLANNED_KINDS]) or f" (known: {', '.join(KINDS)})"
        raise _error(f"unknown kind {kind!r}{hint}", kind_node)
    id_node = node.get("id")
    what = f"problem {id_node.text!r}" if isinstance(id_node, YamlScalar) else f"problem {index}"
    fields = check_keys(node, PROBLEM_KEYS + KINDS[kind].keys, what)
    problem_id = fields.text("id") or ""
    if not re.fullmatch(ID_PATTERN, problem_id):
        raise _error(
            f"the id {problem_id!r} may hold only letters, digits, - and _", fields.values["id"]
        )
    return KINDS[kind].build(fields, problem_id, node.location)


def problem_set_from_yaml(root: YamlNode, path: str) -> ProblemSet:
    """Check a loaded YAML tree and build the problem set it describes."""
    if not isinstance(root, YamlMapping):
        raise _error(
            f"a problem file must be a mapping (title:, problems: …), not {describe(root)}", root
        )
    fields = check_keys(root, TOP_LEVEL_KEYS, "the problem file")
    items = fields.values["problems"]
    assert isinstance(items, YamlSequence)
    if not items.items:
        raise _error("'problems' is empty; a problem file holds at least one problem", items)
    problems: list[Problem] = []
    seen: dict[str, YamlNode] = {}
    for index, item in enumerate(items.items, start=1):
        problem = _problem(item, index)
        assert isinstance(item, YamlMapping)
        id_node = item.get("id")
        assert id_node is not None
        if problem.id in seen:
            first = seen[problem.id].location.line
            raise _error(f"duplicate problem id {problem.id!r} (first on line {first})", id_node)
        seen[problem.id] = id_node
        problems.append(problem)
    return ProblemSet(
        path=path,
        title=fields.text("title"),
        points=_points(fields),
        statement=fields.text("statement"),
        problems=tuple(problems),
    )


def load_problem_text(text: str, filename: str) -> ProblemSet:
    """Load a problem file from text; ``filename`` is what error messages call it."""
    return problem_set_from_yaml(load_yaml_text(text, filename), filename)


def load_problem_file(path: str | Path) -> ProblemSet:
    """Load a problem file from disk; every failure is a located ``InputError``."""
    return problem_set_from_yaml(load_yaml_file(path), str(path))
