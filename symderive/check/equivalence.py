"""Is a claimed expression equal to the correct one? Decided in stages, with evidence.

1. canonical form: SymPy's automatic canonicalisation already makes them identical;
2. expansion and cancellation: ``cancel(expand(a − b)) == 0``, under a small budget;
3. a vectorised random-point screen inside the domain (points where either side is undefined
   are redrawn; a fixed seed makes every run agree); a disagreement is confirmed at 30 digits
   before it is reported, so rounding never refutes a correct answer;
4. for answers by cases (Piecewise, Heaviside, |x|, max), a proof piece by piece: equal
   everywhere except at isolated kinks, where what a claim says is judged as a subgradient;
5. a symbolic proof, ``simplify(a − b) == 0``, in a separate process that is killed when its
   time budget runs out.

A wrong "equal" is the worst bug this tool can have, so "numerically-equal" is only ever said
after many agreeing points, and a claim that cannot be evaluated anywhere is "undecided", never
equal.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

import mpmath
import numpy
import sympy

from symderive.budget import remaining_budget, within_budget
from symderive.functions import to_native
from symderive.parsing.names import natural_key

SEED = 20261127
SCREEN_POINTS = 48
MINIMUM_AGREEING_POINTS = 24
SCREEN_ROUNDS = 4
RELATIVE_TOLERANCE = 1e-8
PRECISE_TOLERANCE = 1e-20
PRECISE_POINTS = 3
CONFIRM_DIGITS = 30
EXPAND_BUDGET_SECONDS = 0.5
PROOF_BUDGET_SECONDS = 3.0


class Verdict(StrEnum):
    """One verdict per claim; DESIGN.md's table, plus ``undecided`` for the honest gap."""

    PROVED = "proved"
    NUMERICALLY_EQUAL = "numerically-equal"
    REFUTED = "refuted"
    UNDECIDED = "undecided"
    UNPARSED = "unparsed"
    MISSING = "missing"
    DUPLICATE = "duplicate"
    UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class Counterexample:
    """A point where the claim and the correct value differ, with both values."""

    point: tuple[tuple[sympy.Symbol, sympy.Rational], ...]
    claimed: complex
    correct: complex


@dataclass(frozen=True)
class Comparison:
    """A verdict with its evidence: the stage that decided and, if refuted, where."""

    verdict: Verdict
    stage: str
    counterexample: Counterexample | None = None
    agreeing_points: int = 0


def _canonical(claimed: sympy.Expr, correct: sympy.Expr) -> bool:
    return claimed == correct or sympy.simplify(0) == (claimed - correct)


def _expanded(difference: sympy.Expr) -> sympy.Expr | None:
    """``cancel(expand(a − b))`` within its budget, or None when it ran out.

    Cancelling is the costly half and only matters over a common denominator: a difference
    that expands to 0 or to a number, or has no denominator, is not cancelled."""

    def expanded() -> sympy.Expr:
        expression = sympy.expand(difference)
        if expression.is_number or not _has_denominator(expression):
            return expression
        return sympy.cancel(expression)

    result, finished = within_budget(expanded, EXPAND_BUDGET_SECONDS, None)
    return result if finished else None


def _has_denominator(expression: sympy.Expr) -> bool:
    return any(
        power.exp.is_negative for power in expression.atoms(sympy.Pow) if power.exp.is_number
    )


_EXPONENTIAL_KINDS = (
    sympy.sin,
    sympy.cos,
    sympy.tan,
    sympy.cot,
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.coth,
)


def _exponential_form_zero(difference: sympy.Expr) -> bool:
    """sin² + cos² − 1, σ' = (1 − tanh²(x/2))/4: identities that ``cancel`` proves once every
    trigonometric and hyperbolic function is written with exponentials (a cheap proof, in this
    process, before a ``simplify`` in a worker)."""
    if not difference.has(*_EXPONENTIAL_KINDS):
        return False

    def decide() -> bool:
        rewritten = to_native(difference).rewrite(sympy.exp)
        return bool(sympy.cancel(sympy.expand(rewritten)) == 0)

    try:
        zero, finished = within_budget(decide, EXPAND_BUDGET_SECONDS, False)
    except (NotImplementedError, TypeError, ValueError, AttributeError):
        return False
    return finished and zero


_PIECEWISE_KINDS = (sympy.Piecewise, sympy.Heaviside, sympy.Max, sympy.Min, sympy.sign, sympy.Abs)


