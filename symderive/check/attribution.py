"""Which problem each claim answers: by id or heading, restated expression, name, then order.

Students rarely label every formula, so attribution tries, for each claim and chain in
document order: (a) a problem id the source states (a YAML key) or that the heading or label
above names (``## Q3 (a)``, ``Problem q3b``; a heading ``Q3`` narrows to q3a, q3b, q3c);
(b) a formula or code line before it, under the same heading, that restates a problem's
expression; (c) its derivative's name, when only one candidate problem has that result and
variable; (d) order: the next problem, from the one answered last, that still lacks this
derivative. What none of these settles stays unattributed, with the reason, never dropped.
Claims stating the same derivative of the same problem again are marked ``duplicate_of``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import sympy

from symderive.budget import within_budget
from symderive.check.claim import Answers, Attribution, Claim, Hint, StepChain
from symderive.check.headings import context_ids
from symderive.check.kinds import checks_for
from symderive.check.matrix_forms import asks_for_jacobian
from symderive.check.subscript_names import subscript_claims
from symderive.check.targets import second_derivative_key
from symderive.fields import did_you_mean
from symderive.parsing.expression import ParsedExpression
from symderive.parsing.notation import DerivativeNotation
from symderive.problem import Problem, ProblemSet

COMPARE_SECONDS = 0.5
Item = Claim | StepChain


def attribute(answers: Answers, problems: ProblemSet) -> Answers:
    """The same answers, every claim and chain with its ``attribution`` (and duplicates marked);
    relations named like ``z_{x_1}`` become claims first where a problem has that derivative."""
    answers = subscript_claims(answers, problems)
    by_id = {problem.id: problem for problem in problems.problems}
    hints = {hint.number: _restates(hint, problems.problems) for hint in answers.hints}
    items: list[Item] = sorted([*answers.claims, *answers.chains], key=lambda item: item.number)
    claimed: set[tuple[str, tuple[object, ...]]] = set()
    current: str | None = None
    done: dict[int, Item] = {}
    for item in items:
        attribution = _attribute_one(item, answers.hints, hints, by_id, claimed, current)
        if attribution.problem_id is not None:
            current = attribution.problem_id
            key = _derivative_key(item)
            if key is not None:
                claimed.add((attribution.problem_id, key))
        done[item.number] = replace(item, attribution=attribution)
    claims = _mark_duplicates([c for c in done.values() if isinstance(c, Claim)])
    chains = tuple(c for c in done.values() if isinstance(c, StepChain))
    return replace(answers, claims=claims, chains=chains)


def _attribute_one(
    item: Item,
    all_hints: Sequence[Hint],
    restated: dict[int, tuple[str, ...]],
    by_id: dict[str, Problem],
    claimed: set[tuple[str, tuple[object, ...]]],
    current: str | None,
) -> Attribution:
    ids = list(by_id)
    if item.stated_id is not None:
        if item.stated_id in by_id:
            return Attribution(item.stated_id, "id", f"listed under {item.stated_id!r}")
        close = did_you_mean(item.stated_id, ids) or f" (problems: {', '.join(ids)})"
        return Attribution(None, None, f"no problem has the id {item.stated_id!r}{close}")
    candidates = ids
    named, narrowed = context_ids(item.context, ids)
    if len(named) == 1:
        return Attribution(named[0], "heading", f"under the heading {item.context!r}")
    if named or narrowed:
        candidates = named or narrowed
    hint = _latest_hint(item, all_hints, restated, candidates)
    if hint is not None:
        same_file = hint.location.file == item.location.file
        where = f"line {hint.location.line}" if same_file else hint.location.prefix()
        problem_id = restated[hint.number][0]
        reason = f"follows a restatement of {problem_id}'s expression ({where})"
        return Attribution(problem_id, "expression", reason)
    fitting = [pid for pid in candidates if _fits(item, by_id[pid])]
    if len(fitting) == 1:
        return Attribution(fitting[0], "name", f"only {fitting[0]} has {_describe(item)}")
    return _by_order(item, candidates, fitting, claimed, current)


def _by_order(
    item: Item,
    candidates: list[str],
    fitting: list[str],
    claimed: set[tuple[str, tuple[object, ...]]],
    current: str | None,
) -> Attribution:
    """The next candidate, from the last problem answered, still missing this derivative."""
    key = _derivative_key(item)
    if key is None:
        if current in candidates:
            return Attribution(current, "order", f"follows the answers to {current}")
        if len(candidates) == 1:
            return Attribution(candidates[0], "order", f"{candidates[0]} is the only candidate")
        return Attribution(None, None, "no heading, restated expression or name says which problem")
    if not fitting:
        return Attribution(None, None, f"no problem has {_describe(item)}")
    start = candidates.index(current) if current in candidates else 0
    for problem_id in candidates[start:]:
        if problem_id in fitting and (problem_id, key) not in claimed:
            return Attribution(problem_id, "order", f"the next problem with {_describe(item)}")
    return Attribution(None, None, f"{_describe(item)} fits several problems, each answered")


def _latest_hint(
    item: Item, hints: Sequence[Hint], restated: dict[int, tuple[str, ...]], candidates: list[str]
) -> Hint | None:
    """The last hint before the item under the same heading, if it restates one candidate."""
    before = [h for h in hints if h.number < item.number and h.context == item.context]
    for hint in reversed(before):
        matches = [pid for pid in restated[hint.number] if pid in candidates]
        if restated[hint.number]:
            return hint if len(matches) == 1 else None
    return None


def _restates(hint: Hint, problems: Sequence[Problem]) -> tuple[str, ...]:
    """The ids of the problems whose expression the hint's value (or a reading of it) equals."""
    values = [hint.value, *(reading.expression for reading in hint.alternatives)]
    found = []
    for problem in problems:
        expression = _expression(problem)
        if expression is None:
            continue
        targets = [expression.expression, *(r.expression for r in expression.alternatives)]
        if any(equal(value, target) for value in values for target in targets):
            found.append(problem.id)
    return tuple(found)


