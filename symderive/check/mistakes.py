"""Naming the likely mistake behind a refuted claim, by the same machinery that refuted it.

Each diagnosis is a hypothesis with a candidate expression ("what you would have got if you
had made this mistake"); the claim is compared with the candidate exactly as it was compared
with the correct answer, and only a candidate the claim equals (proved or numerically equal)
is named. So a diagnosis is evidence, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

import sympy

from symderive.budget import within_budget
from symderive.check.equivalence import Verdict, compare
from symderive.derive.rules import OUTER_RULES
from symderive.functions import to_native

PROOF_SECONDS = 0.5
_EQUAL = (Verdict.PROVED, Verdict.NUMERICALLY_EQUAL)


class DiagnosisCode(StrEnum):
    """Every mistake the checker names. The values are what JSON, CSV and feedback say, and the
    keys a problem file's ``credit:`` accepts."""

    SIGN = "sign"
    CONSTANT_FACTOR = "constant-factor"
    OTHER_VARIABLE = "other-variable"
    OTHER_READING = "other-reading"
    MISSING_CHAIN_FACTOR = "missing-chain-factor"
    DIAGONAL_ONLY = "diagonal-only"
    MATRIX_ORDER = "matrix-order"
    INCOMPLETE_MATRIX = "incomplete-matrix"
    """Not a wrong value: some entries of a matrix the part asks for are missing (``credit:``
    gives a share of the points for the entries stated)."""
    IDENTITY_FOR_DIAGONAL = "identity-for-diag"
    """``I − s sᵀ`` for softmax's Jacobian: the identity where ``diag(s)`` belongs."""
    OTHER_JACOBIAN = "other-jacobian"
    """Softmax's Jacobian given for log-softmax's, or the other way round."""


@dataclass(frozen=True)
class Diagnosis:
    """A named mistake, and the expression that mistake produces (shown to the student)."""

    code: DiagnosisCode
    message: str
    candidate: sympy.Expr


@dataclass(frozen=True)
class MistakeContext:
    """What a diagnosis may compare against, beside the correct derivative itself.

    ``other_variables`` maps each other variable of the problem to the derivative with respect
    to it; ``other_readings`` holds (description, derivative) for other readings of the text.
    """

    expression: sympy.Expr
    variable: sympy.Symbol
    correct: sympy.Expr
    other_variables: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()
    other_readings: tuple[tuple[str, sympy.Expr], ...] = ()


def _equal(claimed: sympy.Expr, candidate: sympy.Expr) -> bool:
    """Whether the claim is this mistake (most hypotheses are not: random points go first)."""
    verdict = compare(
        claimed, candidate, proof_seconds=PROOF_SECONDS, likely_different=True, hypothesis=True
    )
    return verdict.verdict in _EQUAL


def _constant_ratio(claimed: sympy.Expr, correct: sympy.Expr) -> sympy.Expr | None:
    """claimed / correct when that is a simple constant (a small fraction), else None."""
    ratio, finished = within_budget(
        lambda: sympy.cancel(to_native(claimed) / to_native(correct)), PROOF_SECONDS, None
    )
    if not finished or ratio is None:
        return None
    if ratio.free_symbols or ratio.has(sympy.nan, sympy.zoo) or ratio in (0, 1, -1):
        return None
    if ratio.is_Rational and abs(ratio.p) <= 1000 and ratio.q <= 1000:
        return ratio
    return None


def forgetful_derivative(expression: sympy.Expr, variable: sympy.Symbol) -> sympy.Expr:
    """The derivative as someone computes it who forgets every chain rule's inner factor."""
    if not expression.has(variable):
        return sympy.Integer(0)
    if expression == variable:
        return sympy.Integer(1)
    if isinstance(expression, sympy.Add):
        return sympy.Add(*(forgetful_derivative(term, variable) for term in expression.args))
    if isinstance(expression, sympy.Mul):
        factors = expression.args
        return sympy.Add(
            *(
                forgetful_derivative(factor, variable)
                * sympy.Mul(*(other for position, other in enumerate(factors) if position != index))
                for index, factor in enumerate(factors)
            )
        )
    if isinstance(expression, sympy.Pow) and not expression.exp.has(variable):
        return expression.exp * expression.base ** (expression.exp - 1)
    rule = OUTER_RULES.get(expression.func)
    if rule is not None and len(expression.args) == 1:
        return rule.derivative(expression.args[0])
    return sympy.diff(expression, variable)


