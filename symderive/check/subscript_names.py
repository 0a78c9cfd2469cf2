"""Derivatives named by a subscript: ``z_{x_1} = 1``, ``f_x = 2x``.

``z_{x_1}`` is also an ordinary name (``u_1``, ``w_{ij}``, ``s_i`` are definitions), so the
reader keeps such a relation as a hint and only here, knowing the problems, is it read as a
derivative: when the part before ``_`` is the result a problem names (``z`` in ``z = …``) and
the part after it one of that problem's variables (``fits``, as for ``dz/dx_1``). A name that
fits no problem stays what it was. In code, ``dz_dx3`` and ``dzdx3`` (Python has no ``/`` in
a name) are read the same way as ``dz/dx3``: ``d``, the result, ``d``, the variable. Two
variables after ``_`` (``f_{xy}``) name a second partial, for a problem with ``order: 2``.
"""

from __future__ import annotations

from dataclasses import replace

from symderive.check.claim import Answers, Claim, Hint
from symderive.check.kinds import checks_for
from symderive.parsing.notation import DerivativeNotation
from symderive.problem import PartialsProblem, ProblemSet


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
    if hint.name is None or hint.defines is not None:
        return None
    if "_" not in hint.name and hint.source != "code":
        return None
    if (hint.relation_text or hint.text).count("=") != 1:
        return None  # z_{x_3} = -6x_3 z_{x_1} = 1: two names run together, not one answer
    splits = [hint.name.split("_", 1)] if "_" in hint.name else []
    if hint.source == "code":
        splits = [*_python_splits(hint.name), *splits]
    for function, variable in splits:
        notation = _fitting(function, variable, problems)
        if notation is not None:
            return notation
    return None


def _python_splits(name: str) -> list[list[str]]:
    """``dz_dx3`` → z, x3; ``dzdx3`` → z, x3 (every ``d`` that may start the variable)."""
    if not name.startswith("d"):
        return []
    rest = name[1:]
    return [
        [rest[:index].removesuffix("_"), rest[index + 1 :]]
        for index in range(1, len(rest) - 1)
        if rest[index] == "d"
    ]


def _fitting(function: str, variable: str, problems: ProblemSet) -> DerivativeNotation | None:
    """∂function/∂variable, if ``function`` is a problem's result and it fits that problem."""
    if not function or not variable:
        return None
    notation = DerivativeNotation(function, variable=variable, partial=True)
    for problem in problems.problems:
        checks = checks_for(problem.kind)
        restated = checks.restated_expression(problem)
        named = restated is not None and restated.result_name == function
        if named and checks.fits(notation, problem):
            return notation
        if named and isinstance(problem, PartialsProblem) and problem.order == 2:
            second = _second_partial(function, variable, problem)
            if second is not None:
                return second
    return None


def _second_partial(
    function: str, variables: str, problem: PartialsProblem
) -> DerivativeNotation | None:
    """``f_{xx}``, ``f_{xy}``: two of the problem's variables run together, read as a second
    partial only where the problem asks for second partials (elsewhere it stays a name)."""
    names = {symbol.name for symbol in problem.wrt}
    for cut in range(1, len(variables)):
        first, second = variables[:cut], variables[cut:]
        if first in names and second in names:
            return DerivativeNotation(
                function,
                variable=first,
                partial=True,
                order=2,
                second_variable=None if first == second else second,
            )
    return None