def _piecewise_equal(difference: sympy.Expr) -> bool:
    """For one variable: is every piece of ``a − b`` zero, except on isolated points?

    Answers by cases and derivatives with Heaviside steps differ at the kink, where the
    derivative does not exist (what a claim says there is judged separately, as a subgradient).
    Each piece's own region is computed as a set; pieces on regions of measure zero are skipped.
    Parameters (the α of leaky ReLU) may appear in the pieces, but every condition must be about
    the same one real variable.
    """
    if not difference.free_symbols or not difference.has(*_PIECEWISE_KINDS):
        return False

    def decide() -> bool:
        folded = sympy.piecewise_fold(difference.rewrite(sympy.Piecewise))
        pieces = folded.args if isinstance(folded, sympy.Piecewise) else ((folded, sympy.true),)
        in_conditions = set().union(*(condition.free_symbols for _, condition in pieces))
        if len(in_conditions) != 1:
            return False
        (variable,) = in_conditions
        if variable.is_real is not True:
            return False
        covered: sympy.Set = sympy.EmptySet
        for expression, condition in pieces:
            region = case_region(condition, variable) - covered
            covered = covered | region
            if region.measure == 0:
                continue
            if sympy.simplify(expression) != 0:
                return False
        return bool((sympy.Reals - covered).measure == 0)  # undefined at most at points

    try:
        equal, finished = within_budget(decide, EXPAND_BUDGET_SECONDS * 2, False)
    except (NotImplementedError, TypeError, ValueError, AttributeError):
        return False
    return finished and equal


_INTERVALS = {
    ">": lambda c: sympy.Interval.open(c, sympy.oo),
    ">=": lambda c: sympy.Interval(c, sympy.oo),
    "<": lambda c: sympy.Interval.open(-sympy.oo, c),
    "<=": lambda c: sympy.Interval(-sympy.oo, c),
    "==": lambda c: sympy.FiniteSet(c),
    "!=": lambda c: sympy.Reals - sympy.FiniteSet(c),
}
_FLIPPED = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "==", "!=": "!="}


def case_region(condition: sympy.Basic, variable: sympy.Symbol) -> sympy.Set:
    """Where a piece's condition holds. ``x > 0`` and friends, and their and/or, directly (the
    usual case, and SymPy's general ``as_set`` costs far more); anything else by ``as_set``."""
    if condition is sympy.true:
        return sympy.Reals
    if isinstance(condition, sympy.And | sympy.Or):
        parts = [case_region(argument, variable) for argument in condition.args]
        combine = sympy.Intersection if isinstance(condition, sympy.And) else sympy.Union
        return combine(*parts)
    if isinstance(condition, sympy.core.relational.Relational):
        operator = condition.rel_op
        left, right = condition.lhs, condition.rhs
        if right == variable and left.is_number:
            left, right, operator = right, left, _FLIPPED[operator]
        if left == variable and right.is_number and right.is_real and operator in _INTERVALS:
            return _INTERVALS[operator](right)
    return condition.as_set()


def _vectorised(expression: sympy.Expr, variables: Sequence[sympy.Symbol]):  # type: ignore[no-untyped-def]
    """A NumPy function of the variables (our functions rewritten into SymPy's first)."""
    return _compiled(expression, tuple(variables), "numpy")


def precompile(expression: sympy.Expr, variables: Sequence[sympy.Symbol]) -> None:
    """Compile ``expression`` as ``compare`` will (in NumPy and mpmath), ahead of time: grading
    forks a worker per submission, and each inherits what the parent compiled."""
    symbols = sorted(set(variables) | expression.free_symbols, key=lambda s: natural_key(s.name))
    for target in ("numpy", "mpmath"):
        with contextlib.suppress(Exception):  # what cannot compile now fails the same way later
            _compiled(expression, tuple(symbols), target)


def clear_caches() -> None:
    """Forget compiled expressions and SymPy's own cache: a benchmark's passes start cold."""
    _compiled.cache_clear()
    sympy.core.cache.clear_cache()


@lru_cache(maxsize=1024)
def _compiled(expression: sympy.Expr, variables: tuple[sympy.Symbol, ...], target: str):  # type: ignore[no-untyped-def]
    """``lambdify`` once per expression: a class's answers share targets and likely mistakes,
    and the same derivative is compared with many claims."""
    if target == "mpmath":
        return sympy.lambdify(variables, to_native(expression), modules="mpmath")
    special = {
        "Heaviside": lambda x, *rest: numpy.heaviside(x, 0.5),
        "erf": numpy.vectorize(math.erf, otypes=[float]),  # NumPy has no erf of its own
        "erfc": numpy.vectorize(math.erfc, otypes=[float]),
    }
    modules = [special, "numpy"]
    return sympy.lambdify(list(variables), to_native(expression), modules=modules)