def _expression(problem: Problem) -> ParsedExpression | None:
    return checks_for(problem.kind).restated_expression(problem)


def equal(a: sympy.Basic, b: sympy.Basic) -> bool:
    """Symbolic equality good enough for attribution: same symbols, difference expands to 0."""
    if a == b:
        return True
    if not isinstance(a, sympy.Expr) or not isinstance(b, sympy.Expr):
        return False
    if {str(s) for s in a.free_symbols} != {str(s) for s in b.free_symbols}:
        return False
    result, _ = within_budget(lambda: sympy.expand(a - b) == 0, COMPARE_SECONDS, False)
    return result


def _fits(item: Item, problem: Problem) -> bool:
    """Whether the derivative (or chain subject) the item names exists in the problem."""
    subject = item.notation if isinstance(item, Claim) else item.subject
    if isinstance(item, Claim) and isinstance(item.value, sympy.MatrixExpr):
        # diag(s) − s sᵀ answers a Jacobian only: σ'(z) = … names the sigmoid's s too
        return asks_for_jacobian(problem) and checks_for(problem.kind).fits(subject, problem)
    return checks_for(problem.kind).fits(subject, problem)


def _derivative_key(item: Item) -> tuple[object, ...] | None:
    """What makes two claims state the same derivative (∂ and d are the same here)."""
    if not isinstance(item, Claim) or item.notation is None:
        return None
    n = item.notation
    variables = (n.variable, n.second_variable)
    if n.order == 2 and n.variable is not None:  # ∂²f/∂x∂y and ∂²f/∂y∂x: one derivative
        variables = (second_derivative_key(n.variable, n.second_variable or n.variable), None)
    return (n.function, *variables, str(n.argument), n.index, n.order, str(n.expression))


def _describe(item: Item) -> str:
    subject = item.notation if isinstance(item, Claim) else item.subject
    if isinstance(subject, DerivativeNotation):
        top = subject.function or "·"
        if subject.order == 2 and subject.variable is not None:
            second = subject.second_variable or subject.variable
            return f"d2{top}/d{subject.variable}d{second}"
        if subject.variable is not None:
            return f"d{top}/d{subject.variable}"
        primes = "'" * subject.order
        return f"{top}{primes}({subject.argument})"
    return f"the result {subject}" if subject is not None else "this chain"


def _mark_duplicates(claims: list[Claim]) -> tuple[Claim, ...]:
    """Later claims of the same derivative for the same problem point at the first one."""
    first: dict[tuple[object, ...], int] = {}
    marked = []
    for claim in sorted(claims, key=lambda c: c.number):
        key = _derivative_key(claim)
        if claim.problem_id is not None and key is not None:
            full = (claim.problem_id, *key)
            if full in first:
                claim = replace(claim, duplicate_of=first[full])
            else:
                first[full] = claim.number
        marked.append(claim)
    return tuple(marked)
