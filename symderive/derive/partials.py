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
    student who meant it can see its answer, but it is marked as not graded.
    """

    label: str
    description: str
    graded: bool
    expression: sympy.Expr
    derivatives: tuple[Derivation, ...]
    graph: ComputationalGraph
    gradient: Gradient
    evaluation: Evaluation | None
    evaluation_note: str | None = None

    def derivative(self, variable: sympy.Symbol) -> Derivation:
        """The derivation with respect to ``variable``."""
        return next(d for d in self.derivatives if d.wrt == variable)


_KINK_CONVENTIONS = {
    relu: "ReLU has a kink at 0: it has no derivative there, its subgradient is [0, 1]; the value "
    "shown uses H(0) = 1/2, while PyTorch and TensorFlow use 0",
    sympy.Abs: "|u| has a kink at 0: it has no derivative there, its subgradient is [-1, 1]; the "
    "value shown uses sign(0) = 0",
}


def kink_notes(
    expression: sympy.Expr, at: Mapping[sympy.Symbol, sympy.Rational]
) -> tuple[str, ...]:
    """Say where the point sits exactly on a kink, where the printed derivative is a convention."""
    notes: list[str] = []
    for node in sympy.preorder_traversal(expression):
        if isinstance(node, relu | sympy.Abs) and node.args[0].xreplace(dict(at)) == 0:
            notes.append(f"at this point {node.args[0]} = 0. {_KINK_CONVENTIONS[type(node)]}.")
        elif isinstance(node, sympy.Max | sympy.Min):
            values = [argument.xreplace(dict(at)) for argument in node.args]
            if len(set(values)) < len(values):
                notes.append(
                    f"at this point two arguments of {node} are equal: it has no derivative "
                    "there, and the value shown is one element of its subgradient."
                )
    return tuple(dict.fromkeys(notes))


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
    evaluation, note = None, None
    if at is not None and kink_notes(expression, at):
        note = " ".join(kink_notes(expression, at))
    if at is not None:
        try:
            evaluation = evaluate(graph, at, finite_differences=wrt)
        except InputError as error:
            if graded:
                raise
            note = f"not evaluated at the point: {error.message}"
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
        note,
    )


WRITTEN_READING = "ordinary precedence, as written"


@dataclass(frozen=True)
class PartialsSolution:
    """A partials problem and its readings; the first reading is the written, graded one."""

    problem: PartialsProblem
    readings: tuple[ReadingSolution, ...]

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
    return PartialsSolution(problem, solved)
