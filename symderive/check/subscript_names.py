"""Derivatives named by a subscript: ``z_{x_1} = 1``, ``f_x = 2x``.

``z_{x_1}`` is also an ordinary name (``u_1``, ``w_{ij}``, ``s_i`` are definitions), so the
reader keeps such a relation as a hint and only here, knowing the problems, is it read as a
derivative: when the part before ``_`` is the result a problem names (``z`` in ``z = …``) and
the part after it one of that problem's variables (``fits``, as for ``dz/dx_1``). A name that
fits no problem stays what it was.
"""

from __future__ import annotations

from dataclasses import replace

from symderive.check.claim import Answers, Claim, Hint
from symderive.check.kinds import checks_for
from symderive.parsing.notation import DerivativeNotation
from symderive.problem import ProblemSet


def subscript_claims(answers: Answers, problems: ProblemSet) -> Answers:
    """The answers with every hint named ``result_variable`` (of some problem) made a claim."""
    claims: list[Claim] = []
    hints: list[Hint] = []
    for hint in answers.hints:
        notation = _named(hint, problems)
        if notation is None:
            hints.append(hint)
            continue
        claims.append(
            Claim(
                number=hint.number,
                location=hint.location,
                text=hint.relation_text or hint.text,
                notation=notation,
                value=hint.value,
                alternatives=hint.alternatives,
                syntax="latex" if hint.source == "math" else "plain",
                context=hint.context,
            )
        )
    if not claims:
        return answers
    ordered = tuple(sorted((*answers.claims, *claims), key=lambda claim: claim.number))
    return replace(answers, claims=ordered, hints=tuple(hints))


def _named(hint: Hint, problems: ProblemSet) -> DerivativeNotation | None:
    if hint.name is None or hint.defines is not None or "_" not in hint.name:
        return None
    if (hint.relation_text or hint.text).count("=") != 1:
        return None  # z_{x_3} = -6x_3 z_{x_1} = 1: two names run together, not one answer
    function, variable = hint.name.split("_", 1)
    if not function or not variable:
        return None
    notation = DerivativeNotation(function, variable=variable, partial=True)
    for problem in problems.problems:
        checks = checks_for(problem.kind)
        restated = checks.restated_expression(problem)
        named = restated is not None and restated.result_name == function
        if named and checks.fits(notation, problem):
            return notation
    return None
