"""The facts the ambiguity scores rest on, derived with SymPy and checked twice.

Each fact is a short derivation (equalities SymPy produced or confirmed, in order) plus checks:
symbolic for small sizes, numeric for the problem's own number of classes and models with
seeded random vectors (fewer of them when K is large: ``samples`` keeps every array of random
vectors within ``MAX_SAMPLE_VALUES`` values, so 100,000 classes cost tens of megabytes, not
gigabytes). Any failed check is a ``VerificationError``. The derivations are for
K = 3 classes (two models for the divergence) where a concrete size is needed; the checks cover
other sizes. Results are cached: they depend only on (K, M, logits). A fact is data: its key,
its equalities and the numbers its numeric check found; ``render/ambiguity_facts`` words it.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import sympy

from symderive.errors import VerificationError

if TYPE_CHECKING:
    import numpy as np

SAMPLES = 2000
"""Random vectors per numeric check, for up to ``MAX_SAMPLE_VALUES // SAMPLES`` classes."""
MAX_SAMPLE_VALUES = 2_000_000
"""At most this many values (vectors × K) in one array of random vectors: 16 MB of float64; a
check holds a handful of such arrays at once."""
MIN_SAMPLES = 20
SEED = 4
SYMBOLIC_SIZES = (2, 3, 4, 5)
LAMBDA = sympy.Symbol("lambda", real=True)
SIZE = sympy.Symbol("K", integer=True, positive=True)


def _placeholder(name: str, latex: str, unicode: str) -> tuple[sympy.Symbol, str, str]:
    """A symbol that stands for a formula SymPy's one-line printers cannot write (a derivative,
    a limit, a sum with bounds), with its LaTeX and Unicode."""
    return sympy.Symbol(name), latex, unicode


GRADIENT = _placeholder("dL_dp1", r"\frac{\partial L}{\partial p_{1}}", "∂L/∂p₁")
UNIFORM = _placeholder(
    "H_uniform",
    r"H\left(\tfrac{1}{K}, \ldots, \tfrac{1}{K}\right) = -\sum_{i=1}^{K} \frac{1}{K} "
    r"\log \frac{1}{K}",
    "H(1/K, …, 1/K) = −Σᵢ (1/K)·log(1/K)",
)
LIMIT = _placeholder("p_log_p", r"\lim_{p \to 0^{+}} p \log p", "lim_(p→0⁺) p·log(p)")
ONE_HOT = _placeholder("H_one_hot", r"H(1, 0, \ldots, 0)", "H(1, 0, …, 0)")
JENSEN = _placeholder("JSD", r"\operatorname{JSD}(P, Q)", "JSD(P, Q)")
DISJOINT = _placeholder(
    "JSD_disjoint", r"\operatorname{JSD}\left((1, 0), (0, 1)\right)", "JSD((1, 0), (0, 1))"
)
PLACEHOLDERS = (GRADIENT, UNIFORM, LIMIT, ONE_HOT, JENSEN, DISJOINT)
"""Every placeholder symbol with its LaTeX and Unicode, for the renderers."""


class FactKey(StrEnum):
    """Which fact: each has its own title, claim and checks in words (``render``)."""

    MAXIMUM_ENTROPY = "maximum-entropy"
    NORMALISED_ENTROPY = "normalised-entropy"
    PAIR_SCORE = "pair-score"
    DIVERGENCE = "divergence"
    STABLE_SOFTMAX = "stable-softmax"


@dataclass(frozen=True)
class EntropySample:
    """The numeric check of H ≤ log K: (K, random vectors drawn) for each K, in increasing K,
    and the largest H/log K found among them."""

    drawn: tuple[tuple[int, int], ...]
    largest: float


@dataclass(frozen=True)
class DivergenceSample:
    """The numeric check of the divergence: ``pairs`` random pairs of ``classes`` entries, the
    smallest and largest JSD/log 2 and the largest |JSD(P, Q) − JSD(Q, P)|."""

    classes: int
    pairs: int
    smallest: float
    largest: float
    asymmetry: float


@dataclass(frozen=True)
class Fact:
    """One fact: which (``key``), the derivation's equalities, and what its numeric check found
    (``sample``; None for a fact checked symbolically only). ``models`` is M for the divergence."""

    key: FactKey
    lines: tuple[tuple[sympy.Expr, sympy.Expr], ...]
    sample: EntropySample | DivergenceSample | None = None
    models: int | None = None


