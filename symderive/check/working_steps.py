"""Working steps a student writes on the way to an answer, each checked on its own terms.

``d/dx (E) = V`` states its own expression: it is checked against SymPy's derivative of E.
``∂u/∂x₂ = 5`` after ``u = x₁ + 5x₂`` is about an intermediate the answer defines: it is
checked against that definition. Neither counts as an answer to the problem's derivative,
unless E is the problem's own function (by its name or written out).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sympy
from sympy.core.function import AppliedUndef

from symderive.budget import within_budget
from symderive.check.claim import Claim
from symderive.check.definitions import Definition
from symderive.check.equivalence import Verdict, compare
from symderive.check.kinds import checks_for
from symderive.check.mistakes import kink_values
from symderive.check.report import ACCEPTED, ClaimResult
from symderive.functions import to_native
from symderive.parsing.names import make_symbol
from symderive.parsing.notation import DerivativeNotation
from symderive.solve import Solution


def check_working_step(
    claim: Claim, definitions: Sequence[Definition], solutions: dict[str, Solution]
) -> ClaimResult | None:
    """The claim's verdict as a working step, or None when it is no working step."""
    notation = claim.notation
    if (
        notation is not None
        and notation.expression is not None
        and notation.variable
        and not _names_the_function(notation.expression, notation.variable, claim.text)
        and not _names_the_result(notation.expression, solutions.get(claim.problem_id or ""))
    ):
        return _check_stated_derivative(claim, notation.expression, notation)
    intermediate = _defined_intermediate(claim, definitions, solutions)
    if intermediate is not None:
        return _check_intermediate(claim, intermediate)
    return None


def _names_the_result(expression: sympy.Basic, solution: Solution | None) -> bool:
    """``∂/∂x_1 z`` or ``d/dx ReLU(x)``: the operator applied to the problem's own function, by
    its name or written out, so the claim answers the problem's derivative."""
    own_function = checks_for(solution.problem.kind).own_function(solution) if solution else None
    if own_function is None:
        return False
    if isinstance(expression, sympy.Symbol) and expression.name == own_function.name:
        return True
    own = own_function.expression

    def same() -> bool:
        return bool(sympy.expand(to_native(expression) - to_native(own)) == 0)

    equal, finished = within_budget(same, 0.5, False)
    return finished and equal


def _names_the_function(expression: sympy.Basic, variable: str, text: str) -> bool:
    """``\\frac{d}{dx} \\operatorname{GELU}(x)`` or ``\\frac{d}{dx} f(x)``: the problem's own
    function, named rather than written out, so the claim answers the problem's derivative."""
    if expression.atoms(AppliedUndef):
        return True
    factors = sympy.Mul.make_args(expression)
    symbol = make_symbol(variable)
    if len(factors) != 2 or symbol not in factors:
        return False
    other = next(factor for factor in factors if factor != symbol)
    if not isinstance(other, sympy.Symbol) or len(other.name) != 1:
        return False
    # f(x), written with parentheses: a product w x has none
    return re.search(rf"(?<![A-Za-z\\]){other.name}\s*(\\left)?\s*\(", text) is not None


def differentiation_variables(notation: DerivativeNotation) -> list[sympy.Symbol]:
    """The variables a named derivative differentiates by, in turn: [x] for ∂/∂x, [x, x] for
    ∂²/∂x², [x, y] for ∂²/∂x∂y."""
    assert notation.variable is not None
    variables = [make_symbol(notation.variable)]
    if notation.order == 2:
        variables.append(make_symbol(notation.second_variable or notation.variable))
    return variables


def _check_stated_derivative(
    claim: Claim, expression: sympy.Basic, notation: DerivativeNotation
) -> ClaimResult:
    """``d/dx (E) = V`` names its own expression: checked against SymPy's diff of E, directly
    (twice for ``d²/dx²``, by both variables for ``∂²/∂x∂y``)."""
    variables = differentiation_variables(notation)
    symbol = variables[0]
    correct = sympy.diff(to_native(expression), *variables)
    assert claim.value is not None
    comparison = compare(claim.value, correct)
    notes: tuple[str, ...] = (
        "a derivative of the expression it states (a step), checked on its own",
    )
    verdict = comparison.verdict
    if verdict in ACCEPTED and notation.order == 1 and correct.free_symbols <= {symbol}:
        kinks = kink_values(claim.value, correct, [symbol])
        notes += tuple(kink.note() for kink in kinks)
        if any(not kink.valid and kink.claimed is not None for kink in kinks):
            verdict = Verdict.REFUTED
    return ClaimResult(claim, verdict, None, comparison, None, notes)


def _defined_intermediate(
    claim: Claim, definitions: Sequence[Definition], solutions: dict[str, Solution]
) -> Definition | None:
    """The answer's own definition of the name a claim differentiates (``u = x₁ + 5x₂``, then
    ``∂u/∂x₂ = 5``): a working step about an intermediate, not an answer to ``∂z/∂x₂``."""
    notation = claim.notation
    if notation is None or notation.function is None or not notation.variable:
        return None
    solution = solutions.get(claim.problem_id or "")
    own = checks_for(solution.problem.kind).own_function(solution) if solution else None
    name = make_symbol(notation.function).name
    if own is not None and own.name == name:
        return None
    return next((d for d in definitions if d.parameter is None and d.name.name == name), None)


def _check_intermediate(claim: Claim, definition: Definition) -> ClaimResult:
    """A derivative of a name the answer defines, checked against that definition."""
    assert claim.notation is not None and claim.notation.variable and claim.value is not None
    correct = sympy.diff(to_native(definition.value), *differentiation_variables(claim.notation))
    comparison = compare(claim.value, correct)
    note = (
        f"a step about {definition.name}, which the answer defines as {definition.describe()}: "
        "checked against that definition, not counted as an answer"
    )
    return ClaimResult(claim, comparison.verdict, None, comparison, None, (note,))
