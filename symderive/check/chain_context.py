"""A step chain checked in its problem's context, not only as algebra.

Three things make a student's chain hold that plain algebra would refuse: a backprop sweep uses
the graph's quantities (ū₃ = z̄ = 1), an inductive step uses what was assumed before it
(f_N(x) = W x + b), and for matrices the order of a product matters even where numbers
commute. This module supplies each of those, around ``check_chain``.
"""

from __future__ import annotations

import sympy

from symderive.check.chain import check_chain
from symderive.check.claim import Answers, StepChain
from symderive.check.collapse_statements import as_matrices
from symderive.check.equivalence import Verdict
from symderive.check.kind_checks import KindChecks, Reading
from symderive.check.kinds import checks_for
from symderive.check.report import ChainReport
from symderive.solve import Solution


def _readings(chain: StepChain, solution: Solution | None, checks: KindChecks) -> list[Reading]:
    """Per reading of the problem: what the chain's symbols stand for, and the expression it
    must start from (a backprop sweep written by hand, ū₃ = z̄ = 1, holds only given the
    graph; s_k in a softmax chain means softmax(z)_k)."""
    return checks.chain_readings(chain, solution) if solution is not None else [({}, None)]


def stated_definitions(answers: Answers, chain: StepChain) -> dict[sympy.Basic, sympy.Basic]:
    """What the text stated before the chain, under the same heading: ``f_N(x) = W x + b``.

    An inductive step uses its hypothesis (``W_{N+1} f_N(x) + b = W_{N+1}(W x + b) + b``); such
    a link is equal given what was assumed, so the assumptions are substituted when checking.
    """
    return {
        hint.defines: hint.value
        for hint in answers.hints
        if hint.defines is not None and hint.number < chain.number and hint.context == chain.context
    }


def check_chain_in_context(
    chain: StepChain,
    solution: Solution | None,
    definitions: dict[sympy.Basic, sympy.Basic] | None = None,
    answers: Answers | None = None,
) -> ChainReport:
    values = [link.value for link in chain.links]
    if any(value is None for value in values) or len(values) < 2:
        unreadable = next((link for link in chain.links if link.error is not None), None)
        note = unreadable.error.message if unreadable and unreadable.error else "too short"
        return ChainReport(chain, Verdict.UNPARSED, None, note)
    checks = checks_for(solution.problem.kind) if solution is not None else KindChecks()
    result = None
    for mapping, definition in _readings(chain, solution, checks):
        lines = [value.xreplace(mapping) for value in values]  # type: ignore[union-attr]
        result = check_chain(lines, definition)
        if result.holds:
            break
    assert result is not None
    assumption = None
    if not result.holds and definitions:
        assumed = check_chain([value.subs(definitions) for value in values])  # type: ignore[union-attr]
        if assumed.holds:
            result = assumed
            shown = ", ".join(f"{key} = {value}" for key, value in definitions.items())
            assumption = f"holds given what was stated before it: {shown}"
    verdict = Verdict.PROVED if result.holds else Verdict.REFUTED
    if result.holds and any(
        link.comparison.verdict is Verdict.NUMERICALLY_EQUAL for link in result.links
    ):
        verdict = Verdict.NUMERICALLY_EQUAL
    matrices = solution is not None and checks.matrix_chains(solution)
    written = _links_as_matrices(chain) if matrices else None
    if result.holds and matrices:
        assumed_matrices = stated_matrix_definitions(answers, chain) if assumption else {}
        order = _matrix_order(chain, assumed_matrices)
        if order is not None:
            return ChainReport(chain, Verdict.REFUTED, result, order, written)
    first_line = checks.chain_note(chain, solution) if solution is not None else None
    if first_line is not None:
        return ChainReport(chain, Verdict.REFUTED, result, first_line, written)
    return ChainReport(chain, verdict, result, assumption, written)


def _links_as_matrices(chain: StepChain) -> tuple[sympy.Expr, ...] | None:
    values = []
    for link in chain.links:
        sides = as_matrices(link.text)
        if sides is None or len(sides) != 1:
            return None
        values.append(sides[0])
    return tuple(values)


def stated_matrix_definitions(
    answers: Answers | None, chain: StepChain
) -> dict[sympy.Basic, sympy.Basic]:
    """``stated_definitions``, read again as matrices (``f_N(x) = W x + b``, order kept)."""
    if answers is None:
        return {}
    found: dict[sympy.Basic, sympy.Basic] = {}
    for hint in answers.hints:
        if hint.defines is None or hint.number >= chain.number or hint.context != chain.context:
            continue
        sides = as_matrices(hint.relation_text or "")
        if sides is not None and len(sides) == 2:
            found[sides[0]] = sides[1]
    return found


def _matrix_order(
    chain: StepChain, assumed: dict[sympy.Basic, sympy.Basic] | None = None
) -> str | None:
    """For a problem about matrices: a link that holds for numbers but not for matrices.

    The links are read again with non-commuting symbols, so ``W_2 W_1 x`` and ``W_1 W_2 x``
    differ; a chain that needed the scalar rule ab = ba is flagged, naming the link. A chain
    that holds only given what was stated before it is read with those statements, as matrices.
    """
    links = _links_as_matrices(chain)
    if links is None:
        return None  # not readable as matrices: the scalar check stands, unflagged
    values = [value.subs(assumed) if assumed else value for value in links]
    for index in range(len(values) - 1):
        if sympy.expand(values[index + 1] - values[index]) != 0:
            line = chain.links[index + 1].location.line
            return (
                f"the link at line {line} holds for numbers but not for matrices: it changes the "
                "order of a product, and matrix products do not commute"
            )
    return None
