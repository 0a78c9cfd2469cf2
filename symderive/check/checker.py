"""``symderive check``: every claim of an answer file against the solutions, one verdict each.

Bookkeeping first (unparsed, unattributed, duplicate), then the comparison with the derived
target, then a diagnosis for what is refuted and kink notes for what is accepted. Problems'
derivatives that no claim answers are reported as missing. Nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import sympy

from symderive.budget import remaining_budget, shared_budget
from symderive.check.chain_context import check_chain_in_context, stated_definitions
from symderive.check.claim import Answers, Claim, Hint
from symderive.check.definitions import (
    defined_twice_note,
    definitions_near,
    function_names,
    with_definitions,
)
from symderive.check.equivalence import Comparison, Verdict, compare, precompile
from symderive.check.jacobian_claims import check_jacobian
from symderive.check.kinds import CHECKS, checks_for, targets_of
from symderive.check.matrix_claims import check_matrix_claim, is_matrix_form
from symderive.check.mistakes import diagnose, hypotheses_of, kink_values
from symderive.check.named_functions import unknown_functions
from symderive.check.other_function import another_function
from symderive.check.own_derivative import restates_own_derivative
from symderive.check.point_values import compare_at_point, no_point_note
from symderive.check.redefined_functions import redefined_note
from symderive.check.report import ACCEPTED, CheckReport, ClaimResult, Missing
from symderive.check.targets import Target, renamed_claim, target_for
from symderive.check.undefined_names import (
    split_into_variables,
    undefined_names,
    undefined_note,
)
from symderive.check.working_steps import check_working_step
from symderive.errors import SymderiveError
from symderive.parsing.latex import parse_latex
from symderive.parsing.names import written_name
from symderive.solve import Solution, SolutionSet

CHECK_BUDGET_SECONDS = 120.0
"""All budgeted work (expansions, proofs, diagnoses) for one answer file's claims together: a
file of thousands of hard claims then ends with numeric verdicts instead of running for hours."""


def _within_shared_budget(result: ClaimResult) -> ClaimResult:
    """The result, marked when the shared budget was spent by the time it was decided."""
    return replace(result, budget_spent=True) if remaining_budget() == 0 else result


def check_answers(solutions: SolutionSet, answers: Answers) -> CheckReport:
    """Verdicts for every claim and chain of ``answers`` (already attributed)."""
    targets = {s.problem.id: targets_of(s) for s in solutions.solutions}
    by_id = {s.problem.id: s for s in solutions.solutions}
    with shared_budget(CHECK_BUDGET_SECONDS):
        checked = tuple(
            _within_shared_budget(_check_claim(claim, targets, by_id, answers.hints))
            for claim in answers.claims
        )
    results = _settle_duplicates(checked)
    for kind, checks in CHECKS.items():
        of_kind = {i: s for i, s in by_id.items() if s.problem.kind == kind}
        if of_kind:
            results += checks.statements(answers.hints, of_kind)
    results = tuple(sorted(results, key=lambda result: result.claim.number))
    chains = tuple(
        check_chain_in_context(
            chain, by_id.get(chain.problem_id or ""), stated_definitions(answers, chain), answers
        )
        for chain in answers.chains
    )
    answered = {
        (r.claim.problem_id, r.target.key)
        for r in results
        if r.target is not None and r.verdict is not Verdict.DUPLICATE
    }
    missing = tuple(
        Missing(problem_id, target.name)
        for problem_id, problem_targets in targets.items()
        for target in problem_targets
        if (problem_id, target.key) not in answered
    )
    return CheckReport(solutions.problem_set, answers, results, chains, missing)


def prepare(solutions: SolutionSet) -> None:
    """Compile every derived target and every likely mistake once, before many answers are
    checked in forked workers (``grade``), so no worker compiles them again."""
    for solution in solutions.solutions:
        for target in targets_of(solution):
            jacobian = target.jacobian
            if jacobian is not None:
                in_logits = dict(zip(jacobian.probabilities, jacobian.softmax, strict=True))
                for entry in jacobian.closed_form:
                    precompile(entry.xreplace(in_logits), jacobian.logits)
                continue
            precompile(target.correct, target.variables)
            if target.context is not None:
                for candidate in hypotheses_of(target.context):
                    precompile(candidate, target.variables)


def _with_functions_resolved(claim: Claim, solution: Solution | None) -> Claim:
    """The claim with the problem's own named function written out (see named_functions)."""
    assert claim.value is not None
    if solution is None:
        return claim
    resolve = checks_for(solution.problem.kind).resolve_functions
    value = resolve(claim.value, solution)
    alternatives = tuple(
        replace(reading, expression=resolve(reading.expression, solution))
        for reading in claim.alternatives
    )
    if value == claim.value and alternatives == claim.alternatives:
        return claim
    return replace(claim, value=value, alternatives=alternatives)