MAX_VARIANTS = 24


def one_factor_forgotten(expression: sympy.Expr, variable: sympy.Symbol) -> list[sympy.Expr]:
    """Derivatives with exactly one chain-rule factor left out, outer or inner, anywhere.

    For exp((x1 + 5x2 + 15)²) by x2: exp(…)·5 (the power rule's 2(…) forgotten) and
    exp(…)·2(…) (the inner 5 forgotten). Capped at ``MAX_VARIANTS`` so hostile input stays cheap.
    """
    return _variants(to_native(expression), variable)[:MAX_VARIANTS]


def _variants(expression: sympy.Expr, variable: sympy.Symbol) -> list[sympy.Expr]:
    if not expression.has(variable) or expression == variable:
        return []
    whole = sympy.diff(expression, variable)
    found: list[sympy.Expr] = []
    if isinstance(expression, sympy.Add | sympy.Mul):
        for part in expression.args:
            if not part.has(variable):
                continue
            rest = expression / part if isinstance(expression, sympy.Mul) else sympy.Integer(1)
            contribution = sympy.diff(part, variable) * rest
            found += [whole - contribution + v * rest for v in _variants(part, variable)]
        return found
    if isinstance(expression, sympy.Pow) and not expression.exp.has(variable):
        inner, outer = expression.base, expression.exp * expression.base ** (expression.exp - 1)
    elif isinstance(expression, sympy.Function) and len(expression.args) == 1:
        inner = expression.args[0]
        u = sympy.Dummy(real=True)
        outer = sympy.diff(expression.func(u), u).xreplace({u: inner})
    else:
        return []
    inner_derivative = sympy.diff(inner, variable)
    if inner_derivative != 1:
        found += [outer, inner_derivative]  # the inner factor forgotten, or the outer one
    found += [outer * v for v in _variants(inner, variable)]
    return found


def _hypotheses(
    context: MistakeContext,
) -> Iterator[tuple[DiagnosisCode, str, Callable[[], sympy.Expr]]]:
    correct = context.correct
    sign = "sign error: the claim is the negative of the derivative"
    yield DiagnosisCode.SIGN, sign, lambda: -correct
    for other, derivative in context.other_variables:
        yield (
            DiagnosisCode.OTHER_VARIABLE,
            f"this is the derivative with respect to {other}, not {context.variable}",
            lambda derivative=derivative: derivative,  # type: ignore[misc]
        )
    for description, derivative in context.other_readings:
        yield (
            DiagnosisCode.OTHER_READING,
            f"this answers the other reading of the expression ({description})",
            lambda derivative=derivative: derivative,  # type: ignore[misc]
        )
    yield (
        DiagnosisCode.MISSING_CHAIN_FACTOR,
        "missing chain-rule factor: the inner function's derivative was not multiplied in",
        lambda: forgetful_derivative(context.expression, context.variable),
    )
    for candidate in one_factor_forgotten(context.expression, context.variable):
        yield (
            DiagnosisCode.MISSING_CHAIN_FACTOR,
            "missing chain-rule factor: one factor of the chain rule was not multiplied in",
            lambda candidate=candidate: candidate,  # type: ignore[misc]
        )


def hypotheses_of(context: MistakeContext) -> list[sympy.Expr]:
    """The expression each likely mistake would give here (for compiling them ahead of time)."""
    return [build() for _, _, build in _hypotheses(context)]


