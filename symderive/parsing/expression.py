"""Plain-text expressions, parsed by our own grammar straight into SymPy constructors.

No string from a user ever reaches ``eval``, ``sympify`` or ``parse_expr``: the grammar in
``expression.lark`` admits numbers, names, whitelisted function calls and arithmetic, and the
transformer below builds SymPy objects from those pieces only. Sizes, nesting and numeric powers
are bounded before SymPy sees them, so ``9^9^9^9`` is an error rather than a hang.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction

import sympy
from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)
from lark.tree import Meta

from symderive.errors import ExpressionError, SourceLocation
from symderive.functions import FUNCTIONS
from symderive.parsing.grammars import parser
from symderive.parsing.lints import Lint, find_lints
from symderive.parsing.magnitude import (
    MAX_EXPANDED_DIGITS,
    MAX_NUMBER_DIGITS_TOTAL,
    expanded_power_digits,
    expanded_product_digits,
    power_digits,
    product_digits,
    total_digits,
)
from symderive.parsing.names import make_symbol, natural_order, normalise_name
from symderive.parsing.readings import DivisionReading, Operand, combine
from symderive.parsing.transforms import transform

MAX_LENGTH = 10_000
MAX_DEPTH = 200
MAX_NUMBER_DIGITS = 100
MAX_DECIMAL_EXPONENT = 400
"""The largest power of ten a number may carry (``1e400``): beyond, it is refused, not expanded."""
MAX_RESULT_DIGITS = MAX_NUMBER_DIGITS_TOTAL
MAX_SYMBOLIC_EXPONENT = 10_000
EXPANDED_MESSAGE = (
    f"multiplied out, this would have numbers of more than {MAX_EXPANDED_DIGITS:,} digits"
)


_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_CONSTANTS: dict[str, sympy.Expr] = {"e": sympy.E, "pi": sympy.pi}


@dataclass(frozen=True)
class Reading:
    """One way to read the text: the written one follows ordinary precedence."""

    description: str
    expression: sympy.Expr


@dataclass(frozen=True)
class ParsedExpression:
    """What a text means: the result's name (``z`` in ``z = …``), the reading(s), and lints."""

    text: str
    result_name: str | None
    expression: sympy.Expr
    alternatives: tuple[Reading, ...]
    warnings: tuple[Lint, ...]

    @property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        """The free symbols of the written reading, in natural order (x2 before x10)."""
        return natural_order(self.expression.free_symbols)

    @property
    def name(self) -> str:
        """The name of the result, ``f`` when the text has no left-hand side."""
        return self.result_name or "f"


def _parser() -> Lark:
    return parser("expression")


def grammar_function_names() -> frozenset[str]:
    """The function names the grammar's FUNCTION terminal accepts (kept equal to the whitelist)."""
    pattern = next(t for t in _parser().terminals if t.name == "FUNCTION").pattern.value
    inner = pattern[pattern.index("(") + 1 : pattern.index(")")]
    return frozenset(inner.split("|"))


def _location(text: str, column: int) -> SourceLocation:
    """A location inside a one-line expression (multi-line text is folded to its first line)."""
    lines = text.split("\n")
    consumed = 0
    for number, line in enumerate(lines, start=1):
        if column <= consumed + len(line) + 1:
            return SourceLocation(line=number, column=column - consumed, line_text=line)
        consumed += len(line) + 1
    return SourceLocation(line=len(lines), column=len(lines[-1]) + 1, line_text=lines[-1])


def _error(text: str, column: int, message: str) -> ExpressionError:
    return ExpressionError(message, _location(text, column))


def _describe_unexpected(text: str, error: UnexpectedInput) -> ExpressionError:
    """Turn Lark's exception into one sentence a student can act on."""
    if isinstance(error, UnexpectedCharacters):
        position = error.pos_in_stream or 0
        character = text[position] if position < len(text) else "?"
        if character in "'\"`":
            message = "strings are not part of an expression"
        elif character in "_.":
            message = (
                f"unexpected {character!r}: attribute access and names starting with _ "
                "are not allowed"
            )
        else:
            message = f"unexpected character {character!r}"
        return _error(text, error.column, message)
    if isinstance(error, UnexpectedEOF):
        return _error(text, len(text) + 1, "the expression ends too early")
    assert isinstance(error, UnexpectedToken)
    token = error.token
    if token.type == "$END":
        unclosed = _unclosed_parenthesis(text)
        if unclosed is not None and ({"RPAR", "RSQB"} & set(error.expected)):
            return _error(text, unclosed, "this parenthesis is never closed")
        return _error(text, len(text.rstrip()) + 1, "the expression ends too early")
    column = token.column if isinstance(token.column, int) else 1
    if error.expected == {"LPAR"}:
        word = text[: max(0, column - 1)].rstrip().split()[-1] if text[: column - 1].strip() else ""
        function = word.split("(")[-1]
        return _error(
            text, column, f"{function!r} is a function; call it with parentheses, as {function}(…)"
        )
    shown = str(token) if len(str(token)) < 20 else str(token)[:20] + "…"
    return _error(text, column, f"unexpected {shown!r}")


