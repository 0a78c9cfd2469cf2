"""Simplifying a derivative: the shortest form found, and a note whenever a budget cut it short."""

from __future__ import annotations

import sympy

from symderive.budget import shared_budget
from symderive.derive.simplification import simplify_derivative
from symderive.derive.steps import Caveat

x = sympy.Symbol("x", real=True)


def test_the_shortest_form_is_kept() -> None:
    found = simplify_derivative(sympy.sin(x) ** 2 + sympy.cos(x) ** 2)
    assert found.expression == 1 and found.note is None


def test_a_spent_shared_budget_shows_the_derivative_as_derived_and_says_so() -> None:
    raw = sympy.sin(x) ** 2 + sympy.cos(x) ** 2
    with shared_budget(0):
        found = simplify_derivative(raw)
    assert found.expression == raw
    assert found.note is Caveat.SIMPLIFICATION_SKIPPED
