"""From a problem set to its solutions: the one table that says which solver serves which kind.

``SOLVERS`` is keyed by the kind's name, as ``symderive.kinds.KINDS`` is; a problem is solved by
looking its ``kind`` up there, never by its type. A kind without a solver is an error that
names the table to add it to (and ``tests/test_kind_tables.py`` fails before that can ship).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from symderive.budget import shared_budget
from symderive.derive.activation_second import solve_activation_to_order
from symderive.derive.activations import ActivationSolution
from symderive.derive.ambiguity import AmbiguitySolution, solve_ambiguity
from symderive.derive.collapse import LinearCollapseSolution, solve_linear_collapse
from symderive.derive.convolution import ConvolutionSolution, solve_convolution
from symderive.derive.partials import PartialsSolution, solve_partials
from symderive.problem import Problem, ProblemSet

Solution = (
    PartialsSolution
    | ActivationSolution
    | LinearCollapseSolution
    | ConvolutionSolution
    | AmbiguitySolution
)

SOLVERS: dict[str, Callable[[Any], Solution]] = {
    "partials": solve_partials,
    "activation": solve_activation_to_order,
    "linear-collapse": solve_linear_collapse,
    "convolution": solve_convolution,
    "ambiguity": solve_ambiguity,
}
"""Kind name → its solver (problem → solution). One line per kind."""


@dataclass(frozen=True)
class SolutionSet:
    """Every problem of one file, solved, in file order."""

    problem_set: ProblemSet
    solutions: tuple[Solution, ...]


def solve_problem(problem: Problem) -> Solution:
    """Solve one problem with its kind's solver."""
    try:
        solver = SOLVERS[problem.kind]
    except KeyError:
        raise LookupError(
            f"no solver for kind {problem.kind!r}: add it to SOLVERS in symderive/solve.py"
        ) from None
    return solver(problem)


SOLVE_BUDGET_SECONDS = 60.0
"""All budgeted symbolic work of one file together (simplifying, self-checks, proofs): a
hostile file of many hard derivatives falls back to unsimplified results instead of running
for hours. The bundled files need a few seconds."""


def solve_problem_set(problem_set: ProblemSet) -> SolutionSet:
    """Solve every problem of a file."""
    with shared_budget(SOLVE_BUDGET_SECONDS):
        return SolutionSet(problem_set, tuple(solve_problem(p) for p in problem_set.problems))
