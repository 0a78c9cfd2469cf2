"""Kind ``activation``: the derivative of an activation function, named or written out.

``function`` names one of the catalogue (sigmoid, tanh, relu, leaky_relu, elu, softplus, gelu,
gelu_tanh, swish, silu, softmax, log_softmax; spelling such as ``LeakyReLU`` or ``log-softmax`` is
forgiven) and ``expression`` writes one out instead, in one variable. Every complaint points at
the offending key or value.
"""

from __future__ import annotations

import re

import sympy

from symderive.activation_names import (
    VECTOR_FUNCTIONS,
    canonical_name,
    function_names,
    parameters_of,
)
from symderive.errors import ExpressionError, SourceLocation
from symderive.fields import (
    Fields,
    KindSpec,
    derivative_order,
    did_you_mean,
    exact_number,
    located_error,
    problem_points,
)
from symderive.functions import FUNCTIONS
from symderive.parsing.expression import ParsedExpression, parse_expression
from symderive.parsing.names import make_symbol, natural_key
from symderive.problem import ActivationProblem, LocatedWarning, Point, Problem
from symderive.schema import (
    EXPRESSION,
    NAME,
    NAME_PATTERN,
    ORDER,
    POINT,
    RANGE,
    SIZE,
    STRING,
    KeySpec,
)
from symderive.yamlnode import YamlMapping, YamlNode, YamlScalar, YamlSequence

MIN_SIZE, MAX_SIZE = 2, 10
MAX_PARAMETER = 100
MAX_PLOT = 1000


def _scalar(fields: Fields, key: str) -> YamlScalar:
    node = fields.values[key]
    assert isinstance(node, YamlScalar)  # check_keys checked the type
    return node


def _function(fields: Fields) -> str:
    node = _scalar(fields, "function")
    name = canonical_name(node.value)
    if name is None:
        names = function_names()
        hint = did_you_mean(node.value.lower(), names) or f" (known: {', '.join(names)})"
        raise located_error(f"unknown activation function {node.value!r}{hint}", node)
    return name


def _variable(fields: Fields, default: str) -> sympy.Symbol:
    if "variable" not in fields.values:
        return make_symbol(default)
    node = _scalar(fields, "variable")
    if not re.fullmatch(NAME_PATTERN, node.text):
        raise located_error(f"'variable' must be a name such as x or z, not {node.text!r}", node)
    if node.text in FUNCTIONS:
        raise located_error(f"{node.text!r} is a function, not a variable", node)
    return make_symbol(node.text)


def _parameters(fields: Fields, allowed: dict[str, sympy.Symbol], owner: str) -> Point:
    """The ``parameters`` mapping: known names only, each a number in range."""
    node = fields.values.get("parameters")
    if node is None:
        return Point({})
    assert isinstance(node, YamlMapping)
    values: dict[sympy.Symbol, sympy.Rational] = {}
    for key, value in node.items:
        assert isinstance(key, YamlScalar)
        name = str(key.value)
        if name not in allowed:
            if not allowed:
                raise located_error(f"{owner} takes no parameters, so {name!r} is unknown", key)
            hint = did_you_mean(name, list(allowed)) or f" ({owner} takes {', '.join(allowed)})"
            raise located_error(f"unknown parameter {name!r} of {owner}{hint}", key)
        number = exact_number(value, f"the value of {name!r}")
        if abs(number) > MAX_PARAMETER:
            raise located_error(f"{name!r} must lie in [-{MAX_PARAMETER}, {MAX_PARAMETER}]", value)
        values[allowed[name]] = number
    return Point(values)


def _catalogue_parameters(fields: Fields, function: str) -> Point:
    specs = parameters_of(function)
    owner = function
    if function == "silu" and "parameters" in fields.values:
        node = fields.values["parameters"]
        raise located_error("silu is swish with β = 1; use 'function: swish' to choose β", node)
    values = _parameters(fields, {spec.name: spec.symbol for spec in specs}, owner)
    given = fields.values.get("parameters")
    for spec in specs:
        value = values.get(spec.symbol)
        if value is not None and spec.positive and value <= 0:
            assert isinstance(given, YamlMapping)
            raise located_error(
                f"{spec.name!r} of {function} must be positive", _value_of(given, spec.name)
            )
    return values


def _check_variable(fields: Fields, function: str, variable: sympy.Symbol) -> None:
    """The variable may not be a parameter's name, nor (for softmax) end in a digit."""
    node = fields.values.get("variable")
    if node is None:
        return
    if variable.name in [spec.name for spec in parameters_of(function)]:
        raise located_error(
            f"{variable.name!r} is a parameter of {function}; choose another variable", node
        )
    if function in VECTOR_FUNCTIONS and variable.name[-1].isdigit():
        raise located_error(
            f"'variable' is the stem of the logits ({variable.name}1, {variable.name}2, …) and "
            "must not end in a digit",
            node,
        )


def _value_of(node: YamlMapping, name: str) -> YamlNode:
    found = node.get(name)
    assert found is not None
    return found


def _size(fields: Fields, function: str | None) -> int | None:
    node = fields.values.get("size")
    if node is None:
        return None
    if function not in VECTOR_FUNCTIONS:
        raise located_error(
            "'size' is the number of logits K of softmax and log_softmax; "
            f"{function or 'an expression'} has none",
            fields.keys["size"],
        )
    assert isinstance(node, YamlScalar)
    if not MIN_SIZE <= node.value <= MAX_SIZE:
        raise located_error(f"'size' must be between {MIN_SIZE} and {MAX_SIZE}", node)
    return int(node.value)


