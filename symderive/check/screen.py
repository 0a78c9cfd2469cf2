"""The random-point screen: two expressions compared at many points, vectorised with NumPy.

Points where either side is undefined are redrawn, a fixed seed makes every run agree, and a
disagreement is confirmed at 30 digits (mpmath) before it is reported, so rounding never refutes
a correct answer; three agreeing points are also re-checked to 1e-20. Compiled forms are cached,
since a class's answers share their targets and likely mistakes.
"""

from __future__ import annotations

import contextlib
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import mpmath
import numpy
import sympy

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


@dataclass(frozen=True)
class RefutingPoint:
    """A point where the claim and the correct value differ, with both values."""

    point: tuple[tuple[sympy.Symbol, sympy.Rational], ...]
    claimed: complex
    correct: complex


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
) -> RefutingPoint | None:
    """Re-evaluate at 30 digits; only a difference beyond ``tolerance`` (relative) counts."""
    claimed_value, correct_value = _precise(claimed, point), _precise(correct, point)
    if claimed_value is None or correct_value is None:
        return None
    scale = max(abs(claimed_value), abs(correct_value), 1.0)
    if abs(claimed_value - correct_value) <= tolerance * scale:
        return None
    ordered = tuple(sorted(point.items(), key=lambda item: natural_key(item[0].name)))
    return RefutingPoint(ordered, claimed_value, correct_value)


def counterexample_at(
    claimed: sympy.Expr, correct: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational]
) -> RefutingPoint | None:
    """Both values at a point already shown to differ exactly: None when either side has no
    real value there (the point is then no counterexample)."""
    claimed_value, correct_value = _precise(claimed, point), _precise(correct, point)
    if claimed_value is None or correct_value is None:
        return None
    if abs(claimed_value.imag) > 1e-12 or abs(correct_value.imag) > 1e-12:
        return None
    ordered = tuple(sorted(point.items(), key=lambda item: natural_key(item[0].name)))
    return RefutingPoint(ordered, claimed_value, correct_value)


def _values(function: Any, columns: list[numpy.ndarray], count: int) -> numpy.ndarray:
    """The function at every point; where NumPy cannot evaluate it, NaN (unusable) points."""
    try:
        values = numpy.asarray(function(*columns), dtype=complex)
        return numpy.broadcast_to(values, (count,))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError, NameError):
        return numpy.full(count, numpy.nan, dtype=complex)


def _undefined_claim(
    claimed: sympy.Expr, correct: sympy.Expr, point: dict[sympy.Symbol, sympy.Rational]
) -> RefutingPoint | None:
    """A point where the correct value is a real number but the claim has none (NaN)."""
    correct_value = _precise(correct, point)
    if correct_value is None or abs(correct_value.imag) > 1e-12:
        return None
    claimed_value = _precise(claimed, point)
    if claimed_value is not None and abs(claimed_value.imag) <= 1e-12:
        return None
    ordered = tuple(sorted(point.items(), key=lambda item: natural_key(item[0].name)))
    return RefutingPoint(
        ordered, complex("nan") if claimed_value is None else claimed_value, correct_value
    )


def screen(
    claimed: sympy.Expr, correct: sympy.Expr, variables: Sequence[sympy.Symbol], seed: int = SEED
) -> tuple[int, RefutingPoint | None]:
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
