"""Where the random-point screen looks: several scales, at points no term can resonate with.

A wrong answer can hide where the points never go (only for |x| > 3, only near 0) or on the
grid they lie on (``1 − cos(2·10⁶·π·x)`` vanishes at every multiple of 10⁻⁶). So the screen
samples four scales — a moderate box, positive values (where logs and roots live), values near
0 and values up to 10³ in size — and every coordinate is a rational with its own random
denominator of ten digits, drawn from a generator seeded by the two expressions compared: the
points are the same on every run, yet no term written into an answer can be tuned to them (its
own text decides them). NumPy evaluates each point as the nearest float; the exact rational is
what the precise re-evaluation and a reported counterexample use.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import numpy
import sympy

SEED = 20261127
DENOMINATOR_LOW = 10**9
"""Every coordinate is p/q with q drawn anew from [10⁹, 10¹⁰): no shared grid."""


@dataclass(frozen=True)
class Scale:
    """One region the screen samples: magnitudes from ``low`` to ``high``.

    ``logarithmic`` draws the magnitude log-uniformly (so 10⁻³ and 10² are both likely);
    ``signed`` gives each coordinate a random sign, otherwise every coordinate is positive."""

    name: str
    low: float
    high: float
    logarithmic: bool
    signed: bool

    def describe(self) -> str:
        """The range in words, for the evidence: ``|x| in [0.0001, 0.1]``."""
        magnitude = f"[{self.low:g}, {self.high:g}]"
        return f"|x| in {magnitude}" if self.signed else f"x in {magnitude}"


SCALES = (
    Scale("moderate", 0.0, 2.5, logarithmic=False, signed=True),
    Scale("positive", 0.05, 3.0, logarithmic=False, signed=False),
    Scale("near zero", 1e-4, 0.1, logarithmic=True, signed=True),
    Scale("large", 3.0, 1e3, logarithmic=True, signed=True),
)


@dataclass(frozen=True)
class Points:
    """A batch of points: floats for NumPy, and the exact rationals they round."""

    floats: numpy.ndarray
    numerators: numpy.ndarray
    denominators: numpy.ndarray

    def __len__(self) -> int:
        return len(self.floats)

    def exact(
        self, row: int, variables: tuple[sympy.Symbol, ...]
    ) -> dict[sympy.Symbol, sympy.Rational]:
        """Row ``row`` as exact coordinates."""
        return {
            variable: sympy.Rational(
                int(self.numerators[row, index]), int(self.denominators[row, index])
            )
            for index, variable in enumerate(variables)
        }


def generator_for(*expressions: sympy.Basic) -> numpy.random.Generator:
    """A generator seeded by the expressions themselves: the same points on every run, and
    points no answer can be written against (changing the answer changes them)."""
    digest = hashlib.sha256(str(SEED).encode())
    for expression in expressions:
        digest.update(_written_out(expression))
    return numpy.random.default_rng(int.from_bytes(digest.digest()[:8], "big"))


def clear_seed_cache() -> None:
    """Forget the expressions written out for seeding (a benchmark's passes start cold)."""
    _written_out.cache_clear()


@lru_cache(maxsize=1024)
def _written_out(expression: sympy.Basic) -> bytes:
    """The expression's full structure as text, once per expression: a class's answers share
    their targets, and ``srepr`` of a large derivative takes milliseconds."""
    return sympy.srepr(expression).encode("utf-8")


def draw(generator: numpy.random.Generator, scale: Scale, count: int, size: int) -> Points:
    """``count`` points of ``size`` coordinates in ``scale``, each an exact rational."""
    if scale.logarithmic:
        magnitudes = numpy.exp(
            generator.uniform(numpy.log(scale.low), numpy.log(scale.high), size=(count, size))
        )
    else:
        magnitudes = generator.uniform(scale.low, scale.high, size=(count, size))
    if scale.signed:
        magnitudes = magnitudes * generator.choice((-1.0, 1.0), size=(count, size))
    denominators = generator.integers(DENOMINATOR_LOW, 10 * DENOMINATOR_LOW, size=(count, size))
    numerators = numpy.rint(magnitudes * denominators).astype(numpy.int64)
    floats = numerators / denominators
    return Points(floats, numerators, denominators)
