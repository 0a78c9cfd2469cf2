"""A derivation is a tree of steps; each step is data, rendered by printers and serialised to JSON.

A rule returns its result together with the ``Step`` that records it, the way each micrograd
operation returns its output with its backward closure: compute, record, return.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

import sympy


class Rule(StrEnum):
    """The named differentiation rules a step can use."""

    CONSTANT = "constant"
    VARIABLE = "variable"
    SUM = "sum"
    CONSTANT_MULTIPLE = "constant multiple"
    PRODUCT = "product"
    QUOTIENT = "quotient"
    POWER = "power"
    GENERAL_POWER = "general power"
    EXPONENTIAL = "exponential"
    LOGARITHM = "logarithm"
    CHAIN = "chain"
    TRIGONOMETRIC = "trigonometric"
    INVERSE_TRIGONOMETRIC = "inverse trigonometric"
    HYPERBOLIC = "hyperbolic"
    SPECIAL_FUNCTION = "special function"
    PIECEWISE = "piecewise"
    SIMPLIFY = "simplify"


class Formula(StrEnum):
    """Which general formula a step applies; a printer writes it out beside the step.

    A rule can have several (the exponential rule is e^u or a^u, the piecewise rule max or cases),
    so a step names its formula rather than only its rule.
    """

    CONSTANT = "constant"
    VARIABLE = "variable"
    SUM = "sum"
    CONSTANT_MULTIPLE = "constant multiple"
    PRODUCT = "product"
    QUOTIENT = "quotient"
    POWER = "power"
    GENERAL_POWER = "general power"
    EXPONENTIAL = "exponential"
    NATURAL_EXPONENTIAL = "natural exponential"
    LOGARITHM = "logarithm"
    CHAIN = "chain"
    EXTREMUM = "extremum"
    CASES = "cases"
    SINE = "sine"
    COSINE = "cosine"
    TANGENT = "tangent"
    ARCSINE = "arcsine"
    ARCCOSINE = "arccosine"
    ARCTANGENT = "arctangent"
    HYPERBOLIC_SINE = "hyperbolic sine"
    HYPERBOLIC_COSINE = "hyperbolic cosine"
    HYPERBOLIC_TANGENT = "hyperbolic tangent"
    SIGMOID = "sigmoid"
    RELU = "relu"
    SOFTPLUS = "softplus"
    ABSOLUTE_VALUE = "absolute value"
    ERROR_FUNCTION = "error function"
    STEP_FUNCTION = "step function"


class Caveat(StrEnum):
    """Why a step's result needs a word of caution; a printer says it in words."""

    RELU_KINK = "relu kink"
    ABSOLUTE_VALUE_KINK = "absolute value kink"
    STEP_JUMP = "step jump"
    MAX_TIE = "max tie"
    MIN_TIE = "min tie"
    CASES_JOIN = "cases join"
    FACTORING_SKIPPED = "factoring skipped"
    FACTORING_STOPPED = "factoring stopped"
    SIMPLIFICATION_SKIPPED = "simplification skipped"
    SIMPLIFICATION_STOPPED = "simplification stopped"


class Verification(StrEnum):
    """How a step's result was checked against SymPy's own ``diff``."""

    SYMBOLIC = "symbolic"
    NUMERIC = "numeric"
    NOT_CHECKED = "not checked"


@dataclass(frozen=True)
class OuterForm:
    """d f(u)/du as the rule computed and checked it, in a placeholder ``u``.

    Kept so that a printer can show ``d/du f(u) = f'(u), with u = inner`` by renaming the
    placeholder, instead of differentiating f(u) again when SymPy folded u into x (e^(−x²/2)).
    """

    placeholder: sympy.Symbol
    function: sympy.Expr
    derivative: sympy.Expr

    def named(self, name: sympy.Symbol) -> tuple[sympy.Expr, sympy.Expr]:
        """(f(name), f'(name)): the placeholder renamed for printing."""
        renaming = {self.placeholder: name}
        return self.function.xreplace(renaming), self.derivative.xreplace(renaming)


@dataclass(frozen=True)
class Step:
    """One application of a rule: d(before)/d(wrt) = after, justified by its children.

    ``wrt`` is the variable for ordinary steps. For the outer step of a chain rule it is the inner
    expression itself (d f(u)/du), so a printer can say "with u = …". ``formula`` names the rule's
    general form, shown beside the step; ``note`` names a caveat such as a kink.
    ``outer`` is the outer derivative f'(u) of a function or power rule as it was computed, before
    u was replaced by the inner expression.
    """

    rule: Rule
    before: sympy.Expr
    wrt: sympy.Expr
    after: sympy.Expr
    children: tuple[Step, ...] = ()
    note: Caveat | None = None
    formula: Formula | None = None
    verification: Verification = Verification.NOT_CHECKED
    outer: OuterForm | None = None

    def verified(self, how: Verification) -> Step:
        """A copy of this step recording how it was verified."""
        return replace(self, verification=how)

    def walk(self) -> list[Step]:
        """This step and all its descendants, parents before children."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found


@dataclass(frozen=True)
class Derivation:
    """The derivative of ``expression`` with respect to ``wrt``, with its step tree.

    ``raw`` is what the rules produce; ``simplified`` what the visible simplification step makes
    of it (equal to ``raw`` when simplification changes nothing or ran out of time).
    """

    expression: sympy.Expr
    wrt: sympy.Symbol
    step: Step
    simplification: Step | None = None
    notes: tuple[Caveat, ...] = field(default_factory=tuple)

    @property
    def raw(self) -> sympy.Expr:
        return self.step.after

    @property
    def result(self) -> sympy.Expr:
        return self.simplification.after if self.simplification else self.step.after
