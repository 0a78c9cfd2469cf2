"""The second derivative f''(x) of a scalar activation, for problems with ``order: 2``.

f'' is derived by the rule engine from the first derivative (steps as data), checked against
``sympy.diff`` taken twice, and against central differences of f' at the solution's own check
points. At a kink where f' jumps or bends (ReLU, leaky ReLU, ELU at 0) f'' has no value: such
kinks are listed, never given one; away from them f'' is what the formula gives. A kink where
f' has equal one-sided derivatives (ReLU(x)³ at 0) is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy

from symderive.derive.activation_checks import NumericCheck, finite_difference_check
from symderive.derive.activation_kinks import kink_at
from symderive.derive.activations import ActivationSolution, solve_activation
from symderive.derive.differentiate import derive
from symderive.derive.steps import Derivation
from symderive.derive.verify import check_equal
from symderive.errors import VerificationError
from symderive.functions import to_native
from symderive.problem import ActivationProblem


@dataclass(frozen=True)
class SecondDerivative:
    """f''(x) and how it was checked; ``undefined_at`` are the kinks where f' has no derivative
    (its one-sided derivatives differ or are not found), so f'' has no value there."""

    derivation: Derivation
    checks: tuple[NumericCheck, ...]
    undefined_at: tuple[sympy.Expr, ...]

    @property
    def result(self) -> sympy.Expr:
        return self.derivation.result


def with_second_derivative(solution: ActivationSolution) -> ActivationSolution:
    """The solution with f''(x) added (a scalar function's; softmax's is refused earlier)."""
    assert solution.derivation is not None
    x = solution.variable
    derivation = derive(solution.derivation.result, x)
    check_equal(
        sympy.diff(to_native(solution.definition), x, 2),
        to_native(derivation.result),
        f"the second derivative of {solution.definition} against sympy.diff",
    )
    values = solution.values | dict(solution.problem.parameters)
    first = solution.derivation.result.xreplace(values)
    second = derivation.result.xreplace(values)
    checks = tuple(
        finite_difference_check(first, second, x, {x: dict(check.point)[x]})
        for check in solution.checks
    )
    failed = [check for check in checks if not check.passed]
    if failed:
        raise VerificationError(
            f"finite differences of f' disagree with f'' of {solution.definition}: {failed}"
        )
    undefined = tuple(
        kink.point
        for kink in solution.kinks
        if not kink_at(first, x, kink.point, second).differentiable
    )
    return replace(solution, second=SecondDerivative(derivation, checks, undefined))


def solve_activation_to_order(problem: ActivationProblem) -> ActivationSolution:
    """The activation's solution, with f''(x) when the problem has ``order: 2``."""
    solution = solve_activation(problem)
    return with_second_derivative(solution) if problem.order == 2 else solution
