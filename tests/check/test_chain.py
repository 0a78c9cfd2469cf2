"""Step chains: every link checked, the first broken one named, the start checked."""

from __future__ import annotations

import sympy

from symderive.check.chain import check_chain
from symderive.check.equivalence import Verdict
from symderive.parsing.expression import parse_expression


def _lines(*texts: str) -> list[sympy.Expr]:
    return [parse_expression(text).expression for text in texts]


def test_a_correct_chain_holds() -> None:
    lines = _lines("w2*(w1*x + b1) + b2", "w2*w1*x + w2*b1 + b2", "w1*w2*x + (w2*b1 + b2)")
    result = check_chain(lines, definition=lines[0])
    assert result.holds
    assert [link.comparison.verdict for link in result.links] == [Verdict.PROVED, Verdict.PROVED]


def test_the_first_broken_link_is_named_with_a_counterexample() -> None:
    lines = _lines("(x+1)^2", "x^2 + 2x + 1", "x^2 + x + 1", "x^2 + x + 1")
    result = check_chain(lines)
    broken = result.first_broken
    assert broken is not None and broken.index == 1
    assert broken.comparison.counterexample is not None
    assert not result.holds


def test_the_first_line_is_checked_against_the_definition() -> None:
    lines = _lines("w2*w1*x + b2", "w1*w2*x + b2")
    result = check_chain(lines, definition=parse_expression("w2*(w1*x + b1) + b2").expression)
    assert result.start is not None and result.start.verdict is Verdict.REFUTED
    assert result.first_broken is None
    assert not result.holds
