"""An answer that states a derivative by the derivative itself: ``σ'(x) = 1·σ'(x)``.

A primed known function inside a value is read as its derivative (``parsing/primed_functions``):
``v ReLU'(wx + b) x`` is how the chain rule is written. But where the problem asks for that
very function's derivative (σ' for the sigmoid activation, ReLU' for ``y = relu(x)``), a value
built from it restates the question, which comparing values would prove. Such a claim is found
here from its text, and is not accepted.
"""

from __future__ import annotations

import re

import sympy

from symderive.check.claim import Claim
from symderive.check.formulas import clean
from symderive.check.kinds import checks_for
from symderive.errors import SymderiveError
from symderive.parsing.latex import parse_latex
from symderive.parsing.latex_source import fold_unicode
from symderive.parsing.latex_vocabulary import FUNCTIONS, SEVERAL_ARGUMENTS
from symderive.parsing.notation import DerivativeNotation
from symderive.solve import Solution

_PRIMED = re.compile(
    r"(?:\\(?:operatorname|mathrm|text|textrm|mathit|mathsf)\s{0,5}\{\s{0,5}(?P<named>[A-Za-z]{1,30})"
    r"\s{0,5}\}|\\(?P<command>[A-Za-z]{1,30})|(?<![\\A-Za-z])(?P<word>[A-Za-z]{1,30}))"
    r"\s{0,5}'{1,3}\s{0,5}(?:\(|\\left)"
)
"""A primed function applied, written as a command, a named operator or a word."""


def primed_functions(text: str) -> list[str]:
    """The names of the functions primed and applied in ``text`` (``σ'(u)`` gives sigma): those
    the LaTeX parser read as a derivative's value, however they were spaced or framed
    (``\\sigma'\\,(x)``, ``\\boxed{\\sigma}'(x)``), and those the text shows in plain sight."""
    folded = fold_unicode(text).folded
    written = [
        next(name for name in match.group("named", "command", "word") if name)
        for match in _PRIMED.finditer(folded)
    ]
    try:
        parsed = sorted(parse_latex(clean(text)).primed)  # unboxed, as the claim was read
    except SymderiveError:  # not LaTeX as a whole: what the text shows is all there is
        parsed = []
    seen = {name.lower() for name in written}
    return written + [name for name in parsed if name.lower() not in seen]


def restates_own_derivative(claim: Claim, solution: Solution) -> str | None:
    """Why the claim's value states the derivative it answers by that derivative's own name
    (a note), or None. Only what follows the claim's first ``=`` is looked at."""
    if "=" not in claim.text:
        return None
    value_text = claim.text.split("=", 1)[1]
    checks = checks_for(solution.problem.kind)
    own = checks.own_function(solution)
    for name in primed_functions(value_text):
        if checks.fits(DerivativeNotation(name.lower()), solution.problem) or (
            own is not None and _applies(own.expression, name)
        ):
            return (
                f"the value uses {name}' itself, the derivative this problem asks for: "
                "write it out; not compared"
            )
    return None


def _applies(expression: sympy.Basic, name: str) -> bool:
    """Whether ``expression`` is the known function ``name`` applied to a variable, and nothing
    more (``y = relu(x)``: then ``ReLU'`` in a value is the derivative asked for; in
    ``L = σ(wx + b)``, ``σ'(wx + b)·x`` is the chain rule, as ``v ReLU'(wx + b) x`` is)."""
    build = FUNCTIONS.get(name.lower())
    if build is None or name.lower() in SEVERAL_ARGUMENTS:
        return False
    probe = build(sympy.Dummy("u", real=True))
    return (
        isinstance(probe, sympy.Function)
        and expression.func == probe.func
        and isinstance(expression.args[0], sympy.Symbol)
    )
