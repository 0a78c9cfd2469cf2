"""LaTeX math, parsed by our own grammar straight into SymPy, with no ``eval`` anywhere.

Students write ``(10x_1 + 50x_2 + 150)e^{(x_1+5(x_2+3))^2}``, which SymPy's own LaTeX parser
rejects, and ``\\frac{e^{-t}}{(1+e^{-t})^2}`` with e meaning Euler's number. This module reads
such text, including the left-hand sides that say which derivative is claimed (Leibniz and prime
notation), ``cases`` environments with ``\\text{if }`` guards, and Unicode (σ, ², −, ·).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import lru_cache

import sympy
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.tree import Meta

from symderive.errors import ExpressionError, SourceLocation
from symderive.parsing.expression import MAX_LENGTH, Reading
from symderive.parsing.grammars import parser
from symderive.parsing.latex_builder import LatexBuilder, Side
from symderive.parsing.latex_source import UnicodeFolding, error_at, fold_unicode
from symderive.parsing.layout import blank_layout
from symderive.parsing.magnitude import MAX_NUMBER_DIGITS_TOTAL, total_digits
from symderive.parsing.names import normalise_name, written_name
from symderive.parsing.notation import (
    DerivativeNotation,
)
from symderive.parsing.transforms import transform

MAX_DEPTH = 200


@dataclass(frozen=True)
class LatexRelation:
    """A chain ``side = side = …`` as written; most answers have two sides."""

    text: str
    sides: tuple[Side, ...]
    alternatives: tuple[Reading, ...] = ()
    primed: frozenset[str] = frozenset()
    """The known functions whose derivative a side uses as a value (``σ'(u)·x`` gives sigma)."""


def _parser() -> Lark:
    return parser("latex")


def _describe(folding: UnicodeFolding, error: UnexpectedInput) -> ExpressionError:
    text = folding.folded
    position = getattr(error, "pos_in_stream", None)
    token = getattr(error, "token", None)
    if isinstance(token, Token) and token.start_pos is not None:
        position = token.start_pos
    if position is None or (token is not None and token.type == "$END"):
        return error_at(folding, len(text.rstrip()), "the formula ends too early")
    words = text[position : position + 12].split()
    if not words:  # a control character such as \v, which split() takes for a space
        return error_at(folding, position, f"unexpected character {text[position]!r}")
    shown = words[0]
    if shown.startswith("\\"):
        command = shown[1:].split("{")[0].split("(")[0]
        return error_at(folding, position, f"\\{command} is not understood here")
    return error_at(folding, position, f"unexpected {shown!r}")


def parse_latex(
    text: str,
    declared: Collection[str] = (),
    commutative: bool = True,
    functions: Collection[str] = (),
) -> LatexRelation:
    """Parse a formula (possibly ``lhs = rhs = …``) into its sides; raise ExpressionError.

    With ``commutative=False`` every name is a non-commuting symbol, so ``W_2 W_1 x`` keeps its
    order (for claims about matrices and vectors). ``functions`` are names the text defined as
    functions (``T(x) = …``, ``z_1(x_1) = …``): ``T(x)^2`` is then T applied to x, squared,
    not T·x².

    Results are remembered (they are immutable): a class's answers, and one notebook checked
    against several problem files, repeat the same formulas.
    """
    return _parse(text, frozenset(declared), commutative, tuple(functions))


def clear_parse_cache() -> None:
    """Forget parsed formulas (a benchmark's passes start cold)."""
    _parse.cache_clear()


@lru_cache(maxsize=4096)
def _parse(
    text: str, declared: frozenset[str], commutative: bool, functions: tuple[str, ...]
) -> LatexRelation:
    for name in functions:
        text = re.sub(
            rf"(?<![A-Za-z\\]){written_name(name)}(?=\s*(\\left\s*)?\()",
            rf"\\operatorname{{{name}}}",
            text,
        )
    if not text.strip():
        raise ExpressionError(
            "the formula is empty", SourceLocation(line=1, column=1, line_text=text)
        )
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"the formula is longer than {MAX_LENGTH} characters",
            SourceLocation(line=1, column=1, line_text=text[:200]),
        )
    # the layout's blanks keep every position: carets and snippets show the text as written
    folding = replace(fold_unicode(blank_layout(text)), original=text)
    depth = 0
    for position, character in enumerate(folding.folded):
        depth += character in "({["
        depth -= character in ")}]"
        if depth > MAX_DEPTH // 2:
            raise error_at(folding, position, f"brackets nested more than {MAX_DEPTH // 2} deep")
    try:
        tree = _parser().parse(folding.folded)
    except UnexpectedInput as error:
        raise _describe(folding, error) from None
    names = frozenset(normalise_name(name) for name in declared)
    builder = LatexBuilder(folding, names, "written", commutative, frozenset(functions))
    sides = _transform(tree, builder)
    if _readings_may_differ(tree):
        grouped_builder = LatexBuilder(folding, names, "grouped", commutative, frozenset(functions))
        grouped = _transform(tree, grouped_builder)
    else:  # no "a / b c": the two readings cannot differ
        grouped = sides
    digits = max(
        (total_digits(side) for side in (*sides, *grouped) if isinstance(side, sympy.Basic)),
        default=0,
    )
    if digits > MAX_NUMBER_DIGITS_TOTAL:
        message = f"the numbers in the formula have more than {MAX_NUMBER_DIGITS_TOTAL} digits"
        raise error_at(folding, 0, message)
    alternatives = tuple(
        Reading("division takes the whole product that follows it: a / b c = a/(b·c)", other)
        for written, other in zip(sides, grouped, strict=True)
        if isinstance(other, sympy.Basic) and other != written
    )
    options = (declared, commutative, functions)
    others = tuple(
        reading
        for rewrite in _REWRITTEN_READINGS
        for reading in _rewritten_reading(rewrite, text, sides, options)
    )
    return LatexRelation(text, sides, alternatives + others, frozenset(builder.primed))