def _draw(generator: numpy.random.Generator, count: int, size: int, attempt: int) -> numpy.ndarray:
    """Points in a moderate box; later rounds try positive values, where logs and roots live."""
    if attempt % 2 == 0:
        points = generator.uniform(-2.5, 2.5, size=(count, size))
    else:
        points = generator.uniform(0.05, 3.0, size=(count, size))
    return numpy.round(points, 6)


def _as_rational(value: float) -> sympy.Rational:
    return sympy.Rational(round(value * 10**6), 10**6)


def _precise(expression: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational]) -> complex | None:
    """The value at an exact point with 30 digits (mpmath; SymPy's evalf is far slower here)."""
    variables = sorted(point, key=lambda symbol: symbol.name)
    try:
        function = _compiled(expression, tuple(variables), "mpmath")
        with mpmath.workdps(CONFIRM_DIGITS):
            value = function(*(mpmath.mpf(p.p) / p.q for p in (point[v] for v in variables)))
            result = complex(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, NameError, AttributeError):
        return _evaluated(expression, point)  # mpmath lacks the function: SymPy's evalf
    if result != result or abs(result) == float("inf"):  # NaN or infinite: undefined here
        return None
    return result


def _evaluated(expression: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational]) -> complex | None:
    try:
        return complex(to_native(expression).xreplace(point).evalf(CONFIRM_DIGITS))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None


def _confirmed_difference(
    claimed: sympy.Expr,
    correct: sympy.Expr,
    point: dict[sympy.Symbol, sympy.Rational],
    tolerance: float = RELATIVE_TOLERANCE,
) -> Counterexample | None:
    """Re-evaluate at 30 digits; only a difference beyond ``tolerance`` (relative) counts."""
    claimed_value, correct_value = _precise(claimed, point), _precise(correct, point)
    if claimed_value is None or correct_value is None:
        return None
    scale = max(abs(claimed_value), abs(correct_value), 1.0)
    if abs(claimed_value - correct_value) <= tolerance * scale:
        return None
    ordered = tuple(sorted(point.items(), key=lambda item: natural_key(item[0].name)))
    return Counterexample(ordered, claimed_value, correct_value)


def _values(function: Any, columns: list[numpy.ndarray], count: int) -> numpy.ndarray:
    """The function at every point; where NumPy cannot evaluate it, NaN (unusable) points."""
    try:
        values = numpy.asarray(function(*columns), dtype=complex)
        return numpy.broadcast_to(values, (count,))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError, NameError):
        return numpy.full(count, numpy.nan, dtype=complex)


def _undefined_claim(
    claimed: sympy.Expr, correct: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational]
) -> Counterexample | None:
    """A point where the correct value is a real number but the claim has none (NaN)."""
    correct_value = _precise(correct, point)
    if correct_value is None or abs(correct_value.imag) > 1e-12:
        return None
    claimed_value = _precise(claimed, point)
    if claimed_value is not None and abs(claimed_value.imag) <= 1e-12:
        return None
    ordered = tuple(sorted(point.items(), key=lambda item: natural_key(item[0].name)))
    return Counterexample(
        ordered, complex("nan") if claimed_value is None else claimed_value, correct_value
    )


def screen(
    claimed: sympy.Expr, correct: sympy.Expr, variables: Sequence[sympy.Symbol], seed: int = SEED
) -> tuple[int, Counterexample | None]:
    """Agreeing points found, or the first confirmed counterexample."""
    if not variables:  # two numbers: compare them exactly enough
        counterexample = _confirmed_difference(claimed, correct, {}, PRECISE_TOLERANCE)
        return (0, counterexample) if counterexample else (MINIMUM_AGREEING_POINTS, None)
    claimed_function = _vectorised(claimed, variables)
    correct_function = _vectorised(correct, variables)
    generator = numpy.random.default_rng(seed)
    agreeing = 0
    for attempt in range(SCREEN_ROUNDS):
        points = _draw(generator, SCREEN_POINTS, len(variables), attempt)
        columns = [points[:, index] for index in range(len(variables))]
        with numpy.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            claimed_values = _values(claimed_function, columns, len(points))
            correct_values = _values(correct_function, columns, len(points))
            usable = (
                numpy.isfinite(claimed_values)
                & numpy.isfinite(correct_values)
                & (numpy.abs(correct_values.imag) < 1e-12)
                & (numpy.abs(claimed_values.imag) < 1e-12)
            )
            scale = numpy.maximum(numpy.maximum(abs(claimed_values), abs(correct_values)), 1.0)
            differs = usable & (abs(claimed_values - correct_values) > RELATIVE_TOLERANCE * scale)
            correct_defined = numpy.isfinite(correct_values) & (abs(correct_values.imag) < 1e-12)
            claim_undefined = correct_defined & ~(
                numpy.isfinite(claimed_values) & (abs(claimed_values.imag) < 1e-12)
            )
        for row in numpy.flatnonzero(claim_undefined)[:PRECISE_POINTS]:
            exact = {v: _as_rational(float(points[row, i])) for i, v in enumerate(variables)}
            undefined = _undefined_claim(claimed, correct, exact)
            if undefined is not None:  # the derivative exists here and the claim says nothing
                return agreeing, undefined
        for row in numpy.flatnonzero(differs):
            exact = {v: _as_rational(float(points[row, i])) for i, v in enumerate(variables)}
            counterexample = _confirmed_difference(claimed, correct, exact)
            if counterexample is not None:
                return agreeing, counterexample
        agreeing += int(usable.sum())
        for row in numpy.flatnonzero(usable)[:PRECISE_POINTS]:
            exact = {v: _as_rational(float(points[row, i])) for i, v in enumerate(variables)}
            counterexample = _confirmed_difference(claimed, correct, exact, PRECISE_TOLERANCE)
            if counterexample is not None:  # equal to eight digits, but not to twenty
                return agreeing, counterexample
        if agreeing >= MINIMUM_AGREEING_POINTS * 2:
            break
    return agreeing, None


