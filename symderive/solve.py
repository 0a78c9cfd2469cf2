"""From a problem set to its solutions: the one place that knows which solver serves which kind."""

from __future__ import annotations

from dataclasses import dataclass

from symderive.budget import shared_budget
from symderive.derive.activations import ActivationSolution, solve_activation
from symderive.derive.ambiguity import AmbiguitySolution, solve_ambiguity
from symderive.derive.collapse import LinearCollapseSolution, solve_linear_collapse
from symderive.derive.convolution import ConvolutionSolution, solve_convolution
from symderive.derive.partials import ReadingSolution, solve_reading
from symderive.errors import InputError
from symderive.parsing.expression import Reading
from symderive.problem import (
    ActivationProblem,
    AmbiguityProblem,
    ConvolutionProblem,
    LinearCollapseProblem,
    PartialsProblem,
    Problem,
    ProblemSet,
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


Solution = (
    PartialsSolution
    | ActivationSolution
    | LinearCollapseSolution
    | ConvolutionSolution
    | AmbiguitySolution
)


@dataclass(frozen=True)
class SolutionSet:
    """Every problem of one file, solved, in file order."""

    problem_set: ProblemSet
    solutions: tuple[Solution, ...]


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


def solve_problem(problem: Problem) -> Solution:
    """Dispatch on the problem's kind."""
    if isinstance(problem, ActivationProblem):
        return solve_activation(problem)
    if isinstance(problem, LinearCollapseProblem):
        return solve_linear_collapse(problem)
    if isinstance(problem, ConvolutionProblem):
        return solve_convolution(problem)
    if isinstance(problem, AmbiguityProblem):
        return solve_ambiguity(problem)
    return solve_partials(problem)


SOLVE_BUDGET_SECONDS = 60.0
"""All budgeted symbolic work of one file together (simplifying, self-checks, proofs): a
hostile file of many hard derivatives falls back to unsimplified results instead of running
for hours. The bundled files need a few seconds."""


def solve_problem_set(problem_set: ProblemSet) -> SolutionSet:
    """Solve every problem of a file."""
    with shared_budget(SOLVE_BUDGET_SECONDS):
        return SolutionSet(problem_set, tuple(solve_problem(p) for p in problem_set.problems))
