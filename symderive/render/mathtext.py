"""Expressions as one-line Unicode text and as LaTeX, shared by every renderer.

SymPy's pretty printer draws exponents on a line of their own, which does not fit in a table cell
or a tree line; the Unicode printer here stays on one line (``x₃²``, ``ū₁``, ``σ(u)``) so the
terminal can wrap it like any other text. The LaTeX printer is SymPy's, with ``H`` for the
Heaviside step so that results read like the rule formulas that mention ``H(u)``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from itertools import pairwise

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE, precedence
from sympy.printing.str import StrPrinter

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPTS = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
_SUPERSCRIPTABLE = set("0123456789+-=()ni")
MACRON = "\u0304"
FUNCTION_NAMES = {
    "sigmoid": "σ",
    "relu": "ReLU",
    "Heaviside": "H",
    "Max": "max",
    "Min": "min",
    "asin": "arcsin",
    "acos": "arccos",
    "atan": "arctan",
}
RELATIONS = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}
_SUBSCRIPT_LETTERS = dict(zip("aeijklmnoprstuvx", "ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True))
_NAME = re.compile(r"([^\W\d_]+)_?(\d*)('*)")


def number(value: float) -> str:
    """A float with about six significant digits, as in the tables (``nan`` for a missing one)."""
    if math.isnan(value):
        return "nan"
    text = f"{value:.6g}"
    return "0" if text == "-0" else text


def unicode_name(name: str, *, bar: bool = False) -> str:
    """``x10`` → ``x₁₀``; with ``bar`` the adjoint ``x̄₁₀`` (a macron over the letters)."""
    match = _NAME.fullmatch(name)
    lettered = re.fullmatch(r"([^\W\d_]+)_([a-z]+)", name)
    if match is None and lettered is not None and not bar:
        shown = _subscript_letters(lettered.group(2))  # s_i → sᵢ
        return lettered.group(1) + shown
    if match is None:
        return name + ("\u0305" if bar else "")
    letters, digits, primes = match.groups()
    if bar:
        letters = unicodedata.normalize("NFC", letters + MACRON)  # ū where Unicode has it
    return letters + digits.translate(SUBSCRIPTS) + primes


def _subscript_letters(text: str) -> str:
    """``ij`` → ``ᵢⱼ`` where Unicode has every subscript letter, else ``_ij``."""
    if all(character in _SUBSCRIPT_LETTERS or character.isdigit() for character in text):
        return "".join(_SUBSCRIPT_LETTERS.get(c, c.translate(SUBSCRIPTS)) for c in text)
    return "_" + text


def superscript(text: str) -> str:
    """``n-1`` → ``ⁿ⁻¹`` where Unicode has every character; otherwise ``^(…)``."""
    if text and set(text) <= _SUPERSCRIPTABLE:
        return text.translate(SUPERSCRIPTS)
    if re.fullmatch(r"\w+", text):
        return "^" + text
    return f"^({text})"


class UnicodePrinter(StrPrinter):
    """SymPy's ``str`` with superscripts, subscripted names, ``·`` and a few function symbols."""

    def __init__(self, names: Mapping[sympy.Symbol, str] | None = None) -> None:
        super().__init__({"order": None})
        self.names = dict(names or {})

    def _print_Symbol(self, expr: sympy.Symbol) -> str:
        return self.names.get(expr) or unicode_name(expr.name)

    _print_Dummy = _print_Symbol

    def _print_Exp1(self, expr: sympy.Expr) -> str:
        return "e"

    def _print_Pi(self, expr: sympy.Expr) -> str:
        return "π"

    def _print_ImaginaryUnit(self, expr: sympy.Expr) -> str:
        return "i"

    def _print_Infinity(self, expr: sympy.Expr) -> str:
        return "∞"

    def _print_NegativeInfinity(self, expr: sympy.Expr) -> str:
        return "-∞"

    def _print_Abs(self, expr: sympy.Expr) -> str:
        return f"|{self._print(expr.args[0])}|"

    def _print_Function(self, expr: sympy.Expr) -> str:
        name = FUNCTION_NAMES.get(type(expr).__name__, type(expr).__name__)
        return f"{name}({', '.join(self._print(argument) for argument in expr.args)})"

    def _print_Heaviside(self, expr: sympy.Expr) -> str:
        return f"H({self._print(expr.args[0])})"

    _print_Max = _print_Function
    _print_Min = _print_Function

    def _print_Piecewise(self, expr: sympy.Piecewise) -> str:
        """``{1 if x > 0; 0 otherwise}``: the cases on one line, as a table cell needs."""
        pieces = [
            f"{self._print(value)} otherwise"
            if condition is sympy.true
            else f"{self._print(value)} if {self._print(condition)}"
            for value, condition in expr.args
        ]
        return "{" + "; ".join(pieces) + "}"

    def _print_Relational(self, expr: sympy.core.relational.Relational) -> str:
        operator = RELATIONS.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {operator} {self._print(expr.rhs)}"

    def _print_KroneckerDelta(self, expr: sympy.KroneckerDelta) -> str:
        first, second = (self._print(index) for index in expr.args)
        if len(first) == len(second) == 1:
            return f"δ{_subscript_letters(first + second)}"
        return f"δ({first}, {second})"

    def _print_Pow(self, expr: sympy.Pow, rational: bool = False) -> str:
        base, exponent = expr.base, expr.exp
        if exponent is sympy.S.Half:
            return f"√({self._print(base)})"
        shown = self.parenthesize(base, PRECEDENCE["Pow"], strict=True)
        if exponent.is_Rational and exponent.is_negative:
            if exponent == -1:
                return f"1/{shown}"
            return f"1/{self._print(sympy.Pow(base, -exponent, evaluate=False))}"
        if exponent.is_Integer:
            return shown + str(exponent).translate(SUPERSCRIPTS)
        return shown + superscript(self._print(exponent))

    def _print_Mul(self, expr: sympy.Mul) -> str:
        # Children are printed by this printer, which never writes "*": every "*" left is ours.
        text: str = super()._print_Mul(expr)
        text = re.sub(r"^(-?\d+)\*(?=[^\d])", r"\1", text)
        return text.replace("*", "·")

    # matrix forms of a Jacobian (diag(s) − s sᵀ), as they are written
    def _print_DiagMatrix(self, expr: sympy.MatrixExpr) -> str:
        return f"diag({self._print(expr.args[0])})"

    def _print_OneMatrix(self, expr: sympy.MatrixExpr) -> str:
        return "𝟏ᵀ" if expr.shape[0] == 1 else "𝟏"

    def _print_Identity(self, expr: sympy.MatrixExpr) -> str:
        return "I"

    def _print_Transpose(self, expr: sympy.MatrixExpr) -> str:
        inner = self._print(expr.args[0])
        return f"{inner}ᵀ" if re.fullmatch(r"\w+", inner) else f"({inner})ᵀ"

    def _print_MatMul(self, expr: sympy.MatrixExpr) -> str:
        factors = [self._grouped(factor) for factor in expr.args]
        return "−" + " ".join(factors[1:]) if factors[0] == "-1" else " ".join(factors)

    def _grouped(self, expr: sympy.Basic) -> str:
        text = self._print(expr)
        return f"({text})" if isinstance(expr, sympy.MatAdd | sympy.Add) else text

    def _print_MatAdd(self, expr: sympy.MatrixExpr) -> str:
        return " + ".join(self._print(term) for term in expr.args).replace("+ −", "− ")

    def _print_HadamardProduct(self, expr: sympy.MatrixExpr) -> str:
        return " ⊙ ".join(self._grouped(factor) for factor in expr.args)