def _plot(fields: Fields) -> tuple[sympy.Rational, sympy.Rational] | None:
    node = fields.values.get("plot")
    if node is None:
        return (sympy.Integer(-4), sympy.Integer(4))
    if not isinstance(node, YamlSequence):
        return None  # plot: false
    if len(node.items) != 2:
        raise located_error(
            f"'plot' must be a range [low, high] of two numbers, not {len(node.items)}", node
        )
    low, high = (exact_number(item, "each end of 'plot'") for item in node.items)
    if low >= high:
        raise located_error("'plot' must go from low to high: [low, high] with low < high", node)
    for item, value in zip(node.items, (low, high), strict=True):
        if abs(value) > MAX_PLOT:
            raise located_error(f"each end of 'plot' must lie in [-{MAX_PLOT}, {MAX_PLOT}]", item)
    return (low, high)


def _expression(
    fields: Fields,
) -> tuple[ParsedExpression, sympy.Symbol, Point, tuple[LocatedWarning, ...]]:
    node = fields.values["expression"]
    assert isinstance(node, YamlScalar)
    try:
        parsed = parse_expression(node.text.rstrip())
    except ExpressionError as error:
        location = error.location
        if location is not None and location.column is not None:
            raise error.with_location(
                node.location_in_text(location.line or 1, location.column)
            ) from None
        raise error.with_location(node.location) from None
    warnings = tuple(
        LocatedWarning(lint.code, lint.message, node.location_in_text(1, lint.column))
        for lint in parsed.warnings
    )
    names = [symbol.name for symbol in parsed.symbols]
    if not names:
        raise located_error("the expression has no variable to differentiate by", node)
    if "variable" in fields.values:
        variable = _variable(fields, "x")
        if variable not in parsed.symbols:
            hint = did_you_mean(variable.name, names)
            raise located_error(
                f"'variable' is {variable.name!r}, which is not in the expression "
                f"(its names: {', '.join(names)}){hint}",
                fields.values["variable"],
            )
    elif len(names) == 1:
        variable = parsed.symbols[0]
    elif "x" in names:
        variable = make_symbol("x")
    else:
        raise located_error(
            f"the expression has several names ({', '.join(names)}): choose the variable with "
            "'variable' and give the others values under 'parameters'",
            node,
        )
    others = {symbol.name: symbol for symbol in parsed.symbols if symbol != variable}
    parameters = _parameters(fields, others, "the expression")
    missing = sorted((name for name, s in others.items() if s not in parameters), key=natural_key)
    if missing:
        where = fields.keys.get("parameters") or node
        raise located_error(
            f"the expression must be in one variable, {variable.name}: give "
            f"{', '.join(missing)} a value under 'parameters'",
            where,
        )
    return parsed, variable, parameters, warnings


def _build_activation(fields: Fields, problem_id: str, location: SourceLocation) -> Problem:
    has_function, has_expression = "function" in fields.values, "expression" in fields.values
    if has_function and has_expression:
        raise located_error(
            "give either 'function' (a named activation) or 'expression' (your own), not both",
            fields.keys["expression"],
        )
    if not (has_function or has_expression):
        raise located_error(
            f"problem {problem_id!r} needs 'function' (e.g. sigmoid, relu, softmax) or "
            "'expression' (e.g. \"x*sigmoid(x)\")",
            fields.node,
        )
    parsed: ParsedExpression | None = None
    warnings: tuple[LocatedWarning, ...] = ()
    expression_location: SourceLocation | None = None
    function: str | None = None
    if has_function:
        function = _function(fields)
        vector = function in VECTOR_FUNCTIONS
        variable = _variable(fields, "z" if vector else "x")
        _check_variable(fields, function, variable)
        parameters = _catalogue_parameters(fields, function)
    else:
        parsed, variable, parameters, warnings = _expression(fields)
        expression_location = _scalar(fields, "expression").location_in_text(1, 1)
    return ActivationProblem(
        id=problem_id,
        kind="activation",
        statement=fields.text("statement"),
        function=function,
        expression=parsed,
        variable=variable,
        parameters=parameters,
        size=_size(fields, function),
        plot=_plot(fields),
        points=problem_points(fields),
        warnings=warnings,
        location=location,
        expression_location=expression_location,
        order=_order(fields, function),
    )


def _order(fields: Fields, function: str | None) -> int:
    """``order: 2`` asks for f''(x) too; softmax's second derivative is a tensor, not offered."""
    order = derivative_order(fields)
    if order == 2 and function in VECTOR_FUNCTIONS:
        raise located_error(
            f"'order: 2' is for functions of one variable; {function} has a Jacobian, and its "
            "second derivative is not offered",
            fields.keys["order"],
        )
    return order


KIND = KindSpec(
    "activation",
    "The derivative of an activation function: named from the catalogue, or your expression.",
    (
        KeySpec(
            "function",
            STRING,
            "sigmoid, tanh, relu, leaky_relu, elu, softplus, gelu, "
            "gelu_tanh, swish, silu, softmax or log_softmax.",
        ),
        KeySpec(
            "expression", EXPRESSION, "Your own function of one variable, e.g. 'x*sigmoid(x)'."
        ),
        KeySpec("variable", NAME, "The variable: default x (z, the logits' stem, for softmax)."),
        KeySpec("parameters", POINT, "Parameter values, e.g. {alpha: 0.1} or {beta: 2}."),
        KeySpec("size", SIZE, "K, the number of logits of softmax and log_softmax (default 3)."),
        KeySpec("plot", RANGE, "The figure's range [low, high] (default [-4, 4]); false: none."),
        KeySpec("order", ORDER, "2 asks for the second derivative f''(x) too; default 1."),
    ),
    _build_activation,
)
