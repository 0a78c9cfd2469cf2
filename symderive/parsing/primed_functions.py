"""A primed function applied inside a formula: ``v_1 \\operatorname{ReLU}'(w_1x + b_1)\\,x``.

Alone on its side, ``\\sigma'(z)`` names the derivative a claim states. Inside a product or a
sum it is a value: the derivative of that function at its argument. This is read only for the
functions whose meaning we know (``latex_vocabulary.FUNCTIONS``, one argument), never for a name
such as ``f'`` or ``swish'`` whose function we cannot differentiate. The derivative is SymPy's,
taken of the function rewritten into SymPy's own (``to_native``), never from our ``fdiff``
rules: the reading stays independent of the derivation it is checked against.

At a kink the derivative does not exist: ``ReLU'(0)`` is no number, and is not read. The step a
kinked function's derivative takes (SymPy's Heaviside, ½ at 0) is read as 1 above and 0 below its
kink with no value at it, so no convention is put in the student's mouth and nothing at the kink
is accepted on its strength. A derivative SymPy can only give as a distribution (the step's
own, ``H'`` = δ) or leaves unevaluated is not read.
"""

from __future__ import annotations

import sympy

from symderive.functions import to_native
from symderive.parsing.latex_vocabulary import FUNCTIONS, SEVERAL_ARGUMENTS
from symderive.parsing.notation import DerivativeNotation

_UNREADABLE = (sympy.DiracDelta, sympy.Derivative, sympy.Subs)
MAX_ORDER = 3
"""Higher primes are a derivative's name alone (``f''''``), never a value read inside a formula."""


class AtKink(ValueError):
    """``ReLU'(0)``: a derivative written at a kink of its function, where it has no value."""


def _known(name: str | None) -> str | None:
    """The vocabulary's key for a function's name (``ReLU`` typed as a word is ``relu``)."""
    if name is not None and len(name) > 1:
        name = name.lower()
    return name if name in FUNCTIONS and name not in SEVERAL_ARGUMENTS else None


def derivative_value(notation: DerivativeNotation) -> sympy.Expr | None:
    """``σ'(u)``, ``ReLU'(u)``, ``tanh''(u)`` as the value of that derivative at ``u``; None
    for anything else (an unknown function, an index, no argument, ``\\frac{d}{dx}``).
    Raises AtKink for a derivative written where it does not exist (``ReLU'(0)``)."""
    name = _known(notation.function)
    if (
        name is None
        or notation.argument is None
        or notation.index is not None
        or notation.variable is not None
        or notation.expression is not None
        or not 1 <= notation.order <= MAX_ORDER
    ):
        return None
    variable = sympy.Dummy("u", real=True)
    derivative = sympy.diff(to_native(FUNCTIONS[name](variable)), variable, notation.order)
    if derivative.has(*_UNREADABLE):
        return None
    at = {variable: notation.argument}
    if any(step.args[0].xreplace(at).is_zero for step in derivative.atoms(sympy.Heaviside)):
        written = f"{name}{chr(39) * notation.order}({notation.argument})"
        raise AtKink(f"{written} has no value: the derivative does not exist at that kink")
    undefined_at_kinks = derivative.replace(sympy.Heaviside, _step)
    return undefined_at_kinks.xreplace(at)


def _step(argument: sympy.Expr, *_: object) -> sympy.Expr:
    """The step with no value at its kink: 1 above, 0 below, and no third piece."""
    return sympy.Piecewise((1, argument > 0), (0, argument < 0))
