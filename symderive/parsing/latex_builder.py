"""The LaTeX grammar's transformer: one method per rule, each building SymPy objects.

Derivative notation (see ``notation.py``) travels through the tree as marker objects until it
reaches a side of the relation; anywhere else it is an error with a caret.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TypeAlias

import sympy
from lark import Token, v_args

from symderive.parsing.derivative_names import (
    DerivativeNameRules,
    cancelled_differentials,
    inline_notation,
)
from symderive.parsing.expression import (
    EXPANDED_MESSAGE,
    MAX_RESULT_DIGITS,
    MAX_SYMBOLIC_EXPONENT,
)
from symderive.parsing.latex_source import UnicodeFolding, error_at
from symderive.parsing.latex_vocabulary import (
    CONSTANTS,
    FUNCTIONS,
    GREEK_LETTERS,
    RELATIONS,
    SEVERAL_ARGUMENTS,
)
from symderive.parsing.magnitude import (
    MAX_EXPANDED_DIGITS,
    expanded_power_digits,
    expanded_product_digits,
    power_digits,
    product_digits,
)
from symderive.parsing.names import make_symbol, normalise_name
from symderive.parsing.notation import (
    DIFFERENTIAL,
    PARTIAL,
    DerivativeNotation,
    Operator,
    leibniz,
    looks_like_leibniz,
    operator_of,
)
from symderive.parsing.partition import partition_problem
from symderive.parsing.readings import DivisionReading, Operand, combine

Side: TypeAlias = sympy.Basic | DerivativeNotation
UNREAD_NAME = "this derivative's name is not understood; write it as \\frac{dz}{dx}"


@v_args(inline=True)
class LatexBuilder(DerivativeNameRules):
    """One method per grammar rule; each builds SymPy objects from already built children."""

    def __init__(
        self,
        folding: UnicodeFolding,
        declared: frozenset[str],
        reading: DivisionReading,
        commutative: bool = True,
        defined: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.folding = folding
        self.declared = declared
        self.commutative = commutative
        self.reading = reading
        self.primed = set()
        self.defined = defined
        """Functions the answer defines (``h(x) = x^2``): theirs, even where the vocabulary has
        the name (h, H are the step), so the definition is what is substituted."""

    # --- relations and arithmetic -------------------------------------------------------------

    def relation(self, *children: object) -> tuple[Side, ...]:
        sides: list[Side] = []
        for child in children:
            if isinstance(child, Token):
                continue
            if isinstance(child, sympy.Basic) and child.has(PARTIAL):
                raise error_at(self.folding, 0, "\\partial may only appear in a derivative's name")
            sides.append(child)
        return tuple(sides)

    def sum(self, first: Side, *terms: Side) -> Side:
        if not terms:
            return first
        values = self._values(first, *terms)
        return sympy.Add(*values)

    def plus_term(self, sign: Token, term: Side) -> Side:
        (term,) = self._values(term, token=sign)
        return term

    def minus_term(self, sign: Token, term: Side) -> Side:
        (term,) = self._values(term, token=sign)
        return -term  # type: ignore[operator]

    def product(self, first: Side, *tail: Operand) -> Side:
        notation = inline_notation(first, tail)
        if notation is not None:
            return notation
        if isinstance(first, Operator):
            return self._apply_operator(first, tail)
        if not tail:
            return first
        if cancelled_differentials(first, tail):
            token = next((token for operator, _, token in tail if operator == "/"), None)
            raise self._at(token, UNREAD_NAME)
        first, *operands = self._values(first, *(operand for _, operand, _ in tail))
        tail = tuple(
            (operator, operand, token)
            for (operator, _, token), operand in zip(tail, operands, strict=True)
        )
        factors = [first, *operands]
        if product_digits(factors) > MAX_RESULT_DIGITS:
            token = next((token for _, _, token in tail if token is not None), None)
            raise self._at(token, f"a product of numbers with more than {MAX_RESULT_DIGITS} digits")
        if expanded_product_digits(factors) > MAX_EXPANDED_DIGITS:
            token = next((token for _, _, token in tail if token is not None), None)
            raise self._at(token, EXPANDED_MESSAGE)
        return combine(first, tail, self.reading, self._divide)

    def _divide(
        self, numerator: sympy.Basic, denominator: sympy.Basic, token: Token | None
    ) -> sympy.Basic:
        if denominator.is_zero:
            raise self._at(token, "division by zero")
        return numerator / denominator

    def explicit_times(self, _operator: Token, operand: Side) -> Operand:
        return ("*", operand, None)

    def divide(self, slash: Token, operand: Side) -> Operand:
        return ("/", operand, slash)

    def implicit_times(self, operand: Side) -> Operand:
        return ("*", operand, None)

    def negate(self, sign: Token, operand: Side) -> Side:
        (operand,) = self._values(operand, token=sign)
        return -operand  # type: ignore[operator]

    def keep_sign(self, _sign: Token, operand: Side) -> Side:
        return operand

    def raise_power(self, base: Side, caret: Token, exponent: sympy.Basic) -> sympy.Basic:
        (base,) = self._values(base, token=caret)
        self._check_power(base, exponent, caret)
        return sympy.Pow(base, exponent)

    def _check_power(self, base: sympy.Basic, exponent: sympy.Basic, token: Token) -> None:
        if exponent.is_Integer and abs(int(exponent)) > MAX_SYMBOLIC_EXPONENT:
            raise self._at(token, f"exponent larger than {MAX_SYMBOLIC_EXPONENT}")
        if power_digits(base, exponent) > MAX_RESULT_DIGITS:
            raise self._at(token, f"power with more than {MAX_RESULT_DIGITS} digits")
        if expanded_power_digits(base, exponent) > MAX_EXPANDED_DIGITS:
            raise self._at(token, EXPANDED_MESSAGE)
        if base.is_zero and exponent.is_negative:
            raise self._at(token, "zero raised to a negative power")

    def digit(self, token: Token) -> sympy.Basic:
        return sympy.Integer(int(token))

    def negative_digit(self, _sign: Token, token: Token) -> sympy.Basic:
        return -sympy.Integer(int(token))

    def letter_exponent(self, token: Token) -> sympy.Basic:
        return self._name(str(token), None)

    def number(self, token: Token) -> sympy.Basic:
        if len(token) > 100:
            raise self._at(token, "number longer than 100 digits")
        fraction = Fraction(str(token))
        return sympy.Rational(fraction.numerator, fraction.denominator)

    def group(self, inner: Side) -> Side:
        return inner

    # --- names --------------------------------------------------------------------------------

    def symbol(self, name: Token, subscript: str | None = None) -> sympy.Basic:
        text = str(name).lstrip("\\")
        return self._name(text, subscript)

    def accented_symbol(
        self, accent: Token, letter: Token, subscript: str | None = None
    ) -> sympy.Basic:
        """``\\bar{u}_1`` is ``ubar1``, the name backprop gives adjoints; ``\\hat{y}`` is yhat."""
        kind = str(accent).lstrip("\\").replace("overline", "bar")
        return self._name(f"{letter}{kind}", subscript)

    def partial_symbol(self, _token: Token) -> sympy.Basic:
        return PARTIAL

    def _name(self, text: str, subscript: str | None) -> sympy.Basic:
        full = f"{text}_{subscript}" if subscript else text
        normalised = normalise_name(full)
        if normalised in CONSTANTS and normalised not in self.declared:
            return CONSTANTS[normalised]
        if normalised == "d":
            return DIFFERENTIAL
        if not self.commutative:  # matrices and vectors: W_2 W_1 x keeps its order
            return sympy.Symbol(normalised, commutative=False)
        return make_symbol(normalised)

    def subscript(self, _underscore: Token, content: Token) -> str:
        return str(content).lstrip("\\").replace(" ", "").replace(",", "")

    def nested_subscript(self, _underscore: Token, name: Token, inner: str) -> str:
        """``z_{x_1}``: the subscript is the name x1."""
        return f"{name}{inner}"

    # --- constructs ---------------------------------------------------------------------------

    def fraction(self, command: Token, numerator: Side, denominator: Side) -> Side | Operator:
        notation = leibniz(numerator, denominator)
        if notation is not None:
            return notation
        operator = operator_of(numerator, denominator)
        if operator is not None:
            return operator
        if looks_like_leibniz(numerator, denominator):
            raise self._at(command, UNREAD_NAME)
        numerator, denominator = self._values(numerator, denominator, token=command)
        if isinstance(numerator, Token):
            numerator = sympy.Integer(int(numerator))
        if isinstance(denominator, Token):
            denominator = sympy.Integer(int(denominator))
        return self._divide(numerator, denominator, command)

    def square_root(self, _command: Token, radicand: sympy.Basic) -> sympy.Basic:
        return sympy.sqrt(radicand)

    def root(self, command: Token, index: sympy.Basic, radicand: sympy.Basic) -> sympy.Basic:
        if index.is_zero:
            raise self._at(command, "a root of index 0")
        return sympy.root(radicand, index)

    def absolute(self, opening: Token, inner: Side, _close: Token) -> sympy.Basic:
        (inner,) = self._values(inner, token=opening)
        return sympy.Abs(inner)

    def absolute_power(
        self, opening: Token, inner: Side, closing: Token, caret: Token, exponent: sympy.Basic
    ) -> sympy.Basic:
        return self.raise_power(self.absolute(opening, inner, closing), caret, exponent)

    def kronecker(self, token: Token, subscript: str) -> sympy.Basic:
        if len(subscript) != 2:
            raise self._at(token, "\\delta needs two indices, as in \\delta_{ij}")
        first, second = (sympy.Symbol(letter, integer=True) for letter in subscript)
        return sympy.KroneckerDelta(first, second)

    def indicator(self, _token: Token, condition: sympy.Basic) -> sympy.Basic:
        return sympy.Piecewise((1, condition), (0, True))

    def subscript_condition(self, _underscore: Token, condition: sympy.Basic) -> sympy.Basic:
        return condition

    def condition(self, *parts: object) -> sympy.Basic:
        clauses: list[sympy.Basic] = []
        values = list(parts)
        index = 0
        left = values[0]
        while index + 2 < len(values) + 1 and index + 1 < len(values):
            relation, right = values[index + 1], values[index + 2]
            if not isinstance(relation, Token):
                left, index = relation, index + 1
                continue
            clauses.append(RELATIONS[str(relation).replace(" ", "")](left, right))
            left, index = right, index + 2
        return sympy.And(*clauses) if len(clauses) > 1 else clauses[0]

    def cases(self, begin: Token, *rows: object) -> sympy.Basic:
        """A Piecewise, once the rows as written are shown to partition their domain (see
        ``partition.py``): Piecewise takes the first guard that holds, which would hide a
        hedge between overlapping rows; an error with a caret at the row at fault otherwise."""
        written = [row for row in rows if isinstance(row, tuple)]
        pieces = [(value, guard) for value, guard, _ in written]
        problem = partition_problem(pieces)
        if problem is not None:
            index, reason = problem
            raise self._at(written[index][2] or begin, reason)
        return sympy.Piecewise(*pieces)

    def case_row(
        self, value: sympy.Basic, ampersand: Token, guard: sympy.Basic = sympy.true
    ) -> tuple[sympy.Basic, sympy.Basic, Token]:
        return (value, guard, ampersand)

    def condition_guard(self, *parts: object) -> sympy.Basic:
        return parts[-1]

    def otherwise_guard(self, _token: Token) -> sympy.Basic:
        return sympy.true

    # --- functions and derivative notation ----------------------------------------------------

    def function(self, token: Token, subscript: str | None = None) -> tuple[str, Token]:
        """A function's name. A Greek subscript (LeakyReLU_α) names a parameter and is dropped;
        any other (GELU_tanh, the tanh approximation) is part of the name."""
        text = str(token)
        if "{" in text:
            text = text[text.index("{") + 1 : text.rindex("}")]
        name = text.strip().lstrip("\\")
        if name in self.defined:
            return name, token
        if subscript and subscript not in GREEK_LETTERS:
            return f"{name}_{subscript}", token
        return (name.lower() if name.lower() in FUNCTIONS else name), token

    def arguments(self, *values: sympy.Basic) -> tuple[sympy.Basic, ...]:
        return values

    def bare_letter_argument(self, token: Token) -> tuple[sympy.Basic, ...]:
        return (self._name(str(token), None),)

    def bare_symbol_argument(self, token: Token, subscript: str) -> tuple[sympy.Basic, ...]:
        return (self._name(str(token), subscript),)

    def bare_multiple_argument(self, digit: Token, letter: Token) -> tuple[sympy.Basic, ...]:
        """``\\sin 2x``: a digit and a letter after a function are its argument, sin(2x)."""
        return (sympy.Integer(int(str(digit))) * self._name(str(letter), None),)

    def call(self, function: tuple[str, Token], arguments: tuple[sympy.Basic, ...]) -> sympy.Basic:
        name, token = function
        builder = None if name in self.defined else FUNCTIONS.get(name)
        if builder is None:  # \operatorname{GELU}(x): a function we cannot evaluate, only name
            if len(arguments) != 1:
                raise self._at(token, f"the function {name!r} is not supported")
            arguments = self._values(*arguments, token=token)
            return sympy.Function(name)(*arguments)
        if name in SEVERAL_ARGUMENTS:
            if len(arguments) < 2:
                raise self._at(token, f"{name} takes two or more arguments")
        elif len(arguments) != 1:
            raise self._at(token, f"{name} takes one argument, not {len(arguments)}")
        arguments = self._values(*arguments, token=token)
        return builder(*arguments)

    def power_call(
        self,
        function: tuple[str, Token],
        caret: Token,
        exponent: sympy.Basic,
        arguments: tuple[sympy.Basic, ...],
    ) -> sympy.Basic:
        if exponent == -1:
            raise self._at(caret, "f^{-1} (an inverse function) is not supported")
        value = self.call(function, arguments)
        self._check_power(value, exponent, caret)
        return sympy.Pow(value, exponent)
