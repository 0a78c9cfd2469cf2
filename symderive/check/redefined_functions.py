"""A known function the answer defines its own way: "Let H(x) = x²", then ``ReLU'(x) = H(x)``.

H is the Heaviside step in the vocabulary, so the claim is read with the step, and would be
proved, while the student said H(x) is x². Whose H is meant is not ours to choose: a claim whose
value uses a known function that its section defines otherwise is not compared. Restating a
known function (``σ(x) = 1/(1 + e^{−x})``, ``ReLU(x) = max(0, x)``) defines nothing new and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache

import sympy
from sympy.core.function import AppliedUndef

from symderive.check.claim import Claim, Hint
from symderive.check.equivalence import Verdict, compare
from symderive.functions import to_native

_SAME = {Verdict.PROVED, Verdict.NUMERICALLY_EQUAL}


def _known_applied(defined: sympy.Basic | None) -> sympy.Function | None:
    """``H(x)``, ``σ(x)``: a known function applied to one name, as a hint's left side."""
    if not isinstance(defined, sympy.Function) or isinstance(defined, AppliedUndef):
        return None
    variable, *settings = defined.args  # Heaviside(x) holds its value at 0 too: (x, 1/2)
    if not isinstance(variable, sympy.Symbol) or any(v.free_symbols for v in settings):
        return None
    return defined


@lru_cache(maxsize=1024)
def _defines_otherwise(value: sympy.Expr, applied: sympy.Function) -> bool:
    """Whether ``applied = value`` says something else than the known function (``H(x) = x²``),
    rather than restating it (``σ(x) = 1/(1 + e^{−x})``)."""
    same = compare(to_native(value), to_native(applied), [applied.args[0]], likely_different=True)
    return same.verdict not in _SAME


def redefinitions(
    claim: Claim, hints: Sequence[Hint], used: Collection[type] | None = None
) -> list[Hint]:
    """The hints of the claim's section that define a known function as something else (only
    those of the functions ``used``, when given)."""
    found = []
    for hint in hints:
        applied = _known_applied(hint.defines)
        if hint.context != claim.context or applied is None:
            continue
        if used is not None and type(applied) not in used:
            continue
        if _defines_otherwise(hint.value, applied):
            found.append(hint)
    return found


def redefined_note(value: sympy.Basic, claim: Claim, hints: Sequence[Hint]) -> str | None:
    """Why a value that uses a known function its section defines otherwise is not compared;
    None when it uses none."""
    used = {type(applied) for applied in value.atoms(sympy.Function)}
    clashes = redefinitions(claim, hints, used)
    if not clashes:
        return None
    stated = "; ".join(
        f"{hint.relation_text or hint.text} (line {hint.location.line})" for hint in clashes
    )
    return (
        f"the answer defines a known function its own way: {stated}; which one the value means "
        "is unclear: not compared"
    )
