"""The solution of a ``partials`` problem: every reading, derived by rules and by backprop.

Both paths are computed independently and must agree: the rule engine's derivative of each
variable and the reverse sweep's adjoint of that variable. A disagreement is a bug (exit 3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from symderive.derive.backprop import Gradient, gradient
from symderive.derive.differentiate import derive
from symderive.derive.evaluation import Evaluation, evaluate
from symderive.derive.graph import ComputationalGraph, build_graph
from symderive.derive.second_partials import SecondPartial, derive_second_partials
from symderive.derive.steps import Derivation
from symderive.derive.verify import check_equal
from symderive.errors import InputError, VerificationError
from symderive.functions import relu, to_native
from symderive.parsing.expression import Reading
from symderive.problem import PartialsProblem


@dataclass(frozen=True)
class ReadingSolution:
    """One reading of the problem's text, fully solved.

    The written reading is ``graded``; another reading of an ambiguous text is solved too, so a
    student who meant it can see its answer, but it is marked as not graded. ``kinks_at_point``
    are the applications whose kink the point of ``at`` sits on; ``not_evaluated`` says why an
    ungraded reading could not be evaluated there.
    """

    label: str
    description: str
    graded: bool
    expression: sympy.Expr
    derivatives: tuple[Derivation, ...]
    graph: ComputationalGraph
    gradient: Gradient
    evaluation: Evaluation | None
    kinks_at_point: tuple[sympy.Expr, ...] = ()
    not_evaluated: str | None = None

    def derivative(self, variable: sympy.Symbol) -> Derivation:
        """The derivation with respect to ``variable``."""
        return next(d for d in self.derivatives if d.wrt == variable)


def kinks_at_point(
    expression: sympy.Expr, at: Mapping[sympy.Symbol, sympy.Rational]
) -> tuple[sympy.Expr, ...]:
    """The ReLU, |u|, max and min applications whose kink the point sits exactly on, where the
    printed derivative is a convention: a ReLU or |u| at argument 0, a max or min at a tie."""
    found: list[sympy.Expr] = []
    for node in sympy.preorder_traversal(expression):
        if isinstance(node, relu | sympy.Abs) and node.args[0].xreplace(dict(at)) == 0:
            found.append(node)
        elif isinstance(node, sympy.Max | sympy.Min):
            values = [argument.xreplace(dict(at)) for argument in node.args]
            if len(set(values)) < len(values):
                found.append(node)
    return tuple(dict.fromkeys(found))


def derivative_name(result_name: str, variable: sympy.Symbol) -> str:
    """The plain-text name of a partial derivative: ``dz/dx1``."""
    return f"d{result_name}/d{variable.name}"


def solve_reading(
    reading: Reading,
    result_name: str,
    wrt: tuple[sympy.Symbol, ...],
    at: Mapping[sympy.Symbol, sympy.Rational] | None,
    graded: bool,
) -> ReadingSolution:
    """Derive every partial by rules, compute the gradient by backprop, and cross-check them."""
    expression = reading.expression
    derivatives = tuple(derive(expression, variable) for variable in wrt)
    graph = build_graph(expression, result_name)
    backward = gradient(graph)
    for derivation in derivatives:
        check_equal(
            to_native(backward.partial(derivation.wrt)),
            to_native(derivation.result),
            f"backprop against the rules for ∂{result_name}/∂{derivation.wrt}",
        )
    evaluation, kinks, not_evaluated = None, (), None
    if at is not None:
        kinks = kinks_at_point(expression, at)
        try:
            evaluation = evaluate(graph, at, finite_differences=wrt)
        except InputError as error:
            if graded:
                raise
            not_evaluated = error.message
        if evaluation is not None and not evaluation.passed:
            failed = [c for c in evaluation.checks if not c.passed]
            raise VerificationError(
                f"finite differences disagree with backprop for {result_name} at "
                f"{dict(at)}: {failed}"
            )
    label = "as written" if graded else "other reading"
    return ReadingSolution(
        label,
        reading.description,
        graded,
        expression,
        derivatives,
        graph,
        backward,
        evaluation,
        kinks,
        not_evaluated,
    )


WRITTEN_READING = "ordinary precedence, as written"


@dataclass(frozen=True)
class PartialsSolution:
    """A partials problem and its readings; the first reading is the written, graded one."""

    problem: PartialsProblem
    readings: tuple[ReadingSolution, ...]
    second_partials: tuple[SecondPartial, ...] = ()
    """With ``order: 2``: every second partial of the graded reading, ∂²/∂x² before ∂²/∂x∂y."""

    @property
    def graded(self) -> ReadingSolution:
        return self.readings[0]

    @property
    def result_name(self) -> str:
        return self.problem.expression.name


def solve_partials(problem: PartialsProblem) -> PartialsSolution:
    """Solve the written reading and, for ambiguous text, every other reading."""
    parsed = problem.expression
    readings = (Reading(WRITTEN_READING, parsed.expression), *parsed.alternatives)
    try:
        solved = tuple(
            solve_reading(reading, parsed.name, problem.wrt, problem.at, graded=index == 0)
            for index, reading in enumerate(readings)
        )
    except InputError as error:  # about the point (too large to check there): located at 'at'
        if error.location is None and problem.at_location is not None:
            raise error.with_location(problem.at_location) from None
        raise
    second: tuple[SecondPartial, ...] = ()
    if problem.order == 2:
        graded = solved[0]
        first = {derivation.wrt: derivation for derivation in graded.derivatives}
        second = derive_second_partials(
            graded.expression, first, problem.wrt, problem.at, graded.kinks_at_point
        )
    return PartialsSolution(problem, solved, second)