def _unclosed_parenthesis(text: str) -> int | None:
    """The column of the last opening parenthesis that is never closed, if any."""
    openings: list[int] = []
    for column, character in enumerate(text, start=1):
        if character in "([":
            openings.append(column)
        elif character in ")]" and openings:
            openings.pop()
    return openings[-1] if openings else None


def _check_nesting(text: str) -> None:
    """Reject deep nesting before parsing: the transformer recurses once per level."""
    depth = 0
    for column, character in enumerate(text, start=1):
        if character in "([":
            depth += 1
            if depth > MAX_DEPTH // 2:
                raise _error(text, column, f"parentheses nested more than {MAX_DEPTH // 2} deep")
        elif character in ")]":
            depth -= 1


def _tree_depth(tree: Tree) -> int:
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tree))
    return deepest


def parse_tree(text: str) -> Tree:
    """Parse text into Lark's tree, with every size bound checked; raise ExpressionError."""
    if not text.strip():
        raise _error(text, 1, "the expression is empty")
    if len(text) > MAX_LENGTH:
        raise _error(text, MAX_LENGTH, f"the expression is longer than {MAX_LENGTH} characters")
    _check_nesting(text)
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as error:
        raise _describe_unexpected(text, error) from None
    if _tree_depth(tree) > MAX_DEPTH:
        raise _error(text, 1, f"the expression is nested more than {MAX_DEPTH} levels deep")
    return tree


def parse_expression(text: str, declared: Collection[str] = ()) -> ParsedExpression:
    """Parse ``[name =] expression``; names in ``declared`` are symbols even if they are constants.

    An expression such as ``a / b*c`` is read the ordinary way, ``(a/b)·c``, and its other
    reading ``a/(b·c)`` is kept as an alternative, with a warning.
    """
    tree = parse_tree(text)
    declared_names = frozenset(normalise_name(name) for name in declared)
    result_name, written = _build(tree, ExpressionBuilder(text, declared_names, "written"))
    if result_name is not None and result_name in {symbol.name for symbol in written.free_symbols}:
        raise _error(
            text,
            len(text) - len(text.lstrip()) + 1,
            f"the output cannot be called {result_name!r}: the expression has a variable of "
            "that name",
        )
    _, grouped = _build(tree, ExpressionBuilder(text, declared_names, "grouped"))
    if max(total_digits(written), total_digits(grouped)) > MAX_NUMBER_DIGITS_TOTAL:
        message = f"the numbers in the expression have more than {MAX_NUMBER_DIGITS_TOTAL} digits"
        raise _error(text, 1, message)
    alternatives: tuple[Reading, ...] = ()
    if grouped != written:
        alternatives = (
            Reading("division takes the whole product that follows it: a / b*c = a/(b·c)", grouped),
        )
    return ParsedExpression(text, result_name, written, alternatives, tuple(find_lints(tree, text)))


def _build(tree: Tree, builder: ExpressionBuilder) -> tuple[str | None, sympy.Expr]:
    """Run the transformer: our own errors surface as they are, others at the failing node."""

    def nonsense(meta: Meta | None) -> ExpressionError:
        column = getattr(meta, "column", 1) if meta is not None else 1
        return _error(builder.text, column or 1, "this part of the expression makes no sense")

    result: tuple[str | None, sympy.Expr] = transform(builder, tree, nonsense)
    return result