def unicode(expression: sympy.Basic, names: Mapping[sympy.Symbol, str] | None = None) -> str:
    """One-line Unicode text of ``expression``; ``names`` overrides how some symbols print."""
    return str(UnicodePrinter(names).doprint(expression))


class MathLatexPrinter(LatexPrinter):
    """SymPy's LaTeX, with the Heaviside step written ``H(u)`` as the rule formulas write it."""

    def _print_Heaviside(self, expr: sympy.Expr, exp: str | None = None) -> str:
        text = rf"H\left({self._print(expr.args[0])}\right)"
        return rf"{text}^{{{exp}}}" if exp else text

    def _print_DiagMatrix(self, expr: sympy.MatrixExpr) -> str:
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_OneMatrix(self, expr: sympy.MatrixExpr) -> str:
        return r"\mathbf{1}^{T}" if expr.shape[0] == 1 else r"\mathbf{1}"

    def _print_Identity(self, expr: sympy.MatrixExpr) -> str:
        return "I"


def latex(expression: sympy.Basic, names: Mapping[sympy.Symbol, str] | None = None) -> str:
    """LaTeX of ``expression`` (``names``: LaTeX for some symbols, such as adjoints)."""
    printer = MathLatexPrinter({"symbol_names": dict(names or {})})
    return str(printer.doprint(expression))


def latex_name(name: str, *, bar: bool = False) -> str:
    """``u1`` → ``u_{1}``; with ``bar`` the adjoint ``\\bar{u}_{1}``."""
    match = _NAME.fullmatch(name)
    if match is None:
        return rf"\mathrm{{{name}}}"
    letters, digits, primes = match.groups()
    base = str(sympy.latex(sympy.Symbol(letters)))
    if bar:
        base = rf"\bar{{{base}}}"
    return base + (f"_{{{digits}}}" if digits else "") + primes


