"""A problem given on the command line (``symderive diff "EXPR" --wrt … --at …``).

It becomes the same PartialsProblem a problem file would give, so it is solved and printed by
the same code. Positions in errors are columns in the argument, shown with a caret.
"""

from __future__ import annotations

import re

import sympy

from symderive.errors import ExpressionError, SourceLocation, UsageError
from symderive.parsing.expression import ParsedExpression, parse_expression
from symderive.parsing.names import make_symbol, natural_key
from symderive.problem import LocatedWarning, PartialsProblem, Point, ProblemSet

COMMAND_LINE = "<command line>"
_ASSIGNMENT = re.compile(r"\s*(?P<name>[^=,]*?)\s*=\s*(?P<value>[^,]*?)\s*(,|$)")


def _located(error: ExpressionError, argument: str, text: str, offset: int) -> ExpressionError:
    column = (error.location.column if error.location and error.location.column else 1) + offset
    error.location = SourceLocation(argument, 1, column, text)
    return error


def _variables(parsed: ParsedExpression, names: list[str]) -> tuple[sympy.Symbol, ...]:
    if not names:
        return parsed.symbols
    chosen: list[sympy.Symbol] = []
    for name in names:
        symbol = make_symbol(name)
        if symbol not in parsed.symbols:
            known = ", ".join(s.name for s in parsed.symbols) or "none"
            raise UsageError(f"--wrt {name}: not a variable of the expression (it has {known})")
        if symbol in chosen:
            raise UsageError(f"--wrt {name}: given twice")
        chosen.append(symbol)
    return tuple(chosen)


def parse_point(text: str, parsed: ParsedExpression) -> Point:
    """``x1=1,x2=-0.5,x3=1/2``: exact values, one for every variable of the expression."""
    values: dict[sympy.Symbol, sympy.Rational] = {}
    position = 0
    while position < len(text.rstrip()):
        match = _ASSIGNMENT.match(text, position)
        if match is None or not match.group("name") or not match.group("value"):
            raise UsageError(
                "--at expects name=value pairs separated by commas, e.g. x1=1,x2=0.5",
                SourceLocation("--at", 1, position + 1, text),
            )
        name = match.group("name")
        symbol = make_symbol(name)
        where = SourceLocation("--at", 1, match.start("name") + 1, text)
        if symbol not in parsed.symbols:
            raise UsageError(f"{name!r} is not a variable of the expression", where)
        if symbol in values:
            raise UsageError(f"{name!r} is given twice", where)
        try:
            value = parse_expression(match.group("value")).expression
        except ExpressionError as error:
            raise _located(error, "--at", text, match.start("value")) from None
        if not value.is_Rational:
            raise UsageError(
                f"the value of {name!r} must be a number such as 2, -0.25 or 1/2",
                SourceLocation("--at", 1, match.start("value") + 1, text),
            )
        values[symbol] = sympy.Rational(value)
        position = match.end()
    missing = [symbol.name for symbol in parsed.symbols if symbol not in values]
    if missing:
        raise UsageError(f"--at gives no value for {', '.join(missing)}")
    return Point(dict(sorted(values.items(), key=lambda item: natural_key(item[0].name))))


def problem_from_command_line(expression: str, wrt: list[str], at: str | None) -> ProblemSet:
    """The one-problem set that ``symderive diff`` solves."""
    try:
        parsed = parse_expression(expression)
    except ExpressionError as error:
        raise _located(error, COMMAND_LINE, expression, 0) from None
    warnings = tuple(
        LocatedWarning(
            lint.code, lint.message, SourceLocation(COMMAND_LINE, 1, lint.column, expression)
        )
        for lint in parsed.warnings
    )
    problem = PartialsProblem(
        id="expression",
        kind="partials",
        statement=None,
        expression=parsed,
        wrt=_variables(parsed, wrt),
        at=parse_point(at, parsed) if at is not None else None,
        points=None,
        warnings=warnings,
        location=SourceLocation(COMMAND_LINE, 1, 1, expression),
    )
    return ProblemSet(COMMAND_LINE, None, None, None, (problem,))
