"""A chain of equalities, checked link by link: ``a = b = c`` holds only if every ``=`` does.

A student's derivation is a sequence of expressions, each claimed equal to the one before.
The first line is checked against the problem's own definition (so a chain that starts from the
wrong expression is caught at its start), every link is compared by the same staged machinery
as single answers, and the first broken link is named with a counterexample.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from symderive.check.equivalence import Comparison, Verdict, compare

_EQUAL = (Verdict.PROVED, Verdict.NUMERICALLY_EQUAL)


@dataclass(frozen=True)
class LinkResult:
    """One ``=`` of the chain: between line ``index`` and line ``index + 1`` (0-based)."""

    index: int
    comparison: Comparison

    @property
    def holds(self) -> bool:
        return self.comparison.verdict in _EQUAL


@dataclass(frozen=True)
class ChainResult:
    """Every link's result; ``start`` compares the first line with the problem's definition."""

    start: Comparison | None
    links: tuple[LinkResult, ...]

    @property
    def first_broken(self) -> LinkResult | None:
        return next((link for link in self.links if not link.holds), None)

    @property
    def holds(self) -> bool:
        starts_right = self.start is None or self.start.verdict in _EQUAL
        return starts_right and self.first_broken is None


def check_chain(
    lines: Sequence[sympy.Expr],
    definition: sympy.Expr | None = None,
    proof_seconds: float = 1.0,
) -> ChainResult:
    """Compare the first line with ``definition`` (if given) and each line with the next."""
    start = (
        compare(lines[0], definition, proof_seconds=proof_seconds)
        if definition is not None
        else None
    )
    links = tuple(
        LinkResult(index, compare(lines[index + 1], lines[index], proof_seconds=proof_seconds))
        for index in range(len(lines) - 1)
    )
    return ChainResult(start, links)
