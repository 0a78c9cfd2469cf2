"""Scores of ambiguity for a block of images, vectorised with NumPy, and the top-k that survives
streaming.

For M models and K classes, each image has M probability vectors P_m. The scores:

- normalised entropy h_m = H(P_m) / log K per model, and their mean (1 at the uniform vector,
  0 at a one-hot vector);
- the margin p̄₍₁₎ − p̄₍₂₎ between the two largest classes of the mean vector p̄ = (1/M) Σ P_m;
- for a named pair (a, b): the pair score 2·min(p̄_a, p̄_b), which is 1 only at 50/50 between
  them and needs both to be high, and the pair margin |p̄_a − p̄_b|;
- disagreement: the Jensen–Shannon divergence H(p̄) − (1/M) Σ H(P_m) over log M (0 when the
  models agree, 1 when they are certain of different classes), and whether their top-1 differ;
- with labels: the confidence p̄₍₁₎ of a wrong top-1 (NaN for a right one).

Top classes break ties by class index: the top-1 class is the lowest index whose probability is
within ``TIE`` of the row's largest. Two classes that tie exactly on paper can differ in the last
bit depending on the order of summation (models added one by one here, ``math.fsum`` in the
recheck); without the rule, which of them is "top-1" would be up to rounding.

Every key is oriented so that larger means more ambiguous; NaN marks an image a ranking skips.
``TopCandidates`` keeps the best ``top`` (ties broken by row) with their raw rows, so a chunked
pass and an all-at-once pass rank identically.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

CRITERIA = ("entropy", "margin", "pair", "disagreement", "confident-wrong")
"""Every ranking, in the order they are shown."""

TIE = 1e-12
"""Probabilities this close to a row's largest count as tied with it; the lowest class index
among them is the top class. Far above the rounding of a sum of a few probabilities (~1e-16),
far below any difference a person would call a preference."""


def to_probabilities(raw: np.ndarray, *, logits: bool) -> np.ndarray:
    """Rows as probability vectors: a numerically stable softmax of logits (the row's largest
    logit is subtracted first, so exp never overflows), or probabilities divided by their sum
    (which the reader checked is 1 within the tolerance)."""
    import numpy as np

    if logits:
        with np.errstate(over="ignore"):  # -1e308 - 1e308 is -inf, whose exp is exactly 0
            shifted = raw - raw.max(axis=1, keepdims=True)
        np.exp(shifted, out=shifted)
        shifted /= shifted.sum(axis=1, keepdims=True)
        return shifted
    return raw / raw.sum(axis=1, keepdims=True)


def entropy(probabilities: np.ndarray) -> np.ndarray:
    """H = −Σ p log p per row (natural log), with 0 log 0 = 0; one temporary array."""
    import numpy as np

    logs = np.zeros_like(probabilities)
    np.log(probabilities, out=logs, where=probabilities > 0)
    logs *= probabilities
    return -logs.sum(axis=-1)


def top_class(values: np.ndarray) -> np.ndarray:
    """Per row, the lowest class index whose value is within ``TIE`` of the row's largest."""
    peak = values.max(axis=1, keepdims=True)
    return (values >= peak - TIE).argmax(axis=1)


@dataclass(frozen=True)
class ChunkScores:
    """Every score of a block of images (``rows`` are their 0-based indices in the files)."""

    rows: np.ndarray
    entropy: np.ndarray
    """M × n normalised entropies h_m."""
    mean_entropy: np.ndarray
    top1: np.ndarray
    top2: np.ndarray
    top1_probability: np.ndarray
    top2_probability: np.ndarray
    margin: np.ndarray
    pair_score: np.ndarray | None
    pair_margin: np.ndarray | None
    divergence: np.ndarray | None
    """Jensen–Shannon divergence among the models over log M; None for one model."""
    model_top1: np.ndarray
    """M × n: each model's top-1 class."""
    disagree: np.ndarray
    labels: np.ndarray | None
    wrong_confidence: np.ndarray | None

    def key(self, criterion: str) -> np.ndarray | None:
        """The ranking key of ``criterion`` (larger is more ambiguous), or None if it does not
        apply (no pair, one model, no labels)."""
        keys = {
            "entropy": self.mean_entropy,
            "margin": -self.margin,
            "pair": self.pair_score,
            "disagreement": self.divergence,
            "confident-wrong": self.wrong_confidence,
        }
        return keys[criterion]


