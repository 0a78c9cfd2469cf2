"""``y' = …``: a prime on a bare name, with no argument, says whose derivative only by its name.

``y'`` answers the problem when y is the problem's own function (``f'`` for f = x·σ(x)) or a
name the file defines as that function (``y = \\sigma(x)``). Any other bare-primed name (``u'``
after ``u = 1 + e^{-x}``, ``g'``) is an intermediate step or another function: it is not checked
against the problem's derivative, where it would be refuted for being something else.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from symderive.check.definitions import Definition
from symderive.check.kinds import checks_for
from symderive.functions import to_native
from symderive.parsing.notation import DerivativeNotation
from symderive.solve import Solution


def names_another_function(
    notation: DerivativeNotation, solution: Solution, definitions: Sequence[Definition]
) -> bool:
    """Whether ``notation`` is a bare prime on a name that is not the problem's function."""
    bare = (
        notation.function is not None
        and notation.argument is None
        and notation.variable is None
        and notation.expression is None
    )
    if not bare:
        return False
    checks = checks_for(solution.problem.kind)
    if checks.fits(notation, solution.problem):
        return False
    own = checks.own_function(solution)
    if own is None:
        return True
    function = to_native(own.expression)
    return not any(
        definition.parameter is None
        and definition.name.name == notation.function
        and sympy.expand(to_native(definition.value) - function) == 0
        for definition in definitions
    )