_RELATIONS = {"=", "<", ">", r"\neq", r"\leq", r"\geq", r"\approx", r"\le", r"\ge"}
_OPENING = {"left", "bigl", "Bigl", "biggl", "Biggl", "begin"}
_CLOSING = {"right", "bigr", "Bigr", "biggr", "Biggr", "end"}


def _tokens(formula: str) -> list[tuple[int, str, int]]:
    """(position, token, depth) of every token of a LaTeX formula; depth counts the groups
    (braces, parentheses, ``\\left…\\right``, environments) the token stands in."""
    tokens: list[tuple[int, str, int]] = []
    depth, index = 0, 0
    while index < len(formula):
        start, character = index, formula[index]
        if character == "\\":
            match = re.match(r"\\([A-Za-z]+|.)", formula[index:])
            token = match.group(0) if match else character
            index += len(token)
            name = token[1:]
            if name in _OPENING | _CLOSING and name not in ("begin", "end"):
                # The delimiter after \left or \bigr is part of the command, not a group.
                delimiter = re.match(r"\s*(\\[A-Za-z]+|\\.|.)", formula[index:])
                index += len(delimiter.group(0)) if delimiter else 0
            if name in _CLOSING:
                depth -= 1
            tokens.append((start, token, depth))
            if name in _OPENING:
                depth += 1
            continue
        index += 1
        if character in ")]}":
            depth -= 1
        tokens.append((start, character, depth))
        if character in "([{":
            depth += 1
    return tokens


def split_formula(formula: str) -> tuple[str, str, list[str]]:
    """``a = b + c - d`` → ``("a", "=", ["b", "+ c", "- d"])``: the left side, the first relation
    outside every group (``""`` when there is none) and the right side's signed terms, the places
    where a long formula may be broken over lines."""
    tokens = _tokens(formula)
    left, relation, right_start = "", "", 0
    for position, token, depth in tokens:
        if depth == 0 and token in _RELATIONS:
            left, relation = formula[:position].strip(), token
            right_start = position + len(token)
            break
    cuts = [
        position
        for position, token, depth in tokens
        if depth == 0
        and position > right_start
        and token in "+-"
        and formula[position - 1 : position] == " "
        and formula[position + 1 : position + 2] == " "
    ]
    bounds = [right_start, *cuts, len(formula)]
    terms = [formula[a:b].strip() for a, b in pairwise(bounds)]
    return left, relation, [term for term in terms if term]


def needs_parentheses(expression: sympy.Expr) -> bool:
    """Whether a product written after ``d/dx`` must be parenthesised to be read right."""
    return precedence(expression) < PRECEDENCE["Mul"] or expression.could_extract_minus_sign()


_LATEX_WORDS = (
    (r"\left(", "("),
    (r"\right)", ")"),
    (r"\,", " "),
    (r"\sigma", "σ"),
    (r"\pi", "π"),
    (r"\ln", "ln"),
    (r"\max", "max"),
    (r"\min", "min"),
)
_GROUPS = (
    (re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"), "frac"),
    (re.compile(r"\\sqrt\{([^{}]*)\}"), "sqrt"),
    (re.compile(r"\^\{([^{}]*)\}"), "pow"),
    (re.compile(r"\\operatorname\{([^{}]*)\}"), "name"),
)


def _wrapped(text: str) -> str:
    """Parenthesise ``text`` when it has a space or a sign outside any parentheses."""
    text, depth = text.strip(), 0
    for character in text:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth == 0 and character in " +-":
            return f"({text})"
    return text


def latex_to_unicode(formula: str) -> str:
    """A rule formula's LaTeX (``\\frac{d}{du} u^{n} = n u^{n-1}``) as Unicode (``d/du uⁿ = …``).

    Handles the small vocabulary of the rule formulas, innermost braces first.
    """
    text = re.sub(
        r"\\begin\{cases\}(.*?)\\end\{cases\}",
        lambda m: (
            "{"
            + "; ".join(
                " if ".join(part.strip() for part in row.split("&"))
                for row in m.group(1).split(r"\\")
            )
            + "}"
        ),
        formula,
    )
    for old, new in _LATEX_WORDS:
        text = text.replace(old, new)
    changed = True
    while changed:
        changed = False
        for pattern, kind in _GROUPS:
            match = pattern.search(text)
            if match is None:
                continue
            changed = True
            if kind == "frac":
                top, bottom = match.groups()
                new = f"{top}/{bottom} " if top == "d" else f"{_wrapped(top)}/{_wrapped(bottom)}"
            elif kind == "sqrt":
                new = "√" + _wrapped(match.group(1))
            elif kind == "pow":
                new = superscript(match.group(1).strip())
            else:
                new = match.group(1)
            text = text[: match.start()] + new + text[match.end() :]
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    return re.sub(r" {2,}", " ", text).strip()