def score_chunk(
    raws: list[np.ndarray],
    start: int,
    *,
    logits: bool,
    pair: tuple[int, int] | None,
    labels: np.ndarray | None,
) -> ChunkScores:
    """Score rows ``start`` … of every model (``raws`` holds one n × K block per model).

    Models are taken one at a time and the mean vector is accumulated in place, so the memory
    beyond the raw blocks is a few n × K arrays whatever the number of models.
    """
    import numpy as np

    models = len(raws)
    count, classes = raws[0].shape
    entropies = np.empty((models, count))
    model_top1 = np.empty((models, count), dtype=np.int64)
    mean = np.zeros((count, classes))
    for index, raw in enumerate(raws):
        probabilities = to_probabilities(raw, logits=logits)
        entropies[index] = entropy(probabilities)
        model_top1[index] = top_class(probabilities)
        mean += probabilities
        del probabilities
    mean /= models
    normalised = entropies / math.log(classes)
    top1 = top_class(mean)
    every = np.arange(count)
    top1_probability = mean[every, top1]
    mean[every, top1] = -1.0  # hide the top class to find the second, then put it back
    top2 = top_class(mean)
    mean[every, top1] = top1_probability
    top2_probability = mean[every, top2]
    pair_score = pair_margin = None
    if pair is not None:
        first, second = mean[:, pair[0]], mean[:, pair[1]]
        pair_score = 2 * np.minimum(first, second)
        pair_margin = np.abs(first - second)
    divergence = None
    if models > 1:
        mixed = entropy(mean) - entropies.mean(axis=0)
        divergence = np.clip(mixed / math.log(models), 0.0, None)
    wrong = None
    if labels is not None:
        wrong = np.where(top1 != labels, top1_probability, np.nan)
    return ChunkScores(
        rows=np.arange(start, start + count, dtype=np.int64),
        entropy=normalised,
        mean_entropy=normalised.mean(axis=0),
        top1=top1,
        top2=top2,
        top1_probability=top1_probability,
        top2_probability=top2_probability,
        margin=np.maximum(top1_probability - top2_probability, 0.0),  # < 0 only within TIE
        pair_score=pair_score,
        pair_margin=pair_margin,
        divergence=divergence,
        model_top1=model_top1,
        disagree=(model_top1 != model_top1[0]).any(axis=0),
        labels=labels,
        wrong_confidence=wrong,
    )


class TopCandidates:
    """The ``top`` rows with the largest key so far (ties: the lower row first), with each kept
    row's raw values from every model, so its scores can be recomputed and checked later."""

    def __init__(self, top: int) -> None:
        import numpy as np

        self.top = top
        self.keys = np.empty(0)
        self.rows = np.empty(0, dtype=np.int64)
        self.raw: dict[int, np.ndarray] = {}

    def offer(self, keys: np.ndarray, rows: np.ndarray, raws: list[np.ndarray]) -> None:
        """Merge a chunk's candidates: a partial sort keeps only those that can still make it."""
        import numpy as np

        eligible = np.flatnonzero(~np.isnan(keys))
        if eligible.size > self.top:
            threshold = np.partition(keys[eligible], eligible.size - self.top)[
                eligible.size - self.top
            ]
            eligible = eligible[keys[eligible] >= threshold]  # ties at the threshold stay
        all_keys = np.concatenate([self.keys, keys[eligible]])
        all_rows = np.concatenate([self.rows, rows[eligible]])
        order = np.lexsort((all_rows, -all_keys))[: self.top]
        self.keys, self.rows = all_keys[order], all_rows[order]
        first = int(rows[0]) if rows.size else 0
        kept = {int(row) for row in self.rows}
        for row in kept - set(self.raw):
            self.raw[row] = np.stack([raw[row - first] for raw in raws])
        self.raw = {row: values for row, values in self.raw.items() if row in kept}
