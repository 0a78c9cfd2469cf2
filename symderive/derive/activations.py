"""The solution of an ``activation`` problem: definition, derivation, idiomatic form, kinks, checks.

The derivative is derived by the rule engine from the function's explicit definition (every step
checked against SymPy's ``diff``), then the idiomatic form (σ' = σ(1 − σ), …) is *proved* equal
to it, on each side of a kink where the function has one. Kinks get their one-sided derivatives
as limits of difference quotients, computed by SymPy, and every derivative is compared with a
central finite difference at random points away from the kinks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import sympy

from symderive.activation_names import Parameter, parameters_of
from symderive.budget import within_budget
from symderive.derive.activation_catalogue import (
    CATALOGUE,
    Abbreviation,
    ActivationEntry,
    Remark,
)
from symderive.derive.activation_checks import (
    NumericCheck,
    check_points,
    decimal,
    finite_difference_check,
    is_finite_real,
)
from symderive.derive.activation_kinks import Kink, find_kinks
from symderive.derive.differentiate import derive
from symderive.derive.steps import Derivation, Verification
from symderive.derive.verify import check_equal, numerically_equal, symbolically_equal
from symderive.errors import InputError, VerificationError
from symderive.functions import to_native
from symderive.problem import ActivationProblem

if TYPE_CHECKING:  # softmax.py builds on this module
    from symderive.derive.activation_second import SecondDerivative
    from symderive.derive.softmax import Jacobian

PROOF_BUDGET_SECONDS = 2.0
DEFAULT_PLOT = (sympy.Integer(-4), sympy.Integer(4))
USER_FUNCTION = "expression"


class ProofMethod(StrEnum):
    """How an equality of two forms was shown; a printer says it in words."""

    EXPANSION = "expansion"
    EXPONENTIALS = "exponentials"
    SIMPLIFICATION = "simplification"
    RANDOM_POINTS = "random points"


class ProofScope(StrEnum):
    """What one proof of many equalities covers: every entry of a Jacobian, or every row."""

    EVERY_ENTRY = "every entry"
    EVERY_ROW = "every row"


@dataclass(frozen=True)
class EqualityProof:
    """How two forms were shown equal, as codes a printer words.

    ``methods`` are the distinct methods that succeeded, in order; ``sides`` the conditions on
    the variable (x > 0, x < 0) under which a form with a kink was proved piece by piece;
    ``scope`` what a proof combining many equalities covers.
    """

    methods: tuple[ProofMethod, ...]
    verification: Verification
    sides: tuple[sympy.Rel, ...] = ()
    scope: ProofScope | None = None


@dataclass(frozen=True)
class IdiomaticForm:
    """The derivative as textbooks write it, proved equal to the derived one."""

    expression: sympy.Expr
    abbreviations: tuple[Abbreviation, ...]
    remark: Remark | None
    proof: EqualityProof
    recognised_as: str | None = None


@dataclass(frozen=True)
class ParameterValue:
    """A parameter's value in this problem, and whether it is the default."""

    parameter: Parameter
    value: sympy.Rational
    default: bool


@dataclass(frozen=True)
class ActivationSolution:
    """Everything a renderer needs about one activation function and its derivative.

    Scalar functions have ``derivation``; softmax and log-softmax have ``jacobian`` instead
    (see ``softmax.py``). Expressions keep parameters as symbols (α, β); ``values`` substitutes
    them for kinks, checks and plots.
    """

    problem: ActivationProblem
    name: str
    title: str
    latex_name: str
    unicode_name: str
    variable: sympy.Symbol
    parameters: tuple[ParameterValue, ...]
    definition: sympy.Expr
    derivation: Derivation | None
    idiomatic: IdiomaticForm | None
    kinks: tuple[Kink, ...]
    jacobian: Jacobian | None
    checks: tuple[NumericCheck, ...]
    plot: tuple[sympy.Rational, sympy.Rational] | None
    second: SecondDerivative | None = None
    """f''(x), for a problem with ``order: 2`` (``activation_second.py``)."""

    @property
    def values(self) -> dict[sympy.Symbol, sympy.Rational]:
        return {item.parameter.symbol: item.value for item in self.parameters}

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)


def prove_equal(
    left: sympy.Expr, right: sympy.Expr, variable: sympy.Symbol, *, sides: bool = False
) -> EqualityProof:
    """Prove ``left == right`` symbolically where possible; else test it numerically.

    With ``sides`` the two are compared on x > 0 and on x < 0 separately (x = ±t, t > 0), which
    is how forms with a kink at 0 are proved. Raises VerificationError when they differ.
    """
    if sides:
        positive = sympy.Dummy("t", positive=True)
        proofs = [
            _prove(
                left.xreplace({variable: sign * positive}),
                right.xreplace({variable: sign * positive}),
            )
            for sign in (1, -1)
        ]
        verification = (
            Verification.SYMBOLIC
            if all(p.verification is Verification.SYMBOLIC for p in proofs)
            else Verification.NUMERIC
        )
        methods = tuple(dict.fromkeys(method for p in proofs for method in p.methods))
        sides_of_kink = (
            sympy.StrictGreaterThan(variable, 0, evaluate=False),
            sympy.StrictLessThan(variable, 0, evaluate=False),
        )
        return EqualityProof(methods, verification, sides=sides_of_kink)
    return _prove(left, right)