@dataclass(frozen=True)
class _Rewrite:
    """Another reading of a formula, as text: where ``spotted`` finds it, ``pattern`` becomes
    ``replacement`` and the result is parsed again."""

    spotted: re.Pattern[str]
    pattern: re.Pattern[str]
    replacement: str
    description: str


_SCIENTIFIC = re.compile(
    r"(?<![A-Za-z_\\\d.])(\d+(?:\.\d*)?|\.\d+)[eE]([+-]?\d{1,3})(?![A-Za-z\d])"
)
_REWRITTEN_READINGS = (
    # e^xy: LaTeX raises only the first letter (e^{x}·y), which is how it is read; many mean
    # e^{xy} (never a silent new symbol xy)
    _Rewrite(
        re.compile(r"\^[A-Za-z](?=[A-Za-z])"),
        re.compile(r"\^([A-Za-z][A-Za-z]*)"),
        r"^{\1}",
        "the exponent takes every letter after ^: e^xy = e^{xy}",
    ),
    # 1.0272e-1: LaTeX sets it as 1.0272·e − 1 (Euler's e), which is how it is read; code
    # means a power of ten
    _Rewrite(
        _SCIENTIFIC,
        _SCIENTIFIC,
        r"(\1 \\cdot 10^{\2})",
        "the e is a power of ten, as in code: 1.5e-3 = 1.5·10⁻³",
    ),
)


def _rewritten_reading(
    rewrite: _Rewrite,
    text: str,
    sides: tuple[Side, ...],
    options: tuple[frozenset[str], bool, tuple[str, ...]],
) -> tuple[Reading, ...]:
    """The rewritten reading of each side where it says something else (none where the text
    has nothing to rewrite, or the rewritten text does not parse)."""
    if not rewrite.spotted.search(text):
        return ()
    try:
        other = _parse(rewrite.pattern.sub(rewrite.replacement, text), *options).sides
    except ExpressionError:
        return ()
    return tuple(
        Reading(rewrite.description, second)
        for first, second in zip(sides, other, strict=False)
        if isinstance(second, sympy.Basic) and second != first
    )


def _readings_may_differ(tree: Tree) -> bool:
    """Whether some product has a division followed by a factor (``a / b c``): only there does
    the grouped reading (``readings.combine``) differ from the written one."""
    for product in tree.find_data("product"):
        tail = [child.data if isinstance(child, Tree) else None for child in product.children]
        if any(
            operation == "divide" and following != "divide"
            for operation, following in itertools.pairwise(tail)
        ):
            return True
    return False


def parse_latex_expression(text: str, declared: Collection[str] = ()) -> sympy.Basic:
    """A formula that must be one expression (no ``=``, no derivative notation)."""
    relation = parse_latex(text, declared)
    if len(relation.sides) != 1 or isinstance(relation.sides[0], DerivativeNotation):
        folding = fold_unicode(text)
        raise error_at(folding, 0, "expected one expression, not a relation or a derivative's name")
    return relation.sides[0]


def _transform(tree: Tree, builder: LatexBuilder) -> tuple[Side, ...]:
    def nonsense(meta: Meta | None) -> ExpressionError:
        position = getattr(meta, "start_pos", 0) if meta is not None else 0
        message = "this part of the formula makes no sense as math"
        return error_at(builder.folding, position or 0, message)

    try:
        sides: tuple[Side, ...] = transform(builder, tree, nonsense)
        return sides
    except RecursionError:
        raise error_at(builder.folding, 0, "the formula is nested too deeply") from None
