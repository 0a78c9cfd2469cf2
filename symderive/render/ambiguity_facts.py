"""The facts behind the ambiguity scores, in words: each fact's title, its claim and how it was
checked, written from the fact's key and the numbers its checks found (``derive/ambiguity_facts``).

Written once here for every format and for the JSON.
"""

from __future__ import annotations

from symderive.derive.ambiguity_facts import (
    SYMBOLIC_SIZES,
    DivergenceSample,
    EntropySample,
    Fact,
    FactKey,
)

TITLES: dict[FactKey, str] = {
    FactKey.MAXIMUM_ENTROPY: "Entropy is largest at the uniform vector",
    FactKey.NORMALISED_ENTROPY: "Normalised entropy lies in [0, 1]",
    FactKey.PAIR_SCORE: "The pair score and the margins lie in [0, 1]",
    FactKey.DIVERGENCE: "Disagreement: the Jensen–Shannon divergence lies in [0, log M]",
    FactKey.STABLE_SOFTMAX: "A numerically stable softmax",
}
CLAIMS: dict[FactKey, str] = {
    FactKey.MAXIMUM_ENTROPY: (
        "Maximise H(p) = −Σ p_i log p_i subject to Σ p_i = 1 with a Lagrange multiplier λ "
        "(shown for K = 3; every p_i is alike): the only stationary point has every p_i equal, "
        "so p_i = 1/K, where H = log K. H is strictly concave (its Hessian is diag(−1/p_i)), so "
        "this point is the maximum and 0 ≤ H(p) ≤ log K."
    ),
    FactKey.NORMALISED_ENTROPY: (
        "Each term −p_i log p_i is ≥ 0 for 0 ≤ p_i ≤ 1 and tends to 0 as p_i → 0, so H = 0 "
        "exactly at a one-hot vector (a certain network). Dividing by the maximum log K gives "
        "h = H/log K in [0, 1], comparable across numbers of classes."
    ),
    FactKey.PAIR_SCORE: (
        "For two named classes with mean probabilities a and b, the pair score 2·min(a, b) "
        "equals the mass a + b minus the imbalance |a − b|: it is high only when both are high "
        "and balanced, and since a + b ≤ 1 it is at most 1, reached only at a = b = 1/2. The "
        "margin p(1) − p(2) of the two largest probabilities p(1) ≥ p(2) lies in [0, 1] as "
        "0 ≤ p(2) ≤ p(1) ≤ 1, and so does |a − b|."
    ),
    FactKey.DIVERGENCE: (
        "Among M models with mixture q = (1/M) Σ P_m, JSD = H(q) − (1/M) Σ H(P_m), which "
        "equals the mean Kullback–Leibler divergence (1/M) Σ KL(P_m, q). It is ≥ 0 because H "
        "is concave (Jensen), 0 only when all models agree, and ≤ log M because "
        "q_i ≥ P_mi/M, so KL(P_m, q) ≤ log M; M certain models that each name a different "
        "class reach log M. Divided by log M (here M = {models}) it lies in [0, 1]; for two "
        "vectors the bound is log 2."
    ),
    FactKey.STABLE_SOFTMAX: (
        "The files hold logits, turned into probabilities by softmax after subtracting each "
        "row's largest logit c: the factor e^{{−c}} cancels, so the result is unchanged, and "
        "every exponent is ≤ 0, so nothing overflows."
    ),
}
"""Each claim, a format string: ``{models}`` is M (the divergence only)."""
SYMBOLIC_CHECKS: dict[FactKey, tuple[str, ...]] = {
    FactKey.MAXIMUM_ENTROPY: (
        "∂L/∂p₁, the stationary point, H(1/K, …, 1/K) = log K and the Hessian were computed "
        "and simplified by SymPy.",
        "H(1/K, …, 1/K) = log K exactly for K = "
        + ", ".join(str(size) for size in SYMBOLIC_SIZES)
        + ".",
    ),
    FactKey.NORMALISED_ENTROPY: ("The limit and H(1, 0, …, 0) = 0 were computed by SymPy.",),
    FactKey.PAIR_SCORE: (
        "SymPy simplified the difference of both sides to 0 for a ≥ b and for a ≤ b "
        "(b = a + t and a = b + t, t ≥ 0).",
    ),
    FactKey.DIVERGENCE: (
        "For K = 2 and M = 2, SymPy simplified JSD − mean KL to 0, JSD(P, P) to 0, "
        "JSD(P, Q) − JSD(Q, P) to 0, and the JSD of (1, 0) and (0, 1) to log 2.",
    ),
    FactKey.STABLE_SOFTMAX: ("SymPy simplified the difference of both sides to 0 for K = 3.",),
}
"""The checks done by SymPy, before any numeric check."""


def fact_title(fact: Fact) -> str:
    return TITLES[fact.key]


def fact_claim(fact: Fact) -> str:
    return CLAIMS[fact.key].format(models=fact.models)


def _entropy_sample(sample: EntropySample) -> str:
    counts = [count for _, count in sample.drawn]
    if len(set(counts)) == 1:
        drawn = f"{counts[0]:,} seeded random vectors each for K = " + ", ".join(
            f"{size:,}" for size, _ in sample.drawn
        )
    else:
        drawn = "Seeded random vectors, " + ", ".join(
            f"{count:,} for K = {size:,}" for size, count in sample.drawn
        )
    return f"{drawn}: the largest H/log K is {sample.largest:.6f} ≤ 1."


def _divergence_sample(sample: DivergenceSample) -> str:
    return (
        f"{sample.pairs:,} seeded random pairs with K = {sample.classes:,}: JSD/log 2 from "
        f"{sample.smallest:.6f} to {sample.largest:.6f}, and |JSD(P, Q) − JSD(Q, P)| ≤ "
        f"{sample.asymmetry:.1e}."
    )


def fact_checks(fact: Fact) -> tuple[str, ...]:
    """How the fact was checked: by SymPy, then numerically where it was."""
    sample = fact.sample
    if isinstance(sample, EntropySample):
        return (*SYMBOLIC_CHECKS[fact.key], _entropy_sample(sample))
    if isinstance(sample, DivergenceSample):
        return (*SYMBOLIC_CHECKS[fact.key], _divergence_sample(sample))
    return SYMBOLIC_CHECKS[fact.key]


def fact_words(fact: Fact) -> tuple[str, str, tuple[str, ...]]:
    """The title, the claim and the checks of one fact."""
    return fact_title(fact), fact_claim(fact), fact_checks(fact)