def _prove(left: sympy.Expr, right: sympy.Expr) -> EqualityProof:
    left, right = to_native(left), to_native(right)
    if symbolically_equal(left, right):
        return EqualityProof((ProofMethod.EXPANSION,), Verification.SYMBOLIC)
    difference = left - right
    attempts = (
        (ProofMethod.EXPONENTIALS, lambda: sympy.cancel(difference.rewrite(sympy.exp))),
        (ProofMethod.SIMPLIFICATION, lambda: sympy.simplify(difference)),
    )
    for method, attempt in attempts:
        result, finished = within_budget(attempt, PROOF_BUDGET_SECONDS, None)
        if finished and result == 0:
            return EqualityProof((method,), Verification.SYMBOLIC)
    verification = check_equal(left, right, "the idiomatic form")
    return EqualityProof((ProofMethod.RANDOM_POINTS,), verification)


def parameter_values(
    name: str, given: Mapping[sympy.Symbol, sympy.Rational]
) -> tuple[ParameterValue, ...]:
    """Every parameter of the function, with the value given or its default."""
    return tuple(
        ParameterValue(p, given.get(p.symbol, p.default), p.symbol not in given)
        for p in parameters_of(name)
    )


def solve_activation(problem: ActivationProblem) -> ActivationSolution:
    """Derive, recognise, prove, locate kinks and check numerically: one activation problem."""
    if problem.function in ("softmax", "log_softmax"):
        from symderive.derive.softmax import solve_vector

        return solve_vector(problem)
    if problem.function is not None:
        return _solve_catalogue(problem, CATALOGUE[problem.function])
    return _solve_expression(problem)


def _solve_catalogue(problem: ActivationProblem, entry: ActivationEntry) -> ActivationSolution:
    x = problem.variable
    parameters = parameter_values(entry.name, problem.parameters)
    values = {item.parameter.symbol: item.value for item in parameters}
    fixed = dict(entry.fixed)
    definition = entry.definition(x).xreplace(fixed)
    derivation = derive(definition, x)
    template = entry.idiomatic(x)
    expression = template.expression.xreplace(fixed)
    expanded = template.expanded().xreplace(fixed)
    proof = prove_equal(expanded, derivation.result, x, sides=entry.kinked)
    idiomatic = IdiomaticForm(expression, template.abbreviations, template.remark, proof)
    kinks = find_kinks(definition, x, derivation.result, values, entry.convention)
    return _finish(
        problem,
        entry.name,
        entry.title,
        entry.latex_name,
        entry.unicode_name,
        parameters,
        definition,
        derivation,
        idiomatic,
        kinks,
    )


def _solve_expression(problem: ActivationProblem) -> ActivationSolution:
    assert problem.expression is not None
    x = problem.variable
    definition = problem.expression.expression
    derivation = derive(definition, x)
    values = dict(problem.parameters)
    idiomatic = recognise(definition, derivation.result, x)
    kinks = find_kinks(definition, x, derivation.result, values)
    name = problem.expression.name
    return _finish(
        problem,
        USER_FUNCTION,
        "your function",
        name,
        name,
        (),
        definition,
        derivation,
        idiomatic,
        kinks,
    )


def recognise(
    definition: sympy.Expr, derivative: sympy.Expr, x: sympy.Symbol
) -> IdiomaticForm | None:
    """A user's function equal to a catalogue entry gets that entry's idiomatic form, proved."""
    native = to_native(definition)
    for entry in CATALOGUE.values():
        candidate = entry.definition(x).xreplace(dict(entry.fixed))
        if candidate.free_symbols - native.free_symbols:
            continue
        close, _ = numerically_equal(
            native, to_native(candidate), sorted(native.free_symbols, key=str)
        )
        if not close:
            continue
        try:
            if _prove(native, candidate).verification is not Verification.SYMBOLIC:
                continue
        except Exception:  # a failed proof only means "not this entry"
            continue
        template = entry.idiomatic(x)
        expanded = template.expanded().xreplace(dict(entry.fixed))
        proof = prove_equal(expanded, derivative, x, sides=entry.kinked)
        return IdiomaticForm(
            template.expression.xreplace(dict(entry.fixed)),
            template.abbreviations,
            template.remark,
            proof,
            entry.title,
        )
    return None


def _finish(
    problem: ActivationProblem,
    name: str,
    title: str,
    latex_name: str,
    unicode_name: str,
    parameters: tuple[ParameterValue, ...],
    definition: sympy.Expr,
    derivation: Derivation,
    idiomatic: IdiomaticForm | None,
    kinks: tuple[Kink, ...],
) -> ActivationSolution:
    x = problem.variable
    values = {**{p.parameter.symbol: p.value for p in parameters}, **dict(problem.parameters)}
    low, high = problem.plot or DEFAULT_PLOT
    seed = f"{problem.id}:{name}"
    function = to_native(definition.xreplace(values))
    derivative = to_native(derivation.result.xreplace(values))

    def usable(value: sympy.Rational) -> bool:
        return is_finite_real(function.xreplace({x: value})) and is_finite_real(
            derivative.xreplace({x: value})
        )

    points = check_points(seed, low, high, [k.point for k in kinks], usable)
    checks = tuple(finite_difference_check(function, derivative, x, {x: value}) for value in points)
    if not checks:
        raise InputError(
            f"{problem.id}: the function has no real value at any point of [{decimal(low)}, "
            f"{decimal(high)}] away from its kinks; choose another range with 'plot'",
            problem.expression_location or problem.location,
        )
    failed = [check for check in checks if not check.passed]
    if failed:
        raise VerificationError(
            f"finite differences disagree with the derivative of {definition}: {failed}"
        )
    return ActivationSolution(
        problem,
        name,
        title,
        latex_name,
        unicode_name,
        x,
        parameters,
        definition,
        derivation,
        idiomatic,
        kinks,
        None,
        checks,
        problem.plot,
    )
