"""Names a student defines next to an answer: "…, where u = x_1 + 5x_2" or "T(x) = tanh(…)".

A claim written with such a name is equal to the derivative only given the definition, so the
checker substitutes what the same section states (before or after the claim) for every name the
derivative itself does not have, and says so. A problem's variables and result are never
redefined this way: ``x = 3`` does not turn a claim about x into a number.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import sympy
from sympy.core.function import AppliedUndef

from symderive.budget import within_budget
from symderive.check.claim import Claim, Hint
from symderive.parsing.names import make_symbol, written_name

MAX_ROUNDS = 4
"""Definitions may use earlier ones (u, then v = u²); deeper nesting is not followed."""
SUBSTITUTE_SECONDS = 1.0
_SUBSCRIPTED_FUNCTION = re.compile(r"[A-Za-z]\d{1,4}")
"""``z_1``, ``f_2``: a function's name with an index, as layers and compositions are named."""


@dataclass(frozen=True)
class Definition:
    """``name = value`` as stated at ``hint``: name a symbol (u) or, for ``T(x) = …`` (which the
    parser first reads T·x), the function T with its ``parameter`` x."""

    name: sympy.Symbol
    value: sympy.Expr
    hint: Hint
    parameter: sympy.Symbol | None = None

    def describe(self) -> str:
        left = f"{self.name}({self.parameter})" if self.parameter is not None else str(self.name)
        return f"{left} = {self.value} (line {self.hint.location.line})"


def _definition(hint: Hint) -> Definition | None:
    if hint.name is not None:
        return Definition(make_symbol(hint.name), hint.value, hint)
    factors = sympy.Mul.make_args(hint.defines) if isinstance(hint.defines, sympy.Expr) else ()
    symbols = [factor for factor in factors if isinstance(factor, sympy.Symbol)]
    if len(factors) != 2 or len(symbols) != 2:
        return None
    # T(x) = tanh(…x…): the parameter is used on the right, the function's name is not
    named = [s for s in symbols if s not in hint.value.free_symbols]
    if len(named) != 1 or not _applied(named[0].name, hint.relation_text or hint.text):
        return None
    function = named[0]
    (parameter,) = [s for s in symbols if s != function]
    return Definition(function, hint.value, hint, parameter)


def _applied(name: str, text: str) -> bool:
    """A one-letter name (``T(x) = …``), or a subscripted one written applied (``z_1(x_1) = …``;
    ``z_1 x_1 = …`` is a product, which defines no function)."""
    if len(name) == 1:
        return True
    if _SUBSCRIPTED_FUNCTION.fullmatch(name) is None:
        return False
    return re.search(rf"(?<![A-Za-z\\]){written_name(name)}\s*(?:\\left\s*)?\(", text) is not None


def definitions_near(claim: Claim, hints: Sequence[Hint]) -> list[Definition]:
    """What the claim's section defines, nearest first."""
    found = []
    for hint in sorted(hints, key=lambda hint: abs(hint.number - claim.number)):
        definition = _definition(hint) if hint.context == claim.context else None
        if definition is not None:
            found.append(definition)
    return found


def function_names(definitions: Sequence[Definition]) -> list[str]:
    """The functions defined (T of ``T(x) = …``, z1 of ``z_1(x_1) = …``), for reading the
    claim again."""
    return sorted({d.name.name for d in definitions if d.parameter is not None})


def with_definitions(
    value: sympy.Expr, definitions: Sequence[Definition], protected: Collection[sympy.Symbol]
) -> tuple[sympy.Expr, tuple[Definition, ...]] | None:
    """``value`` with its unknown names (and defined functions) written out, and the definitions
    used; None when some unknown name has no usable definition or time runs out."""
    unknown = {symbol for symbol in value.free_symbols if symbol not in protected}
    applied = {type(a).__name__ for a in value.atoms(AppliedUndef)}
    if not unknown and not applied:
        return None
    by_name: dict[str, Definition] = {}
    twice = defined_twice(definitions, protected)
    for definition in definitions:
        usable = definition.name not in protected and (
            definition.name not in definition.value.free_symbols
        )
        usable = usable and definition.name.name not in twice
        if usable:
            by_name.setdefault(definition.name.name, definition)  # the nearest statement wins

    def substitute() -> tuple[sympy.Expr, tuple[Definition, ...]] | None:
        current, used = value, list[Definition]()
        for _ in range(MAX_ROUNDS):
            pending = {s.name for s in current.free_symbols if s not in protected}
            pending |= {type(a).__name__ for a in current.atoms(AppliedUndef)}
            if not pending:
                return current, tuple(used)
            if any(name not in by_name for name in pending):
                return None
            for name in sorted(pending):
                definition = by_name[name]
                if definition.parameter is None:
                    current = current.xreplace({definition.name: definition.value})
                else:
                    shape = sympy.Lambda(definition.parameter, definition.value)
                    current = current.replace(sympy.Function(name), shape)
                if definition not in used:
                    used.append(definition)
        return None

    result, finished = within_budget(substitute, SUBSTITUTE_SECONDS, None)
    return result if finished else None


_PARAMETER = sympy.Dummy("parameter")


def _shape(definition: Definition) -> tuple[bool, sympy.Expr]:
    """What a definition says, whatever its parameter is called: z₁(t) = t − 4 and
    z₁(s) = s − 4 say the same."""
    if definition.parameter is None:
        return False, definition.value
    return True, definition.value.xreplace({definition.parameter: _PARAMETER})


def defined_twice(
    definitions: Sequence[Definition], protected: Collection[sympy.Symbol]
) -> dict[str, tuple[Definition, Definition]]:
    """The names the section defines twice, differently (u = x₂ − 4, then u = x₂ + 4), with two
    of their definitions. Which one the student meant is not ours to choose: the one that makes
    the claim right would accept a hedge, the other refute a right answer; neither is used."""
    first: dict[str, Definition] = {}
    found: dict[str, tuple[Definition, Definition]] = {}
    for definition in definitions:
        if definition.name in protected:
            continue
        earlier = first.setdefault(definition.name.name, definition)
        if earlier is not definition and _shape(earlier) != _shape(definition):
            found.setdefault(definition.name.name, (earlier, definition))
    return found


def defined_twice_note(
    value: sympy.Basic, definitions: Sequence[Definition], protected: Collection[sympy.Symbol]
) -> str | None:
    """Why a value that uses a name defined twice, differently, is not compared; None when it
    uses none."""
    used = {symbol.name for symbol in value.free_symbols if isinstance(symbol, sympy.Symbol)}
    used |= {type(applied).__name__ for applied in value.atoms(AppliedUndef)}
    twice = defined_twice(definitions, protected)
    clashes = [pair for name, pair in sorted(twice.items()) if name in used]
    if not clashes:
        return None
    stated = "; ".join(f"{first.describe()} and {second.describe()}" for first, second in clashes)
    return f"defined twice, differently: {stated}; which one is meant is unclear: not compared"