def _simplifies_to_zero(
    difference: sympy.Expr, connection: multiprocessing.connection.Connection
) -> None:
    try:
        connection.send(bool(sympy.simplify(difference) == 0))
    except Exception:  # a failed proof attempt is just "no proof"
        connection.send(False)
    finally:
        connection.close()


def prove_in_worker(difference: sympy.Expr, seconds: float = PROOF_BUDGET_SECONDS) -> bool | None:
    """``simplify(difference) == 0`` in a forked process: True, False, or None when it ran out.

    Inside a shared budget (a whole answer file) it gets at most what is left, and no worker
    at all once that is spent."""
    left = remaining_budget()
    if left is not None:
        if left <= 0:
            return None
        seconds = min(seconds, left)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_simplifies_to_zero, args=(difference, sender), daemon=True)
    worker.start()
    sender.close()
    try:
        if receiver.poll(seconds):
            return bool(receiver.recv())
        return None
    except EOFError:
        return False
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join(1)
        receiver.close()


def compare(
    claimed: sympy.Expr,
    correct: sympy.Expr,
    variables: Sequence[sympy.Symbol] | None = None,
    proof_seconds: float = PROOF_BUDGET_SECONDS,
    likely_different: bool = False,
) -> Comparison:
    """Decide whether ``claimed`` equals ``correct``, stage by stage (see the module doc).

    ``likely_different`` (a mistake's hypothesis, a Jacobian entry that failed the quick test)
    runs the random points first: a confirmed difference settles it before any algebra."""
    if _canonical(claimed, correct):
        return Comparison(Verdict.PROVED, "canonical form")
    difference = to_native(claimed) - to_native(correct)
    # Every symbol of either side is sampled: a claim may name a variable the target lacks.
    every = set(variables or ()) | claimed.free_symbols | correct.free_symbols
    symbols = sorted(every, key=lambda s: natural_key(s.name))
    screened = screen(claimed, correct, symbols) if likely_different else None
    if screened is not None and screened[1] is not None:
        return Comparison(Verdict.REFUTED, "random points", screened[1], screened[0])
    expanded = _expanded(difference)
    if expanded == 0:
        return Comparison(Verdict.PROVED, "expansion and cancellation")
    if expanded is not None and expanded.is_number and expanded.is_zero is False:
        # A constant difference, however small, is a proof that they differ: no rounding here.
        return Comparison(Verdict.REFUTED, f"they differ by the constant {expanded}")
    agreeing, counterexample = screened or screen(claimed, correct, symbols)
    if counterexample is not None:
        return Comparison(Verdict.REFUTED, "random points", counterexample, agreeing)
    if _piecewise_equal(difference):  # after the screen: a proof by pieces is the slow part
        return Comparison(Verdict.PROVED, "equal on every piece (they may differ only at kinks)")
    if _exponential_form_zero(difference):
        stage = "trigonometric and hyperbolic functions rewritten as exponentials, then cancelled"
        return Comparison(Verdict.PROVED, stage, agreeing_points=agreeing)
    proved = prove_in_worker(difference, proof_seconds) if proof_seconds > 0 else None
    if proved:
        return Comparison(Verdict.PROVED, "symbolic proof", agreeing_points=agreeing)
    if agreeing >= MINIMUM_AGREEING_POINTS:
        return Comparison(Verdict.NUMERICALLY_EQUAL, "random points", agreeing_points=agreeing)
    return Comparison(
        Verdict.UNDECIDED, "too few points where both sides are defined", None, agreeing
    )