@v_args(inline=True)
class ExpressionBuilder(Transformer):
    """One method per grammar rule; each builds a SymPy object from already built children."""

    def __init__(self, text: str, declared: frozenset[str], reading: DivisionReading) -> None:
        super().__init__()
        self.text = text
        self.declared = declared
        self.reading = reading

    def equation(self, *children: object) -> tuple[str | None, sympy.Expr]:
        if len(children) == 2:
            name_token, value = children
            return normalise_name(str(name_token)), value
        return None, children[0]

    def sum(self, first: sympy.Expr, *terms: sympy.Expr) -> sympy.Expr:
        return sympy.Add(first, *terms)

    def plus_term(self, _sign: Token, term: sympy.Expr) -> sympy.Expr:
        return term

    def minus_term(self, _sign: Token, term: sympy.Expr) -> sympy.Expr:
        return -term

    def product(self, first: sympy.Expr, *tail: Operand) -> sympy.Expr:
        factors = [first, *(operand for _, operand, _ in tail)]
        if product_digits(factors) > MAX_RESULT_DIGITS:
            column = next((t.column for _, _, t in tail if t is not None and t.column), None)
            message = f"a product of numbers with more than {MAX_RESULT_DIGITS} digits"
            raise _error(self.text, column or 1, message)
        if expanded_product_digits(factors) > MAX_EXPANDED_DIGITS:
            column = next((t.column for _, _, t in tail if t is not None and t.column), None)
            raise _error(self.text, column or 1, EXPANDED_MESSAGE)
        return combine(first, tail, self.reading, self._divide)

    def _divide(
        self, numerator: sympy.Expr, denominator: sympy.Expr, token: Token | None
    ) -> sympy.Expr:
        if denominator.is_zero:
            column = token.column if token is not None and isinstance(token.column, int) else 1
            raise _error(self.text, column, "division by zero")
        return numerator / denominator

    def explicit_times(self, _star: Token, operand: sympy.Expr) -> Operand:
        return ("*", operand, None)

    def divide(self, slash: Token, operand: sympy.Expr) -> Operand:
        return ("/", operand, slash)

    def implicit_times(self, operand: sympy.Expr) -> Operand:
        return ("*", operand, None)

    def negate(self, _sign: Token, operand: sympy.Expr) -> sympy.Expr:
        return -operand

    def keep_sign(self, _sign: Token, operand: sympy.Expr) -> sympy.Expr:
        return operand

    def raise_power(self, base: sympy.Expr, operator: Token, exponent: sympy.Expr) -> sympy.Expr:
        self._check_power(base, exponent, operator)
        if base.is_zero and exponent.is_negative:
            raise _error(self.text, operator.column or 1, "zero raised to a negative power")
        return sympy.Pow(base, exponent)

    def superscript_power(self, base: sympy.Expr, superscript: Token) -> sympy.Expr:
        exponent = sympy.Integer(int(str(superscript).translate(_SUPERSCRIPT_DIGITS)))
        self._check_power(base, exponent, superscript)
        return sympy.Pow(base, exponent)

    def _check_power(self, base: sympy.Expr, exponent: sympy.Expr, token: Token) -> None:
        """Refuse powers whose value would be astronomically large before SymPy computes them."""
        column = token.column if isinstance(token.column, int) else 1
        if exponent.is_Integer and abs(int(exponent)) > MAX_SYMBOLIC_EXPONENT:
            raise _error(self.text, column, f"exponent larger than {MAX_SYMBOLIC_EXPONENT}")
        if power_digits(base, exponent) > MAX_RESULT_DIGITS:
            raise _error(self.text, column, f"power with more than {MAX_RESULT_DIGITS} digits")
        if expanded_power_digits(base, exponent) > MAX_EXPANDED_DIGITS:
            raise _error(self.text, column, EXPANDED_MESSAGE)
        if exponent.is_Number and not exponent.is_Integer and abs(exponent) > MAX_SYMBOLIC_EXPONENT:
            raise _error(self.text, column, f"exponent larger than {MAX_SYMBOLIC_EXPONENT}")

    def number(self, token: Token) -> sympy.Expr:
        text = str(token)
        if len(text) > MAX_NUMBER_DIGITS:
            raise _error(
                self.text, token.column or 1, f"number longer than {MAX_NUMBER_DIGITS} digits"
            )
        exponent = re.search(r"[eE]([+-]?\d+)$", text)
        if exponent is not None and abs(int(exponent.group(1))) > MAX_DECIMAL_EXPONENT:
            message = f"a power of ten beyond ±{MAX_DECIMAL_EXPONENT} in a number"
            raise _error(self.text, token.column or 1, message)
        fraction = Fraction(text)
        return sympy.Rational(fraction.numerator, fraction.denominator)

    def name(self, token: Token) -> sympy.Expr:
        normalised = normalise_name(str(token))
        if normalised in _CONSTANTS and normalised not in self.declared:
            return _CONSTANTS[normalised]
        return make_symbol(normalised)

    def group(self, inner: sympy.Expr) -> sympy.Expr:
        return inner

    def arguments(self, *values: sympy.Expr) -> tuple[sympy.Expr, ...]:
        return values

    def call(self, function: Token, arguments: tuple[sympy.Expr, ...]) -> sympy.Expr:
        spec = FUNCTIONS[str(function)]
        column = function.column if isinstance(function.column, int) else 1
        if spec.arity is None and len(arguments) < 2:
            raise _error(self.text, column, f"{spec.name} takes two or more arguments")
        if spec.arity is not None and len(arguments) != spec.arity:
            raise _error(
                self.text,
                column,
                f"{spec.name} takes {spec.arity} argument{'s' if spec.arity > 1 else ''}, "
                f"not {len(arguments)}",
            )
        if spec.name in {"log", "ln"} and arguments[0].is_Number and not arguments[0].is_positive:
            raise _error(self.text, column, "logarithm of a number that is not positive")
        return spec.build(*arguments)
