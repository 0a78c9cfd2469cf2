"""A claim naming another function's derivative is not compared with this problem's.

``\\tanh'(x) = …`` under the heading of softplus names tanh's derivative. A derivative named
after a known activation (tanh, σ, ReLU, softplus, …) answers a problem only when that
problem's function bears the name. Both derivatives are written in x, so without this a true
statement about tanh′ under another problem's heading would be compared with that problem's
derivative, and a right value for the other function proved as this one's.
"""

from __future__ import annotations

from collections.abc import Sequence

from symderive.activation_names import ALIASES, SCALAR_FUNCTIONS, VECTOR_FUNCTIONS
from symderive.check.bare_primes import names_another_function
from symderive.check.definitions import Definition
from symderive.check.kinds import checks_for
from symderive.parsing.notation import DerivativeNotation
from symderive.solve import Solution


def _plain(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


KNOWN_FUNCTIONS = frozenset(
    _plain(name) for name in (*SCALAR_FUNCTIONS, *VECTOR_FUNCTIONS, *ALIASES, "sigma", "σ")
)
"""Names that always mean one function of the catalogue, whatever the problem."""

_FAMILIES = (
    frozenset({"sigmoid", "logistic", "sigma", "σ"}),
    frozenset({"gelu", "gelutanh", "geluerf"}),
    frozenset({"swish", "silu"}),
)
"""Names of one function (or of its variants: GELU's tanh form, swish with β): a student who
writes GELU' under the heading of the tanh form means that problem's function."""


def _same_function(written: str, problem_function: str) -> bool:
    if written == problem_function:
        return True
    return any(written in family and problem_function in family for family in _FAMILIES)


def another_function(
    notation: DerivativeNotation, solution: Solution, definitions: Sequence[Definition]
) -> str | None:
    """Why the claim is not this problem's derivative, when it names another function: a bare
    prime on another name (``u'``, see ``bare_primes``) or a known function's derivative."""
    if names_another_function(notation, solution, definitions):
        return f"{notation.function}' is not the derivative of this problem's function"
    if notation.function is None or _plain(notation.function) not in KNOWN_FUNCTIONS:
        return None
    if checks_for(solution.problem.kind).fits(notation, solution.problem):
        return None
    function = getattr(solution.problem, "function", None)
    if isinstance(function, str) and _same_function(
        _plain(notation.function), _plain(ALIASES.get(function, function))
    ):
        return None  # LeakyReLU' for leaky_relu: the same name, spelled otherwise
    return (
        f"names the derivative of {notation.function}, not of problem "
        f"{solution.problem.id}'s function: not compared with it"
    )
