"""Answers to a ``partials`` problem: one target per variable, and the graph behind them.

A claim may name a node of the computational graph (``∂u_2/∂x_3``), and a chain may be a
backprop sweep written by hand (``ū₃ = z̄ = 1``): both are read against every reading's graph.
"""

from __future__ import annotations

from collections.abc import Iterator

import sympy

from symderive.check.claim import StepChain
from symderive.check.graph_claims import check_graph_claim
from symderive.check.kind_checks import KindChecks, OwnFunction, Reading, Subject
from symderive.check.mistakes import MistakeContext
from symderive.check.targets import Target, second_derivative_key
from symderive.derive.partials import PartialsSolution
from symderive.derive.second_partials import second_partial_name
from symderive.parsing.expression import ParsedExpression
from symderive.parsing.notation import DerivativeNotation
from symderive.problem import PartialsProblem


def targets(solution: PartialsSolution) -> Iterator[Target]:
    """One target per variable of the graded reading, with what a likely mistake would give."""
    graded = solution.graded
    name = solution.result_name
    at = solution.problem.at
    point = tuple((symbol, at[symbol]) for symbol in at) if at is not None else ()
    for derivation in graded.derivatives:
        others = tuple(
            (other.wrt, other.result) for other in graded.derivatives if other.wrt != derivation.wrt
        )
        readings = tuple(
            (reading.description, reading.derivative(derivation.wrt).result)
            for reading in solution.readings[1:]
        )
        context = MistakeContext(
            graded.expression, derivation.wrt, derivation.result, others, readings
        )
        yield Target(
            solution.problem.id,
            f"d{name}/d{derivation.wrt.name}",
            derivation.wrt.name,
            derivation.result,
            tuple(sorted(graded.expression.free_symbols, key=lambda s: s.name)),
            context,
            point=point,
            point_kinks=graded.kinks_at_point,
        )
    yield from _second_partial_targets(solution, point)


def _second_partial_targets(
    solution: PartialsSolution, point: tuple[tuple[sympy.Symbol, sympy.Rational], ...]
) -> Iterator[Target]:
    """With ``order: 2``, one target per second partial; ∂²/∂x∂y and ∂²/∂y∂x are one. At a
    point on a kink a second partial has no value to compare a number with: no point there."""
    graded = solution.graded
    variables = tuple(sorted(graded.expression.free_symbols, key=lambda s: s.name))
    for partial in solution.second_partials:
        context = MistakeContext(
            graded.derivative(partial.first).result, partial.second, partial.result
        )
        yield Target(
            solution.problem.id,
            second_partial_name(solution.result_name, partial.first, partial.second),
            second_derivative_key(partial.first.name, partial.second.name),
            partial.result,
            variables,
            context,
            point=() if partial.value is None else point,
            point_kinks=graded.kinks_at_point,
            order=2,
        )


def restated_expression(problem: PartialsProblem) -> ParsedExpression:
    return problem.expression


def fits(subject: Subject, problem: PartialsProblem) -> bool:
    """``dz/dx_1`` fits when z is the result and x_1 a variable asked for; ``z = …`` when z is
    the result."""
    result = problem.expression.result_name
    if isinstance(subject, DerivativeNotation):
        if subject.function is not None and result is not None and subject.function != result:
            return False
        argument = subject.argument
        variable = subject.variable or (
            argument.name if isinstance(argument, sympy.Symbol) else None
        )
        asked = {symbol.name for symbol in problem.wrt}
        if subject.order == 2 and problem.order == 2:
            return variable in asked and (subject.second_variable or variable) in asked
        return variable in asked
    return isinstance(subject, sympy.Symbol) and result is not None and subject.name == result


def own_function(solution: PartialsSolution) -> OwnFunction:
    return OwnFunction(solution.result_name, solution.graded.expression)


def chain_readings(chain: StepChain, solution: PartialsSolution) -> list[Reading]:
    """Per reading: node and adjoint symbols replaced by what they stand for, so a backprop
    sweep's every link is an identity in the problem's variables; a chain whose subject is the
    problem's result (``z = … = …``) must start from the problem's own expression."""
    subject = chain.subject
    names_result = isinstance(subject, sympy.Symbol) and subject.name == solution.result_name
    found: list[Reading] = []
    for reading in solution.readings:
        mapping: dict[sympy.Basic, sympy.Basic] = dict(reading.graph.substitutions())
        mapping.update({a.symbol: a.in_variables for a in reading.gradient.adjoints})
        found.append((mapping, reading.expression if names_result else None))
    return found


CHECKS = KindChecks(
    targets=targets,
    restated_expression=restated_expression,
    fits=fits,
    own_function=own_function,
    local_claim=check_graph_claim,
    chain_readings=chain_readings,
)
