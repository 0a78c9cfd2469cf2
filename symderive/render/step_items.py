"""A derivation's step tree as document items: shared by every kind that derives.

Each step says its rule, what it differentiates, how it was checked and the general formula it
applies; a caveat (a kink) travels with its step.
"""

from __future__ import annotations

import sympy

from symderive.derive.steps import Derivation, Step
from symderive.render import texts
from symderive.render.caveats import caveat_text
from symderive.render.document import Inline, Math, StepItem
from symderive.render.mathtext import latex_to_unicode
from symderive.render.rule_formulas import formula_latex

RULE_FORMULA = "; rule "


def derivation_step_items(derivation: Derivation) -> tuple[StepItem, ...]:
    """The step tree, then the simplification step: shared by every kind that derives."""
    u = texts.fresh_u(derivation.expression)
    items = [_step_item(derivation.step, derivation.wrt, u)]
    if derivation.simplification is not None:
        items.append(_step_item(derivation.simplification, derivation.wrt, u))
    return tuple(items)


def _step_item(step: Step, wrt: sympy.Symbol, u: sympy.Symbol) -> StepItem:
    line = texts.step_line(step, wrt, u)
    statement: list[Inline] = [
        Math(texts.latex_step_statement(line), texts.unicode_step_statement(line))
    ]
    if line.inner is not None:
        statement += [", with ", Math.equation(Math.of(line.wrt), Math.of(line.inner))]
    details: list[Inline] = [texts.verification_text(step.verification)]
    formula = formula_latex(step.formula)
    if formula:
        details += [RULE_FORMULA, Math(formula, latex_to_unicode(formula))]
    return StepItem(
        texts.rule_label(step.rule),
        tuple(statement),
        tuple(details),
        caveat_text(step.note),
        tuple(_step_item(child, wrt, u) for child in step.children),
    )
