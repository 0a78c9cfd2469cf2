"""The facts the ambiguity scores rest on, derived with SymPy and checked twice.

Each fact is a short derivation (equalities SymPy produced or confirmed, in order) plus checks:
symbolic for small sizes, numeric for the problem's own number of classes and models with
seeded random vectors (fewer of them when K is large: ``samples`` keeps every array of random
vectors within ``MAX_SAMPLE_VALUES`` values, so 100,000 classes cost tens of megabytes, not
gigabytes). Any failed check is a ``VerificationError``. The derivations are for
K = 3 classes (two models for the divergence) where a concrete size is needed; the checks cover
other sizes. Results are cached: they depend only on (K, M, logits).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Fact:
    """One fact: its title, the claim in words, the derivation's equalities, and its checks."""

    key: str
    title: str
    claim: str
    lines: tuple[tuple[sympy.Expr, sympy.Expr], ...]
    checks: tuple[str, ...]


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
    counts = {size: samples(size) for size in sorted({2, 10, classes})}
    if len(set(counts.values())) == 1:
        drawn = f"{samples(classes):,} seeded random vectors each for K = " + ", ".join(
            f"{size:,}" for size in counts
        )
    else:
        drawn = "Seeded random vectors, " + ", ".join(
            f"{count:,} for K = {size:,}" for size, count in counts.items()
        )
    return Fact(
        "maximum-entropy",
        "Entropy is largest at the uniform vector",
        "Maximise H(p) = −Σ p_i log p_i subject to Σ p_i = 1 with a Lagrange multiplier λ "
        "(shown for K = 3; every p_i is alike): the only stationary point has every p_i equal, "
        "so p_i = 1/K, where H = log K. H is strictly concave (its Hessian is diag(−1/p_i)), so "
        "this point is the maximum and 0 ≤ H(p) ≤ log K.",
        (
            (sympy.Symbol("L"), lagrangian),
            (GRADIENT[0], gradient),
            (p[0], stationary),
            (UNIFORM[0], sympy.log(SIZE)),
        ),
        (
            "∂L/∂p₁, the stationary point, H(1/K, …, 1/K) = log K and the Hessian were computed "
            "and simplified by SymPy.",
            "H(1/K, …, 1/K) = log K exactly for K = "
            + ", ".join(str(size) for size in SYMBOLIC_SIZES)
            + ".",
            f"{drawn}: the largest H/log K is {largest:.6f} ≤ 1.",
        ),
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
    return Fact(
        "normalised-entropy",
        "Normalised entropy lies in [0, 1]",
        "Each term −p_i log p_i is ≥ 0 for 0 ≤ p_i ≤ 1 and tends to 0 as p_i → 0, so H = 0 "
        "exactly at a one-hot vector (a certain network). Dividing by the maximum log K gives "
        "h = H/log K in [0, 1], comparable across numbers of classes.",
        ((LIMIT[0], limit), (ONE_HOT[0], one_hot)),
        ("The limit and H(1, 0, …, 0) = 0 were computed by SymPy.",),
    )


def pair_score() -> Fact:
    """2·min(a, b) = (a + b) − |a − b|: both high and balanced, never above 1."""
    a, t = sympy.symbols("a t", nonnegative=True)
    b = sympy.Symbol("b", nonnegative=True)
    for first, second in ((a + t, a), (a, a + t)):
        left = 2 * sympy.Min(first, second)
        right = first + second - sympy.Abs(first - second)
        if sympy.simplify(left - right) != 0:
            raise VerificationError(f"2 min({first}, {second}) ≠ {right}")
    return Fact(
        "pair-score",
        "The pair score and the margins lie in [0, 1]",
        "For two named classes with mean probabilities a and b, the pair score 2·min(a, b) "
        "equals the mass a + b minus the imbalance |a − b|: it is high only when both are high "
        "and balanced, and since a + b ≤ 1 it is at most 1, reached only at a = b = 1/2. The "
        "margin p(1) − p(2) of the two largest probabilities p(1) ≥ p(2) lies in [0, 1] as "
        "0 ≤ p(2) ≤ p(1) ≤ 1, and so does |a − b|.",
        ((2 * sympy.Min(a, b), a + b - sympy.Abs(a - b)),),
        (
            "SymPy simplified the difference of both sides to 0 for a ≥ b and for a ≤ b "
            "(b = a + t and a = b + t, t ≥ 0).",
        ),
    )


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
        "divergence",
        "Disagreement: the Jensen–Shannon divergence lies in [0, log M]",
        "Among M models with mixture q = (1/M) Σ P_m, JSD = H(q) − (1/M) Σ H(P_m), which "
        "equals the mean Kullback–Leibler divergence (1/M) Σ KL(P_m, q). It is ≥ 0 because H "
        "is concave (Jensen), 0 only when all models agree, and ≤ log M because "
        "q_i ≥ P_mi/M, so KL(P_m, q) ≤ log M; M certain models that each name a different "
        f"class reach log M. Divided by log M (here M = {models}) it lies in [0, 1]; for two "
        "vectors the bound is log 2.",
        (
            (JENSEN[0], jensen),
            (JENSEN[0], mean_kl),
            (DISJOINT[0], sympy.log(2)),
        ),
        (
            "For K = 2 and M = 2, SymPy simplified JSD − mean KL to 0, JSD(P, P) to 0, "
            "JSD(P, Q) − JSD(Q, P) to 0, and the JSD of (1, 0) and (0, 1) to log 2.",
            f"{samples(classes):,} seeded random pairs with K = {classes:,}: JSD/log 2 from "
            f"{smallest:.6f} to {largest:.6f}, and |JSD(P, Q) − JSD(Q, P)| ≤ {asymmetry:.1e}.",
        ),
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
    return Fact(
        "stable-softmax",
        "A numerically stable softmax",
        "The files hold logits, turned into probabilities by softmax after subtracting each "
        "row's largest logit c: the factor e^{−c} cancels, so the result is unchanged, and "
        "every exponent is ≤ 0, so nothing overflows.",
        ((shifted, plain),),
        ("SymPy simplified the difference of both sides to 0 for K = 3.",),
    )


@functools.lru_cache(maxsize=16)
def ambiguity_facts(*, classes: int, models: int, logits: bool) -> tuple[Fact, ...]:
    """Every fact the scores of a problem rest on, in the order they are shown."""
    facts = [maximum_entropy(classes), zero_entropy(), pair_score()]
    if models > 1:
        facts.append(divergence(classes, models))
    if logits:
        facts.append(stable_softmax())
    return tuple(facts)