def _read_with_functions(claim: Claim, functions: list[str]) -> Claim:
    """The claim read again with the section's functions (``T(x) = …``) as functions."""
    written = (re.search(written_name(f), claim.text) for f in functions)
    if not functions or claim.syntax != "latex" or not any(written):
        return claim
    try:
        sides = parse_latex(claim.text, functions=functions).sides
    except SymderiveError:
        return claim
    value = sides[-1]
    if len(sides) < 2 or not isinstance(value, sympy.Expr):
        return claim
    return replace(claim, value=value, alternatives=())


def _check_claim(
    claim: Claim,
    targets: dict[str, tuple[Target, ...]],
    solutions: dict[str, Solution],
    hints: Sequence[Hint] = (),
) -> ClaimResult:
    if not claim.parsed or claim.value is None:
        return ClaimResult(claim, Verdict.UNPARSED)
    if is_matrix_form(claim.value):  # J = diag(s) − s sᵀ: the whole Jacobian at once
        return check_matrix_claim(claim, targets.get(claim.problem_id or "", ()))
    claim = _with_functions_resolved(claim, solutions.get(claim.problem_id or ""))
    definitions = definitions_near(claim, hints)
    claim = _read_with_functions(claim, function_names(definitions))
    assert claim.value is not None
    unknown = [f for f in unknown_functions(claim.value) if f not in function_names(definitions)]
    if unknown:
        target = target_for(claim, targets.get(claim.problem_id or "", ()))
        names = ", ".join(unknown)
        note = f"uses {names}, which this problem does not define: not compared"
        return ClaimResult(claim, Verdict.UNDECIDED, target, notes=(note,))
    step = check_working_step(claim, definitions, solutions)
    if step is not None:
        return step
    notation = claim.notation
    if claim.problem_id is None:
        return ClaimResult(claim, Verdict.UNATTRIBUTED, notes=(claim.attribution.reason,))
    solution = solutions.get(claim.problem_id)
    if solution is not None and notation is not None:
        other = another_function(notation, solution, definitions)
        if other is not None:
            return ClaimResult(claim, Verdict.UNATTRIBUTED, notes=(other,))
        local = checks_for(solution.problem.kind).local_claim(claim, notation, solution)
        if local is not None:
            return local
        restated = restates_own_derivative(claim, solution)
        if restated is not None:
            target = target_for(claim, targets.get(claim.problem_id, ()))
            return ClaimResult(claim, Verdict.UNDECIDED, target, notes=(restated,))
    problem_targets = targets.get(claim.problem_id, ())
    target = target_for(claim, problem_targets)
    if target is None:
        order = notation.order if notation is not None else 1
        asked = "of this name"
        highest = max((other.order for other in problem_targets), default=1)
        if highest < order:
            only = "only first derivatives" if highest == 1 else f"only up to order {highest}"
            asked = f"of order {order}, {only}"
        return ClaimResult(
            claim,
            Verdict.UNATTRIBUTED,
            notes=(f"problem {claim.problem_id} asks for no derivative {asked}",),
        )
    if target.jacobian is not None:
        return check_jacobian(claim, target)
    value = target.at_fixed(renamed_claim(claim.value, claim, target))
    given: tuple[str, ...] = ()
    protected = set(target.variables) | target.correct.free_symbols
    defined = with_definitions(value, definitions, protected)
    twice = defined_twice_note(value, definitions, protected) if defined is None else None
    twice = twice or redefined_note(value, claim, hints)
    if twice is not None:
        return ClaimResult(claim, Verdict.UNDECIDED, target, notes=(twice,))
    if defined is not None:
        value = defined[0]
        given = (f"given {'; '.join(d.describe() for d in defined[1])}",)
    at_point = compare_at_point(value, target, claim.text)
    comparison = at_point or compare(value, target.correct, target.variables)
    best = comparison
    read_otherwise: tuple[str, ...] = ()
    for reading in claim.alternatives:  # the student may have meant the other reading
        if comparison.verdict in ACCEPTED:
            break
        other = target.at_fixed(renamed_claim(reading.expression, claim, target))
        alternative = _compared(other, target, claim.text)
        if alternative.verdict in ACCEPTED:
            best = alternative
            # never silently: as written (ordinary precedence) it says something else
            read_otherwise = (
                f"right only under the other reading ({reading.description}), where it is "
                f"{reading.expression}; as written, with the usual precedence, it is {value}, "
                "which is wrong: add parentheses",
            )
            break
    if comparison.verdict in ACCEPTED:
        read_otherwise = _other_readings_differ(claim, target)
    # a value at the point says nothing about the kinks elsewhere
    kinks = kink_values(value, target.correct, target.variables) if at_point is None else []
    no_point = no_point_note(value, target)
    notes = read_otherwise + given + tuple(kink.note() for kink in kinks)
    notes += (no_point,) if no_point is not None else ()
    if best.verdict in ACCEPTED:
        if any(not kink.valid and kink.claimed is not None for kink in kinks):
            return ClaimResult(claim, Verdict.REFUTED, target, best, None, notes)
        return ClaimResult(claim, best.verdict, target, best, None, notes)
    answers_other_reading = _other_reading(claim, value, target)
    if answers_other_reading is not None:
        return answers_other_reading
    strangers = undefined_names(value, target, solution)
    if strangers:
        split = split_into_variables(value, strangers, target, solution)
        if split is None:
            note = undefined_note(strangers)
            return ClaimResult(claim, Verdict.UNDECIDED, target, None, None, (*notes, note))
        value, read_as = split
        best = _compared(value, target, claim.text)
        notes = (*notes, read_as)
        if best.verdict in ACCEPTED:
            return ClaimResult(claim, best.verdict, target, best, None, notes)
    diagnosis = None
    if best.verdict is Verdict.REFUTED and target.context is not None:
        diagnosis = diagnose(value, target.context)
    return ClaimResult(claim, best.verdict, target, best, diagnosis, notes)


