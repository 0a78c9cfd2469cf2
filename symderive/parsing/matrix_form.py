"""Matrix closed forms such as ``\\operatorname{diag}(\\mathbf{s}) - \\mathbf{s}\\mathbf{s}^\\top``.

A Jacobian is often answered as one matrix expression in the output vector rather than entry by
entry. The text is first rewritten into a handful of tokens (``s``, ``𝟏``, ``I``, ``diag``,
``outer``, ``ᵀ``, ``·``, ``*``, ``⊙``), then read by ``matrix_form.lark`` into SymPy matrix
expressions built from constructors only (never from strings). The size is the symbol ``K``
and the vector a K×1 column: shapes are *not* checked here (SymPy does not check symbolic
ones), but by the checker once the problem gives K (``check/matrix_shapes.py``). Anything the
rewriting does not know (another name, a command left over) makes the text not a matrix form:
it is then read by the ordinary readers as before, never guessed at.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TypeAlias

import sympy
from lark import Token, Transformer, v_args
from lark.exceptions import LarkError
from sympy.matrices.expressions.diagonal import DiagMatrix

from symderive.parsing.grammars import parser

SIZE = sympy.Symbol("K", integer=True, positive=True)
"""The number of outputs, unknown until the problem says: every vector is SIZE×1."""
VECTOR = sympy.MatrixSymbol("s", SIZE, 1)
"""The softmax output vector s = softmax(z)."""
ONES = sympy.OneMatrix(SIZE, 1)
MAX_LENGTH = 400
"""Longer text is no closed form of a small Jacobian: the ordinary readers take it."""
MAX_DEGREE = 4
"""The highest degree in s a form may have (the Jacobians have 2): written out, a form of
degree d has entries of up to C(K + d, d) terms, which a hostile ``(s sᵀ)(s sᵀ)…`` would blow up."""
MAX_FACTORS = 12
"""The most vectors, identities and diagonals one form may hold."""

_SPACES = re.compile(
    r"\\[,;:!> ]|\\q?quad(?![A-Za-z])|~|\\(?:left|right|[bB]igg?[lr]?)(?![A-Za-z])"
)
_MARK = r"(?:T|(?:\\top|\\intercal)(?![A-Za-z])|⊤|\\(?:mathsf|mathrm|text)\s*(?:\{\s*T\s*\}|\s+T))"
_TRANSPOSE = re.compile(rf"\^\s*(?:\{{\s*{_MARK}\s*\}}|{_MARK})")
_BOLD = {"mathbf", "boldsymbol", "bm", "vec", "mathbfit", "mathbb", "pmb", "textbf"}
_FONT = re.compile(
    r"\\(mathbf|boldsymbol|bm|vec|mathbfit|mathbb|pmb|textbf|mathrm|operatorname\*?|text|"
    r"textrm|mathit|mathsf|mathnormal)(?![A-Za-z])\s*(?:\{\s*([A-Za-z]{1,8}|\d)\s*\}|\s+(\w))"
)
_CODE = re.compile(r"\b(?:np|numpy|jnp|torch)\s*\.\s*(?=diag\b|outer\b|eye\b|identity\b)")
_EYE = re.compile(
    r"\b(?:eye|identity)\s*\(\s*(?:[KknN]|len\s*\(\s*s\s*\)|s\s*\.\s*size|(\d{1,2}))\s*\)"
)
_SIZE_SUBSCRIPT = re.compile(r"(I|𝟏)\s*_\s*(?:\{\s*(?:[KknN]|(\d{1,2}))\s*\}|[KknN]|(\d))")
_WORDS = (
    (re.compile(r"\\diag(?![A-Za-z])|\bDiag\b"), "diag"),
    (re.compile(r"\\one(?![A-Za-z])|𝟙"), "𝟏"),
    (re.compile(r"\\cdot(?![A-Za-z])|\\times(?![A-Za-z])|×"), "·"),
    (re.compile(r"\\odot(?![A-Za-z])|\\circ(?![A-Za-z])|[⊙∘]"), "⊙"),
    (re.compile(r"−"), "-"),
)


def canonical(text: str, logits: str = "z") -> str:
    """The text in the grammar's few tokens (see the module's docstring); what is not known
    stays as it was, so the grammar refuses it."""
    text = _SPACES.sub(" ", text)
    text = _TRANSPOSE.sub("ᵀ", text)
    text = unfont(text)
    text = _CODE.sub("", text)
    text = _EYE.sub(lambda match: f"I_{match.group(1)}" if match.group(1) else "I", text)
    for pattern, replacement in _WORDS:
        text = pattern.sub(replacement, text)
    text = _SIZE_SUBSCRIPT.sub(_sized, text)
    applied = rf"(?:softmax|\\sigma|σ|s)\s*\(\s*{re.escape(logits)}\s*\)"
    return re.sub(applied, "s", text)


def unfont(text: str) -> str:
    """Fonts and boldface dropped: ``\\mathbf{s}`` → ``s``, ``\\mathbf{1}`` → ``𝟏`` (the ones
    vector), ``\\operatorname{diag}`` → ``diag``; spacing commands and ``\\left`` too."""
    return _FONT.sub(_unfont, _SPACES.sub(" ", text))


def _unfont(match: re.Match[str]) -> str:
    content = match.group(2) or match.group(3)
    if content == "1" and match.group(1) in _BOLD:
        return "𝟏"
    return f" {content} " if len(content) > 1 else content


def _sized(match: re.Match[str]) -> str:
    digits = match.group(2) or match.group(3)
    return f"{match.group(1)}_{digits}" if digits else match.group(1)


def read_matrix_form(text: str, logits: str = "z") -> sympy.MatrixExpr | None:
    """The matrix expression ``text`` writes, or None when it is not a matrix form."""
    if len(text) > MAX_LENGTH:
        return None
    written = canonical(text, logits)
    if "\\" in written:
        return None
    try:
        tree = parser("matrix_form").parse(written)
        value = _Builder().transform(tree)
    except (LarkError, TypeError, ValueError, sympy.ShapeError):
        return None
    if not isinstance(value, sympy.MatrixExpr) or not _small(value):
        return None
    return value


def _small(value: sympy.Basic) -> bool:
    """Whether the form is of degree at most MAX_DEGREE in s, with at most MAX_FACTORS leaves."""
    leaves = [atom for atom in sympy.preorder_traversal(value) if _is_leaf(atom)]
    return len(leaves) <= MAX_FACTORS and degree(value) <= MAX_DEGREE


def _is_leaf(value: sympy.Basic) -> bool:
    return isinstance(value, sympy.MatrixSymbol | sympy.OneMatrix | sympy.Identity)


def degree(value: sympy.Basic) -> int:
    """The form's degree in s, at most: products add, sums take the largest."""
    if isinstance(value, sympy.MatrixSymbol):
        return 1
    if isinstance(value, sympy.MatMul | sympy.Mul | sympy.HadamardProduct):
        return sum(degree(argument) for argument in value.args)
    if isinstance(value, sympy.MatAdd | sympy.Add | DiagMatrix | sympy.Transpose):
        return max(degree(argument) for argument in value.args)
    return 0


