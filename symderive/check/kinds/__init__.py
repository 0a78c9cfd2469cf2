"""The checker's table of kinds: what ``check`` knows of each, keyed by the kind's name.

Keyed as ``symderive.kinds.KINDS``, ``symderive.solve.SOLVERS`` and
``symderive.render.solutions.BUILDERS`` are; a new kind adds one module here and one line below.
"""

from __future__ import annotations

from symderive.check.kind_checks import KindChecks
from symderive.check.kinds import activation, ambiguity, convolution, linear_collapse, partials
from symderive.check.targets import Target
from symderive.solve import Solution

CHECKS: dict[str, KindChecks] = {
    "partials": partials.CHECKS,
    "activation": activation.CHECKS,
    "linear-collapse": linear_collapse.CHECKS,
    "convolution": convolution.CHECKS,
    "ambiguity": ambiguity.CHECKS,
}
"""Kind name → its checks. One line per kind."""


def checks_for(kind: str) -> KindChecks:
    """The checks of a kind, by its name; a kind missing here is a bug that names the table."""
    try:
        return CHECKS[kind]
    except KeyError:
        raise LookupError(
            f"no checks for kind {kind!r}: add it to CHECKS in symderive/check/kinds/__init__.py"
        ) from None


def targets_of(solution: Solution) -> tuple[Target, ...]:
    """Every derivative a solution derived, as checkable targets (none for proofs)."""
    return tuple(checks_for(solution.problem.kind).targets(solution))
