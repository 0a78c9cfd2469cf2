"""A value that uses a name neither the problem nor the answer defines: ``∂z/∂x₁ = y`` in q3.

Compared as it stands, such a value is refuted at some value of ``y``, which says nothing the
student can act on: the derivative is not a function of ``y`` at all. The claim is not accepted,
and the verdict names the stranger instead. A name the answer defines (``u = x₂ − 4``) is
written out before this is asked, and a value equal to the derivative whatever the name stands
for is accepted as it is.
"""

from __future__ import annotations

import sympy

from symderive.check.kinds import checks_for
from symderive.check.targets import Target
from symderive.parsing.names import natural_order
from symderive.solve import Solution


def undefined_names(value: sympy.Basic, target: Target, solution: Solution | None) -> list[str]:
    """The names in ``value`` that are none of the problem's (its function's, its variables',
    its derivative's), in natural order (x2 before x10)."""
    known = {symbol.name for symbol in (*target.variables, *target.correct.free_symbols)}
    own = checks_for(solution.problem.kind).own_function(solution) if solution else None
    if own is not None:
        known |= {symbol.name for symbol in own.expression.free_symbols}
    known |= {symbol.name for symbol, _ in target.fixed}
    strangers = [s for s in value.free_symbols if isinstance(s, sympy.Symbol)]
    return [symbol.name for symbol in natural_order(strangers) if symbol.name not in known]


def undefined_note(names: list[str]) -> str:
    """What the verdict says of them: ``uses y, which the problem does not define``."""
    return (
        f"uses {', '.join(names)}, which the problem does not define (nor does the answer): "
        "not accepted"
    )