def _probabilities(count: int) -> tuple[sympy.Symbol, ...]:
    return sympy.symbols(f"p1:{count + 1}", positive=True)


def _entropy(vector: tuple[sympy.Expr, ...]) -> sympy.Expr:
    return -sum((p * sympy.log(p) for p in vector), sympy.Integer(0))


def _zero(difference: sympy.Expr, what: str) -> None:
    if sympy.simplify(sympy.expand_log(difference, force=True)) != 0:
        raise VerificationError(f"{what} does not hold: {difference} is not 0")


def samples(classes: int) -> int:
    """How many random vectors of ``classes`` entries a numeric check draws: ``SAMPLES``, or as
    many as fit in ``MAX_SAMPLE_VALUES`` values, never fewer than ``MIN_SAMPLES``."""
    return max(MIN_SAMPLES, min(SAMPLES, MAX_SAMPLE_VALUES // classes))


def _random_vectors(classes: int, count: int, seed: int) -> np.ndarray:
    """Seeded random probability vectors, some near one-hot, some near uniform."""
    import numpy as np

    generator = np.random.default_rng(seed)
    sharpness = generator.random((count, 1)) * 8
    raw = np.exp(sharpness * np.log(generator.random((count, classes)) + 1e-300))
    return raw / raw.sum(axis=1, keepdims=True)


def _entropies(vectors: np.ndarray) -> np.ndarray:
    from symderive.derive.ambiguity_scores import entropy

    return entropy(vectors)


def maximum_entropy(classes: int) -> Fact:
    """H ≤ log K with equality at the uniform vector: a Lagrange multiplier, then concavity."""
    p = _probabilities(3)
    lagrangian = _entropy(p) + LAMBDA * (sum(p) - 1)
    gradient = sympy.diff(lagrangian, p[0])
    if sympy.simplify(gradient - (-sympy.log(p[0]) - 1 + LAMBDA)) != 0:
        raise VerificationError(f"∂L/∂p1 = {gradient}, not −log p1 − 1 + λ")
    (stationary,) = sympy.solve(sympy.Eq(gradient, 0), p[0])
    if sympy.simplify(stationary - sympy.exp(LAMBDA - 1)) != 0:
        raise VerificationError(f"the stationary point is {stationary}, not exp(λ − 1)")
    uniform = _entropy((sympy.Integer(1) / SIZE,)) * SIZE
    if sympy.simplify(sympy.expand_log(uniform, force=True) - sympy.log(SIZE)) != 0:
        raise VerificationError(f"H at the uniform vector is {uniform}, not log K")
    hessian = sympy.hessian(_entropy(p), p)
    if hessian != sympy.diag(*(-1 / q for q in p)):
        raise VerificationError(f"the Hessian of H is {hessian}, not diag(−1/p_i)")
    for size in SYMBOLIC_SIZES:
        vector = tuple(sympy.Rational(1, size) for _ in range(size))
        _zero(_entropy(vector) - sympy.log(size), f"H(uniform) = log {size}")
    largest = 0.0
    for size in sorted({2, 10, classes}):
        vectors = _random_vectors(size, samples(size), SEED + size)
        ratio = float((_entropies(vectors) / math.log(size)).max())
        if ratio > 1 + 1e-12:
            raise VerificationError(f"a random vector of {size} classes has H > log K")
        largest = max(largest, ratio)
    drawn = tuple((size, samples(size)) for size in sorted({2, 10, classes}))
    return Fact(
        FactKey.MAXIMUM_ENTROPY,
        (
            (sympy.Symbol("L"), lagrangian),
            (GRADIENT[0], gradient),
            (p[0], stationary),
            (UNIFORM[0], sympy.log(SIZE)),
        ),
        EntropySample(drawn, largest),
    )


def zero_entropy() -> Fact:
    """H = 0 exactly at one-hot vectors: p log p → 0 as p → 0, and each term is ≥ 0."""
    q = sympy.Symbol("p", positive=True)
    limit = sympy.limit(q * sympy.log(q), q, 0, "+")
    if limit != 0:
        raise VerificationError(f"p log p tends to {limit} at 0, not 0")
    one_hot = _entropy((sympy.Integer(1),))
    if one_hot != 0:
        raise VerificationError(f"H of a one-hot vector is {one_hot}, not 0")
    return Fact(FactKey.NORMALISED_ENTROPY, ((LIMIT[0], limit), (ONE_HOT[0], one_hot)))


def pair_score() -> Fact:
    """2·min(a, b) = (a + b) − |a − b|: both high and balanced, never above 1."""
    a, t = sympy.symbols("a t", nonnegative=True)
    b = sympy.Symbol("b", nonnegative=True)
    for first, second in ((a + t, a), (a, a + t)):
        left = 2 * sympy.Min(first, second)
        right = first + second - sympy.Abs(first - second)
        if sympy.simplify(left - right) != 0:
            raise VerificationError(f"2 min({first}, {second}) ≠ {right}")
    return Fact(FactKey.PAIR_SCORE, ((2 * sympy.Min(a, b), a + b - sympy.Abs(a - b)),))


def divergence(classes: int, models: int) -> Fact:
    """JSD = H(mixture) − mean H = mean KL to the mixture, between 0 and log M (log 2 for two)."""
    p, q = _probabilities(2), sympy.symbols("q1:3", positive=True)
    mixture = tuple((x + y) / 2 for x, y in zip(p, q, strict=True))
    jensen = _entropy(mixture) - (_entropy(p) + _entropy(q)) / 2

    def kullback_leibler(vector: tuple[sympy.Expr, ...]) -> sympy.Expr:
        return sum(
            (x * sympy.log(x / m) for x, m in zip(vector, mixture, strict=True)), sympy.Integer(0)
        )

    mean_kl = (kullback_leibler(p) + kullback_leibler(q)) / 2
    _zero(jensen - mean_kl, "JSD = mean KL to the mixture")
    one = sympy.Integer(1)
    disjoint = _entropy((one / 2, one / 2)) - (_entropy((one,)) + _entropy((one,))) / 2
    _zero(disjoint - sympy.log(2), "JSD of disjoint one-hot vectors = log 2")
    _zero(jensen.xreplace({q[0]: p[0], q[1]: p[1]}), "JSD(P, P) = 0")
    if (
        sympy.simplify(
            jensen
            - jensen.xreplace({**dict(zip(p, q, strict=True)), **dict(zip(q, p, strict=True))})
        )
        != 0
    ):
        raise VerificationError("JSD is not symmetric")
    smallest, largest, asymmetry = _numeric_divergence(classes)
    return Fact(
        FactKey.DIVERGENCE,
        (
            (JENSEN[0], jensen),
            (JENSEN[0], mean_kl),
            (DISJOINT[0], sympy.log(2)),
        ),
        DivergenceSample(classes, samples(classes), smallest, largest, asymmetry),
        models,
    )


def _numeric_divergence(classes: int) -> tuple[float, float, float]:
    import numpy as np

    first = _random_vectors(classes, samples(classes), SEED)
    second = _random_vectors(classes, samples(classes), SEED + 1)
    forward = jensen_shannon(first, second)
    backward = jensen_shannon(second, first)
    scaled = forward / math.log(2)
    if scaled.min() < -1e-12 or scaled.max() > 1 + 1e-12:
        raise VerificationError("a random pair has a JSD outside [0, log 2]")
    return float(scaled.min()), float(scaled.max()), float(np.abs(forward - backward).max())


def jensen_shannon(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """JSD of two arrays of probability vectors (rows), in nats."""
    mixture = (first + second) / 2
    return _entropies(mixture) - (_entropies(first) + _entropies(second)) / 2


def stable_softmax() -> Fact:
    """Subtracting the largest logit changes nothing: e^{−c} cancels, and no exp overflows."""
    z = sympy.symbols("z1:4", real=True)
    c = sympy.Symbol("c", real=True)
    shifted = sympy.exp(z[0] - c) / sum(sympy.exp(x - c) for x in z)
    plain = sympy.exp(z[0]) / sum(sympy.exp(x) for x in z)
    if sympy.simplify(shifted - plain) != 0:
        raise VerificationError("softmax changes under a shift of its logits")
    return Fact(FactKey.STABLE_SOFTMAX, ((shifted, plain),))


@functools.lru_cache(maxsize=16)
def ambiguity_facts(*, classes: int, models: int, logits: bool) -> tuple[Fact, ...]:
    """Every fact the scores of a problem rest on, in the order they are shown."""
    facts = [maximum_entropy(classes), zero_entropy(), pair_score()]
    if models > 1:
        facts.append(divergence(classes, models))
    if logits:
        facts.append(stable_softmax())
    return tuple(facts)
