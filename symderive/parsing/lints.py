"""Warnings about text that parses but may not say what its writer meant.

The classic is the course's own ``exp(x3^2) / 5*x4^2``: ordinary precedence reads
``(exp(x3^2)/5)·x4^2``, while many readers mean ``exp(x3^2)/(5·x4^2)``. Lints are found on the
parse tree, so they depend on how the text was written, not on what SymPy makes of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lark import Token, Tree

_TIMES = {"explicit_times", "implicit_times"}


@dataclass(frozen=True)
class Lint:
    """A warning with the 1-based column it points at, inside the expression's text."""

    code: str
    message: str
    column: int


def _source(text: str, tree: Tree | Token) -> str:
    if isinstance(tree, Token):
        return str(tree)
    meta = tree.meta
    if getattr(meta, "empty", True):
        return ""
    return text[meta.start_pos : meta.end_pos].strip()


def _operand(tail: Tree) -> Tree | Token:
    return tail.children[-1]


def _slash_column(tail: Tree) -> int:
    slash = tail.children[0]
    return slash.column if isinstance(slash, Token) and isinstance(slash.column, int) else 1


def _product_lints(text: str, product: Tree) -> list[Lint]:
    first, tails = product.children[0], [c for c in product.children[1:] if isinstance(c, Tree)]
    found: list[Lint] = []
    divisions = [index for index, tail in enumerate(tails) if tail.data == "divide"]
    if divisions:
        first_division = divisions[0]
        later_products = [tail for tail in tails[first_division + 1 :] if tail.data in _TIMES]
        if later_products:
            numerator = " ".join(
                [_source(text, first)] + [_source(text, tail) for tail in tails[:first_division]]
            ).strip()
            denominator_parts = [_source(text, _operand(tails[first_division]))] + [
                _source(text, _operand(tail))
                for tail in tails[first_division + 1 :]
                if tail.data in _TIMES
            ]
            whole = _source(text, product)
            found.append(
                Lint(
                    "division-then-product",
                    f"'{whole}' is read as ({numerator}/{denominator_parts[0]})·"
                    f"{'·'.join(denominator_parts[1:])}, by ordinary precedence; if "
                    f"{numerator}/({'·'.join(denominator_parts)}) is meant, write the "
                    "parentheses. Both readings are solved; the written one is graded.",
                    _slash_column(tails[first_division]),
                )
            )
    if len(divisions) >= 2:
        found.append(
            Lint(
                "repeated-division",
                f"'{_source(text, product)}' chains divisions; it is read left to right, "
                "a/b/c = a/(b·c). Parentheses make the intent explicit.",
                _slash_column(tails[divisions[1]]),
            )
        )
    previous: Tree | Token = first
    for tail in tails:
        operand = _operand(tail)
        if (
            tail.data == "implicit_times"
            and isinstance(previous, Tree)
            and previous.data == "name"
            and isinstance(operand, Tree)
            and operand.data == "group"
        ):
            name = _source(text, previous)
            column = operand.meta.column if not getattr(operand.meta, "empty", True) else 1
            found.append(
                Lint(
                    "name-before-parenthesis",
                    f"'{name}{_source(text, operand)}' is read as the product {name}·"
                    f"{_source(text, operand)}; {name!r} is not a known function.",
                    column,
                )
            )
        previous = operand
    return found


def find_lints(tree: Tree, text: str | None = None) -> list[Lint]:
    """All lints of a parsed expression, in the order their columns appear."""
    source = text if text is not None else ""
    found: list[Lint] = []
    for product in tree.find_data("product"):
        found.extend(_product_lints(source, product))
    return sorted(found, key=lambda lint: lint.column)