class _BareOne:
    """The digit 1 before a factor (``1 sᵀ``) or transposed (``1ᵀ``) is the ones vector, as in
    ``I - 1 sᵀ``: the number 1 there would be pointless. Anywhere else it is the number."""


_ONE = _BareOne()
Value: TypeAlias = sympy.Basic | _BareOne


def _value(value: Value) -> sympy.Basic:
    return sympy.Integer(1) if isinstance(value, _BareOne) else value


def _product(left: sympy.Basic, right: sympy.Basic) -> sympy.Basic:
    if isinstance(left, sympy.MatrixExpr) or isinstance(right, sympy.MatrixExpr):
        return sympy.MatMul(left, right)
    return sympy.Mul(left, right)


def _sum(left: sympy.Basic, right: sympy.Basic) -> sympy.Basic:
    if isinstance(left, sympy.MatrixExpr) and isinstance(right, sympy.MatrixExpr):
        return sympy.MatAdd(left, right)
    if isinstance(left, sympy.MatrixExpr) or isinstance(right, sympy.MatrixExpr):
        raise TypeError("a number added to a matrix")
    return sympy.Add(left, right)


@v_args(inline=True)
class _Builder(Transformer[Token, Value]):
    """Tokens into SymPy matrix expressions, in the column convention (s is K×1)."""

    def vector(self) -> sympy.Basic:
        return VECTOR

    def ones(self) -> sympy.Basic:
        return ONES

    def identity(self, token: Token) -> sympy.Basic:
        size = str(token)[2:]
        return sympy.Identity(sympy.Integer(int(size)) if size else SIZE)

    def number(self, token: Token) -> Value:
        if str(token) == "1":
            return _ONE
        fraction = Fraction(str(token))
        return sympy.Rational(fraction.numerator, fraction.denominator)

    def diag(self, argument: Value) -> sympy.Basic:
        value = _value(argument)
        if not isinstance(value, sympy.MatrixExpr):
            raise TypeError("diag of a number")
        return DiagMatrix(value)

    def outer(self, left: Value, right: Value) -> sympy.Basic:
        return self.juxtapose(left, self.transpose(right))

    def transpose(self, argument: Value) -> sympy.Basic:
        value = ONES if isinstance(argument, _BareOne) else argument
        if not isinstance(value, sympy.MatrixExpr):
            raise TypeError("the transpose of a number")
        return sympy.Transpose(value)

    def juxtapose(self, left: Value, right: Value) -> sympy.Basic:
        if isinstance(left, _BareOne) and isinstance(right, sympy.MatrixExpr):
            return sympy.MatMul(ONES, right)
        return _product(_value(left), _value(right))

    def times(self, left: Value, right: Value) -> sympy.Basic:
        return _product(_value(left), _value(right))

    def star(self, left: Value, right: Value) -> sympy.Basic:
        """``*`` scales by a number; between two matrices it is NumPy's entrywise product with
        broadcasting (``s * s.T``), not the matrix product: not read."""
        first, second = _value(left), _value(right)
        if isinstance(first, sympy.MatrixExpr) and isinstance(second, sympy.MatrixExpr):
            raise TypeError("* between two matrices")
        return _product(first, second)

    def entrywise(self, left: Value, right: Value) -> sympy.Basic:
        first, second = _value(left), _value(right)
        if not isinstance(first, sympy.MatrixExpr) or not isinstance(second, sympy.MatrixExpr):
            raise TypeError("an entrywise product with a number")
        return sympy.HadamardProduct(first, second)

    def add(self, left: Value, right: Value) -> sympy.Basic:
        return _sum(_value(left), _value(right))

    def subtract(self, left: Value, right: Value) -> sympy.Basic:
        return _sum(_value(left), self.negate(right))

    def negate(self, argument: Value) -> sympy.Basic:
        return _product(sympy.Integer(-1), _value(argument))
