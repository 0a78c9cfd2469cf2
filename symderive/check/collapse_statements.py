"""What a Q1 answer states about the collapsed network, checked as matrices.

Two kinds of statement: the collapsed parameters (``W = W_2 W_1``, ``b = W_2 b_1 + b_2``), which
are compared with the closed form the proof derived, and the first line of a chain written in
the layers' own symbols (``y = W_2(W_1 x + b_1) + b_2 = …``), which must be the output of that
many layers. Both are read with non-commuting symbols, so ``W_1 W_2`` where ``W_2 W_1`` is meant
is a refutation with the diagnosis ``matrix-order``, never a pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sympy

from symderive.check.claim import Attribution, Claim, Hint, StepChain
from symderive.check.equivalence import Comparison, Verdict
from symderive.check.headings import context_ids
from symderive.check.mistakes import Diagnosis, DiagnosisCode
from symderive.check.report import ClaimResult
from symderive.check.targets import Target
from symderive.derive.collapse import LinearCollapseSolution
from symderive.errors import ExpressionError
from symderive.parsing.latex import parse_latex

_LAYER = re.compile(r"^(W|b)(\d+)$")
STATED = {"W": "the collapsed weight W", "b": "the collapsed bias b"}


def as_matrices(text: str) -> list[sympy.Expr] | None:
    """The sides of ``text`` with non-commuting symbols; None when it is not such a relation."""
    try:
        sides = parse_latex(text, commutative=False).sides
    except ExpressionError:
        return None
    expressions = [side for side in sides if isinstance(side, sympy.Expr)]
    if len(expressions) != len(sides):
        return None
    if any(side.atoms(sympy.Function) for side in expressions):
        return None  # activations of numbers, not products of matrices
    return expressions


def layer_count(expression: sympy.Expr, slope: sympy.Expr) -> int | None:
    """k when ``expression`` is written only in W_1…W_k, b_1…b_k, x (and the slope)."""
    allowed = {symbol.name for symbol in slope.free_symbols} | {"x"}
    highest = 0
    for symbol in expression.free_symbols:
        match = _LAYER.match(symbol.name)
        if match is not None:
            highest = max(highest, int(match.group(2)))
        elif symbol.name not in allowed:
            return None
    return highest or None


def _same_matrices(left: sympy.Expr, right: sympy.Expr) -> bool:
    return bool(sympy.expand(left - right) == 0)


def _commuting(expression: sympy.Expr) -> sympy.Expr:
    return expression.xreplace(
        {s: sympy.Symbol(s.name) for s in expression.free_symbols if not s.is_commutative}
    )


def _network(solution: LinearCollapseSolution, layers: int) -> sympy.Expr | None:
    """The output of the first ``layers`` layers (as written, and expanded), from the proof."""
    proof = solution.proof
    if proof is None or not 1 <= layers <= len(proof.closed_form):
        return None
    return proof.closed_form[layers - 1].right


def _collapsed(solution: LinearCollapseSolution, layers: int, name: str) -> sympy.Expr | None:
    """W (the terms with x, x dropped from the right) or b (the rest) of ``layers`` layers."""
    output = _network(solution, layers)
    if output is None:
        return None
    terms = sympy.Add.make_args(sympy.expand(output))
    weights = [term for term in terms if term.has(sympy.Symbol("x", commutative=False))]
    if name == "b":
        return sympy.Add(*[term for term in terms if term not in weights])
    dropped = []
    for term in weights:
        factors = list(sympy.Mul.make_args(term))
        if not factors or factors[-1] != sympy.Symbol("x", commutative=False):
            return None
        dropped.append(sympy.Mul(*factors[:-1]))
    return sympy.Add(*dropped)


def first_line_note(chain: StepChain, solution: LinearCollapseSolution) -> str | None:
    """Why a chain's first line is not the network's output; None when it is, or not checkable.

    Only a first line written in the layers' symbols is checked (``y = W_2 h_1 + b_2`` names a
    hidden layer and is left to the links)."""
    if not in_matrices(solution) or not chain.links:
        return None
    sides = as_matrices(chain.links[0].text)
    if sides is None or len(sides) != 1:
        return None
    layers = layer_count(sides[0], solution.slope)
    expected = _network(solution, layers) if layers is not None else None
    if expected is None or _same_matrices(sides[0], expected):
        return None
    proof = solution.proof
    assert proof is not None and layers is not None
    written = proof.closed_form[layers - 1].left
    return f"the first line is not the output of {layers} layers, {written}"


def in_matrices(solution: LinearCollapseSolution) -> bool:
    """Whether the proof is about matrices (the order of a product matters) that collapse."""
    return solution.holds and not solution.scalar


def _attributed(hint: Hint, collapse_ids: list[str]) -> str | None:
    named, narrowed = context_ids(hint.context, collapse_ids)
    candidates = named or narrowed or collapse_ids
    return candidates[0] if candidates else None


def check_collapsed_statements(
    hints: Sequence[Hint], solutions: dict[str, LinearCollapseSolution]
) -> tuple[ClaimResult, ...]:
    """Every ``W = …`` and ``b = …`` in the layers' symbols, against the derived closed form of
    the linear-collapse problems of the file (``solutions``)."""
    collapse_ids = [
        problem_id for problem_id, solution in solutions.items() if in_matrices(solution)
    ]
    if not collapse_ids:
        return ()
    results = []
    for hint in hints:
        if hint.name not in STATED or hint.relation_text is None:
            continue
        sides = as_matrices(hint.relation_text)
        problem_id = _attributed(hint, collapse_ids)
        if sides is None or len(sides) != 2 or problem_id is None:
            continue
        solution = solutions[problem_id]
        claimed = sides[1]
        # judged for the layers the statement is written in, and named so ("W (2 layers)"): the
        # two-layer step is a true statement inside a proof about three layers or about N
        layers = layer_count(claimed, solution.slope)
        expected = _collapsed(solution, layers, hint.name) if layers is not None else None
        if expected is None:
            continue
        results.append(_result(hint, problem_id, claimed, expected, layers or 0))
    return tuple(results)


def _result(
    hint: Hint, problem_id: str, claimed: sympy.Expr, expected: sympy.Expr, layers: int
) -> ClaimResult:
    name = hint.name or ""
    claim = Claim(
        number=hint.number,
        location=hint.location,
        text=hint.relation_text or hint.text,
        notation=None,
        value=claimed,
        context=hint.context,
        attribution=Attribution(
            problem_id, "heading", f"{STATED[name]} of {problem_id}, under {hint.context!r}"
        ),
    )
    target = Target(problem_id, f"{name} ({layers} layers)", name, expected, ())
    if _same_matrices(claimed, expected):
        comparison = Comparison(Verdict.PROVED, "expansion with non-commuting matrices")
        return ClaimResult(claim, Verdict.PROVED, target, comparison)
    comparison = Comparison(Verdict.REFUTED, f"as matrices, {name} = {expected}")
    diagnosis = None
    if _same_matrices(_commuting(claimed), _commuting(expected)):
        diagnosis = Diagnosis(
            DiagnosisCode.MATRIX_ORDER,
            "a matrix product in the wrong order: equal for numbers, but matrix products do "
            f"not commute ({name} = {expected})",
            expected,
        )
    return ClaimResult(claim, Verdict.REFUTED, target, comparison, diagnosis)