def diagnose(claimed: sympy.Expr, context: MistakeContext) -> Diagnosis | None:
    """The first mistake the claim is shown to equal, or None (specific mistakes first)."""
    for code, message, build in _hypotheses(context):
        candidate = build()
        if candidate == context.correct or not _equal(claimed, candidate):
            continue
        if sympy.expand(candidate - context.correct) != 0:  # (checked last: it is the slow one)
            return Diagnosis(code, message, candidate)
        # else this mistake would not change the answer here
    ratio = _constant_ratio(claimed, context.correct)
    if ratio is not None:
        message = f"off by a constant factor of {ratio}"
        return Diagnosis(DiagnosisCode.CONSTANT_FACTOR, message, ratio * context.correct)
    return None


@dataclass(frozen=True)
class KinkValue:
    """What a claim says at a kink of the derivative, and whether that is a subgradient."""

    variable: sympy.Symbol
    point: sympy.Expr
    claimed: sympy.Expr | None
    left: sympy.Expr
    right: sympy.Expr

    @property
    def valid(self) -> bool:
        """Whether the claimed value lies between the one-sided derivatives."""
        if self.claimed is None or not self.claimed.is_real:
            return False
        low, high = sorted((self.left, self.right), key=float)
        return bool(low <= self.claimed <= high)

    def note(self) -> str:
        where = f"{self.variable} = {self.point}"
        interval = (
            f"[{min(self.left, self.right, key=float)}, {max(self.left, self.right, key=float)}]"
        )
        if self.claimed is None:
            return f"at {where} the derivative does not exist (subgradient {interval})"
        verdict = "a valid subgradient convention" if self.valid else "not a subgradient"
        return (
            f"at {where} the derivative does not exist; the answer gives {self.claimed} there, "
            f"{verdict} (the subgradient is {interval})"
        )


LIMIT_SECONDS = 1.0


def _one_sided(
    expression: sympy.Expr, variable: sympy.Symbol, point: sympy.Expr
) -> tuple[tuple[sympy.Expr, sympy.Expr] | None, bool]:
    """The limits from the left and the right (None when SymPy fails), and whether SymPy
    finished in time. The steps' own sides first (milliseconds); SymPy's ``limit`` (a quarter
    of a second each) only where they cannot tell."""

    def limits() -> tuple[sympy.Expr, sympy.Expr] | None:
        try:
            sides = _sides_of_steps(expression, variable, point)
            if sides is None:
                sides = (
                    sympy.limit(expression, variable, point, "-"),
                    sympy.limit(expression, variable, point, "+"),
                )
        except (NotImplementedError, ValueError, TypeError, ZeroDivisionError, RecursionError):
            return None
        left, right = sides
        if not (left.is_real and right.is_real and left.is_finite and right.is_finite):
            return None
        return left, right

    return within_budget(limits, LIMIT_SECONDS, None)


_CONTINUOUS = (
    sympy.exp,
    sympy.sin,
    sympy.cos,
    sympy.tanh,
    sympy.sinh,
    sympy.cosh,
    sympy.atan,
    sympy.erf,
)


def _sides_of_steps(
    expression: sympy.Expr, variable: sympy.Symbol, point: sympy.Expr
) -> tuple[sympy.Expr, sympy.Expr] | None:
    """Both one-sided limits where the only discontinuities are steps, H(g) and sign(g), whose
    argument crosses 0 at the point with a nonzero slope: each step is constant on each side
    (its value there follows from the slope's sign), and what is left is continuous at the
    point, so its limit is its value. None when anything else is there (then SymPy's limit)."""
    steps = [node for node in expression.atoms(sympy.Heaviside, sympy.sign) if node.has(variable)]
    sides: dict[int, dict[sympy.Basic, sympy.Expr]] = {-1: {}, 1: {}}
    for step in steps:
        argument = step.args[0]
        at = argument.subs(variable, point)
        if not at.is_number:
            return None
        if at != 0:
            continue  # constant near the point: the substitution below gives its value
        slope = sympy.diff(argument, variable).subs(variable, point)
        if not (slope.is_number and slope.is_real and slope != 0):
            return None
        for side in (-1, 1):
            positive = side * slope > 0
            if isinstance(step, sympy.Heaviside):
                sides[side][step] = sympy.Integer(1 if positive else 0)
            else:
                sides[side][step] = sympy.Integer(1 if positive else -1)
    values = []
    for side in (-1, 1):
        rest = expression.xreplace(sides[side])
        if not _continuous_where_finite(rest, variable, point):
            return None
        value = rest.subs(variable, point)
        if not (value.is_number and value.is_finite and value.is_real):
            return None  # sin(x)/x, a pole: a true limit, SymPy's to take
        values.append(value)
    return values[0], values[1]


