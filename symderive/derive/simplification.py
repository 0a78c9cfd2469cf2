"""Tidying a raw derivative for display: fast algebra first, SymPy's ``simplify`` only where
identities can pay off, and everything under a time budget.

``sympy.simplify`` tries trigonometric rewriting on anything containing tanh or sigmoid, which
costs seconds and rarely shortens a derivative. So function applications are first masked by
fresh symbols, and the rational function left over is factored and cancelled (milliseconds): this
is what turns the logistic loss's derivative into x·(σ(wx+b) − y). Full ``simplify`` runs only
when sin, cos or tan appear, where identities like sin² + cos² = 1 matter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from symderive.budget import remaining_budget, within_budget
from symderive.derive.steps import Caveat

BUDGET_SECONDS = 2.0
_TRIGONOMETRIC = (sympy.sin, sympy.cos, sympy.tan)


@dataclass(frozen=True)
class Simplification:
    """The shortest form found, and a caveat when the budget cut the search short (skipped when
    the shared budget was spent, stopped at ``BUDGET_SECONDS``)."""

    expression: sympy.Expr
    note: Caveat | None = None


def _masked(expression: sympy.Expr) -> tuple[sympy.Expr, dict[sympy.Symbol, sympy.Expr]]:
    """Replace each outermost function application with a fresh symbol."""
    applications = [
        node for node in sympy.preorder_traversal(expression) if isinstance(node, sympy.Function)
    ]
    replacements = {node: sympy.Dummy(real=True) for node in applications}
    masked = expression.xreplace(replacements)
    return masked, {symbol: node for node, symbol in replacements.items()}


def _algebraic_forms(expression: sympy.Expr) -> list[sympy.Expr]:
    masked, back = _masked(expression)
    forms = [sympy.factor(masked), sympy.cancel(masked), sympy.factor_terms(masked)]
    return [form.xreplace(back) for form in forms]


def simplify_derivative(raw: sympy.Expr) -> Simplification:
    """The shortest of the forms tried (``raw`` itself when nothing is shorter)."""
    candidates: list[sympy.Expr] = [raw]
    attempts: list[tuple[tuple[Caveat, Caveat], Callable[[], list[sympy.Expr]]]] = [
        ((Caveat.FACTORING_SKIPPED, Caveat.FACTORING_STOPPED), lambda: _algebraic_forms(raw))
    ]
    if raw.has(*_TRIGONOMETRIC):
        attempts.append(
            (
                (Caveat.SIMPLIFICATION_SKIPPED, Caveat.SIMPLIFICATION_STOPPED),
                lambda: [sympy.simplify(raw)],
            )
        )
    note = None
    for (skipped, stopped), attempt in attempts:
        nothing: list[sympy.Expr] = []
        forms, finished = within_budget(attempt, BUDGET_SECONDS, nothing)
        candidates.extend(forms)
        if not finished and remaining_budget() == 0:
            note = skipped
        elif not finished:
            note = stopped
    best = min(candidates, key=lambda form: (sympy.count_ops(form), len(str(form))))
    return Simplification(best, note)