def _compared(value: sympy.Expr, target: Target, text: str) -> Comparison:
    """A reading of a claim against the target: at the problem's point when it is a number
    for a derivative that is not constant (``point_values``), else everywhere."""
    return compare_at_point(value, target, text) or compare(value, target.correct)


def _other_readings_differ(claim: Claim, target: Target) -> tuple[str, ...]:
    """A claim right as written that symderive warned could be read otherwise: say which
    reading was graded when the other one would be wrong."""
    for reading in claim.alternatives:
        other = target.at_fixed(renamed_claim(reading.expression, claim, target))
        if _compared(other, target, claim.text).verdict not in ACCEPTED:
            return (
                f"right as written, with the usual precedence; under the other reading "
                f"({reading.description}) it would be {reading.expression}, which is wrong",
            )
    return ()


def _other_reading(claim: Claim, value: sympy.Expr, target: Target) -> ClaimResult | None:
    """A claim under a heading that says it answers the other reading, checked against that."""
    if target.context is None or not target.context.other_readings:
        return None
    if not claim.under_other_reading:
        return None
    for description, derivative in target.context.other_readings:
        comparison = compare(value, derivative, target.variables)
        if comparison.verdict in ACCEPTED:
            # right for the other reading, which is not graded: it does not answer the target
            note = f"answers the other reading ({description}), which is not graded"
            return ClaimResult(claim, comparison.verdict, None, comparison, None, (note,))
    return None


def _settle_duplicates(results: tuple[ClaimResult, ...]) -> tuple[ClaimResult, ...]:
    """A second answer to the same derivative: fine when it agrees, ``duplicate`` when not.

    Restating an answer is harmless; two different answers leave the grader to pick, so the
    later one is reported as a duplicate that contradicts the first. "The same derivative" is
    the target a claim was compared with, whatever notation named it (``∂z/∂x₁``,
    ``∂/∂x₁ z``, ``\\frac{\\partial}{\\partial x_1}(…)``); a Jacobian's entries are told apart
    by the names the attribution compared.
    """
    by_number = {result.claim.number: result for result in results}
    first_of_target: dict[tuple[str, str], ClaimResult] = {}
    settled = []
    for result in sorted(results, key=lambda result: result.claim.number):
        first = by_number.get(result.claim.duplicate_of or -1)
        target, problem_id = result.target, result.claim.problem_id
        if target is not None and target.jacobian is None and problem_id is not None:
            first = first or first_of_target.get((problem_id, target.key))
            first_of_target.setdefault((problem_id, target.key), result)
        if first is not None and first is not result and result.target is not None:
            agrees = (first.verdict in ACCEPTED) == (result.verdict in ACCEPTED)
            note = f"repeats claim {first.claim.number} at line {first.claim.location.line}"
            if agrees:
                result = replace(result, notes=(*result.notes, note + " (same answer)"))
            else:
                result = replace(
                    result, verdict=Verdict.DUPLICATE, notes=(*result.notes, note + ", differently")
                )
        settled.append(result)
    order = {result.claim.number: index for index, result in enumerate(results)}
    return tuple(sorted(settled, key=lambda result: order[result.claim.number]))
