"""A transformer's own errors surface as raised; any other failure is located at its node."""

from __future__ import annotations

import pytest
from lark import Lark, Transformer, Tree
from lark.tree import Meta

from symderive.errors import ExpressionError, SourceLocation
from symderive.parsing.transforms import transform

GRAMMAR = """
start: word+
word: /[a-z]+/
%ignore " "
"""


class Failing(Transformer):
    """Refuses "ours" with an ExpressionError of its own, and breaks on "bug"."""

    def word(self, children: list[object]) -> str:
        text = str(children[0])
        if text == "ours":
            raise ExpressionError("our own message", SourceLocation("x", 1, 9))
        if text == "bug":
            raise ValueError("not ours")
        return text


def _tree(text: str) -> Tree:
    return Lark(GRAMMAR, propagate_positions=True).parse(text)


def _nonsense(meta: Meta | None) -> ExpressionError:
    column = getattr(meta, "column", 0) if meta is not None else 0
    return ExpressionError("makes no sense", SourceLocation("x", 1, column))


def test_our_own_error_surfaces_unchanged() -> None:
    with pytest.raises(ExpressionError, match="our own message") as raised:
        transform(Failing(), _tree("ab ours"), _nonsense)
    assert raised.value.location is not None and raised.value.location.column == 9


def test_another_failure_is_located_at_its_node() -> None:
    with pytest.raises(ExpressionError, match="makes no sense") as raised:
        transform(Failing(), _tree("ab bug"), _nonsense)
    assert raised.value.location is not None and raised.value.location.column == 4
    assert raised.value.__cause__ is None


def test_a_good_tree_is_transformed() -> None:
    assert transform(Failing(), _tree("ab cd"), _nonsense) == Tree("start", ["ab", "cd"])
