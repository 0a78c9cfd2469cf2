"""Answers to an ``activation`` problem: f'(x) as one target, or softmax's whole Jacobian.

An answer may name the function rather than write it out (``ELU(x) + α``): the problem's own
function is substituted. In a chain, s_k means softmax(z)_k, as the solution's definitions say.
"""

from __future__ import annotations

from collections.abc import Iterator

import sympy

from symderive.check.claim import StepChain
from symderive.check.kind_checks import KindChecks, OwnFunction, Reading, Subject
from symderive.check.mistakes import MistakeContext
from symderive.check.named_functions import resolve_functions
from symderive.check.targets import Target, second_derivative_key
from symderive.derive.activations import ActivationSolution
from symderive.parsing.expression import ParsedExpression
from symderive.parsing.notation import DerivativeNotation
from symderive.problem import ActivationProblem

_NAMES = {
    "sigmoid": {"sigma", "sigmoid", "s"},
    "relu": {"relu"},
    "softmax": {"softmax", "s", "sigma"},
    "tanh": {"tanh"},
    "softplus": {"softplus"},
}
"""Names people give a catalogue function in a derivative (σ'(z) for the sigmoid)."""


def targets(solution: ActivationSolution) -> Iterator[Target]:
    """The Jacobian as one target for softmax, else f'(x) with its likely mistakes (and f''(x)
    for a problem with ``order: 2``)."""
    if solution.jacobian is not None:
        jacobian = solution.jacobian
        yield Target(
            solution.problem.id,
            f"d{solution.name}/d{solution.variable.name}",
            "jacobian",
            sympy.Integer(0),
            jacobian.logits,
            jacobian=jacobian,
        )
        return
    if solution.derivation is None:
        return
    variable = solution.variable
    fixed = tuple(solution.problem.parameters.items())
    given = dict(fixed)
    result = solution.derivation.result.xreplace(given)
    context = MistakeContext(solution.definition.xreplace(given), variable, result)
    yield Target(
        solution.problem.id,
        f"{solution.name}'({variable.name})",
        variable.name,
        result,
        (variable,),
        context,
        fixed=fixed,
    )
    if solution.second is not None:
        second = solution.second.result.xreplace(given)
        yield Target(
            solution.problem.id,
            f"{solution.name}''({variable.name})",
            second_derivative_key(variable.name, variable.name),
            second,
            (variable,),
            MistakeContext(result, variable, second),
            fixed=fixed,
            order=2,
        )


def restated_expression(problem: ActivationProblem) -> ParsedExpression | None:
    return problem.expression


def fits(subject: Subject, problem: ActivationProblem) -> bool:
    """σ'(z) fits the sigmoid, f'(x) a function given as an expression named f."""
    if not isinstance(subject, DerivativeNotation):
        return False
    function = (subject.function or "").lower()
    if problem.function is None:
        expected = {(problem.expression.result_name or "f") if problem.expression else "f"}
    else:
        expected = _NAMES.get(problem.function, {problem.function.lower()})
    return function in expected


def own_function(solution: ActivationSolution) -> OwnFunction | None:
    return None if solution.jacobian is not None else OwnFunction(None, solution.definition)


def chain_readings(chain: StepChain, solution: ActivationSolution) -> list[Reading]:
    """s_k stands for softmax(z)_k, as the solution's own definitions say."""
    if solution.jacobian is None:
        return [({}, None)]
    jacobian = solution.jacobian
    return [(dict(zip(jacobian.probabilities, jacobian.softmax, strict=True)), None)]


CHECKS = KindChecks(
    targets=targets,
    restated_expression=restated_expression,
    fits=fits,
    own_function=own_function,
    resolve_functions=resolve_functions,
    chain_readings=chain_readings,
)