def _continuous_where_finite(
    expression: sympy.Expr, variable: sympy.Symbol, point: sympy.Expr
) -> bool:
    """Made only of parts continuous at the point wherever their value there is finite: sums,
    products, integer powers, powers of a base positive at the point, the functions of
    ``_CONTINUOUS``, and steps whose argument is not 0 there."""
    for node in sympy.preorder_traversal(expression):
        if isinstance(node, sympy.Pow) and not node.exp.is_Integer:
            if node.base.subs(variable, point).is_positive is not True:
                return False
        elif isinstance(node, sympy.Function) and not isinstance(
            node, (*_CONTINUOUS, sympy.Heaviside, sympy.sign)
        ):
            return False
    return True


def _roots(expression: sympy.Expr, variable: sympy.Symbol) -> list[sympy.Expr]:
    """Where ``expression`` is 0, or nothing when SymPy cannot say in time."""

    def solve() -> list[sympy.Expr]:
        try:
            return list(sympy.solve(expression, variable))
        except (NotImplementedError, ValueError, TypeError):
            return []

    nothing: list[sympy.Expr] = []
    found, _ = within_budget(solve, LIMIT_SECONDS, nothing)
    return found


KINKS_KEPT = 512
Kink = tuple[sympy.Expr, sympy.Expr, sympy.Expr]
"""Where a derivative jumps: the point, and its limits from the left and from the right."""
_KINKS: dict[tuple[sympy.Expr, sympy.Symbol], tuple[Kink, ...]] = {}
"""The kinks of each correct derivative (a class's claims share their targets, and SymPy's
limits are slow); only what was found within its budget is kept."""


def _kinks(correct: sympy.Expr, variable: sympy.Symbol) -> tuple[Kink, ...]:
    if (correct, variable) in _KINKS:
        return _KINKS[(correct, variable)]
    found: list[Kink] = []
    complete = True
    for node in sympy.preorder_traversal(correct):
        if not isinstance(node, sympy.Heaviside | sympy.sign):
            continue
        for root in _roots(node.args[0], variable):
            if not root.is_real:
                continue
            sides, finished = _one_sided(to_native(correct), variable, root)
            complete = complete and finished
            if sides is not None and sides[0] != sides[1]:
                found.append((root, *sides))
            # else: no kink there, or SymPy cannot take the limits: no note, no verdict
    if complete:
        if len(_KINKS) >= KINKS_KEPT:
            _KINKS.clear()
        _KINKS[(correct, variable)] = tuple(found)
    return tuple(found)


def kink_values(
    claimed: sympy.Expr, correct: sympy.Expr, variables: Sequence[sympy.Symbol]
) -> list[KinkValue]:
    """For a one-variable derivative with kinks (Heaviside, sign): the claim's value at each."""
    if len(variables) != 1:
        return []
    (variable,) = variables
    found: list[KinkValue] = []
    for root, left, right in _kinks(correct, variable):
        value = to_native(claimed).subs(variable, root)
        # a number there, or nothing to judge (a claim in other symbols says no value at x = 0)
        claimed_value = value if value.is_number and value.is_real and value.is_finite else None
        found.append(KinkValue(variable, root, claimed_value, left, right))
    return found
