"""What each caveat a derivation records says, in words: kinks, ties, joins, budgets cut short.

The derivation records a ``Caveat`` code on the step it concerns; the sentence is written here,
once, for every format and for the JSON.
"""

from __future__ import annotations

from symderive.derive.simplification import BUDGET_SECONDS
from symderive.derive.steps import Caveat

_SKIPPED = "skipped: the file's shared time budget is spent; shown as derived"
_STOPPED = f"stopped after {BUDGET_SECONDS:g} s; the shortest form found is shown"

CAVEAT_TEXTS: dict[Caveat, str] = {
    Caveat.RELU_KINK: (
        "ReLU is not differentiable where its argument is 0; any value in [0, 1] is a "
        "subgradient there, and frameworks use 0."
    ),
    Caveat.ABSOLUTE_VALUE_KINK: (
        "|u| is not differentiable at u = 0; any value in [-1, 1] is a subgradient there."
    ),
    Caveat.STEP_JUMP: (
        "H(u) and sign(u) jump at u = 0: their derivative is 0 away from the jump and not "
        "defined at it, so a second derivative at a kink has no value."
    ),
    Caveat.MAX_TIE: "max is not differentiable where two of its arguments are equal.",
    Caveat.MIN_TIE: "min is not differentiable where two of its arguments are equal.",
    Caveat.CASES_JOIN: (
        "a function defined by cases may have no derivative where its pieces meet; there the "
        "one-sided derivatives decide."
    ),
    Caveat.FACTORING_SKIPPED: f"factoring {_SKIPPED}",
    Caveat.FACTORING_STOPPED: f"factoring {_STOPPED}",
    Caveat.SIMPLIFICATION_SKIPPED: f"simplification {_SKIPPED}",
    Caveat.SIMPLIFICATION_STOPPED: f"simplification {_STOPPED}",
}


def caveat_text(caveat: Caveat | None) -> str | None:
    """The sentence for ``caveat``, or None for a step without one."""
    return None if caveat is None else CAVEAT_TEXTS[caveat]
