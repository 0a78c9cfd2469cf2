"""Kind ``partials``: partial derivatives of one expression, optionally at a point."""

from __future__ import annotations

import re

import sympy

from symderive.errors import ExpressionError, SourceLocation
from symderive.fields import (
    Fields,
    KindSpec,
    derivative_order,
    did_you_mean,
    exact_number,
    located_error,
    names_of,
    problem_points,
)
from symderive.parsing.expression import ParsedExpression, parse_expression
from symderive.parsing.names import make_symbol, natural_key
from symderive.problem import LocatedWarning, PartialsProblem, Point, Problem
from symderive.schema import EXPRESSION, NAME_PATTERN, NAMES, ORDER, POINT, KeySpec
from symderive.yamlnode import YamlMapping, YamlScalar


def _file_location(node: YamlScalar, location: SourceLocation | None) -> SourceLocation:
    if location is None or location.column is None:
        return node.location
    return node.location_in_text(location.line or 1, location.column)


def _unknown_variable(name: str, node: YamlScalar, parsed: ParsedExpression, key: str) -> None:
    variables = [symbol.name for symbol in parsed.symbols]
    hint = did_you_mean(name, variables)
    if name in ("e", "pi"):
        hint = f"; here {name!r} is a constant: list it under 'symbols' to make it a variable"
    raise located_error(
        f"{key!r} names {name!r}, which is not a variable of the expression "
        f"(its variables: {', '.join(variables) or 'none'}){hint}",
        node,
    )


def _build_partials(fields: Fields, problem_id: str, location: SourceLocation) -> Problem:
    symbols_node = fields.values.get("symbols")
    declared = [name for name, _ in names_of(symbols_node, "symbols")] if symbols_node else []
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
        raise located_error(
            "the expression has no variables to differentiate with respect to", expression_node
        )
    wrt = variables
    if "wrt" in fields.values:
        chosen: dict[sympy.Symbol, YamlScalar] = {}
        for name, node in names_of(fields.values["wrt"], "wrt"):
            symbol = make_symbol(name)
            if symbol not in variables:
                _unknown_variable(name, node, parsed, "wrt")
            if symbol in chosen:
                first = chosen[symbol].location.line
                raise located_error(
                    f"'wrt' lists {symbol.name!r} twice (first on line {first})", node
                )
            chosen[symbol] = node
        wrt = tuple(chosen)
    return PartialsProblem(
        id=problem_id,
        kind="partials",
        statement=fields.text("statement"),
        expression=parsed,
        wrt=wrt,
        at=_point(fields, parsed) if "at" in fields.values else None,
        points=problem_points(fields),
        warnings=warnings,
        location=location,
        expression_location=expression_node.location_in_text(1, 1),
        at_location=fields.values["at"].location if "at" in fields.values else None,
        order=derivative_order(fields),
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
            raise located_error(
                f"'at' gives a value to {key.text!r}, which is not a variable name", key
            )
        symbol = make_symbol(key.text)
        if symbol not in parsed.symbols:
            _unknown_variable(key.text, key, parsed, "at")
        if symbol in keys:
            first = keys[symbol].location.line
            raise located_error(f"'at' gives {symbol.name!r} twice (first on line {first})", key)
        keys[symbol] = key
        values[symbol] = exact_number(value, f"the value of {key.text!r}")
    missing = [symbol.name for symbol in parsed.symbols if symbol not in values]
    if missing:
        raise located_error(f"'at' gives no value for {', '.join(missing)}", fields.keys["at"])
    ordered = dict(sorted(values.items(), key=lambda item: natural_key(item[0].name)))
    value = parsed.expression.xreplace(ordered)
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.is_real is False:
        raise located_error(
            "the expression is not defined (as a real number) at this point", fields.keys["at"]
        )
    return Point(ordered)


KIND = KindSpec(
    "partials",
    "Partial derivatives of an expression by the chain rule and backprop.",
    (
        KeySpec("expression", EXPRESSION, "The expression, e.g. 'z = x1 + 5*x2 - 3*x3^2'.", True),
        KeySpec("wrt", NAMES, "Variables to differentiate by; default: all, x2 before x10."),
        KeySpec("at", POINT, "A value for every variable: forward and backward pass there."),
        KeySpec("symbols", NAMES, "Names that are variables even if constants (e.g. e)."),
        KeySpec("order", ORDER, "2 asks for every second partial too (the Hessian); default 1."),
    ),
    _build_partials,
)
